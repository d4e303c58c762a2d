import { EnvSecretSource } from '../../lib';

test('only the unsafe source writes values', () => {
  expect(EnvSecretSource.existing().writesValues).toBe(false);
  expect(EnvSecretSource.unsafePlaintextForLocalDevelopment({}).writesValues).toBe(true);
});

describe('externalSecrets', () => {
  const { Testing } = require('cdk8s');
  const { NoxusPlatformSecrets, SecretBackend, WorkloadIdentity } = require('../../lib');
  const { platform } = require('../support/fixtures');
  const { validateAll } = require('../support/schema');
  const SM = SecretBackend.awsSecretsManager({ region: 'eu-west-1' });
  const IRSA = WorkloadIdentity.irsa({ accountId: '123456789012' });

  function synth(source: EnvSecretSource): any[] {
    const chart = new NoxusPlatformSecrets(Testing.app(), 'noxus-secrets', { blueprint: platform(), namespace: 'noxus', source, writeHelmValues: false });
    const manifests = Testing.synth(chart);
    validateAll(manifests);
    return manifests;
  }

  test('one ServiceAccount, store and ExternalSecret per env Secret', () => {
    const manifests = synth(EnvSecretSource.externalSecrets({ backend: SM, identity: IRSA }));
    const byKind = (kind: string) => manifests.filter(m => m.kind === kind).map(m => m.metadata.name);
    expect(byKind('ServiceAccount')).toEqual(['noxus-eso-platform', 'noxus-eso-pool-default', 'noxus-eso-pool-tenant-acme']);
    expect(byKind('SecretStore')).toEqual(['noxus-platform', 'noxus-pool-default', 'noxus-pool-tenant-acme']);
    expect(byKind('ExternalSecret')).toEqual(['app-env', 'app-env-default', 'app-env-tenant-acme']);
    expect(manifests.some(m => m.kind === 'Secret')).toBe(false);
  });

  test('isolation: each pool\'s ExternalSecret reads its own store, and only worker-wide or its own keys', () => {
    const manifests = synth(EnvSecretSource.externalSecrets({ backend: SM, identity: IRSA }));
    const es = (name: string) => manifests.find(m => m.kind === 'ExternalSecret' && m.metadata.name === name);
    expect(es('app-env-default').spec.secretStoreRef.name).toBe('noxus-pool-default');
    expect(es('app-env-default').spec.data).toEqual([{ secretKey: 'OPENAI_API_KEY', remoteRef: { key: 'noxus/workers/OPENAI_API_KEY' } }]);
    expect(es('app-env-tenant-acme').spec.secretStoreRef.name).toBe('noxus-pool-tenant-acme');
    expect(es('app-env-tenant-acme').spec.data).toEqual([{ secretKey: 'OPENAI_API_KEY', remoteRef: { key: 'noxus/pools/tenant-acme/OPENAI_API_KEY' } }]);
    expect(es('app-env').spec.data.every((d: any) => d.remoteRef.key.startsWith('noxus/platform/'))).toBe(true);
    const roles = manifests.filter(m => m.kind === 'ServiceAccount').map(m => m.metadata.annotations['eks.amazonaws.com/role-arn']);
    expect(new Set(roles).size).toBe(3);
  });

  test('the refresh interval reaches every ExternalSecret', () => {
    const manifests = synth(EnvSecretSource.externalSecrets({ backend: SM, identity: IRSA, refreshInterval: '10m' }));
    expect(manifests.filter(m => m.kind === 'ExternalSecret').map(m => m.spec.refreshInterval)).toEqual(['10m', '10m', '10m']);
  });

  test('Vault entries read the field "value"', () => {
    const manifests = synth(EnvSecretSource.externalSecrets({ backend: SecretBackend.vault({ server: 'https://vault:8200' }), identity: WorkloadIdentity.vaultKubernetes() }));
    const data = manifests.filter(m => m.kind === 'ExternalSecret').flatMap(m => m.spec.data);
    expect(data.every((d: any) => d.remoteRef.property === 'value')).toBe(true);
  });

  test('a mismatched identity is an error when the source is made', () => {
    expect(() => EnvSecretSource.externalSecrets({ backend: SM, identity: WorkloadIdentity.vaultKubernetes() })).toThrow(
      'WorkloadIdentity: identity "vault-kubernetes" cannot authenticate to backend "aws-secrets-manager"');
  });

  test('a store without an Azure client ID is an error before anything renders', () => {
    const source = EnvSecretSource.externalSecrets({
      backend: SecretBackend.azureKeyVault({ vaultUrl: 'https://noxus-prod.vault.azure.net/' }),
      identity: WorkloadIdentity.azureWorkloadIdentity({ tenantId: '00000000-0000-0000-0000-000000000000', clientIds: { platform: '11111111-1111-1111-1111-111111111111' } }),
    });
    expect(() => synth(source)).toThrow(
      '[noxus-secrets] WorkloadIdentity.azureWorkloadIdentity: clientIds has no entry for store "pool-default" (given: platform).');
  });

  test('a remote key override the backend rejects is an error with the construct path', () => {
    const source = EnvSecretSource.externalSecrets({ backend: SM, identity: IRSA, remoteKeys: { overrides: { 'workers/OPENAI_API_KEY': 'has space' } } });
    expect(() => synth(source)).toThrow(
      '[noxus-secrets] RemoteKeyScheme workers/OPENAI_API_KEY: remote key "has space" is not a valid aws-secrets-manager secret name');
  });
});
