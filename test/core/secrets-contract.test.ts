import { AzureWorkloadIdentity, SecretBackend, SecretsBlueprint, SecretsContract, WorkloadIdentity } from '../../lib/core';
import { OPENAI, platform, platformProps } from '../support/fixtures';

const SM = SecretBackend.awsSecretsManager({ region: 'eu-west-1' });
const IRSA = WorkloadIdentity.irsa({ accountId: '123456789012' });

test('stores are typed objects with every derived name', () => {
  const contract = new SecretsContract({ blueprint: platform(), backend: SM, identity: IRSA, namespace: 'noxus' });
  expect(contract.stores.map(s => s.id)).toEqual(['platform', 'pool-default', 'pool-tenant-acme']);
  const acme = contract.poolStore('tenant-acme');
  expect(acme.pool).toBe('tenant-acme');
  expect([acme.storeName, acme.serviceAccountName, acme.csiServiceAccountName, acme.namespace]).toEqual(['noxus-pool-tenant-acme', 'noxus-eso-pool-tenant-acme', 'noxus-csi-pool-tenant-acme', 'noxus']);
  expect(acme.remoteKeys.map(k => k.key)).toEqual(['noxus/pools/tenant-acme/OPENAI_API_KEY']);
  expect(acme.identity.principalName).toBe('noxus-eso-pool-tenant-acme');
  expect(contract.sharedStore?.id).toBe('platform');
  expect(contract.storeById('pool-default')).toBe(contract.poolStore('default'));
});

test('an environment prefixes every derived name, so two environments never collide', () => {
  const names = (environment?: string) => {
    const c = new SecretsContract({ blueprint: platform(), backend: SM, identity: IRSA, namespace: 'noxus', environment });
    const s = c.sharedStore!;
    return [s.storeName, s.serviceAccountName, s.identity.principalName!, s.remoteKeys[0].key];
  };
  expect(names('prod')).toEqual(['noxus-prod-platform', 'noxus-prod-eso-platform', 'noxus-prod-eso-platform', 'noxus-prod/platform/PLUGIN_SERVER_API_KEY']);
  const staging = names('staging');
  for (const [i, n] of names('prod').entries()) expect(staging[i]).not.toBe(n);
  expect(names()).toEqual(['noxus-platform', 'noxus-eso-platform', 'noxus-eso-platform', 'noxus/platform/PLUGIN_SERVER_API_KEY']);
});

test('a blueprint without global keys has no shared store', () => {
  const bp = new SecretsBlueprint({ secrets: [OPENAI], workerOnly: ['OPENAI_API_KEY'], pools: [{ name: 'a' }] });
  expect(new SecretsContract({ blueprint: bp }).sharedStore).toBeUndefined();
});

