import { checkPlan, policyFindings, secretValueFindings, trustFindings, writeOnlyFindings } from './plan-checks';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { planSetup } from './plan-stack';
import { parseCliConfig, satisfies, terraformPlatform } from './terraform-env';

// Each check of the planned JSON against a compliant and a non-compliant fixture, in the shape of
// `terraform show -json` (resource_changes, configuration.root_module). No terraform needed.

interface Res { type: string; name: string; after?: any; unknown?: any; expressions?: any }

function plan(...resources: Res[]): any {
  return {
    resource_changes: resources.map(r => ({
      address: `${r.type}.${r.name}`, mode: 'managed', type: r.type, name: r.name,
      change: { actions: ['create'], after: r.after ?? {}, after_unknown: r.unknown ?? {} },
    })),
    configuration: { root_module: { resources: resources.map(r => ({ address: `${r.type}.${r.name}`, mode: 'managed', type: r.type, name: r.name, expressions: r.expressions ?? {} })) } },
  };
}

const ref = (value: unknown) => ({ constant_value: value });
const OIDC = 'arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC';
const ISSUER = 'oidc.eks.eu-west-1.amazonaws.com/id/ABC';
const managed = { 'noxus:managed-by': 'noxus-secrets-cdk' };

const secret = (env: string) => ({ type: 'aws_secretsmanager_secret', name: env.toLowerCase(), after: { name: `noxus/platform/${env}`, tags: { 'noxus:env-name': env } }, unknown: { arn: true, id: true } });
const version = (env: string, expressions: any) => ({ type: 'aws_secretsmanager_secret_version', name: env.toLowerCase(), expressions: { secret_id: { references: [`aws_secretsmanager_secret.${env.toLowerCase()}.id`, `aws_secretsmanager_secret.${env.toLowerCase()}`] }, ...expressions } });
const parameter = (env: string, expressions: any) => ({ type: 'aws_ssm_parameter', name: env.toLowerCase(), after: { name: `/noxus/platform/${env}`, type: 'SecureString', tags: { 'noxus:env-name': env } }, expressions });

describe('secret values', () => {
  test('compliant: a container without value, and a reference opted in by name through the write-only attribute', () => {
    const p = plan(secret('REDIS_URL'), secret('S3_SECRET_ACCESS_KEY'),
      version('S3_SECRET_ACCESS_KEY', { secret_string_wo: { references: ['aws_iam_access_key.s3.secret', 'aws_iam_access_key.s3'] }, secret_string_wo_version: ref('1') }));
    expect(secretValueFindings(p, { optedIn: ['S3_SECRET_ACCESS_KEY'] })).toEqual([]);
  });

  test('a placeholder in a write-only attribute is found in the configuration, by name', () => {
    const p = plan(parameter('REDIS_PASSWORD', { value_wo: ref('unset'), value_wo_version: ref(1) }));
    expect(secretValueFindings(p)).toEqual([{
      check: 'secret-value', at: 'aws_ssm_parameter.redis_password.value_wo',
      message: 'holds the placeholder "unset" (REDIS_PASSWORD): a value that is not the secret, which ESO would deliver as if it were',
    }]);
  });

  test('a literal value is found, without printing it', () => {
    const p = plan(secret('REDIS_PASSWORD'), version('REDIS_PASSWORD', { secret_string: ref('hunter2-but-longer') }));
    const found = secretValueFindings(p);
    expect(found.map(f => f.message)).toEqual(['holds a literal value (REDIS_PASSWORD) (18 characters): the secret is in the configuration and the state']);
    expect(JSON.stringify(found)).not.toContain('hunter2');
  });

  test('a planned value that came from a variable is found though the configuration holds no literal', () => {
    const p = plan({ type: 'aws_ssm_parameter', name: 'x', after: { value: 's3cr3t', tags: { 'noxus:env-name': 'X' } } });
    expect(secretValueFindings(p).map(f => f.at)).toEqual(['aws_ssm_parameter.x.value']);
  });

  test('a reference is refused unless its env name is opted in', () => {
    const p = plan(secret('S3_SECRET_ACCESS_KEY'), version('S3_SECRET_ACCESS_KEY', { secret_string: { references: ['aws_iam_access_key.s3.secret'] } }));
    expect(secretValueFindings(p).map(f => f.message)).toEqual([
      'is set from aws_iam_access_key.s3.secret (S3_SECRET_ACCESS_KEY), which the model did not opt in by name (ValueSource.fromTerraform)',
    ]);
    expect(secretValueFindings(p, { optedIn: ['S3_SECRET_ACCESS_KEY'] })).toEqual([]);
    expect(secretValueFindings(p, { optedIn: ['REDIS_PASSWORD'] })).toHaveLength(1);
  });

  test('a template with typed text around the reference is found even when opted in', () => {
    const p = plan(parameter('POSTGRESQL_URL', { value: ref('postgresql://admin:pw@${aws_db_instance.db.address}/noxus') }));
    expect(secretValueFindings(p, { optedIn: ['POSTGRESQL_URL'] }).map(f => f.message)).toEqual([
      'is a template with text of its own around its references (POSTGRESQL_URL): that text is typed by hand',
    ]);
  });

  test('a known secret value anywhere in the plan is found', () => {
    const p = plan({ type: 'aws_lambda_function', name: 'f', after: { environment: [{ variables: { TOKEN: 'tok-123456' } }] } });
    expect(secretValueFindings(p, { secretValues: ['tok-123456'] }).map(f => f.message)).toEqual(['known secret value #1 appears in the plan JSON']);
    expect(secretValueFindings(p, { secretValues: ['other'] })).toEqual([]);
  });
});

