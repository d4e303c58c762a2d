import { NoxusCatalog, NoxusService, PlatformSecret, SecretScope, SecretsBlueprint } from '../../lib/core';
import { BANK, OPENAI, platform, platformProps } from '../support/fixtures';

const A = PlatformSecret.custom({ name: 'A' });
const B = PlatformSecret.custom({ name: 'B' });

describe('effective environment', () => {
  test('Frontend, Backend and Beat receive exactly the global keys', () => {
    const bp = platform();
    for (const service of [NoxusService.FRONTEND, NoxusService.BACKEND, NoxusService.BEAT]) {
      const env = bp.environmentOf(service);
      expect(env.map(e => e.name)).toEqual(NoxusCatalog.all().map(s => s.name).sort());
      expect(env.every(e => e.scope === SecretScope.GLOBAL)).toBe(true);
    }
  });

  test('a worker-only key never reaches Frontend or Backend', () => {
    const bp = platform();
    expect(bp.environmentOf(NoxusService.FRONTEND).map(e => e.name)).not.toContain('OPENAI_API_KEY');
    expect(bp.environmentOf(NoxusService.BACKEND).map(e => e.name)).not.toContain('OPENAI_API_KEY');
  });

  test('the default pool gets the worker-only value, tenant-acme its own', () => {
    const bp = platform();
    const def = bp.environmentOf(NoxusService.WORKER, 'default').find(e => e.name === 'OPENAI_API_KEY');
    const acme = bp.environmentOf(NoxusService.WORKER, 'tenant-acme').find(e => e.name === 'OPENAI_API_KEY');
    expect(def).toMatchObject({ scope: SecretScope.WORKER_ONLY, pool: undefined });
    expect(acme).toMatchObject({ scope: SecretScope.POOL, pool: 'tenant-acme' });
    expect(acme?.secret).toBe(OPENAI);
  });

  test('precedence global < worker-only < pool for one key in all three scopes', () => {
    const bp = new SecretsBlueprint({
      secrets: [A], global: ['A'], workerOnly: ['A'], allowWorkerOnlyOverride: ['A'],
      pools: [{ name: 'p', secrets: ['A'], allowOverride: ['A'] }, { name: 'q' }],
    });
    expect(bp.environmentOf(NoxusService.WORKER, 'p')).toEqual([{ name: 'A', scope: SecretScope.POOL, pool: 'p', secret: A }]);
    expect(bp.environmentOf(NoxusService.WORKER, 'q')).toEqual([{ name: 'A', scope: SecretScope.WORKER_ONLY, pool: undefined, secret: A }]);
    expect(bp.environmentOf(NoxusService.BACKEND)).toEqual([{ name: 'A', scope: SecretScope.GLOBAL, pool: undefined, secret: A }]);
  });

  test('one pool\'s secret never reaches another pool', () => {
    const bp = new SecretsBlueprint({ secrets: [A, BANK], workerOnly: ['A'], pools: [{ name: 'finance', secrets: ['BANK_API_TOKEN'] }, { name: 'general' }] });
    expect(bp.environmentOf(NoxusService.WORKER, 'general').map(e => e.name)).toEqual(['A']);
    expect(bp.environmentOf(NoxusService.WORKER, 'finance').map(e => e.name)).toEqual(['A', 'BANK_API_TOKEN']);
  });

  test('the pool Secret holds worker-only keys under the pool\'s own, not the global ones', () => {
    const bp = platform();
    expect(bp.poolSecretKeys('default').map(e => [e.name, e.scope])).toEqual([['OPENAI_API_KEY', SecretScope.WORKER_ONLY]]);
    expect(bp.poolSecretKeys('tenant-acme').map(e => [e.name, e.scope])).toEqual([['OPENAI_API_KEY', SecretScope.POOL]]);
  });

  test('a worker without a pool is an error listing the pools', () => {
    expect(() => platform().environmentOf(NoxusService.WORKER)).toThrow(
      'SecretsBlueprint: environmentOf("worker") needs a pool, because each pool has its own keys. Pass one of: default, tenant-acme.');
  });

  test('a pool for a non-worker service is an error', () => {
    expect(() => platform().environmentOf(NoxusService.BACKEND, 'default')).toThrow(
      'SecretsBlueprint: environmentOf("backend") got pool "default", but only workers belong to pools. Pass no pool, or NoxusService.WORKER.');
  });

  test('an unknown pool is an error listing the pools', () => {
    expect(() => platform().pool('acme')).toThrow(
      'SecretsBlueprint: no worker pool named "acme" (pools: default, tenant-acme). Fix the name or add the pool to pools.');
  });

  test('an unknown secret is an error listing the declared ones', () => {
    expect(() => new SecretsBlueprint({ secrets: [A], global: ['A'] }).secret('X')).toThrow(
      'SecretsBlueprint: no secret named "X" is declared (declared: A). Fix the name or declare it in secrets.');
  });
});

