import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { Testing, TerraformStack } from 'cdktf';
import { SecretBackend, WorkloadIdentity } from '../../../lib';
import { GcpReplication, NoxusGcpSecrets, NoxusGcpSecretsProps } from '../../../lib/terraform/gcp';
import { platform } from '../../support/fixtures';

const GSM = SecretBackend.gcpSecretManager({ projectId: 'noxus-prod' });
const GKE = WorkloadIdentity.gkeWorkloadIdentity({ projectId: 'noxus-prod' });
const base = (): NoxusGcpSecretsProps => ({ blueprint: platform(), backend: GSM, identity: GKE, namespace: 'noxus' });

function synth(props: NoxusGcpSecretsProps): { json: any; gcp: NoxusGcpSecrets } {
  const stack = new TerraformStack(Testing.app(), 'test');
  new GoogleProvider(stack, 'google', { project: 'noxus-prod' });
  const gcp = new NoxusGcpSecrets(stack, 'secrets', props);
  return { json: JSON.parse(Testing.synth(stack, true)), gcp };
}

const list = (json: any, type: string): any[] => Object.values(json.resource?.[type] ?? {});
const idOfSecret = (json: any, secretId: string) => Object.entries<any>(json.resource.google_secret_manager_secret).find(([, s]) => s.secret_id === secretId)![0];

test('one secret per entry, named by the scheme, automatic replication, labels, no values', () => {
  const { json } = synth(base());
  const secrets = list(json, 'google_secret_manager_secret');
  expect(secrets).toHaveLength(13);
  const acme = secrets.find(s => s.secret_id === 'noxus-pools-tenant-acme-OPENAI_API_KEY');
  expect(acme).toMatchObject({
    project: 'noxus-prod', replication: { auto: {} },
    labels: { 'noxus-managed-by': 'noxus-secrets-cdk', 'noxus-env-name': 'openai_api_key', 'noxus-scope': 'pools-tenant-acme' },
  });
  expect(json.resource.google_secret_manager_secret_version).toBeUndefined();
});

test('one GSA per store, with exactly the workloadIdentityUser binding of its ServiceAccount', () => {
  const { json } = synth(base());
  expect(list(json, 'google_service_account').map(g => g.account_id).sort()).toEqual(['noxus-platform', 'noxus-pool-default', 'noxus-pool-tenant-acme']);
  const bindings = list(json, 'google_service_account_iam_member');
  expect(bindings.map(b => [b.role, b.member]).sort()).toEqual([
    ['roles/iam.workloadIdentityUser', 'serviceAccount:noxus-prod.svc.id.goog[noxus/noxus-eso-platform]'],
    ['roles/iam.workloadIdentityUser', 'serviceAccount:noxus-prod.svc.id.goog[noxus/noxus-eso-pool-default]'],
    ['roles/iam.workloadIdentityUser', 'serviceAccount:noxus-prod.svc.id.goog[noxus/noxus-eso-pool-tenant-acme]'],
  ]);
  expect(GKE.bind({ id: 'pool-default', namePrefix: 'noxus', serviceAccountName: 'noxus-eso-pool-default' }).serviceAccountAnnotations())
    .toEqual({ 'iam.gke.io/gcp-service-account': 'noxus-pool-default@noxus-prod.iam.gserviceaccount.com' });
});

test('secretAccessor per secret, never project-wide, and pools isolated', () => {
  const { json } = synth(base());
  expect(json.resource.google_project_iam_member).toBeUndefined();
  const grants = list(json, 'google_secret_manager_secret_iam_member');
  expect(grants.every(g => g.role === 'roles/secretmanager.secretAccessor')).toBe(true);
  // Grants name the GSA resource's email, so the first apply cannot race the account's creation.
  const gsaRef = (accountId: string) => {
    const [id] = Object.entries<any>(json.resource.google_service_account).find(([, v]) => v.account_id === accountId)!;
    return `\${google_service_account.${id}.email}`;
  };
  const readable = (accountId: string) => grants.filter(g => g.member === `serviceAccount:${gsaRef(accountId)}`).map(g => g.secret_id).sort();
  const ref = (secretId: string) => `\${google_secret_manager_secret.${idOfSecret(json, secretId)}.secret_id}`;
  expect(readable('noxus-pool-default')).toEqual([ref('noxus-workers-OPENAI_API_KEY')]);
  expect(readable('noxus-pool-tenant-acme')).toEqual([ref('noxus-pools-tenant-acme-OPENAI_API_KEY')]);
  expect(readable('noxus-platform')).toHaveLength(11);
  expect(readable('noxus-platform')).not.toContain(ref('noxus-workers-OPENAI_API_KEY'));
  expect(grants).toHaveLength(13);
});

