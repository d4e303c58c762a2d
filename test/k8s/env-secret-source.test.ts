import { EnvSecretSource, NoxusApp } from '../../lib';

test('only the unsafe source writes values', () => {
  expect(EnvSecretSource.existing().writesValues).toBe(false);
  expect(EnvSecretSource.unsafePlaintextForLocalDevelopment({}).writesValues).toBe(true);
});

describe('externalSecrets', () => {
  const { Testing } = require('cdk8s');
  const { NoxusPlatformSecrets, SecretBackend, SecretsContract, WorkloadIdentity } = require('../../lib');
  const { platform } = require('../support/fixtures');
  const { validateAll } = require('../support/schema');
  const SM = SecretBackend.awsSecretsManager({ region: 'eu-west-1' });
  const IRSA = WorkloadIdentity.irsa({ accountId: '123456789012' });

  function synth(facts: { backend: unknown; identity: unknown; remoteKeys?: unknown }, source = EnvSecretSource.externalSecrets()): any[] {
    const contract = new SecretsContract({ blueprint: platform(), namespace: 'noxus', ...facts });
    const chart = new NoxusPlatformSecrets(new NoxusApp(), 'noxus-secrets', { contract, source, writeHelmValues: false });
    const manifests = Testing.synth(chart);
    validateAll(manifests);
    return manifests;
  }

  test('one ServiceAccount, store and ExternalSecret per env Secret', () => {
    const manifests = synth({ backend: SM, identity: IRSA });
    const byKind = (kind: string) => manifests.filter(m => m.kind === kind).map(m => m.metadata.name);
    expect(byKind('ServiceAccount')).toEqual(['noxus-eso-platform', 'noxus-eso-pool-default', 'noxus-eso-pool-tenant-acme']);
    expect(byKind('SecretStore')).toEqual(['noxus-platform', 'noxus-pool-default', 'noxus-pool-tenant-acme']);
    expect(byKind('ExternalSecret')).toEqual(['app-env', 'app-env-default', 'app-env-tenant-acme']);
    expect(manifests.some(m => m.kind === 'Secret')).toBe(false);
  });

  test('isolation: each pool\'s ExternalSecret reads its own store, and only worker-wide or its own keys', () => {
    const manifests = synth({ backend: SM, identity: IRSA });
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
    const manifests = synth({ backend: SM, identity: IRSA }, EnvSecretSource.externalSecrets({ refreshInterval: '10m' }));
    expect(manifests.filter(m => m.kind === 'ExternalSecret').map(m => m.spec.refreshInterval)).toEqual(['10m', '10m', '10m']);
  });

  test('Vault entries read the field "value"', () => {
    const manifests = synth({ backend: SecretBackend.vault({ server: 'https://vault:8200' }), identity: WorkloadIdentity.vaultKubernetes() });
    const data = manifests.filter(m => m.kind === 'ExternalSecret').flatMap(m => m.spec.data);
    expect(data.every((d: any) => d.remoteRef.property === 'value')).toBe(true);
  });

  test('the backend, identity and remote keys of earlier versions (a JavaScript caller) are the library\'s error, naming them', () => {
    expect(() => EnvSecretSource.externalSecrets({ backend: SM, identity: IRSA, refreshInterval: '10m' } as any)).toThrow(
      'EnvSecretSource.externalSecrets: backend and identity are no longer props: the SecretsContract holds them, so that every side reads one value. ' +
      'Pass contract: new SecretsContract({ blueprint, backend, identity, namespace }) to the construct that takes this source.');
    expect(() => EnvSecretSource.externalSecrets({ remoteKeys: { prefix: 'other' } } as any)).toThrow(
      'EnvSecretSource.externalSecrets: remoteKeys is no longer a prop: the SecretsContract holds it, so that every side reads one value. ' +
      'Pass contract: new SecretsContract({ blueprint, backend, identity, namespace }) to the construct that takes this source.');
  });

  test('a contract without a backend has nothing to read', () => {
    expect(() => new NoxusPlatformSecrets(new NoxusApp(), 's', { contract: new SecretsContract({ blueprint: platform() }), source: EnvSecretSource.externalSecrets() })).toThrow(
      '[s] EnvSecretSource.externalSecrets: the contract has no backend, so there is nothing to read. ' +
      'Give the SecretsContract a backend and identity, or use EnvSecretSource.existing().');
  });

  test('a store without an Azure client ID is an error before anything renders', () => {
    const facts = {
      backend: SecretBackend.azureKeyVault({ vaultUrl: 'https://noxus-prod.vault.azure.net/' }),
      identity: WorkloadIdentity.azureWorkloadIdentity({ tenantId: '00000000-0000-0000-0000-000000000000', clientIds: { platform: '11111111-1111-1111-1111-111111111111' } }),
    };
    expect(() => synth(facts)).toThrow(
      '[noxus-secrets/Pool-default/Store] WorkloadIdentity.azureWorkloadIdentity: clientIds has no entry for store "pool-default" (given: platform).');
  });

  test('a remote key override the backend rejects is an error with the construct path', () => {
    expect(() => synth({ backend: SM, identity: IRSA, remoteKeys: { overrides: { 'workers/OPENAI_API_KEY': 'has space' } } })).toThrow(
      'RemoteKeyScheme workers/OPENAI_API_KEY: remote key "has space" is not a valid aws-secrets-manager secret name');
  });
});

