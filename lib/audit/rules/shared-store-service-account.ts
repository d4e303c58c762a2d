import { AuditLevel, AuditRule, manifestName } from '../audit-rule';

/** One ServiceAccount behind two stores: whoever edits one store's ExternalSecrets reads the other's secrets. */
export const SharedStoreServiceAccount: AuditRule = {
  id: 'NX4',
  level: AuditLevel.ERROR,
  description: 'Two SecretStores authenticate as the same ServiceAccount, so their isolation is gone.',
  check(input) {
    const owners = new Map<string, string>();
    const findings: { resource: string; message: string }[] = [];
    for (const m of input.manifests ?? []) {
      if (!['SecretStore', 'ClusterSecretStore'].includes(m.kind) || !String(m.apiVersion).startsWith('external-secrets.io/')) continue;
      const refs = [...JSON.stringify(m.spec?.provider ?? {}).matchAll(/"serviceAccountRef":\{"name":"([^"]+)"(?:,"namespace":"([^"]+)")?/g)];
      for (const ref of refs) {
        const key = `${ref[2] ?? m.metadata?.namespace ?? ''}/${ref[1]}`;
        const other = owners.get(key);
        if (other !== undefined && other !== manifestName(m)) {
          findings.push({ resource: manifestName(m), message: `authenticates as ServiceAccount ${JSON.stringify(ref[1])}, like ${other}. Give each store its own ServiceAccount and cloud identity.` });
        }
        owners.set(key, manifestName(m));
      }
    }
    return findings;
  },
};
