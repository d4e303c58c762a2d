import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { Testing, TerraformStack, TerraformVariable } from 'cdktf';
import { SecretBackend, WorkloadIdentity } from '../../../lib';
import { GcpReplication, NoxusGcpSecrets, NoxusGcpSecretsProps, GcpGrantee } from '../../../lib/terraform/gcp';
import { ContractCase, platform, withContract } from '../../support/fixtures';
import { serviceAccountAnnotations } from '../../../lib/k8s/eso-providers';

const GSM = SecretBackend.gcpSecretManager({ projectId: 'noxus-prod' });
const GKE = WorkloadIdentity.gkeWorkloadIdentity({ projectId: 'noxus-prod' });
const base = (): ContractCase<NoxusGcpSecretsProps> => ({ blueprint: platform(), backend: GSM, identity: GKE, namespace: 'noxus' });

function synth(props: ContractCase<NoxusGcpSecretsProps>): { json: any; gcp: NoxusGcpSecrets } {
  const stack = new TerraformStack(Testing.app(), 'test');
  new GoogleProvider(stack, 'google', { project: 'noxus-prod' });
  const gcp = new NoxusGcpSecrets(stack, 'secrets', withContract(props));
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
  expect(serviceAccountAnnotations(GKE, { id: 'pool-default', namePrefix: 'noxus', serviceAccountName: 'noxus-eso-pool-default' }))
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
  expect(() => gcp.gsaEmail(gcp.contract.storeById('platform'))).toThrow(
    '[test/secrets] NoxusGcpSecrets: store "platform" has no Google service account, because the identity is direct (secrets are granted to the Kubernetes ServiceAccount\'s principal).');
});

