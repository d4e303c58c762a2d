import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { ApiObject, Chart, JsonPatch, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Lazy, App as TfApp, Testing as TfTesting, TerraformStack } from 'cdktf';
import { EnvSecretSource, NoxusPlatformSecrets, NoxusService, SecretBackend, SecretsContract, WorkloadIdentity, NoxusApp } from '../../lib';
import { NoxusAwsSecrets, AwsGrantee } from '../../lib/terraform/aws';
import { platform } from '../support/fixtures';

const SM = SecretBackend.awsSecretsManager({ region: 'eu-west-1' });
const IRSA = WorkloadIdentity.irsa({ accountId: '123456789012' });
const OIDC = 'arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC';

const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'noxus-contract-'));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach(d => fs.rmSync(d, { recursive: true, force: true })));

function awsStack(contract: SecretsContract, extra: Record<string, unknown> = {}, app = TfTesting.app()) {
  const stack = new TerraformStack(app, `s${app.node.children.length}`);
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  const aws = new NoxusAwsSecrets(stack, 'secrets', { valueWriters: ['arn:aws:iam::123456789012:role/noxus-secrets-admin'], contract, oidcProviderArn: OIDC, ...extra });
  return { app, stack, aws };
}

test('one contract drives both sides: every ServiceAccount, role and remote key agree', () => {
  const contract = new SecretsContract({ blueprint: platform(), backend: SM, identity: IRSA, namespace: 'noxus', environment: 'prod' });
  const manifests = Testing.synth(new NoxusPlatformSecrets(new NoxusApp(), 'secrets', { contract }));
  const { stack } = awsStack(contract);
  const tf = JSON.parse(TfTesting.synth(stack, true));
  const roles = Object.values<any>(tf.resource.aws_iam_role);
  for (const sa of manifests.filter(m => m.kind === 'ServiceAccount')) {
    const arn: string = sa.metadata.annotations['eks.amazonaws.com/role-arn'];
    const role = roles.find(r => arn.endsWith(`:role/${r.name}`));
    expect(role).toBeDefined();
    const trust = JSON.parse(role.assume_role_policy);
    expect(Object.values<any>(trust.Statement[0].Condition.StringEquals)).toContain(`system:serviceaccount:noxus:${sa.metadata.name}`);
  }
  const names = Object.values<any>(tf.resource.aws_secretsmanager_secret).map(s => s.name).sort();
  const read = manifests.filter(m => m.kind === 'ExternalSecret').flatMap(m => m.spec.data.map((d: any) => d.remoteRef.key));
  expect([...new Set(read)].every(k => names.includes(k))).toBe(true);
  expect(names.every(n => n.startsWith('noxus-prod/'))).toBe(true);
});

test('a fact given beside the contract (the props of earlier versions) is the library\'s error on either side, never ignored', () => {
  const contract = new SecretsContract({ blueprint: platform(), backend: SM, identity: IRSA, namespace: 'noxus' });
  const instead = 'Pass contract: new SecretsContract({ blueprint, backend, identity, namespace })';
  expect(() => new NoxusPlatformSecrets(new NoxusApp(), 'secrets', { contract, namespace: 'other' } as any)).toThrow(
    `[secrets] NoxusPlatformSecrets: namespace is no longer a prop: the SecretsContract holds it, so that every side reads one value. ${instead}.`);
  expect(() => new NoxusPlatformSecrets(new NoxusApp(), 'secrets', {
    contract, source: EnvSecretSource.externalSecrets({ remoteKeys: { prefix: 'other' } } as any),
  })).toThrow(`EnvSecretSource.externalSecrets: remoteKeys is no longer a prop: the SecretsContract holds it, so that every side reads one value. ${instead} to the construct that takes this source.`);
  expect(() => awsStack(contract, { namespace: 'other' } as any)).toThrow(
    `NoxusAwsSecrets: namespace is no longer a prop: the SecretsContract holds it, so that every side reads one value. ${instead}.`);
  expect(() => awsStack(contract, { backend: SecretBackend.awsSecretsManager({ region: 'eu-central-1' }) } as any)).toThrow(
    `NoxusAwsSecrets: backend is no longer a prop: the SecretsContract holds it, so that every side reads one value. ${instead}.`);
});