describe('errors', () => {
  test('missing blueprint, from JavaScript', () => {
    expect(() => new SecretsContract({} as any)).toThrow(
      'SecretsContract: blueprint is required (a SecretsBlueprint). Pass blueprint: new SecretsBlueprint({ ... }).');
    expect(() => new SecretsContract(undefined as any)).toThrow('SecretsContract: props are missing. Pass { blueprint, backend, identity, namespace }.');
  });
  test('a backend without identity, and the reverse', () => {
    expect(() => new SecretsContract({ blueprint: platform(), backend: SM })).toThrow(
      'SecretsContract: backend "aws-secrets-manager" is given without an identity, and every store authenticates to the backend with one. ' +
      'Add identity, e.g. WorkloadIdentity.irsa({ accountId }) for AWS.');
    expect(() => new SecretsContract({ blueprint: platform(), identity: IRSA })).toThrow(
      'SecretsContract: identity "irsa" is given without a backend. Add the backend it reads, or remove the identity.');
  });
  test('a bad environment', () => {
    expect(() => new SecretsContract({ blueprint: platform(), environment: 'Prod_1' })).toThrow(
      'SecretsContract: environment "Prod_1" is not an environment name (1-12 of a-z, 0-9, \'-\', starting with a letter; ' +
      'it goes into IAM role, GSA and identity names, which are short). Use e.g. "prod".');
  });
  test('an unknown pool or store', () => {
    const c = new SecretsContract({ blueprint: platform() });
    expect(() => c.poolStore('acme')).toThrow('SecretsContract: no worker pool named "acme" (pools: default, tenant-acme). Fix the name or add the pool to the blueprint.');
    expect(() => c.storeById('pool-x')).toThrow('SecretsContract: no store "pool-x" (stores: platform, pool-default, pool-tenant-acme).');
  });
  test('remote keys without a backend', () => {
    expect(() => new SecretsContract({ blueprint: platform() }).remoteKeyScheme).toThrow(
      'SecretsContract: there are no remote keys, because the contract has no backend. Give the contract a backend, e.g. SecretBackend.awsSecretsManager({ region }).');
  });
  test('withIdentity keeps every fact but the identity, and refuses another kind', () => {
    const tenantId = '00000000-0000-0000-0000-000000000000';
    const az = WorkloadIdentity.azureWorkloadIdentity({ tenantId });
    const c = new SecretsContract({ blueprint: platform(), backend: SecretBackend.azureKeyVault({ vaultUrl: 'https://noxus-prod.vault.azure.net/' }), identity: az, namespace: 'noxus', environment: 'prod' });
    const d = c.withIdentity(az.withClientIds({ platform: '11111111-1111-1111-1111-111111111111' }));
    expect([d.blueprint, d.backend, d.namespace, d.environment]).toEqual([c.blueprint, c.backend, c.namespace, c.environment]);
    expect((d.identity as AzureWorkloadIdentity)._clientId('platform')).toBe('11111111-1111-1111-1111-111111111111');
    expect(() => c.withIdentity(IRSA)).toThrow(
      'SecretsContract.withIdentity: identity "irsa" is not of the contract\'s kind "azure-workload-identity"; the cloud side was built for that one. Build another contract instead.');
  });
});

describe('derived names never collide', () => {
  const long = 'tenant-abcdefghijklmnopqrstuvwxyz-0123456789';
  const gsa = WorkloadIdentity.gkeWorkloadIdentity({ projectId: 'noxus-prod' });
  const gcp = SecretBackend.gcpSecretManager({ projectId: 'noxus-prod' });

  test('a pool named like another pool\'s shortened GSA name is the library\'s error', () => {
    const cut = gsa.bind({ id: `pool-${long}`, namePrefix: 'noxus', serviceAccountName: 'x' }).principalName!;
    expect(cut).toMatch(/^noxus-pool-tenant-abcde-[0-9a-f]{6}$/);
    const twin = cut.replace(/^noxus-pool-/, '');
    const blueprint = new SecretsBlueprint({ ...platformProps(), pools: [{ name: long }, { name: twin }] });
    expect(() => new SecretsContract({ blueprint, backend: gcp, identity: gsa, namespace: 'noxus' })).toThrow(
      // Pools are sorted by name, so the short one comes first.
      `SecretsContract: stores "pool-${twin}" and "pool-${long}" both derive the gke-workload-identity principal name "${cut}" ` +
      '(long names are cut and end in a hash), so one principal would read both stores\' secrets. Rename one of the pools, or give the identity a shorter name prefix.');
  });

  test('the same for IAM role names (64 characters), and distinct names pass', () => {
    const irsa = WorkloadIdentity.irsa({ accountId: '123456789012', roleNamePrefix: 'a-long-role-name-prefix-noxus' });
    const longPool = 'tenant-abcdefghijklmnopqrstuvwxyz-0123456789';
    const cut = irsa._roleName('noxus', `pool-${longPool}`);
    expect(cut).toHaveLength(64);
    const twin = cut.replace(/^a-long-role-name-prefix-noxus-pool-/, '');
    const aws = SecretBackend.awsSecretsManager({ region: 'eu-west-1' });
    const pools = (...names: string[]) => new SecretsBlueprint({ ...platformProps(), pools: names.map(name => ({ name })) });
    expect(() => new SecretsContract({ blueprint: pools(longPool, twin), backend: aws, identity: irsa, namespace: 'noxus' })).toThrow(/both derive the irsa principal name/);
    expect(() => new SecretsContract({ blueprint: pools(longPool, 'acme'), backend: aws, identity: irsa, namespace: 'noxus' })).not.toThrow();
  });
});
