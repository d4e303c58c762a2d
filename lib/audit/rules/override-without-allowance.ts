import { AuditLevel, AuditRule } from '../audit-rule';

/** A key in two scopes without an allowance: the narrower value silently shadows the broader one. */
export const OverrideWithoutAllowance: AuditRule = {
  id: 'NX2',
  level: AuditLevel.ERROR,
  description: 'A pool or worker Secret overrides a shared key that the blueprint does not allow it to.',
  check(input) {
    const bp = input.blueprint;
    if (!bp) return [];
    const allowed = new Set(bp.overrides.map(o => `${o.pool ?? '*'}/${o.name}`));
    const shared = new Set(bp.globalKeys);
    // By name: one lookup per ExternalSecret, not a scan of every pool (quadratic at thousands of pools).
    const pools = new Map(bp.pools.map(p => [p.name, p]));
    const findings: { resource: string; message: string }[] = [];
    for (const m of input.manifests ?? []) {
      if (m.kind !== 'ExternalSecret') continue;
      const poolName = input.poolSecrets?.[m.spec?.target?.name];
      const pool = poolName === undefined ? undefined : pools.get(poolName);
      if (!pool) continue;
      for (const d of m.spec?.data ?? []) {
        if (shared.has(d.secretKey) && !allowed.has(`${pool.name}/${d.secretKey}`) && !allowed.has(`*/${d.secretKey}`)) {
          findings.push({ resource: `ExternalSecret/${m.metadata?.name}`, message: `overrides the shared key ${d.secretKey} for pool ${pool.name} without allowance. Add it to the pool's allowOverride or remove it.` });
        }
      }
    }
    return findings;
  },
};