test('the cloud side refuses a contract without a namespace', () => {
  expect(() => awsStack(new SecretsContract({ blueprint: platform(), backend: SM, identity: IRSA }))).toThrow(
    'NoxusAwsSecrets: the contract has no namespace, and every identity trusts the ServiceAccounts of one namespace. ' +
    'Set namespace in the SecretsContract (the same the Kubernetes side renders into).');
});

test('grantRead lets another role read exactly one store\'s secrets, and the report lists it', () => {
  const identity = WorkloadIdentity.irsa({ accountId: '123456789012', rolePath: '/noxus/' });
  const contract = new SecretsContract({ blueprint: platform(), backend: SM, identity, namespace: 'noxus' });
  const { stack, aws } = awsStack(contract, { permissionsBoundary: 'arn:aws:iam::123456789012:policy/boundary', roleTags: { team: 'platform' } });
  const migrations = new IamRole(stack, 'migrations', { name: 'migrations', assumeRolePolicy: '{}' });
  aws.grantRead(contract.poolStore('tenant-acme'), AwsGrantee.role(migrations));
  aws.grantReadKey(aws.contract.remoteKeyAt('platform/POSTGRESQL_URL'), AwsGrantee.role(migrations));
  const tf = JSON.parse(TfTesting.synth(stack, true));
  const grants = Object.values<any>(tf.resource.aws_iam_role_policy).filter(p => p.role.includes('aws_iam_role.migrations'));
  expect(grants).toHaveLength(2);
  const resources = grants.map(g => JSON.parse(g.policy).Statement[0].Resource);
  // The whole store: the folder only it reads; one address: its exact ARN.
  expect(resources[0]).toEqual(['arn:aws:secretsmanager:eu-west-1:123456789012:secret:noxus/pools/tenant-acme/*']);
  expect(resources[1]).toEqual([expect.stringMatching(/^\$\{aws_secretsmanager_secret\.secrets_Secret-platform_POSTGRESQL_URL_[0-9A-F]+\.arn\}$/)]);
  const storeRole = Object.values<any>(tf.resource.aws_iam_role).find(r => r.name === 'noxus-eso-platform');
  expect([storeRole.path, storeRole.permissions_boundary, storeRole.tags.team]).toEqual(['/noxus/', 'arn:aws:iam::123456789012:policy/boundary', 'platform']);
  expect(aws.role(contract.sharedStore!)).toBe(aws.role(contract.storeById('platform')));
  expect(aws.blastRadiusReport().split('\n').find(l => l.startsWith('| `POSTGRESQL_URL`'))).toContain('IAM role s0/migrations');
  expect(() => aws.grantReadKey(aws.contract.remoteKeyAt('pools/nope/X'), AwsGrantee.role(migrations))).toThrow(
    'SecretsContract.remoteKeyAt: no secret at "pools/nope/X" (addresses are \'platform/NAME\', \'workers/NAME\' or \'pools/<pool>/NAME\' of the blueprint). Fix the address.');
  expect(() => aws.role('platform' as any)).toThrow("[s0/secrets] NoxusAwsSecrets: role takes a Store of the contract (contract.poolStore('<pool>'), " +
    'contract.sharedStore, contract.storeById(\'<id>\')), not "platform".');
});