test('direct identity: no GSA, grants to the Kubernetes ServiceAccount principal', () => {
  const { json, gcp } = synth({ ...base(), identity: WorkloadIdentity.gkeWorkloadIdentity({ projectId: 'noxus-prod', direct: true }), projectNumber: '123456789012' });
  expect(json.resource.google_service_account).toBeUndefined();
  const members = [...new Set(list(json, 'google_secret_manager_secret_iam_member').map(g => g.member))].sort();
  expect(members).toEqual(['platform', 'pool-default', 'pool-tenant-acme'].map(s =>
    `principal://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/noxus-prod.svc.id.goog/subject/ns/noxus/sa/noxus-eso-${s}`));
  expect(() => gcp.gsaEmail('platform')).toThrow(
    '[test/secrets] NoxusGcpSecrets: store "platform" has no Google service account, because the identity is direct (secrets are granted to the Kubernetes ServiceAccount\'s principal).');
});

test('user-managed replication with CMEK', () => {
  const { json } = synth({ ...base(), replication: GcpReplication.userManaged([{ location: 'europe-west1', kmsKeyName: 'projects/p/locations/europe-west1/keyRings/r/cryptoKeys/k' }, { location: 'europe-west4' }]) });
  expect(list(json, 'google_secret_manager_secret')[0].replication).toEqual({
    user_managed: { replicas: [{ location: 'europe-west1', customer_managed_encryption: { kms_key_name: 'projects/p/locations/europe-west1/keyRings/r/cryptoKeys/k' } }, { location: 'europe-west4' }] },
  });
  expect(GcpReplication.automatic({ kmsKeyName: 'k' })._toConfig()).toEqual({ auto: { customerManagedEncryption: { kmsKeyName: 'k' } } });
});

test('rotation: the model period in seconds, the first time and the topic, for rotated secrets only', () => {
  const { json } = synth({ ...base(), rotationTopic: 'projects/noxus-prod/topics/rotation', firstRotationTime: '2027-01-01T00:00:00Z', projectNumber: '123456789012' });
  const secrets = list(json, 'google_secret_manager_secret');
  const rotated = secrets.filter(s => s.rotation);
  expect(rotated).toHaveLength(8);
  expect(rotated[0].rotation).toEqual({ rotation_period: '7776000s', next_rotation_time: '2027-01-01T00:00:00Z' });
  expect(rotated[0].topics).toEqual([{ name: 'projects/noxus-prod/topics/rotation' }]);
  expect(secrets.find(s => s.secret_id === 'noxus-platform-REDIS_URL').rotation).toBeUndefined();
  // Secret Manager's service agent may publish to the topic before any rotated secret is created (it checks then).
  const [publisherId, publisher] = Object.entries<any>(json.resource.google_pubsub_topic_iam_member)[0];
  expect(publisher).toEqual({
    topic: 'projects/noxus-prod/topics/rotation', role: 'roles/pubsub.publisher', member: 'serviceAccount:service-123456789012@gcp-sa-secretmanager.iam.gserviceaccount.com',
  });
  expect(rotated.every(r => r.depends_on.includes(`google_pubsub_topic_iam_member.${publisherId}`))).toBe(true);
  expect(secrets.find(s => s.secret_id === 'noxus-platform-REDIS_URL').depends_on).toBeUndefined();
});

