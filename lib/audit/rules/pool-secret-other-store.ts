import { AuditLevel, AuditRule, manifestName } from '../audit-rule';

/** The Secret an ExternalSecret writes: spec.target.name, else its own name. */
export function targetOf(m: any): string | undefined {
  return m.spec?.target?.name ?? m.metadata?.name;
}

/** Every store an ExternalSecret reads: its secretStoreRef and each entry's sourceRef.storeRef, as 'Kind/name'. */
export function storesOf(m: any): string[] {
  const ref = (r: any) => `${r.kind ?? 'SecretStore'}/${r.name}`;
  const entries = [...(m.spec?.data ?? []), ...(m.spec?.dataFrom ?? [])];
  return [
    ...(m.spec?.secretStoreRef ? [ref(m.spec.secretStoreRef)] : []),
    ...entries.filter(e => e?.sourceRef?.storeRef).map(e => ref(e.sourceRef.storeRef)),
  ];
}

/** An env Secret of the platform written through a store that is not its own: another pool's keys would land in it. */
export const PoolSecretOtherStore: AuditRule = {
  id: 'NX13',
  level: AuditLevel.ERROR,
  description: "An ExternalSecret writes an env Secret of the platform through a store that is not that Secret's own.",
  check(input) {
    const owners = input.secretStores;
    if (!owners) return [];
    const findings: { resource: string; message: string }[] = [];
    for (const m of input.manifests ?? []) {
      if (m?.kind !== 'ExternalSecret') continue;
      const target = targetOf(m);
      const own = target === undefined ? undefined : owners[target];
      if (own === undefined) continue;
      for (const store of storesOf(m)) {
        if (store !== `SecretStore/${own}`) {
          findings.push({
            resource: manifestName(m),
            message: `writes Secret ${JSON.stringify(target)} through ${store}, but only SecretStore/${own} may (it reads exactly that Secret's keys). ` +
              'Read from the Secret\'s own store, or write another Secret.',
          });
        }
      }
    }
    return findings;
  },
};