describe('write-only attributes', () => {
  test('compliant: the value goes through secret_string_wo with its version', () => {
    const p = plan(version('X', { secret_string_wo: { references: ['aws_iam_access_key.s3.secret'] }, secret_string_wo_version: ref(1) }));
    expect(writeOnlyFindings(p)).toEqual([]);
  });

  test('a value Terraform knows, through the attribute the state holds, is found', () => {
    const p = plan(version('X', { secret_string: { references: ['aws_iam_access_key.s3.secret'] } }), parameter('Y', { value: { references: ['aws_iam_access_key.s3.id'] } }));
    expect(writeOnlyFindings(p).map(f => `${f.at}: ${f.message}`)).toEqual([
      'aws_secretsmanager_secret_version.x.secret_string: puts the value into the Terraform state: use secret_string_wo (with secret_string_wo_version), which the state never holds',
      'aws_ssm_parameter.y.value: puts the value into the Terraform state: use value_wo (with value_wo_version), which the state never holds',
    ]);
  });

  test('a write-only attribute without its version is found', () => {
    const p = plan(parameter('Y', { value_wo: { references: ['aws_iam_access_key.s3.id'] } }));
    expect(writeOnlyFindings(p).map(f => f.message)).toEqual(['has no value_wo_version: Terraform would never send a changed value']);
  });
});