describe('azureKeyVaultCsi', () => {
  const { Chart, Testing } = require('cdk8s');
  const kplus = require('cdk8s-plus-28');
  const { NoxusPlatformSecrets, NoxusService, ReloadStrategy, SecretBackend, SecretsContract, WorkloadIdentity } = require('../../lib');
  const { platform } = require('../support/fixtures');
  const { validateAll } = require('../support/schema');
  const { parse } = require('yaml');
  const AKV = SecretBackend.azureKeyVault({ vaultUrl: 'https://noxus-prod.vault.azure.net/' });
  const CLIENT_IDS = {
    'platform': '11111111-1111-1111-1111-111111111111',
    'pool-default': '22222222-2222-2222-2222-222222222222',
    'pool-tenant-acme': '33333333-3333-3333-3333-333333333333',
  };
  const AZ = WorkloadIdentity.azureWorkloadIdentity({ tenantId: '00000000-0000-0000-0000-000000000000', clientIds: CLIENT_IDS });
  const contract = (identity = AZ, backend = AKV) => new SecretsContract({ blueprint: platform(), namespace: 'noxus', backend, identity });

  function make(reload?: any) {
    const app = new NoxusApp();
    const secrets = new NoxusPlatformSecrets(app, 'noxus-secrets', { contract: contract(), source: EnvSecretSource.azureKeyVaultCsi(), reload, writeHelmValues: false });
    return { app, secrets };
  }

  test('one SecretProviderClass and ServiceAccount per env Secret, syncing into it', () => {
    const { secrets } = make();
    const manifests = Testing.synth(secrets);
    validateAll(manifests);
    const spcs = manifests.filter((m: any) => m.kind === 'SecretProviderClass');
    expect(spcs.map((m: any) => [m.metadata.name, m.spec.parameters.clientID, m.spec.secretObjects[0].secretName])).toEqual([
      ['noxus-platform', CLIENT_IDS.platform, 'app-env'],
      ['noxus-pool-default', CLIENT_IDS['pool-default'], 'app-env-default'],
      ['noxus-pool-tenant-acme', CLIENT_IDS['pool-tenant-acme'], 'app-env-tenant-acme'],
    ]);
    const acme = parse(spcs[2].spec.parameters.objects).array.map((i: string) => parse(i));
    expect(acme).toEqual([{ objectName: 'noxus-pools-tenant-acme-OPENAI-API-KEY', objectType: 'secret', objectVersion: '', objectAlias: 'OPENAI_API_KEY' }]);
    expect(spcs[2].spec.secretObjects[0].data).toEqual([{ objectName: 'OPENAI_API_KEY', key: 'OPENAI_API_KEY' }]);
    const accounts = manifests.filter((m: any) => m.kind === 'ServiceAccount');
    expect(accounts.map((m: any) => [m.metadata.name, m.metadata.annotations['azure.workload.identity/client-id']])).toEqual([
      ['noxus-csi-platform', CLIENT_IDS.platform], ['noxus-csi-pool-default', CLIENT_IDS['pool-default']], ['noxus-csi-pool-tenant-acme', CLIENT_IDS['pool-tenant-acme']],
    ]);
  });

  test('a worker mounts both classes read-only, runs as its pool\'s ServiceAccount and reloads on both', () => {
    const { app, secrets } = make(ReloadStrategy.NAMED_SECRETS);
    const apps = new Chart(app, 'apps', { namespace: 'noxus' });
    const account = secrets.podServiceAccountName(NoxusService.WORKER, 'tenant-acme');
    expect(account).toBe('noxus-csi-pool-tenant-acme');
    const d = new kplus.Deployment(apps, 'w', { serviceAccount: kplus.ServiceAccount.fromServiceAccountName(apps, 'sa', account) });
    d.addContainer({ image: 'noxus/worker:1', securityContext: { ensureNonRoot: false } });
    secrets.attachPool(d, 'tenant-acme');
    const [manifest] = Testing.synth(apps);
    validateAll([manifest]);
    const spec = manifest.spec.template.spec;
    expect(spec.serviceAccountName).toBe('noxus-csi-pool-tenant-acme');
    expect(spec.volumes).toEqual([
      { name: 'noxus-platform', csi: { driver: 'secrets-store.csi.k8s.io', readOnly: true, volumeAttributes: { secretProviderClass: 'noxus-platform' } } },
      { name: 'noxus-pool-tenant-acme', csi: { driver: 'secrets-store.csi.k8s.io', readOnly: true, volumeAttributes: { secretProviderClass: 'noxus-pool-tenant-acme' } } },
    ]);
    expect(spec.containers[0].volumeMounts).toEqual([
      { name: 'noxus-platform', mountPath: '/mnt/secrets-store/noxus-platform', readOnly: true },
      { name: 'noxus-pool-tenant-acme', mountPath: '/mnt/secrets-store/noxus-pool-tenant-acme', readOnly: true },
    ]);
    expect(manifest.metadata.annotations).toEqual({
      'secret.reloader.stakater.com/reload': 'app-env,app-env-tenant-acme',
      'secretproviderclass.reloader.stakater.com/reload': 'noxus-platform,noxus-pool-tenant-acme',
      'noxus-secrets-cdk/service': 'worker',
      'noxus-secrets-cdk/pool': 'tenant-acme',
    });
  });

  test('a 63-character pool name: each volume name stays a DNS label (63 at most), the class keeps its full name', () => {
    const { PlatformSecret, SecretsBlueprint, SecretsContract } = require('../../lib');
    const { isDnsLabel } = require('../../lib/core');
    const pool = `p${'x'.repeat(62)}`;
    const blueprint = new SecretsBlueprint({ secrets: ['A', 'B'].map(name => PlatformSecret.custom({ name })), global: ['A'], pools: [{ name: pool, secrets: ['B'] }] });
    const identity = WorkloadIdentity.azureWorkloadIdentity({
      tenantId: '00000000-0000-0000-0000-000000000000', clientIds: { 'platform': CLIENT_IDS.platform, [`pool-${pool}`]: CLIENT_IDS['pool-default'] },
    });
    const contract = new SecretsContract({ blueprint, namespace: 'noxus', environment: 'x'.repeat(12), backend: AKV, identity });
    const app = new NoxusApp();
    const secrets = new NoxusPlatformSecrets(app, 'noxus-secrets', { contract, source: EnvSecretSource.azureKeyVaultCsi(), writeHelmValues: false });
    const apps = new Chart(app, 'apps', { namespace: 'noxus' });
    const d = new kplus.Deployment(apps, 'w', { serviceAccount: kplus.ServiceAccount.fromServiceAccountName(apps, 'sa', secrets.podServiceAccountName(NoxusService.WORKER, pool)) });
    d.addContainer({ image: 'noxus/worker:1', securityContext: { ensureNonRoot: false } });
    secrets.attachPool(d, pool);
    const [manifest] = Testing.synth(apps);
    validateAll([manifest, ...Testing.synth(secrets)]);
    const spec = manifest.spec.template.spec;
    const classes = spec.volumes.map((v: any) => v.csi.volumeAttributes.secretProviderClass);
    expect(classes).toEqual(['noxus-xxxxxxxxxxxx-platform', `noxus-xxxxxxxxxxxx-pool-${pool}`]);
    expect(spec.volumes[0].name).toBe('noxus-xxxxxxxxxxxx-platform');
    expect(spec.volumes[1].name).toMatch(/^noxus-xxxxxxxxxxxx-pool-px+-[0-9a-f]{6}$/);
    for (const v of spec.volumes) expect([v.name, v.name.length <= 63 && isDnsLabel(v.name)]).toEqual([v.name, true]);
    expect(spec.containers[0].volumeMounts.map((m: any) => m.name)).toEqual(spec.volumes.map((v: any) => v.name));
  });

  test('a service mounts only the shared class', () => {
    const { app, secrets } = make();
    const apps = new Chart(app, 'apps', { namespace: 'noxus' });
    const account = secrets.podServiceAccountName(NoxusService.BACKEND);
    const d = new kplus.Deployment(apps, 'b', { serviceAccount: kplus.ServiceAccount.fromServiceAccountName(apps, 'sa', account) });
    d.addContainer({ image: 'noxus/backend:1', securityContext: { ensureNonRoot: false } });
    secrets.attachService(d, NoxusService.BACKEND);
    const spec = Testing.synth(apps)[0].spec.template.spec;
    expect(spec.serviceAccountName).toBe('noxus-csi-platform');
    expect(spec.volumes.map((v: any) => v.name)).toEqual(['noxus-platform']);
  });

  test('a workload on another ServiceAccount is an error', () => {
    const { app, secrets } = make();
    const d = new kplus.Deployment(new Chart(app, 'apps', { namespace: 'noxus' }), 'b');
    d.addContainer({ image: 'noxus/backend:1' });
    expect(() => secrets.attachService(d, NoxusService.BACKEND)).toThrow(
      '[noxus-secrets] workload "apps/b" runs as ServiceAccount "default", but the CSI driver fetches its secrets as the pod\'s ServiceAccount, ' +
      'which must be "noxus-csi-platform". Create the workload with serviceAccount: kplus.ServiceAccount.fromServiceAccountName(scope, id, secrets.podServiceAccountName(...)).');
  });

  test('other sources need no pod ServiceAccount', () => {
    const secrets = new NoxusPlatformSecrets(new NoxusApp(), 's', { contract: new SecretsContract({ blueprint: platform() }) });
    expect(secrets.podServiceAccountName(NoxusService.BACKEND)).toBeUndefined();
    expect(secrets.podServiceAccountName(NoxusService.WORKER, 'default')).toBeUndefined();
    expect(() => secrets.podServiceAccountName(NoxusService.WORKER)).toThrow(
      '[s] NoxusPlatformSecrets: podServiceAccountName(NoxusService.WORKER) needs the pool. Pass the pool name.');
  });

  test('a missing client ID is an error before anything renders', () => {
    const partial = WorkloadIdentity.azureWorkloadIdentity({ tenantId: '00000000-0000-0000-0000-000000000000', clientIds: { platform: CLIENT_IDS.platform } });
    expect(() => new NoxusPlatformSecrets(new NoxusApp(), 's', { contract: contract(partial), source: EnvSecretSource.azureKeyVaultCsi() })).toThrow(
      '[s/Pool-default] WorkloadIdentity.azureWorkloadIdentity: clientIds has no entry for store "pool-default" (given: platform).');
  });

  test('a contract whose backend or identity is not Azure is an error', () => {
    const csi = (c: unknown) => new NoxusPlatformSecrets(new NoxusApp(), 's', { contract: c, source: EnvSecretSource.azureKeyVaultCsi() });
    expect(() => csi(contract(WorkloadIdentity.vaultKubernetes(), SecretBackend.vault({ server: 'https://v' })))).toThrow(
      '[s] EnvSecretSource.azureKeyVaultCsi: backend "vault" is not Azure Key Vault (the CSI source reads Key Vault only). ' +
      'Use SecretBackend.azureKeyVault(...), or EnvSecretSource.externalSecrets for other backends.');
    // An identity of your own that says it fits Key Vault is still not one the CSI driver's Azure provider can use.
    const own = { kind: 'my-identity', assertCompatible: () => undefined, bind: () => ({}) };
    expect(() => csi(contract(own as any))).toThrow(
      '[s] EnvSecretSource.azureKeyVaultCsi: identity "my-identity" is not Azure workload identity. Use WorkloadIdentity.azureWorkloadIdentity({ tenantId, clientIds }).');
    expect(() => csi(new SecretsContract({ blueprint: platform() }))).toThrow(
      '[s] EnvSecretSource.azureKeyVaultCsi: backend undefined is not Azure Key Vault');
  });

  test('the backend, identity and remote keys of earlier versions (a JavaScript caller) are the library\'s error, naming them', () => {
    expect(() => EnvSecretSource.azureKeyVaultCsi({ backend: AKV, identity: AZ, remoteKeys: {} } as any)).toThrow(
      'EnvSecretSource.azureKeyVaultCsi: backend, identity and remoteKeys are no longer props: the SecretsContract holds them, so that every side reads one value. ' +
      'Pass contract: new SecretsContract({ blueprint, backend, identity, namespace }) to the construct that takes this source.');
  });
});