describe('override report', () => {
  test('reports the pool override of the worker-only key', () => {
    expect(platform().overrides).toEqual([
      { name: 'OPENAI_API_KEY', overridden: SecretScope.WORKER_ONLY, by: SecretScope.POOL, pool: 'tenant-acme' },
    ]);
  });

  test('reports worker-only over global, and a pool over global', () => {
    const bp = new SecretsBlueprint({
      secrets: [A, B], global: ['A', 'B'], workerOnly: ['A'], allowWorkerOnlyOverride: ['A'],
      pools: [{ name: 'p', secrets: ['B'], allowOverride: ['B'] }],
    });
    expect(bp.overrides).toEqual([
      { name: 'A', overridden: SecretScope.GLOBAL, by: SecretScope.WORKER_ONLY },
      { name: 'B', overridden: SecretScope.GLOBAL, by: SecretScope.POOL, pool: 'p' },
    ]);
  });

  test('no overlap, no report', () => {
    expect(new SecretsBlueprint({ secrets: [A], global: ['A'] }).overrides).toEqual([]);
  });
});

describe('validation errors', () => {
  test('a pool override without allowance', () => {
    const props = platformProps();
    expect(() => new SecretsBlueprint({ ...props, pools: [{ name: 'default' }, { name: 'tenant-acme', secrets: ['OPENAI_API_KEY'] }] })).toThrow(
      'WorkerPool "tenant-acme": pool secret "OPENAI_API_KEY" overrides the worker-only one without allowance ' +
      '(a narrower scope replaces a key only where allowed, so that no pool silently shadows a broader secret). ' +
      'Add "OPENAI_API_KEY" to the pool\'s allowOverride, or remove it from the pool\'s secrets.');
  });

  test('a pool override of a global key without allowance names the global scope', () => {
    expect(() => new SecretsBlueprint({ secrets: [A], global: ['A'], pools: [{ name: 'p', secrets: ['A'] }] })).toThrow(
      'WorkerPool "p": pool secret "A" overrides the global one without allowance');
  });

  test('a worker-only override without allowance', () => {
    expect(() => new SecretsBlueprint({ secrets: [A], global: ['A'], workerOnly: ['A'], pools: [{ name: 'p' }] })).toThrow(
      'SecretsBlueprint: worker-only secret "A" overrides the global one without allowance ' +
      '(a narrower scope replaces a key only where allowed, so that no scope silently shadows another). ' +
      'Add "A" to allowWorkerOnlyOverride, or remove it from workerOnly or global.');
  });

  test('a stale worker-only allowance', () => {
    expect(() => new SecretsBlueprint({ secrets: [A, B], global: ['A'], workerOnly: ['B'], allowWorkerOnlyOverride: ['A'], pools: [{ name: 'p' }] })).toThrow(
      'SecretsBlueprint: allowWorkerOnlyOverride lists "A", but it is not in both global and workerOnly, ' +
      'so nothing is overridden (a stale allowance hides future mistakes). Remove it.');
  });

  test('a stale pool allowance', () => {
    expect(() => new SecretsBlueprint({ secrets: [A, B], global: ['A'], pools: [{ name: 'p', secrets: ['B'], allowOverride: ['B'] }] })).toThrow(
      'WorkerPool "p": allowOverride lists "B", but the pool does not override it ' +
      "(it must be in the pool's secrets and in global or workerOnly; a stale allowance hides future mistakes). Remove it.");
  });

  test('a secret declared twice', () => {
    expect(() => new SecretsBlueprint({ secrets: [A, PlatformSecret.custom({ name: 'A' })], global: ['A'] })).toThrow(
      'SecretsBlueprint: secrets declares "A" twice (each env name is declared once and placed in as many scopes as need it). ' +
      'Remove the second declaration.');
  });

  test('a pool name used twice', () => {
    expect(() => new SecretsBlueprint({ secrets: [A], workerOnly: ['A'], pools: [{ name: 'p' }, { name: 'p' }] })).toThrow(
      'WorkerPool "p": pool name is used twice (the chart keys pools by name under worker.pools). Rename one of them.');
  });

  test('a key listed twice in a scope', () => {
    expect(() => new SecretsBlueprint({ secrets: [A], global: ['A', 'A'] })).toThrow(
      'SecretsBlueprint: global lists "A" twice (each key once). Remove the repeat.');
  });

  test('a scope naming an undeclared secret', () => {
    expect(() => new SecretsBlueprint({ secrets: [A], global: ['A'], pools: [{ name: 'p', secrets: ['OPENAI_APIKEY'] }] })).toThrow(
      'WorkerPool "p": secrets names "OPENAI_APIKEY", which is not declared in secrets (declared: A). ' +
      'Fix the name, or declare it, e.g. PlatformSecret.custom({ name: "OPENAI_APIKEY" }).');
  });

  test('a pool with nothing in it', () => {
    expect(() => new SecretsBlueprint({ secrets: [A], global: ['A'], pools: [{ name: 'empty' }] })).toThrow(
      'WorkerPool "empty": the pool has nothing in it (no pool secrets and no worker-only secrets, so its env Secret would be empty). ' +
      'Give it secrets, add worker-only secrets, or leave the pool out (a pool that needs only the shared Secret needs no envSecretRef).');
  });

  test('worker-only secrets without any pool', () => {
    expect(() => new SecretsBlueprint({ secrets: [A], workerOnly: ['A'] })).toThrow(
      'SecretsBlueprint: workerOnly has 1 secret(s) (A) but there are no pools, and workers receive them only through a pool\'s Secret. ' +
      'Add at least one pool, e.g. pools: [{ name: "default" }].');
  });

  test('a secret in no scope', () => {
    expect(() => new SecretsBlueprint({ secrets: [A, B], global: ['A'] })).toThrow(
      'SecretsBlueprint: secret "B" is declared but in no scope, so no service would receive it. ' +
      "Add it to global, workerOnly or a pool's secrets, or remove the declaration.");
  });

  test('an invalid pool name surfaces through the blueprint', () => {
    expect(() => new SecretsBlueprint({ secrets: [A], workerOnly: ['A'], pools: [{ name: 'Tenant Acme' }] })).toThrow(
      'WorkerPool "Tenant Acme": pool name "Tenant Acme" is not a valid Kubernetes name');
  });
});

test('outputs are sorted whatever the declaration order', () => {
  const bp = new SecretsBlueprint({ secrets: [B, A], global: ['B', 'A'], workerOnly: [], pools: [] });
  expect(bp.secrets.map(s => s.name)).toEqual(['A', 'B']);
  expect(bp.globalKeys).toEqual(['A', 'B']);
});
