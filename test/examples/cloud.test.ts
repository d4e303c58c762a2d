import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Yaml } from 'cdk8s';
import { EXAMPLES, FILE_EXAMPLES, synthAll } from '../../examples/synth-all';
import { validateAll } from '../support/schema';
import { danglingReferences } from '../support/terraform-refs';

const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'noxus-examples-'));
const tfOut = fs.mkdtempSync(path.join(os.tmpdir(), 'noxus-tf-'));
beforeAll(() => synthAll(outdir, tfOut));
afterAll(() => [outdir, tfOut].forEach(d => fs.rmSync(d, { recursive: true, force: true })));

function terraform(example: string): any {
  return JSON.parse(fs.readFileSync(path.join(tfOut, 'stacks', `noxus-secrets-${example}`, 'cdk.tf.json'), 'utf-8'));
}

test.each(['aws-eks-onestack', 'gcp-gke-onestack', 'azure-onestack'])('%s: every reference resolves in its stack, and the manifests are schema-valid', example => {
  const json = terraform(example);
  expect(danglingReferences(json)).toEqual([]);
  const all = Object.values<any>(json.resource.kubernetes_manifest).map(r => r.manifest);
  validateAll(all);
  expect(all.filter(m => m.kind === 'ExternalSecret')).toHaveLength(3);
  expect(fs.existsSync(path.join(tfOut, 'cdk8s'))).toBe(false);
});

test('aws-eks-onestack: the account and the OIDC provider come from Terraform, into the roles and the ServiceAccounts', () => {
  const json = terraform('aws-eks-onestack');
  const all = Object.values<any>(json.resource.kubernetes_manifest).map(r => r.manifest);
  const sa = all.find(m => m.kind === 'ServiceAccount' && m.metadata.name === 'noxus-eso-pool-tenant-acme');
  expect(sa.metadata.annotations['eks.amazonaws.com/role-arn']).toBe('arn:aws:iam::${data.aws_caller_identity.account.account_id}:role/noxus-eso-pool-tenant-acme');
  expect(json.resource.aws_iam_openid_connect_provider.oidc.url).toBe('${data.aws_eks_cluster.cluster.identity[0].oidc[0].issuer}');
  const trusts = Object.values<any>(json.data.aws_iam_policy_document).map(d => d.statement[0]);
  expect(trusts.every(t => t.principals[0].identifiers[0] === '${aws_iam_openid_connect_provider.oidc.arn}')).toBe(true);
});

test('gcp-gke-onestack: the project and the workload pool come from Terraform', () => {
  const json = terraform('gcp-gke-onestack');
  const all = Object.values<any>(json.resource.kubernetes_manifest).map(r => r.manifest);
  const sa = all.find(m => m.kind === 'ServiceAccount' && m.metadata.name === 'noxus-eso-platform');
  expect(sa.metadata.annotations['iam.gke.io/gcp-service-account']).toBe('noxus-platform@${data.google_project.project.project_id}.iam.gserviceaccount.com');
  const bindings = Object.values<any>(json.resource.google_service_account_iam_member);
  expect(bindings[0].member).toBe('serviceAccount:${data.google_container_cluster.cluster.workload_identity_config[0].workload_pool}[noxus/noxus-eso-platform]');
});

function manifests(example: string): any[] {
  const dir = path.join(outdir, example);
  return fs.readdirSync(dir).filter(f => f.endsWith('.k8s.yaml')).sort().flatMap(f => Yaml.load(path.join(dir, f)));
}

test('every example writes its folder', () => {
  expect(fs.readdirSync(outdir).sort()).toEqual([...Object.keys(EXAMPLES), ...Object.keys(FILE_EXAMPLES)].sort());
});

test.each(['aws', 'gcp', 'azure', 'vault'])('%s: every object is schema-valid, ESO kinds included', example => {
  const all = manifests(example);
  validateAll(all);
  expect(all.filter(m => m.kind === 'ExternalSecret')).toHaveLength(3);
  expect(all.filter(m => m.kind === 'SecretStore')).toHaveLength(3);
});

test.each(['aws', 'gcp', 'azure', 'vault'])('%s: every store authenticates as its own ServiceAccount, and that ServiceAccount exists', example => {
  const all = manifests(example);
  const accounts = new Set(all.filter(m => m.kind === 'ServiceAccount').map(m => m.metadata.name));
  const refs = all.filter(m => m.kind === 'SecretStore').map(m => JSON.stringify(m.spec.provider).match(/"serviceAccountRef":\{[^}]*"name":"([^"]+)"/)![1]);
  expect(new Set(refs).size).toBe(3);
  for (const ref of refs) expect(accounts.has(ref)).toBe(true);
});

test('no example writes a secret value', () => {
  for (const example of Object.keys(EXAMPLES)) {
    expect(manifests(example).filter(m => m.kind === 'Secret')).toEqual([]);
  }
});

test('azure-csi: every object is valid, each workload runs as its store\'s ServiceAccount and mounts its classes', () => {
  const all = manifests('azure-csi');
  validateAll(all);
  expect(all.filter(m => m.kind === 'SecretProviderClass')).toHaveLength(3);
  const accounts = new Set(all.filter(m => m.kind === 'ServiceAccount').map(m => m.metadata.name));
  const classes = new Set(all.filter(m => m.kind === 'SecretProviderClass').map(m => m.metadata.name));
  for (const d of all.filter(m => m.kind === 'Deployment')) {
    const spec = d.spec.template.spec;
    expect(accounts.has(spec.serviceAccountName)).toBe(true);
    for (const v of spec.volumes) expect(classes.has(v.csi.volumeAttributes.secretProviderClass)).toBe(true);
  }
});

