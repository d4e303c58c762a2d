import { Chart, Testing } from 'cdk8s';
import { ExternalSecretStore, IEsoSecretBackend, IEsoWorkloadIdentity, ISecretBackend, IWorkloadIdentity, NoxusPlatformSecrets, SecretBackend, SecretsContract, StoreKind, VaultKvVersion, WorkloadIdentity, NoxusApp } from '../../lib';
import { platform } from '../support/fixtures';
import { validateAll } from '../support/schema';


/** A store of a contract over the fixture blueprint, in namespace 'noxus'. */
function storeOf(backend: ISecretBackend, identity: IWorkloadIdentity, id: string) {
  return new SecretsContract({ blueprint: platform(), backend, identity, namespace: 'noxus' }).storeById(id);
}
const SM = SecretBackend.awsSecretsManager({ region: 'eu-west-1' });
const IRSA = WorkloadIdentity.irsa({ accountId: '123456789012' });

function synth(make: (chart: Chart) => void, namespace = 'noxus'): any[] {
  const chart = new Chart(new NoxusApp(), 'c', { namespace });
  make(chart);
  const manifests = Testing.synth(chart);
  validateAll(manifests);
  return manifests;
}

test('IRSA: an annotated ServiceAccount and a store that authenticates as it', () => {
  const [sa, store] = synth(c => new ExternalSecretStore(c, 's', { store: storeOf(SM, IRSA, 'pool-default') }));
  expect(sa).toMatchObject({
    kind: 'ServiceAccount',
    metadata: { name: 'noxus-eso-pool-default', annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/noxus-eso-pool-default' } },
  });
  expect(store.kind).toBe('SecretStore');
  expect(store.metadata.name).toBe('noxus-pool-default');
  expect(store.spec.provider).toEqual({
    aws: { service: 'SecretsManager', region: 'eu-west-1', auth: { jwt: { serviceAccountRef: { name: 'noxus-eso-pool-default' } } } },
  });
});

test('Parameter Store uses service ParameterStore', () => {
  const [, store] = synth(c => new ExternalSecretStore(c, 's', { store: storeOf(SecretBackend.awsParameterStore({ region: 'eu-west-1' }), IRSA, 'platform') }));
  expect(store.spec.provider.aws.service).toBe('ParameterStore');
});

test('EKS Pod Identity: no ServiceAccount, no serviceAccountRef, the store\'s own role', () => {
  const manifests = synth(c => new ExternalSecretStore(c, 's', {
    store: storeOf(SM, WorkloadIdentity.eksPodIdentity({ accountId: '123456789012' }), 'pool-default'),
  }));
  expect(manifests).toHaveLength(1);
  expect(manifests[0].spec.provider).toEqual({
    aws: { service: 'SecretsManager', region: 'eu-west-1', role: 'arn:aws:iam::123456789012:role/noxus-eso-pool-default', sessionTagsPolicy: 'Simple' },
  });
});

test('GCP: projectID and workloadIdentity with the cluster fields given', () => {
  const [sa, store] = synth(c => new ExternalSecretStore(c, 's', {
    store: storeOf(
      SecretBackend.gcpSecretManager({ projectId: 'noxus-prod' }),
      WorkloadIdentity.gkeWorkloadIdentity({ projectId: 'noxus-prod', clusterLocation: 'europe-west1', clusterName: 'gke', clusterProjectId: 'noxus-net' }),
      'platform',
    ),
  }));
  expect(sa.metadata.annotations).toEqual({ 'iam.gke.io/gcp-service-account': 'noxus-platform@noxus-prod.iam.gserviceaccount.com' });
  expect(store.spec.provider).toEqual({
    gcpsm: {
      projectID: 'noxus-prod',
      auth: { workloadIdentity: { serviceAccountRef: { name: 'noxus-eso-platform' }, clusterLocation: 'europe-west1', clusterName: 'gke', clusterProjectID: 'noxus-net' } },
    },
  });
});

test('Azure: vaultUrl, WorkloadIdentity auth, tenant', () => {
  const [sa, store] = synth(c => new ExternalSecretStore(c, 's', {
    store: storeOf(
      SecretBackend.azureKeyVault({ vaultUrl: 'https://noxus-prod.vault.azure.net/' }),
      WorkloadIdentity.azureWorkloadIdentity({ tenantId: '00000000-0000-0000-0000-000000000000', clientIds: { platform: '11111111-1111-1111-1111-111111111111' } }),
      'platform',
    ),
  }));
  expect(sa.metadata.annotations['azure.workload.identity/client-id']).toBe('11111111-1111-1111-1111-111111111111');
  expect(store.spec.provider).toEqual({
    azurekv: { vaultUrl: 'https://noxus-prod.vault.azure.net/', authType: 'WorkloadIdentity', serviceAccountRef: { name: 'noxus-eso-platform' }, tenantId: '00000000-0000-0000-0000-000000000000' },
  });
});

test('Vault: server, mount, version and a Kubernetes auth role per store, with the token audience the role requires', () => {
  const [sa, store] = synth(c => new ExternalSecretStore(c, 's', {
    store: storeOf(
      SecretBackend.vault({ server: 'https://vault:8200', mountPath: 'kv', version: VaultKvVersion.V1 }),
      WorkloadIdentity.vaultKubernetes({ authMountPath: 'k8s' }),
      'pool-default',
    ),
  }));
  expect(sa.metadata.annotations).toBeUndefined();
  expect(store.spec.provider).toEqual({
    vault: { server: 'https://vault:8200', path: 'kv', version: 'v1', auth: { kubernetes: { mountPath: 'k8s', role: 'noxus-eso-pool-default', serviceAccountRef: { name: 'noxus-eso-pool-default', audiences: ['vault'] } } } },
  });
});

test('a ClusterSecretStore names its ServiceAccount\'s namespace', () => {
  const [sa, store] = synth(c => new ExternalSecretStore(c, 's', { store: storeOf(SM, IRSA, 'platform'), kind: StoreKind.CLUSTER_SECRET_STORE, serviceAccountNamespace: 'eso' }), undefined as any);
  expect(sa.metadata.namespace).toBe('eso');
  expect(store.kind).toBe('ClusterSecretStore');
  expect(store.spec.provider.aws.auth.jwt.serviceAccountRef).toEqual({ name: 'noxus-eso-platform', namespace: 'eso' });
});

test('a store kind outside ESO\'s, or a ServiceAccount namespace of 64 characters, is an error; 63 is a namespace', () => {
  const make = (props: object) => (c: Chart) => new ExternalSecretStore(c, 's', { store: storeOf(SM, IRSA, 'platform'), kind: StoreKind.CLUSTER_SECRET_STORE, ...props });
  expect(() => synth(make({ kind: 'SecretStores' }))).toThrow(
    '[c/s] ExternalSecretStore "platform": kind "SecretStores" is not a StoreKind (SecretStore, ClusterSecretStore). Use StoreKind.SECRET_STORE, or leave it out.');
  expect(() => synth(make({ serviceAccountNamespace: `e${'x'.repeat(63)}` }))).toThrow(
    `[c/s] ExternalSecretStore "platform": serviceAccountNamespace "e${'x'.repeat(63)}" is not a valid Kubernetes name (lowercase RFC 1123 label: a-z, 0-9, '-'; max 63).`);
  const [sa, store] = synth(make({ serviceAccountNamespace: `e${'x'.repeat(62)}` }), undefined as any);
  expect([sa.metadata.namespace, store.spec.provider.aws.auth.jwt.serviceAccountRef.namespace]).toEqual([`e${'x'.repeat(62)}`, `e${'x'.repeat(62)}`]);
});

test('a ClusterSecretStore without any namespace is an error', () => {
  const chart = new Chart(new NoxusApp(), 'c');
  const store = new SecretsContract({ blueprint: platform(), backend: SM, identity: IRSA }).storeById('platform');
  expect(() => new ExternalSecretStore(chart, 's', { store, kind: StoreKind.CLUSTER_SECRET_STORE })).toThrow(
    "[c/s] ExternalSecretStore \"platform\": a ClusterSecretStore needs the namespace of its ServiceAccount, and neither serviceAccountNamespace nor the contract's namespace is set. Set serviceAccountNamespace.");
});

test('an identity that does not fit the backend is the contract\'s error', () => {
  expect(() => storeOf(SM, WorkloadIdentity.vaultKubernetes(), 'platform')).toThrow(
    'WorkloadIdentity: identity "vault-kubernetes" cannot authenticate to backend "aws-secrets-manager"');
});

test('a store of a contract without backend is an error', () => {
  const chart = new Chart(new NoxusApp(), 'c');
  const store = new SecretsContract({ blueprint: platform() }).sharedStore!;
  expect(() => new ExternalSecretStore(chart, 's', { store })).toThrow(
    '[c/s] ExternalSecretStore "platform": the contract has no backend, so the store has nothing to read. Give the SecretsContract a backend and identity.');
});

test('a user-defined backend and identity (1Password Connect through ESO) need no change to the library', () => {
  const onePassword: IEsoSecretBackend = {
    kind: '1password-connect',
    caseInsensitiveKeys: false,
    valueProperty: 'password',
    remoteKey: segments => segments.join('-'),
    assertRemoteKey: (subject, key) => {
      if (!/^[A-Za-z0-9_-]+$/.test(key)) throw new Error(`${subject}: ${key} is not a 1Password item name`);
    },
    esoProvider: auth => ({ onepassword: { connectHost: 'http://onepassword-connect:8080', vaults: { noxus: 1 }, ...auth } }),
  };
  const connectToken: IEsoWorkloadIdentity = {
    kind: 'connect-token',
    assertCompatible: () => undefined,
    bind: s => ({ principal: `Connect token for ${s.id}` }),
    serviceAccountAnnotations: () => ({}),
    esoAuth: () => ({ auth: { secretRef: { connectTokenSecretRef: { name: 'onepassword-token', key: 'token' } } } }),
  };
  const contract = new SecretsContract({ blueprint: platform(), backend: onePassword, identity: connectToken, namespace: 'noxus' });
  const app = new NoxusApp();
  const secrets = new NoxusPlatformSecrets(app, 'secrets', { contract });
  const manifests = Testing.synth(secrets);
  const store = manifests.find(m => m.kind === 'SecretStore' && m.metadata.name === 'noxus-pool-tenant-acme');
  expect(store.spec.provider.onepassword.auth.secretRef.connectTokenSecretRef).toEqual({ name: 'onepassword-token', key: 'token' });
  expect(manifests.filter(m => m.kind === 'ServiceAccount')).toHaveLength(0);
  const es = manifests.find(m => m.kind === 'ExternalSecret' && m.spec.target.name === 'app-env-tenant-acme');
  expect(es.spec.data.find((d: any) => d.secretKey === 'OPENAI_API_KEY').remoteRef).toEqual({ key: 'noxus-pools-tenant-acme-OPENAI_API_KEY', property: 'password' });
  expect(secrets.blastRadiusReport()).toContain('Connect token for pool-tenant-acme');
});

test('a user-defined backend or identity without its ESO side: the library\'s error, naming the interface to implement', () => {
  const doppler: ISecretBackend = {
    kind: 'doppler', caseInsensitiveKeys: false, remoteKey: segments => segments.join('_'), assertRemoteKey: () => undefined,
  };
  const token: IWorkloadIdentity = { kind: 'doppler-token', assertCompatible: () => undefined, bind: s => ({ principal: `token of ${s.id}` }) };
  const tokenForEso: IEsoWorkloadIdentity = { ...token, serviceAccountAnnotations: () => ({}), esoAuth: () => ({ auth: { secretRef: { name: 'doppler-token' } } }) };
  const store = (backend: ISecretBackend, identity: IWorkloadIdentity) => () =>
    new ExternalSecretStore(new Chart(Testing.app(), 'c'), 's', { store: storeOf(backend, identity, 'platform') });
  expect(store(doppler, tokenForEso)).toThrow('[c/s] ExternalSecretStore: backend "doppler" is not one of the library\'s, and has no esoProvider to say its ESO provider block. ' +
    'Implement IEsoSecretBackend on it: esoProvider(auth) returning e.g. { onepassword: { connectHost, vaults, ...auth } }.');
  expect(store(SM, token)).toThrow('[c/s] ExternalSecretStore: identity "doppler-token" is not one of the library\'s, and has no serviceAccountAnnotations ' +
    'and esoAuth to say how ESO authenticates with it. Implement IEsoWorkloadIdentity on it: serviceAccountAnnotations(store) and esoAuth(store, serviceAccountRef).');
});

test('fromStoreName references a store outside the app', () => {
  expect(ExternalSecretStore.fromStoreName('shared', StoreKind.CLUSTER_SECRET_STORE)).toEqual({ storeName: 'shared', storeKind: 'ClusterSecretStore' });
  expect(ExternalSecretStore.fromStoreName('mine').storeKind).toBe('SecretStore');
});