test('outputs: a GSA email per store and a secret per entry', () => {
  const { json, gcp } = synth(base());
  expect(Object.keys(json.output)).toHaveLength(13 + 3);
  expect(gcp.gsaEmail('pool-default')).toMatch(/^\$\{TfToken/);
  expect(gcp.secrets.find(s => s.address === 'workers/OPENAI_API_KEY')!.secretId).toBe('noxus-workers-OPENAI_API_KEY');
});

describe('errors', () => {
  test('a non-GCP backend', () => {
    expect(() => synth({ ...base(), backend: SecretBackend.awsSecretsManager({ region: 'eu-west-1' }) })).toThrow(
      '[test/secrets] WorkloadIdentity: identity "gke-workload-identity" cannot authenticate to backend "aws-secrets-manager" (it works with gcp-secret-manager).');
  });
  test('direct without a project number', () => {
    expect(() => synth({ ...base(), identity: WorkloadIdentity.gkeWorkloadIdentity({ projectId: 'noxus-prod', direct: true }) })).toThrow(
      '[test/secrets] NoxusGcpSecrets: projectNumber undefined is not a project number, and direct grants name it in their principal:// members. ' +
      'Pass the number of the project whose workload pool the cluster uses (gcloud projects describe).');
  });
  test('a bad topic or first rotation time', () => {
    expect(() => synth({ ...base(), rotationTopic: 'rotation' })).toThrow(
      '[test/secrets] NoxusGcpSecrets: rotationTopic "rotation" is not a Pub/Sub topic name. Use projects/<project>/topics/<topic>.');
    expect(() => synth({ ...base(), rotationTopic: 'projects/p/topics/t', projectNumber: '123456789012' })).toThrow(
      '[test/secrets] NoxusGcpSecrets: firstRotationTime undefined is not an RFC 3339 UTC time, and Secret Manager needs one with a rotation period. Use e.g. "2027-01-01T00:00:00Z".');
    expect(() => synth({ ...base(), rotationTopic: 'projects/p/topics/t', firstRotationTime: '2027-01-01T00:00:00Z' })).toThrow(
      '[test/secrets] NoxusGcpSecrets: rotationTopic needs projectNumber (missing): Secret Manager publishes rotation notices as its service agent, ' +
      'service-<project number>@gcp-sa-secretmanager.iam.gserviceaccount.com, which must hold roles/pubsub.publisher on the topic or creating the secrets fails. ' +
      'Pass the project number (a literal, or data.google_project.number).');
  });
  test('a bad label', () => {
    expect(() => synth({ ...base(), labels: { Team: 'ai' } })).toThrow(
      '[test/secrets] NoxusGcpSecrets: label "Team": "ai" is not a GCP label (keys 1-63 and values 0-63 of lowercase letters, digits, \'_\' and \'-\'). Rename it.');
  });
  test('an empty or repeated user-managed replication', () => {
    expect(() => GcpReplication.userManaged([])).toThrow(
      'GcpReplication.userManaged: no replicas (Secret Manager needs at least one location). Add a location, e.g. { location: "europe-west1" }.');
    expect(() => GcpReplication.userManaged([{ location: 'a' }, { location: 'a' }])).toThrow('GcpReplication.userManaged: location "a" is listed twice. Remove the repeat.');
  });
});

test('grantRead gives another member an accessor binding on exactly the store\'s secrets', () => {
  const stack = new TerraformStack(Testing.app(), 'test');
  new GoogleProvider(stack, 'google', { project: 'noxus-prod' });
  const gcp = new NoxusGcpSecrets(stack, 'secrets', base());
  gcp.grantRead('tenant-acme', 'serviceAccount:migrations@noxus-prod.iam.gserviceaccount.com');
  gcp.grantRead(gcp.contract.sharedStore!, 'group:oncall@example.com');
  expect(gcp.serviceAccount('tenant-acme').node.id).toBe('Gsa-pool-tenant-acme');
  const json = JSON.parse(Testing.synth(stack, true));
  const grants = list(json, 'google_secret_manager_secret_iam_member');
  const migrations = grants.filter(g => g.member === 'serviceAccount:migrations@noxus-prod.iam.gserviceaccount.com');
  expect(migrations.map(g => g.secret_id)).toEqual([`\${google_secret_manager_secret.${idOfSecret(json, 'noxus-pools-tenant-acme-OPENAI_API_KEY')}.secret_id}`]);
  expect(migrations[0].role).toBe('roles/secretmanager.secretAccessor');
  expect(grants.filter(g => g.member === 'group:oncall@example.com')).toHaveLength(11);
  expect(gcp.blastRadiusReport()).toContain('group:oncall@example.com');
  expect(() => gcp.grantRead('default', 'migrations')).toThrow(
    '[test/secrets] NoxusGcpSecrets: grantRead member "migrations" is not an IAM member (serviceAccount:, user:, group:, principal:// or principalSet://).');
});