test('aws-split: the contract\'s stores across two stacks, each secret created once, every reference resolved', () => {
  const shared = terraform('aws-split');
  const acme = JSON.parse(fs.readFileSync(path.join(tfOut, 'stacks', 'noxus-secrets-aws-split-acme', 'cdk.tf.json'), 'utf-8'));
  expect(danglingReferences(shared)).toEqual([]);
  expect(danglingReferences(acme)).toEqual([]);
  const names = (doc: any) => Object.values<any>(doc.resource.aws_secretsmanager_secret ?? {}).map(s => s.name).sort();
  expect(names(acme)).toEqual(['noxus/pools/tenant-acme/OPENAI_API_KEY']);
  expect(new Set([...names(shared), ...names(acme)]).size).toBe(names(shared).length + names(acme).length);
  expect(Object.values<any>(shared.resource.aws_iam_role).map(r => r.name).sort()).toEqual(['noxus-eso-platform', 'noxus-eso-pool-default']);
  expect(Object.values<any>(acme.resource.aws_iam_role).map(r => r.name).sort()).toEqual(['noxus-acme-migrations', 'noxus-eso-pool-tenant-acme']);
  // The key comes from the first stack, by cross-stack reference; no second key.
  expect(acme.resource.aws_kms_key).toBeUndefined();
  expect(JSON.stringify(acme.resource.aws_iam_role_policy)).toContain('data.terraform_remote_state.');
  // The second stack's migrations role reads tenant-acme's secrets, and the first stack's key lets it decrypt.
  const grant = Object.values<any>(acme.resource.aws_iam_role_policy).find(p => p.name === 'read-noxus-pool-tenant-acme');
  expect(grant.role).toMatch(/^\$\{aws_iam_role\.[^.]+\.id\}$/);
  const keyPolicy = JSON.parse(Object.values<any>(shared.resource.aws_kms_key)[0].policy);
  expect(keyPolicy.Statement.find((st: any) => st.Sid === 'ReadersDecryptThroughBackend').Condition.ArnEquals['aws:PrincipalArn']).toContain('arn:aws:iam::123456789012:role/noxus-acme-migrations');
});

test('aws-rds: the database URLs are composed by ESO from the RDS managed secret, the plugin keys generated; no value in the configuration', () => {
  const json = terraform('aws-rds');
  expect(danglingReferences(json)).toEqual([]);
  const all = Object.values<any>(json.resource.kubernetes_manifest).map(r => r.manifest);
  validateAll(all);
  const shared = all.find(m => m.kind === 'ExternalSecret' && m.metadata.name === 'app-env');
  expect(shared.spec.target.template.data.POSTGRESQL_URL).toContain('@${aws_db_instance.db.address}:${aws_db_instance.db.port}/noxus?sslmode=require');
  expect(shared.spec.target.template.data.VECTOR_POSTGRESQL_URL).toContain('/noxus_vector?sslmode=require');
  expect(shared.spec.data.find((d: any) => d.secretKey === 'POSTGRESQL_URL.db.password').remoteRef.key).toBe('${aws_db_instance.db.master_user_secret[0].secret_arn}');
  expect(all.filter(m => m.kind === 'Password').map(m => m.metadata.name).sort()).toEqual(['noxus-platform-plugin-server-api-key', 'noxus-platform-plugin-server-platform-key']);
  const names = Object.values<any>(json.resource.aws_secretsmanager_secret).map(s => s.name);
  for (const n of ['POSTGRESQL_URL', 'VECTOR_POSTGRESQL_URL', 'PLUGIN_SERVER_API_KEY', 'PLUGIN_SERVER_PLATFORM_KEY']) expect(names).not.toContain(`noxus/platform/${n}`);
  expect(json.resource.aws_db_instance.db).toMatchObject({ manage_master_user_password: true });
  expect(json.resource.aws_db_instance.db.password).toBeUndefined();
  expect(json.resource.aws_secretsmanager_secret_version).toBeUndefined();
});

test('aws-cdktn: the same model as examples/aws, synthesized with CDK Terrain, is the same Terraform JSON apart from the flavour\'s metadata', () => {
  const read = (file: string) => JSON.parse(fs.readFileSync(file, 'utf-8'));
  const cdktf = read(path.join(tfOut, 'stacks', 'noxus-secrets-aws', 'cdk.tf.json'));
  const cdktn = read(path.join(tfOut, 'aws-cdktn', 'stacks', 'noxus-secrets-aws', 'cdk.tf.json'));
  expect([cdktf['//'].metadata.version, cdktn['//'].metadata.version]).toEqual([expect.stringMatching(/^0\.21\./), expect.stringMatching(/^0\.24\./)]);
  // What differs: the metadata block, and the provider pin each flavour's prebuilt provider writes.
  const strip = (json: any) => {
    const { ['//']: _meta, ...rest } = json;
    return { ...rest, terraform: { ...rest.terraform, required_providers: undefined } };
  };
  expect(strip(cdktn)).toEqual(strip(cdktf));
  expect(Object.keys(cdktn.resource.aws_iam_role)).toHaveLength(3);
});