const doc = (...Statement: any[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const rolePolicy = (name: string, policy: string, planned = false) => ({
  type: 'aws_iam_role_policy', name, after: planned ? { policy } : {}, unknown: planned ? {} : { policy: true }, expressions: { policy: ref(policy) },
});

describe('policies', () => {
  test('compliant: exact ARNs (references kept as written), read from the configuration when unknown at plan', () => {
    const p = plan(rolePolicy('read', doc(
      { Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: ['${aws_secretsmanager_secret.a.arn}'] },
      { Effect: 'Allow', Action: ['kms:Decrypt'], Resource: ['${aws_kms_key.k.arn}'], Condition: { StringEquals: { 'kms:ViaService': 'secretsmanager.eu-west-1.amazonaws.com' } } },
    )));
    expect(policyFindings(p)).toEqual([]);
  });

  test('Resource "*" where a name is known is found', () => {
    const p = plan(rolePolicy('read', doc({ Sid: 'Read', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: '*' }), true));
    expect(policyFindings(p)).toEqual([{
      check: 'policy', at: 'aws_iam_role_policy.read.policy Statement[0] (Read)',
      message: 'allows secretsmanager:GetSecretValue on Resource "*" (list actions are allowed on "*" only with allowFind): name the resources',
    }]);
  });

  // A store's folder: what the library grants where every key under it is the store's own.
  const FOLDER = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:noxus/pools/acme/*';
  const readFor = (role: string, ...Resource: string[]) => ({
    ...rolePolicy(`read_${role}`, doc({ Sid: 'Read', Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource })),
    expressions: { policy: ref(doc({ Sid: 'Read', Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource })), role: { references: [`aws_iam_role.${role}.id`, `aws_iam_role.${role}`] } },
  });
  const poolSecret = (name: string) => ({ type: 'aws_secretsmanager_secret', name, after: { name: `noxus/pools/acme/${name}` }, unknown: { arn: true } });

  test('compliant: a folder that only its store reads (and a grantee of the whole store), and a secret\'s random suffix', () => {
    const p = plan(poolSecret('x'), readFor('acme', FOLDER), readFor('migrations', FOLDER),
      readFor('rds', 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-1234-??????'));
    expect(policyFindings(p)).toEqual([]);
    // A role of the user's granted one secret of the folder by name (grantRead of one address).
    const user = { type: 'aws_iam_role', name: 'ci', after: { name: 'ci' } };
    expect(policyFindings(plan(poolSecret('x'), user, readFor('acme', FOLDER), readFor('ci', '${aws_secretsmanager_secret.x.arn}')))).toEqual([]);
    // The same grant to a role of the library's is found.
    const store = { type: 'aws_iam_role', name: 'other', after: { name: 'noxus-eso-pool-other', tags: managed } };
    expect(policyFindings(plan(poolSecret('x'), store, readFor('acme', FOLDER), readFor('other', '${aws_secretsmanager_secret.x.arn}')))).toHaveLength(1);
  });

  test('a folder another role reads part of is found: by a reference to a secret in it, or a folder inside it', () => {
    const byName = plan(poolSecret('x'), readFor('acme', FOLDER), readFor('other', '${aws_secretsmanager_secret.x.arn}'));
    expect(policyFindings(byName).map(f => f.message)).toEqual([
      `allows secretsmanager:GetSecretValue on the folder ${JSON.stringify(FOLDER)}, which is not one store's: aws_iam_role.other reads noxus/pools/acme/x in it by name`,
    ]);
    const inner = plan(readFor('acme', FOLDER), readFor('other', 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:noxus/pools/acme/sub/*'));
    expect(policyFindings(inner).map(f => f.message)).toEqual([
      `allows secretsmanager:GetSecretValue on the folder ${JSON.stringify(FOLDER)}, which is not one store's: aws_iam_role.other reads the folder noxus/pools/acme/sub inside it`,
    ]);
  });

  test('any other pattern in a Resource is found: a top-level folder, a prefix without its slash, a wildcard inside a name', () => {
    for (const r of [
      'arn:aws:secretsmanager:eu-west-1:123456789012:secret:noxus/*',
      'arn:aws:secretsmanager:eu-west-1:123456789012:secret:noxus/pools/acme*',
      'arn:aws:secretsmanager:eu-west-1:123456789012:secret:noxus/pools/*/X-??????',
      'arn:aws:ssm:eu-west-1:123456789012:parameter/noxus/*',
    ]) {
      expect(policyFindings(plan(readFor('acme', r))).map(f => f.message)).toEqual([
        `allows secretsmanager:GetSecretValue on ${JSON.stringify(r)}, a pattern: name the resources, or one store's folder ('.../secret:<prefix>/pools/<pool>/*')`,
      ]);
    }
  });

  test('the find actions on "*" only with allowFind, and only they', () => {
    const find = plan(rolePolicy('find', doc({ Effect: 'Allow', Action: ['secretsmanager:ListSecrets', 'secretsmanager:BatchGetSecretValue'], Resource: '*' })));
    expect(policyFindings(find, { allowFind: true })).toEqual([]);
    expect(policyFindings(find)).toHaveLength(1);
    const mixed = plan(rolePolicy('mixed', doc({ Effect: 'Allow', Action: ['secretsmanager:ListSecrets', 'secretsmanager:GetSecretValue'], Resource: '*' })));
    expect(policyFindings(mixed, { allowFind: true })).toHaveLength(1);
  });

  test('a KMS key policy\'s Resource "*" is the key itself; its principal "*" is not allowed', () => {
    const key = (principal: any) => plan({ type: 'aws_kms_key', name: 'k', after: { policy: doc({ Effect: 'Allow', Principal: principal, Action: 'kms:Decrypt', Resource: '*' }) } });
    expect(policyFindings(key({ AWS: 'arn:aws:iam::123456789012:role/noxus-eso-platform' }))).toEqual([]);
    expect(policyFindings(key({ AWS: '*' })).map(f => f.message))
      .toEqual(['allows the principal "*" (no condition pins the caller\'s account: StringEquals aws:PrincipalAccount or kms:CallerAccount)']);
  });

  test('a principal "*" is taken where the conditions pin the account and name the roles; a pattern must start a path or name', () => {
    const policy = (type: string, Condition: any) => plan({ type, name: 'r', after: { policy: doc({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*', Condition }) } });
    const account = { StringEquals: { 'kms:CallerAccount': '123456789012' } };
    expect(policyFindings(policy('aws_kms_key', { ...account, ArnLike: { 'aws:PrincipalArn': ['arn:aws:iam::123456789012:role/noxus-stores/*'] } }))).toEqual([]);
    expect(policyFindings(policy('aws_secretsmanager_secret', { StringEquals: { 'aws:PrincipalAccount': '123456789012' }, ArnEquals: { 'aws:PrincipalArn': ['arn:aws:iam::123456789012:role/noxus-eso-pool-a'] } }))).toEqual([]);
    expect(policyFindings(policy('aws_kms_key', account)).map(f => f.message))
      .toEqual(['allows the principal "*" (no condition names the principals: ArnEquals or ArnLike on aws:PrincipalArn)']);
    expect(policyFindings(policy('aws_kms_key', { ...account, ArnLike: { 'aws:PrincipalArn': ['arn:aws:iam::123456789012:role/*'] } })).map(f => f.message))
      .toEqual(['allows the principal "*" (the pattern "arn:aws:iam::123456789012:role/*" names no role: it needs a literal path or name start after \':role/\')']);
  });

  test('wildcard actions, NotAction and NotResource are found; a Deny is not', () => {
    const p = plan(rolePolicy('broad', doc(
      { Effect: 'Allow', Action: 'secretsmanager:*', Resource: '${aws_secretsmanager_secret.a.arn}' },
      { Effect: 'Allow', NotAction: 'iam:*', NotResource: '${aws_secretsmanager_secret.a.arn}' },
      { Effect: 'Deny', Action: '*', Resource: '*' },
    ), true));
    expect(policyFindings(p).map(f => f.message)).toEqual([
      'allows the action "secretsmanager:*": name the actions',
      'allows NotAction: every action but some',
      'allows NotResource: every resource but some',
    ]);
  });

  test('a policy that is not JSON is found', () => {
    expect(policyFindings(plan(rolePolicy('bad', '{"Statement": [', true))).map(f => f.message)[0]).toMatch(/^is not JSON \(.*\), read from the planned value$/);
  });
});

const role = (name: string, trust: string, tags: any = managed) => ({ type: 'aws_iam_role', name, after: { name, assume_role_policy: trust, tags } });
const irsa = (sub: string, aud = 'sts.amazonaws.com', issuer = ISSUER) => doc({
  Effect: 'Allow', Principal: { Federated: OIDC }, Action: ['sts:AssumeRoleWithWebIdentity'],
  Condition: { StringEquals: { [`${issuer}:sub`]: sub, [`${issuer}:aud`]: aud } },
});
const pods = (equals: Record<string, string>, Action = ['sts:AssumeRole', 'sts:TagSession']) => doc({ Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action, Condition: { StringEquals: equals } });
const podTags = { 'aws:RequestTag/eks-cluster-arn': 'arn:aws:eks:eu-west-1:123456789012:cluster/noxus', 'aws:RequestTag/kubernetes-namespace': 'external-secrets', 'aws:RequestTag/kubernetes-service-account': 'external-secrets' };

describe('trust', () => {
  const expected = { 'noxus-eso-platform': { namespace: 'noxus', serviceAccount: 'noxus-eso-platform' } };

  test('compliant IRSA: the provider\'s issuer, :sub the one ServiceAccount, :aud STS', () => {
    expect(trustFindings(plan(role('noxus-eso-platform', irsa('system:serviceaccount:noxus:noxus-eso-platform'))), { expected })).toEqual([]);
  });

  test('IRSA: another ServiceAccount, a wildcard subject, another audience, another issuer are found', () => {
    const messages = (trust: string) => trustFindings(plan(role('noxus-eso-platform', trust)), { expected }).map(f => f.message);
    expect(messages(irsa('system:serviceaccount:noxus:noxus-eso-pool-default'))).toEqual(['trusts "system:serviceaccount:noxus:noxus-eso-pool-default"; expected system:serviceaccount:noxus:noxus-eso-platform']);
    expect(messages(irsa('system:serviceaccount:noxus:*'))[0]).toBe('trusts ["system:serviceaccount:noxus:*"] on :sub; expected exactly one system:serviceaccount:<namespace>:<name>');
    expect(messages(irsa('system:serviceaccount:noxus:noxus-eso-platform', 'sts.amazonaws.com.evil'))).toEqual(['has :aud "sts.amazonaws.com.evil"; expected "sts.amazonaws.com"']);
    expect(messages(irsa('system:serviceaccount:noxus:noxus-eso-platform', 'sts.amazonaws.com', 'oidc.eks.eu-west-1.amazonaws.com/id/OTHER'))).toHaveLength(2);
  });

  test('IRSA without a :sub condition is found', () => {
    const trust = doc({ Effect: 'Allow', Principal: { Federated: OIDC }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { [`${ISSUER}:aud`]: 'sts.amazonaws.com' } } });
    expect(trustFindings(plan(role('r', trust))).map(f => f.message)).toEqual(['has no StringEquals on <issuer>:sub: any ServiceAccount of the cluster could assume the role']);
  });

  test('compliant Pod Identity: the pods principal, AssumeRole and TagSession, the three request tags', () => {
    const p = plan(role('noxus-eso-controller', pods(podTags)));
    expect(trustFindings(p, { expected: { 'noxus-eso-controller': { namespace: 'external-secrets', serviceAccount: 'external-secrets' } } })).toEqual([]);
  });

  test('Pod Identity without TagSession, or without a request tag, or for another ServiceAccount is found', () => {
    const { ['aws:RequestTag/kubernetes-namespace']: _, ...noNamespace } = podTags;
    expect(trustFindings(plan(role('c', pods(podTags, ['sts:AssumeRole'])))).map(f => f.message)).toEqual(['misses sts:TagSession, which EKS Pod Identity needs']);
    expect(trustFindings(plan(role('c', pods(noNamespace)))).map(f => f.message)).toEqual([
      'has no exact StringEquals on aws:RequestTag/kubernetes-namespace: pods of other kubernetes namespaces could assume the role',
    ]);
    expect(trustFindings(plan(role('c', pods(podTags))), { expected: { c: { namespace: 'external-secrets', serviceAccount: 'eso' } } }).map(f => f.message)).toEqual([
      'trusts aws:RequestTag/kubernetes-service-account "external-secrets"; expected "eso"',
    ]);
  });

  test('a library role trusted by another role needs session tags; a user\'s own role is not judged', () => {
    const byRole = (Condition?: any) => doc({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:role/noxus-eso-controller' }, Action: ['sts:AssumeRole', 'sts:TagSession'], ...(Condition ? { Condition } : {}) });
    expect(trustFindings(plan(role('store', byRole({ StringEquals: { 'aws:RequestTag/eso-namespace': 'noxus' } }))))).toEqual([]);
    expect(trustFindings(plan(role('store', byRole()))).map(f => f.message)).toEqual([
      'lets arn:aws:iam::123456789012:role/noxus-eso-controller assume the role with no session-tag condition: every session of that principal could read this store',
    ]);
    expect(trustFindings(plan(role('users-own', byRole(), {})))).toEqual([]);
  });

  test('an expected role the plan does not create is found', () => {
    expect(trustFindings(plan(), { expected }).map(f => `${f.at} ${f.message}`)).toEqual(['role noxus-eso-platform is expected, and the plan creates no such role']);
  });
});

test('checkPlan runs every check', () => {
  const p = plan(parameter('X', { value_wo: ref('unset') }), rolePolicy('read', doc({ Effect: 'Allow', Action: 'ssm:GetParameter', Resource: '*' }), true));
  expect(checkPlan(p).map(f => f.check).sort()).toEqual(['policy', 'secret-value', 'write-only']);
});

describe('the run\'s setup', () => {
  const mirror = { mirror: '/nonexistent-mirror', direct: false, description: 'test' };

  test('version constraints', () => {
    expect(satisfies('5.100.0', '6.25.0')).toBe(false);
    expect(satisfies('6.25.0', '6.25.0')).toBe(true);
    expect(satisfies('5.100.0', '>= 5.0, < 6.0')).toBe(true);
    expect(satisfies('5.100.0', '~> 5.90')).toBe(true);
    expect(satisfies('6.0.0', '~> 5.90')).toBe(false);
    expect(satisfies('5.100.1', '~> 5.100.0')).toBe(true);
  });

  test('a CLI config\'s filesystem mirror', () => {
    expect(parseCliConfig('provider_installation {\n  filesystem_mirror {\n    path = "/m"\n    include = ["registry.terraform.io/*/*"]\n  }\n  direct { exclude = ["registry.terraform.io/*/*"] }\n}\n'))
      .toEqual({ mirror: '/m', providerInstallation: true, direct: true });
    expect(parseCliConfig('# provider_installation {}\nplugin_cache_dir = "/c"\n')).toEqual({ mirror: undefined, providerInstallation: false, direct: true });
  });

  test('a provider the mirror lacks skips the stack and names the provider', () => {
    const setup = planSetup({ terraform: { required_providers: { kubernetes: { source: 'kubernetes', version: '2.38.0' } } } }, '/tmp/x', mirror);
    expect(setup.skip).toBe('needs registry.terraform.io/hashicorp/kubernetes 2.38.0, not in the filesystem mirror /nonexistent-mirror');
  });

  test('every aws provider block, each alias too, gets the offline settings; a local backend in the run\'s folder', () => {
    const setup = planSetup({
      terraform: { backend: { local: { path: '/work/x.tfstate' } }, required_providers: { aws: { source: 'aws', version: '6.25.0' } } },
      provider: { aws: [{ region: 'eu-west-1' }, { region: 'us-east-1', alias: 'us' }] },
    }, '/tmp/run', { direct: true, description: 'registry' });
    expect(setup.override.provider.aws).toEqual([
      expect.objectContaining({ access_key: 'noxus-plan-offline', skip_credentials_validation: true, skip_requesting_account_id: true, skip_metadata_api_check: true }),
      expect.objectContaining({ alias: 'us', skip_region_validation: true }),
    ]);
    expect(setup.override.provider.aws[0].alias).toBeUndefined();
    expect(setup.override.terraform).toEqual({ backend: { local: { path: '/tmp/run/terraform.tfstate' } } });
    expect(setup.skip).toBeUndefined();
    expect(setup.noPlan).toBeUndefined();
  });

  test('only where the mirror has another version than the pinned one, that constraint is relaxed to it, and the run says so', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'noxus-mirror-'));
    try {
      fs.mkdirSync(path.join(dir, 'registry.terraform.io', 'hashicorp', 'aws', '5.100.0', terraformPlatform()), { recursive: true });
      const source = { mirror: dir, direct: false, description: 'test' };
      const stack = (version: string) => ({ terraform: { required_providers: { aws: { source: 'aws', version } } }, provider: { aws: [{ region: 'eu-west-1' }] } });
      const relaxed = planSetup(stack('6.25.0'), '/tmp/run', source);
      expect(relaxed.override.terraform.required_providers).toEqual({ aws: { source: 'aws', version: '5.100.0' } });
      expect(relaxed.notes).toEqual(['registry.terraform.io/hashicorp/aws: pinned 6.25.0, this run uses 5.100.0 (the only version(s) here: 5.100.0)']);
      const kept = planSetup(stack('>= 5.0'), '/tmp/run', source);
      expect(kept.override.terraform.required_providers).toBeUndefined();
      expect(kept.notes).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
