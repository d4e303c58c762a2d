import * as fc from 'fast-check';
import { PlatformSecret, SecretCategory, SecretsBlueprintProps } from '../../lib';

const envName = fc.stringMatching(/^[A-Z][A-Z0-9_]{0,11}$/);
const poolName = fc.stringMatching(/^[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,4})?$/);

/** Valid blueprint props: every secret placed, overlaps allowed, no empty pool. */
export const validModel: fc.Arbitrary<SecretsBlueprintProps> = fc
  .record({
    names: fc.uniqueArray(envName, { minLength: 1, maxLength: 8 }),
    pools: fc.uniqueArray(poolName, { minLength: 1, maxLength: 4 }),
    seed: fc.array(fc.nat(99), { minLength: 40, maxLength: 40 }),
    highRisk: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
  })
  .map(({ names, pools, seed, highRisk }) => {
    let i = 0;
    const pick = () => seed[i++ % seed.length];
    const secrets = names.map((name, k) => PlatformSecret.custom({ name, category: SecretCategory.CUSTOM, highRisk: highRisk[k] }));
    const global = names.filter(() => pick() % 2 === 0);
    const workerOnly = names.filter(() => pick() % 3 === 0);
    const poolProps = pools.map(name => {
      const own = names.filter(() => pick() % 4 === 0);
      return { name, secrets: own, allowOverride: own.filter(n => global.includes(n) || workerOnly.includes(n)) };
    });
    // Every secret in some scope, and no pool with nothing in it.
    const placed = new Set([...global, ...workerOnly, ...poolProps.flatMap(p => p.secrets)]);
    for (const n of names) if (!placed.has(n)) global.push(n);
    if (workerOnly.length === 0) for (const p of poolProps) if (p.secrets.length === 0) { p.secrets.push(names[0]); if (global.includes(names[0])) p.allowOverride.push(names[0]); }
    return {
      secrets,
      global,
      workerOnly,
      allowWorkerOnlyOverride: workerOnly.filter(n => global.includes(n)),
      pools: poolProps,
    };
  });

/** One way to break a valid model, each a rule of the blueprint. */
export const breakModel: fc.Arbitrary<(p: SecretsBlueprintProps) => SecretsBlueprintProps> = fc.constantFrom(
  (p: SecretsBlueprintProps) => ({ ...p, pools: [...(p.pools ?? []), { name: 'Bad_Pool' }] }),
  (p: SecretsBlueprintProps) => ({ ...p, pools: [...(p.pools ?? []), (p.pools ?? [])[0]] }),
  (p: SecretsBlueprintProps) => ({ ...p, global: [...(p.global ?? []), 'NOT_DECLARED'] }),
  (p: SecretsBlueprintProps) => ({ ...p, secrets: [...p.secrets, PlatformSecret.custom({ name: 'UNPLACED_SECRET' })] }),
  (p: SecretsBlueprintProps) => ({ ...p, secrets: [...p.secrets, p.secrets[0]] }),
  (p: SecretsBlueprintProps) => ({ ...p, allowWorkerOnlyOverride: [...(p.allowWorkerOnlyOverride ?? []), 'NOT_OVERRIDDEN'] }),
  (p: SecretsBlueprintProps) => ({
    ...p,
    global: [...new Set([...(p.global ?? []), p.secrets[0].name])],
    pools: (p.pools ?? []).map((pool, i) => (i === 0 ? { ...pool, secrets: [...new Set([...(pool.secrets ?? []), p.secrets[0].name])], allowOverride: [] } : pool)),
  }),
);

/**
 * Whether `e` is one of the library's documented refusals of a random model with generated values:
 * a generated value's Secret named like another object (A_ in kebab case is 'a', as is pool 'a'), or a
 * store holding only generated values with different rotation periods (one ExternalSecret, one period).
 */
export function isGeneratedValueRefusal(e: unknown): boolean {
  const message = (e as Error).message;
  return /are both ExternalSecret "[^"]+" in namespace "[^"]+"; Kubernetes keeps one of them/.test(message) ||
    /the store holds only generated values \(.*\), which one ExternalSecret generates together on one period/.test(message);
}
