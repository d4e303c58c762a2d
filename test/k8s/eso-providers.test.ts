import { SecretBackend, StoreContext, VaultKvVersion, WorkloadIdentity } from '../../lib';
import { esoAuth, esoProvider, serviceAccountAnnotations } from '../../lib/k8s/eso-providers';

/** A store as the contract names it, without a contract. */
const store = (id: string): StoreContext => ({ id, namePrefix: 'noxus', namespace: 'noxus', serviceAccountName: `noxus-eso-${id}` });
const ref = { name: 'noxus-eso-platform' };

describe('provider blocks of the library\'s backends', () => {
  test.each<[string, SecretBackend, Record<string, unknown>]>([
    ['Secrets Manager', SecretBackend.awsSecretsManager({ region: 'eu-west-1' }), { aws: { service: 'SecretsManager', region: 'eu-west-1', a: 1 } }],
    ['Parameter Store', SecretBackend.awsParameterStore({ region: 'eu-west-1' }), { aws: { service: 'ParameterStore', region: 'eu-west-1', a: 1 } }],
    ['GCP Secret Manager', SecretBackend.gcpSecretManager({ projectId: 'noxus-prod' }), { gcpsm: { projectID: 'noxus-prod', a: 1 } }],
    ['Key Vault', SecretBackend.azureKeyVault({ vaultUrl: 'https://noxus-prod.vault.azure.net' }), { azurekv: { vaultUrl: 'https://noxus-prod.vault.azure.net/', a: 1 } }],
    ['Vault', SecretBackend.vault({ server: 'https://v:8200', mountPath: 'kv', version: VaultKvVersion.V1 }), { vault: { server: 'https://v:8200', path: 'kv', version: 'v1', a: 1 } }],
  ])('%s', (_, backend, provider) => {
    expect(esoProvider(backend, { a: 1 })).toEqual(provider);
  });
});

describe('annotations and auth of the library\'s identities', () => {
  test('IRSA: the role ARN on the ServiceAccount, a JWT of that ServiceAccount', () => {
    const irsa = WorkloadIdentity.irsa({ accountId: '123456789012', rolePath: '/noxus/' });
    expect(serviceAccountAnnotations(irsa, store('platform'))).toEqual({ 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/noxus/noxus-eso-platform' });
    expect(esoAuth(irsa, store('platform'), ref)).toEqual({ auth: { jwt: { serviceAccountRef: ref } } });
  });

  test('EKS Pod Identity: no annotation; the store names its role and tags the session', () => {
    const pod = WorkloadIdentity.eksPodIdentity({ accountId: '123456789012' });
    expect(serviceAccountAnnotations(pod, store('platform'))).toEqual({});
    expect(esoAuth(pod, store('platform'), undefined)).toEqual({ role: 'arn:aws:iam::123456789012:role/noxus-eso-platform', sessionTagsPolicy: 'Simple' });
  });

  test('GKE: the GSA email (none when direct), the cluster fields that are given', () => {
    const gke = WorkloadIdentity.gkeWorkloadIdentity({ projectId: 'noxus-prod', clusterName: 'prod', clusterLocation: 'europe-west1' });
    expect(serviceAccountAnnotations(gke, store('platform'))).toEqual({ 'iam.gke.io/gcp-service-account': 'noxus-platform@noxus-prod.iam.gserviceaccount.com' });
    expect(esoAuth(gke, store('platform'), ref)).toEqual({ auth: { workloadIdentity: { serviceAccountRef: ref, clusterLocation: 'europe-west1', clusterName: 'prod' } } });
    expect(serviceAccountAnnotations(WorkloadIdentity.gkeWorkloadIdentity({ projectId: 'noxus-prod', direct: true }), store('platform'))).toEqual({});
  });

  test('Azure: the store\'s client ID and the tenant; a missing client ID is the library\'s error', () => {
    const tenantId = '00000000-0000-0000-0000-000000000000';
    const az = WorkloadIdentity.azureWorkloadIdentity({ tenantId, clientIds: { platform: '11111111-1111-1111-1111-111111111111' } });
    expect(serviceAccountAnnotations(az, store('platform'))).toEqual({
      'azure.workload.identity/client-id': '11111111-1111-1111-1111-111111111111', 'azure.workload.identity/tenant-id': tenantId,
    });
    expect(esoAuth(az, store('platform'), ref)).toEqual({ authType: 'WorkloadIdentity', serviceAccountRef: ref, tenantId });
    expect(() => serviceAccountAnnotations(az, store('pool-default'))).toThrow(
      'WorkloadIdentity.azureWorkloadIdentity: clientIds has no entry for store "pool-default" (given: platform).');
  });

  test('Vault: the store\'s role, and the token audience the role requires', () => {
    const auth = (audience?: string) => esoAuth(WorkloadIdentity.vaultKubernetes({ audience }), store('pool-default'), { name: 'noxus-eso-pool-default' });
    expect(auth()).toEqual({
      auth: { kubernetes: { mountPath: 'kubernetes', role: 'noxus-eso-pool-default', serviceAccountRef: { name: 'noxus-eso-pool-default', audiences: ['vault'] } } },
    });
    expect((auth('https://kubernetes.default.svc') as any).auth.kubernetes.serviceAccountRef.audiences).toEqual(['https://kubernetes.default.svc']);
    expect(serviceAccountAnnotations(WorkloadIdentity.vaultKubernetes(), store('platform'))).toEqual({});
  });
});