test('user-managed replication with CMEK', () => {
  const { json } = synth({ ...base(), replication: GcpReplication.userManaged([{ location: 'europe-west1', kmsKeyName: 'projects/noxus-keys/locations/europe-west1/keyRings/noxus/cryptoKeys/secrets' }, { location: 'europe-west4' }]) });
  expect(list(json, 'google_secret_manager_secret')[0].replication).toEqual({
    user_managed: { replicas: [{ location: 'europe-west1', customer_managed_encryption: { kms_key_name: 'projects/noxus-keys/locations/europe-west1/keyRings/noxus/cryptoKeys/secrets' } }, { location: 'europe-west4' }] },
  });
  const global = 'projects/noxus-keys/locations/global/keyRings/noxus/cryptoKeys/secrets';
  expect(GcpReplication.automatic({ kmsKeyName: global })._toConfig()).toEqual({ auto: { customerManagedEncryption: { kmsKeyName: global } } });
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
  expect(gcp.gsaEmail(gcp.contract.storeById('pool-default'))).toMatch(/^\$\{TfToken/);
  expect(gcp.secrets.find(s => s.address === 'workers/OPENAI_API_KEY')!.secretId).toBe('noxus-workers-OPENAI_API_KEY');
});

describe('errors', () => {
  test('a non-GCP backend', () => {
    expect(() => synth({ ...base(), backend: SecretBackend.awsSecretsManager({ region: 'eu-west-1' }) })).toThrow(
      'WorkloadIdentity: identity "gke-workload-identity" cannot authenticate to backend "aws-secrets-manager" (it works with gcp-secret-manager).');
  });
  test('direct without a project number', () => {
    expect(() => synth({ ...base(), identity: WorkloadIdentity.gkeWorkloadIdentity({ projectId: 'noxus-prod', direct: true }) })).toThrow(
      '[test/secrets] NoxusGcpSecrets: projectNumber undefined is not a project number, and direct grants name it in their principal:// members. ' +
      'Pass the number of the project whose workload pool the cluster uses (gcloud projects describe).');
  });
  test('a bad topic or first rotation time', () => {
    expect(() => synth({ ...base(), rotationTopic: 'rotation' })).toThrow(
      '[test/secrets] NoxusGcpSecrets: rotationTopic "rotation" is not a Pub/Sub topic name (projects/<project ID>/topics/<topic ID>; a topic ID is 3-255 of ' +
      'letters, digits and - _ . ~ + %, starts with a letter and not with "goog"). Use e.g. "projects/noxus-prod/topics/secret-rotation", or the topic\'s id attribute.');
    for (const topic of ['projects/noxus-prod/topics/goog-rotation', 'projects/noxus-prod/topics/1rotation', 'projects/noxus-prod/topics/ab', 'projects/Noxus/topics/rotation']) {
      expect(() => synth({ ...base(), rotationTopic: topic, firstRotationTime: '2027-01-01T00:00:00Z', projectNumber: '123456789012' })).toThrow(
        `[test/secrets] NoxusGcpSecrets: rotationTopic "${topic}" is not a Pub/Sub topic name`);
    }
    expect(() => synth({ ...base(), rotationTopic: 'projects/${var.project}/topics/rotation' })).toThrow(
      '[test/secrets] NoxusGcpSecrets: rotationTopic "projects/${var.project}/topics/rotation" holds "${", which Terraform would evaluate as a template');
    expect(() => synth({ ...base(), rotationTopic: 'projects/noxus-prod/topics/rotation', projectNumber: '123456789012' })).toThrow(
      '[test/secrets] NoxusGcpSecrets: firstRotationTime undefined is not an RFC 3339 UTC time, and Secret Manager needs one with a rotation period. Use e.g. "2027-01-01T00:00:00Z".');
    expect(() => synth({ ...base(), rotationTopic: 'projects/noxus-prod/topics/rotation', firstRotationTime: '2027-01-01T00:00:00Z' })).toThrow(
      '[test/secrets] NoxusGcpSecrets: rotationTopic needs projectNumber (missing): Secret Manager publishes rotation notices as its service agent, ' +
      'service-<project number>@gcp-sa-secretmanager.iam.gserviceaccount.com, which must hold roles/pubsub.publisher on the topic or creating the secrets fails. ' +
      'Pass the project number (a literal, or data.google_project.number).');
  });
  test('a bad label', () => {
    const rule = "(key: a lowercase letter, then up to 62 lowercase letters, digits, '_' and '-'; value: up to 63 of those; each at most 128 bytes). Rename it.";
    expect(() => synth({ ...base(), labels: { Team: 'ai' } })).toThrow(`[test/secrets] NoxusGcpSecrets: label "Team": "ai" is not a GCP label ${rule}`);
    expect(() => synth({ ...base(), labels: { '1team': 'ai' } })).toThrow(`[test/secrets] NoxusGcpSecrets: label "1team": "ai" is not a GCP label ${rule}`);
    expect(() => synth({ ...base(), labels: { team: '${var.team}' } })).toThrow(`[test/secrets] NoxusGcpSecrets: label "team": "\${var.team}" is not a GCP label ${rule}`);
    expect(() => synth({ ...base(), labels: { team: 'x'.repeat(64) } })).toThrow(`[test/secrets] NoxusGcpSecrets: label "team": "${'x'.repeat(64)}" is not a GCP label ${rule}`);
    expect(() => synth({ ...base(), labels: { 'noxus-scope': 'mine' } })).toThrow(
      '[test/secrets] NoxusGcpSecrets: label "noxus-scope" is one the library sets on every secret (noxus-managed-by, noxus-env-name, noxus-scope), ' +
      'and its value would replace yours. Use another key.');
    expect(() => synth({ ...base(), labels: Object.fromEntries(Array.from({ length: 62 }, (_, i) => [`l${i}`, 'x'])) })).toThrow(
      "[test/secrets] NoxusGcpSecrets: labels has 62 labels, and with the library's 3 a secret would have 65, over the 64 Secret Manager allows. Remove some.");
  });

  test('labels Secret Manager accepts reach the secrets as written: international lowercase, 61 of them, references', () => {
    const labels = { 'équipe': 'données', ...Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`l${i}`, 'x'])) };
    const written = list(synth({ ...base(), labels }).json, 'google_secret_manager_secret')[0].labels;
    expect(written).toMatchObject(labels);
    expect(Object.keys(written)).toHaveLength(64);
    const stack = new TerraformStack(Testing.app(), 'test');
    new GoogleProvider(stack, 'google', { project: 'noxus-prod' });
    const team = new TerraformVariable(stack, 'team', { type: 'string' }).stringValue;
    new NoxusGcpSecrets(stack, 'secrets', withContract({ ...base(), labels: { team } }));
    expect(Object.values<any>(JSON.parse(Testing.synth(stack, true)).resource.google_secret_manager_secret)[0].labels.team).toBe('${var.team}');
  });

  test('replica locations and CMEK keys Secret Manager refuses', () => {
    const key = (location: string) => `projects/noxus-keys/locations/${location}/keyRings/noxus/cryptoKeys/secrets`;
    expect(() => GcpReplication.userManaged([{ location: 'europe-west1-b' }])).toThrow(
      'GcpReplication.userManaged: location "europe-west1-b" is not a GCP region (Secret Manager replicates to regions: lowercase, e.g. "europe-west1"; ' +
      'not a zone, a multi-region or a display name). Use e.g. "europe-west1".');
    expect(() => GcpReplication.userManaged([{ location: 'europe-west1', kmsKeyName: key('europe-west4') }])).toThrow(
      `GcpReplication.userManaged: kmsKeyName of europe-west1 "${key('europe-west4')}" is a key in "europe-west4", and Secret Manager takes a key in the ` +
      'replica\'s own location. Use a key in "europe-west1".');
    expect(() => GcpReplication.automatic({ kmsKeyName: key('europe-west1') })).toThrow(
      `GcpReplication.automatic: kmsKeyName "${key('europe-west1')}" is a key in "europe-west1", and Secret Manager takes a key in "global" with automatic ` +
      'replication. Use a key in "global".');
    expect(() => GcpReplication.automatic({ kmsKeyName: `${key('global')}/cryptoKeyVersions/1` })).toThrow(
      `GcpReplication.automatic: kmsKeyName "${key('global')}/cryptoKeyVersions/1" is not a Cloud KMS key name (projects/<project>/locations/<location>/` +
      'keyRings/<ring>/cryptoKeys/<key>; ring and key 1-63 of A-Z a-z 0-9 _ -). Use the key\'s id, not its alias or a version.');
    expect(() => GcpReplication.automatic({ kmsKeyName: 'projects/${var.p}/locations/global/keyRings/r/cryptoKeys/k' })).toThrow(
      'GcpReplication.automatic: kmsKeyName "projects/${var.p}/locations/global/keyRings/r/cryptoKeys/k" holds "${"');
  });
  test('an empty or repeated user-managed replication', () => {
    expect(() => GcpReplication.userManaged([])).toThrow(
      'GcpReplication.userManaged: no replicas (Secret Manager needs at least one location). Add a location, e.g. { location: "europe-west1" }.');
    expect(() => GcpReplication.userManaged([{ location: 'europe-west1' }, { location: 'europe-west1' }])).toThrow('GcpReplication.userManaged: location "europe-west1" is listed twice. Remove the repeat.');
  });
});

