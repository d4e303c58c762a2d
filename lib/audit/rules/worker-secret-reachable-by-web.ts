import { AuditLevel, AuditRule, manifestName } from '../audit-rule';

/** The annotation the library puts on workloads it wires, naming the service or pool. */
export const SERVICE_ANNOTATION = 'noxus-secrets-cdk/service';

/** A worker-only or pool secret reachable by Frontend, Backend or Beat: their blast radius is the web. */
export const WorkerSecretReachableByWeb: AuditRule = {
  id: 'NX1',
  level: AuditLevel.ERROR,
  description: 'A worker-only or pool Secret is mounted into Frontend, Backend or Beat.',
  check(input) {
    const pool = new Set(Object.keys(input.poolSecrets ?? {}));
    const findings: { resource: string; message: string }[] = [];
    for (const m of input.manifests ?? []) {
      const service = m.metadata?.annotations?.[SERVICE_ANNOTATION];
      if (!['frontend', 'backend', 'beat'].includes(service)) continue;
      const spec = m.spec?.template?.spec ?? m.spec;
      for (const c of [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])]) {
        const names = [
          ...(c.envFrom ?? []).map((e: any) => e.secretRef?.name),
          ...(c.env ?? []).map((e: any) => e.valueFrom?.secretKeyRef?.name),
        ].filter((n: unknown): n is string => typeof n === 'string' && pool.has(n));
        for (const name of names) {
          findings.push({
            resource: manifestName(m),
            message: `${service} container ${JSON.stringify(c.name)} reads the pool Secret ${JSON.stringify(name)}, whose worker keys must never reach ${service}. ` +
              'Wire it with attachService (shared Secret only), or move the keys to global if every service needs them.',
          });
        }
      }
    }
    return findings;
  },
};
