import { AuditLevel, AuditRule, manifestName } from '../audit-rule';

/** refreshInterval 0 never picks up a rotated value: pods keep the old credential until it is revoked. */
export const RefreshDisabledOnRotated: AuditRule = {
  id: 'NX10',
  level: AuditLevel.WARNING,
  description: 'An ExternalSecret with refreshInterval 0 syncs a secret that rotates.',
  check(input) {
    const rotated = new Set((input.blueprint?.secrets ?? []).filter(s => s.rotation).map(s => s.name));
    return (input.manifests ?? [])
      .filter(m => m.kind === 'ExternalSecret' && /^0[a-z]*$/.test(String(m.spec?.refreshInterval ?? '')))
      .flatMap(m => (m.spec?.data ?? []).filter((d: any) => rotated.has(d.secretKey)).map((d: any) => ({
        resource: manifestName(m),
        message: `has refreshInterval ${m.spec.refreshInterval} but ${d.secretKey} rotates, so the Secret would keep the old value. Use a refresh interval, e.g. "1h".`,
      })));
  },
};
