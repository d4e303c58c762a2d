import { Chart, Testing } from 'cdk8s';
import { ExternalSecretStore, SecretBackend, StoreKind, VaultKvVersion, WorkloadIdentity } from '../../lib';
import { validateAll } from '../support/schema';

const SM = SecretBackend.awsSecretsManager({ region: 'eu-west-1' });
const IRSA = WorkloadIdentity.irsa({ accountId: '123456789012' });

function synth(make: (chart: Chart) => void, namespace = 'noxus'): any[] {
  const chart = new Chart(Testing.app(), 'c', { namespace });
  make(chart);
  const manifests = Testing.synth(chart);
  validateAll(manifests);
  return manifests;
}

test('IRSA: an annotated ServiceAccount and a store that authenticates as it', () => {
  const [sa, store] = synth(c => new ExternalSecretStore(c, 's', { backend: SM, identity: IRSA, storeId: 'pool-default' }));
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
  const [, store] = synth(c => new ExternalSecretStore(c, 's', { backend: SecretBackend.awsParameterStore({ region: 'eu-west-1' }), identity: IRSA, storeId: 'platform' }));
  expect(store.spec.provider.aws.service).toBe('ParameterStore');
});

test('EKS Pod Identity: no ServiceAccount, no serviceAccountRef, the store\'s own role', () => {
  const manifests = synth(c => new ExternalSecretStore(c, 's', {
    backend: SM, identity: WorkloadIdentity.eksPodIdentity({ accountId: '123456789012' }), storeId: 'pool-default',
  }));
  expect(manifests).toHaveLength(1);
  expect(manifests[0].spec.provider).toEqual({ aws: { service: 'SecretsManager', region: 'eu-west-1', role: 'arn:aws:iam::123456789012:role/noxus-eso-pool-default' } });
});

test('EKS Pod Identity with a serviceAccountRef is an error', () => {
  const chart = new Chart(Testing.app(), 'c');
  expect(() => new ExternalSecretStore(chart, 's', {
    backend: SM, identity: WorkloadIdentity.eksPodIdentity({ accountId: '123456789012' }), storeId: 'platform', serviceAccountName: 'eso',
  })).toThrow(
    '[c/s] ExternalSecretStore "platform": serviceAccountName "eso" is set, but EKS Pod Identity cannot use a store serviceAccountRef ' +
    "(ESO authenticates as its own controller and assumes the store's role). Remove serviceAccountName, or use WorkloadIdentity.irsa.");
});

test('GCP: projectID and workloadIdentity with the cluster fields given', () => {
  const [sa, store] = synth(c => new ExternalSecretStore(c, 's', {
    backend: SecretBackend.gcpSecretManager({ projectId: 'noxus-prod' }),
    identity: WorkloadIdentity.gkeWorkloadIdentity({ projectId: 'noxus-prod', clusterLocation: 'europe-west1', clusterName: 'gke', clusterProjectId: 'noxus-net' }),
    storeId: 'platform',
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
    backend: SecretBackend.azureKeyVault({ vaultUrl: 'https://noxus-prod.vault.azure.net/' }),
    identity: WorkloadIdentity.azureWorkloadIdentity({ tenantId: '00000000-0000-0000-0000-000000000000', clientIds: { platform: '11111111-1111-1111-1111-111111111111' } }),
    storeId: 'platform',
  }));
  expect(sa.metadata.annotations['azure.workload.identity/client-id']).toBe('11111111-1111-1111-1111-111111111111');
  expect(store.spec.provider).toEqual({
    azurekv: { vaultUrl: 'https://noxus-prod.vault.azure.net/', authType: 'WorkloadIdentity', serviceAccountRef: { name: 'noxus-eso-platform' }, tenantId: '00000000-0000-0000-0000-000000000000' },
  });
});

test('Vault: server, mount, version and a Kubernetes auth role per store', () => {
  const [sa, store] = synth(c => new ExternalSecretStore(c, 's', {
    backend: SecretBackend.vault({ server: 'https://vault:8200', mountPath: 'kv', version: VaultKvVersion.V1 }),
    identity: WorkloadIdentity.vaultKubernetes({ authMountPath: 'k8s' }),
    storeId: 'pool-default',
  }));
  expect(sa.metadata.annotations).toBeUndefined();
  expect(store.spec.provider).toEqual({
    vault: { server: 'https://vault:8200', path: 'kv', version: 'v1', auth: { kubernetes: { mountPath: 'k8s', role: 'noxus-eso-pool-default', serviceAccountRef: { name: 'noxus-eso-pool-default' } } } },
  });
});

test('a ClusterSecretStore names its ServiceAccount\'s namespace', () => {
  const [sa, store] = synth(c => new ExternalSecretStore(c, 's', { backend: SM, identity: IRSA, storeId: 'platform', kind: StoreKind.CLUSTER_SECRET_STORE, serviceAccountNamespace: 'eso' }), undefined as any);
  expect(sa.metadata.namespace).toBe('eso');
  expect(store.kind).toBe('ClusterSecretStore');
  expect(store.spec.provider.aws.auth.jwt.serviceAccountRef).toEqual({ name: 'noxus-eso-platform', namespace: 'eso' });
});

test('a ClusterSecretStore without any namespace is an error', () => {
  const chart = new Chart(Testing.app(), 'c');
  expect(() => new ExternalSecretStore(chart, 's', { backend: SM, identity: IRSA, storeId: 'platform', kind: StoreKind.CLUSTER_SECRET_STORE })).toThrow(
    "[c/s] ExternalSecretStore \"platform\": a ClusterSecretStore needs the namespace of its ServiceAccount, and neither serviceAccountNamespace nor the chart's namespace is set. Set serviceAccountNamespace.");
});

test('an identity that does not fit the backend is an error with the path', () => {
  const chart = new Chart(Testing.app(), 'c');
  expect(() => new ExternalSecretStore(chart, 's', { backend: SM, identity: WorkloadIdentity.vaultKubernetes(), storeId: 'platform' })).toThrow(
    '[c/s] WorkloadIdentity: identity "vault-kubernetes" cannot authenticate to backend "aws-secrets-manager"');
});

test('fromStoreName references a store outside the app', () => {
  expect(ExternalSecretStore.fromStoreName('shared', StoreKind.CLUSTER_SECRET_STORE)).toEqual({ storeName: 'shared', storeKind: 'ClusterSecretStore' });
  expect(ExternalSecretStore.fromStoreName('mine').storeKind).toBe('SecretStore');
});