test('grantRead gives another member an accessor binding on exactly the store\'s secrets', () => {
  const stack = new TerraformStack(Testing.app(), 'test');
  new GoogleProvider(stack, 'google', { project: 'noxus-prod' });
  const gcp = new NoxusGcpSecrets(stack, 'secrets', withContract(base()));
  gcp.grantRead(gcp.contract.poolStore('tenant-acme'), GcpGrantee.member('serviceAccount:migrations@noxus-prod.iam.gserviceaccount.com'));
  gcp.grantRead(gcp.contract.sharedStore!, GcpGrantee.member('group:oncall@example.com'));
  expect(gcp.serviceAccount(gcp.contract.poolStore('tenant-acme')).node.id).toBe('Gsa-pool-tenant-acme');
  const json = JSON.parse(Testing.synth(stack, true));
  const grants = list(json, 'google_secret_manager_secret_iam_member');
  const migrations = grants.filter(g => g.member === 'serviceAccount:migrations@noxus-prod.iam.gserviceaccount.com');
  expect(migrations.map(g => g.secret_id)).toEqual([`\${google_secret_manager_secret.${idOfSecret(json, 'noxus-pools-tenant-acme-OPENAI_API_KEY')}.secret_id}`]);
  expect(migrations[0].role).toBe('roles/secretmanager.secretAccessor');
  expect(grants.filter(g => g.member === 'group:oncall@example.com')).toHaveLength(11);
  expect(gcp.blastRadiusReport()).toContain('group:oncall@example.com');
  expect(() => gcp.grantRead(gcp.contract.poolStore('default'), GcpGrantee.member('migrations'))).toThrow(
    'GcpGrantee.member: "migrations" is not an IAM member (serviceAccount:, user:, group:, domain:, principal:// or principalSet://). Use e.g. `serviceAccount:${gsa.email}`.');
});