describe('synth lifecycle', () => {
  const contract = () => new SecretsContract({ blueprint: platform(), backend: SM, identity: IRSA, namespace: 'noxus' });

  test('Testing.synth and toJson write nothing; app.synth writes the extra files', () => {
    const outdir = tmp();
    const app = new NoxusApp({ outdir });
    const chart = new NoxusPlatformSecrets(app, 'secrets', { contract: contract() });
    Testing.synth(chart);
    chart.toJson();
    expect(fs.readdirSync(outdir)).toEqual([]);
    app.synth();
    expect(fs.readdirSync(outdir).sort()).toEqual(['helm', 'secrets.blast-radius.md', 'secrets.k8s.yaml']);
  });

  test('a second synth after a patch reflects the patch', () => {
    const app = new NoxusApp();
    const chart = new NoxusPlatformSecrets(app, 'secrets', { contract: contract() });
    const first = app.synthYaml();
    const es = chart.node.findAll().find(c => c instanceof ApiObject && c.kind === 'ExternalSecret') as ApiObject;
    es.addJsonPatch(JsonPatch.replace('/spec/refreshInterval', '15m'));
    const second = app.synthYaml();
    expect(second).not.toBe(first);
    expect(second).toContain('refreshInterval: 15m');
  });

  test('an error in a later chart leaves nothing written', () => {
    const outdir = tmp();
    const app = new NoxusApp({ outdir });
    new NoxusPlatformSecrets(app, 'secrets', { contract: contract() });
    const other = new Chart(app, 'zz-other');
    new ApiObject(other, 'broken', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { get boom(): string { throw new Error('boom'); } } });
    expect(() => app.synth()).toThrow("Failed serializing construct at path 'zz-other/broken' with name 'x': Error: boom");
    expect(fs.readdirSync(outdir)).toEqual([]);
    // The staging folder beside the output directory is gone too.
    expect(fs.readdirSync(path.dirname(outdir)).filter(f => f.includes('noxus-synth'))).toEqual([]);
  });

  test('two charts that would write the same file are an error', () => {
    const app = new NoxusApp({ outdir: tmp() });
    // Two environments side by side, one values file name by mistake.
    new NoxusPlatformSecrets(app, 'a', { contract: contract(), helmValuesFile: 'values.yaml', sharedSecretName: 'env-a' });
    new NoxusPlatformSecrets(app, 'b', { contract: contract(), helmValuesFile: 'values.yaml', sharedSecretName: 'env-b' });
    expect(() => app.synthYaml()).toThrow('NoxusPlatformSecrets: a and b both write "values.yaml" in the output directory, so one would overwrite the other.');
  });

  test('a workload in another namespace is the library\'s error', () => {
    const app = new NoxusApp();
    const chart = new NoxusPlatformSecrets(app, 'secrets', { contract: contract() });
    const d = new kplus.Deployment(new Chart(app, 'apps', { namespace: 'elsewhere' }), 'web');
    d.addContainer({ image: 'x' });
    expect(() => chart.attachService(d, NoxusService.BACKEND)).toThrow(
      '[secrets] NoxusPlatformSecrets: workload "apps/web" is in namespace "elsewhere", but the env Secrets are in "noxus"; envFrom reads Secrets of the pod\'s own namespace only.');
  });

  test('audit settings on one cloud construct hold for that construct only', () => {
    const c = contract();
    const app = TfTesting.app();
    const stack = new TerraformStack(app, 'one');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    // NX5 fails a read policy on '*': here a KMS key given as a reference that resolves to '*' (a literal '*' is no key ARN: refused at once).
    const anyKey = () => Lazy.stringValue({ produce: () => '*' });
    new NoxusAwsSecrets(stack, 'off', { contract: c, oidcProviderArn: OIDC, kmsKeyArn: anyKey(), audit: { enabled: false } });
    const onC = new SecretsContract({ blueprint: platform(), backend: SM, identity: IRSA, namespace: 'noxus', environment: 'b' });
    new NoxusAwsSecrets(stack, 'on', { contract: onC, oidcProviderArn: OIDC, kmsKeyArn: anyKey() });
    let message = '';
    try {
      TfTesting.synth(stack, true);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/\[one\/on\] Audit NX5 error/);
    expect(message).not.toMatch(/\[one\/off\]/);
  });

  test('an audit error in the second stack leaves the first stack unwritten', () => {
    const outdir = tmp();
    const app = new TfApp({ outdir });
    awsStack(contract(), {}, app);
    awsStack(new SecretsContract({ blueprint: platform(), backend: SM, identity: IRSA, namespace: 'noxus', environment: 'two' }), { kmsKeyArn: Lazy.stringValue({ produce: () => '*' }) }, app);
    expect(() => app.synth()).toThrow(/\[s1\/secrets\] Audit NX5 error/);
    expect(fs.existsSync(path.join(outdir, 'stacks', 's0', 'cdk.tf.json'))).toBe(false);
  });
});
