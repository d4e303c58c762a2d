import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { DefaultTokenResolver, StringConcat, TerraformStack, Testing, Tokenization } from 'cdktf';
import { KeyPolicyReaders, NoxusAwsSecrets, NoxusAwsSecretsProps, AwsGrantee } from '../../../lib/terraform/aws';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { CLOUD_LIMITS, NoxusCatalog, PlatformSecret, SecretBackend, SecretsBlueprint, SecretsContract, SourceSecret, ValueSource, WorkloadIdentity } from '../../../lib';
import { iamPolicyLength } from '../../../lib/core';
import { PolicyDocument } from '../../../lib/terraform/aws/iam-policies';
import { fitGroups } from '../../../lib/terraform/aws/policy-fit';
import { evaluate } from '../../support/iam-eval';
import { synthProblems } from '../../support/synth-problems';
import { WRITER, resources, rolesByName, secretArn, synthAws } from './support';

const OIDC = 'arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC123';
const KEY = 'arn:aws:kms:eu-west-1:123456789012:key/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';

/**
 * A policy as IAM counts it at apply: each secret's reference replaced by the ARN AWS gives it
 * (its name and 6 random characters, the same length as the library's longest form with literal
 * parts), whitespace not counted.
 */
function lengthAtApply(json: any, policy: string): number {
  let text = policy;
  for (const [id, s] of Object.entries<any>(json.resource.aws_secretsmanager_secret ?? {})) text = text.split(`\${aws_secretsmanager_secret.${id}.arn}`).join(secretArn(s.name));
  expect(text).not.toContain('${');
  return iamPolicyLength(text);
}

// What allowFind adds to a store's policy: one statement of 133 characters (with its comma), an odd number.
const FIND_STATEMENT = 133;

/**
 * Pools a and b read the same n worker-only secrets (their folder is nobody's: exact ARNs); b has one of its own.
 * `pad` moves pool a's policy by as many characters. A key ARN has a fixed length, and each character of a secret's
 * name counts twice (its ARN is in the read statement and in the decrypt condition), so an odd pad adds the find
 * statement (allowFind) and the rest lengthens the names.
 */
function model(n: number, pad: number) {
  const find = pad % 2 === 1;
  const chars = (pad - (find ? FIND_STATEMENT : 0)) / 2;
  if (chars < 0) throw new Error(`pad ${pad} is odd and under ${FIND_STATEMENT}`);
  const extra = (i: number) => 'P'.repeat(Math.floor(chars / n) + (i < chars % n ? 1 : 0));
  const workers = Array.from({ length: n }, (_, i) => `WORKER_SECRET_${String(i).padStart(4, '0')}${extra(i)}`);
  const blueprint = new SecretsBlueprint({
    secrets: [...workers, 'B_ONLY'].map(name => PlatformSecret.custom({ name })), workerOnly: workers,
    pools: [{ name: 'a' }, { name: 'b', secrets: ['B_ONLY'] }],
  });
  return {
    workers, find, ...synthAws({
      blueprint, backend: SecretBackend.awsSecretsManager({ region: 'eu-west-1' }), identity: WorkloadIdentity.irsa({ accountId: '123456789012' }),
      namespace: 'noxus', oidcProviderArn: OIDC, kmsKeyArn: KEY, allowFind: find,
    }),
  };
}

const roleId = (json: any, name: string) => Object.entries<any>(json.resource.aws_iam_role).find(([, r]) => r.name === name)![0];
const inlineOf = (json: any, role: string) => resources(json, 'aws_iam_role_policy').filter(p => p.role === `\${aws_iam_role.${roleId(json, role)}.id}`);
const managedOf = (json: any, role: string) => resources(json, 'aws_iam_role_policy_attachment')
  .filter(a => a.role === `\${aws_iam_role.${roleId(json, role)}.name}`)
  .map(a => json.resource.aws_iam_policy[/\$\{aws_iam_policy\.([^.]+)\.arn\}/.exec(a.policy_arn)![1]]);

describe("IAM's 10,240 characters of inline policy per role", () => {
  // The pad of a secret's name moves the count by one character: find the model just under, at and just over.
  const base = lengthAtApply(model(48, 0).json, inlineOf(model(48, 0).json, 'noxus-eso-pool-a')[0].policy);
  const limit = CLOUD_LIMITS.iamRoleInlinePolicies.value;

  test.each([[limit - 1, 'under'], [limit, 'at']])('%i characters (%s): one inline policy, as IAM counts it', length => {
    expect(limit - base).toBeGreaterThan(0);
    const { json } = model(48, length - base);
    const inline = inlineOf(json, 'noxus-eso-pool-a');
    expect(inline).toHaveLength(1);
    expect(lengthAtApply(json, inline[0].policy)).toBe(length);
    expect(managedOf(json, 'noxus-eso-pool-a')).toEqual([]);
  });

  test('one character over: managed policies of at most 6,144 each, exactly the same grants', () => {
    const { json, workers, find } = model(48, limit + 1 - base);
    expect(inlineOf(json, 'noxus-eso-pool-a')).toEqual([]);
    // The find statement, where the pad adds it, is a policy of its own.
    const managed = managedOf(json, 'noxus-eso-pool-a');
    expect(managed.length).toBe(find ? 3 : 2);
    for (const p of managed) expect(lengthAtApply(json, p.policy)).toBeLessThanOrEqual(CLOUD_LIMITS.iamManagedPolicy.value);
    expect(managed.map(p => p.name)).toEqual(['noxus-eso-pool-a-read-store-secrets-0', 'noxus-eso-pool-a-read-store-secrets-1', ...(find ? ['noxus-eso-pool-a-read-store-secrets-2'] : [])]);
    // Evaluated at apply: every worker secret allowed by one of the policies, pool b's own by none.
    const policies = rolesByName(json)['noxus-eso-pool-a'].policies.map(p => JSON.parse(JSON.stringify(p).replace(/\$\{aws_secretsmanager_secret\.([^.]+)\.arn\}/g,
      (_, id) => secretArn(json.resource.aws_secretsmanager_secret[id].name))));
    expect(policies).toHaveLength(managed.length);
    const reads = (name: string) => policies.some(p => evaluate(p, { action: 'secretsmanager:GetSecretValue', resource: secretArn(name) }) === 'allow');
    expect(workers.every(name => reads(`noxus/workers/${name}`))).toBe(true);
    expect(reads('noxus/pools/b/B_ONLY')).toBe(false);
  });
});

describe('managed policies per role (10 by default)', () => {
  const count = (n: number) => {
    const { json, aws } = model(n, 0);
    return { policies: managedOf(json, 'noxus-eso-pool-a').length, warnings: aws.node.metadata.filter(m => /warn/i.test(m.type)).map(m => String(m.data)).filter(w => w.includes('role noxus-eso-pool-a ')) };
  };

  test('10 policies: no warning; 11: a warning naming the quota and how to raise it', () => {
    // About 29 exact ARNs fit one managed policy.
    const at = count(290);
    expect(at.policies).toBe(10);
    expect(at.warnings).toEqual([]);
    const over = count(300);
    expect(over.policies).toBe(11);
    expect(over.warnings).toEqual(['NoxusAwsSecrets: role noxus-eso-pool-a gets 11 managed policies for its read-store-secrets policy (57,549 characters, over the 10,240 IAM ' +
      'allows inline per role), and IAM attaches at most 10 to a role by default. To raise it, request an increase in Service Quotas (service "AWS Identity ' +
      'and Access Management (IAM)") for "Managed policies per role".']);
  });
});

describe('fitGroups', () => {
  const render = (values: string[]): PolicyDocument => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['a:b'], Resource: values }] });
  const overhead = iamPolicyLength(JSON.stringify(render([''])));
  const item = (n: number) => ({ value: 'v', longest: 'x'.repeat(n) });

  test('a group that is exactly the maximum stays one; one more character makes two', () => {
    // One item of n characters: the document is overhead + n; a second adds n + 3 (',""').
    const max = overhead + 100;
    expect(fitGroups([item(100)], render, max)).toHaveLength(1);
    expect(fitGroups([item(50), item(47)], render, max)).toHaveLength(1);
    expect(fitGroups([item(50), item(48)], render, max)).toHaveLength(2);
    expect(fitGroups([item(101)], render, max)).toBeUndefined();
  });
});

describe('what cannot be split', () => {
  test('the statements for existing sources that alone exceed one managed policy: the library\'s error, naming both limits', () => {
    // 20 composed values, each from an existing secret with a 500-character name: over 10,000 characters of sources.
    const names = Array.from({ length: 20 }, (_, i) => `DB_URL_${i}`);
    const blueprint = new SecretsBlueprint({ secrets: names.map(name => PlatformSecret.custom({ name })), global: names });
    const values = Object.fromEntries(names.map((name, i) => [name, ValueSource.postgresUrl({
      source: new SourceSecret({ key: `db${i}-${'x'.repeat(500)}`, keys: ['username', 'password'] }), host: 'pg.internal', database: 'noxus',
    })]));
    const contract = new SecretsContract({
      blueprint, values, namespace: 'noxus', backend: SecretBackend.awsSecretsManager({ region: 'eu-west-1' }), identity: WorkloadIdentity.irsa({ accountId: '123456789012' }),
    });
    expect(() => synthAws({ contract, oidcProviderArn: OIDC })).toThrow('[test/secrets] NoxusAwsSecrets: the read-store-secrets policy of role noxus-eso-platform is ' +
      '11,594 characters, over the 10,240 IAM allows inline per role, and its statements for the existing secrets that composed values read do not fit one managed ' +
      'policy of 6,144. Compose fewer values of this store from existing secrets.');
  });
});

describe('grantRead', () => {
  test('a grant that would exceed 10,240 characters of inline policy: the library\'s error', () => {
    const { json, aws } = model(60, 0);
    expect(json).toBeDefined();
    const stack = TerraformStack.of(aws);
    const grantee = new IamRole(stack, 'Migrations', { name: 'migrations', assumeRolePolicy: '{}' });
    expect(() => aws.grantRead(aws.contract.storeById('pool-a'), AwsGrantee.role(grantee))).toThrow('[test/secrets] NoxusAwsSecrets: grantRead of pool-a to test/Migrations would be an inline policy of up to ' +
      '11,949 characters (IAM\'s count, with each reference at its longest), and IAM allows 10,240 for the inline policies of a role in all. Grant the store (its own ' +
      'folders are one ARN each) or fewer addresses per role.');
    expect(() => aws.grantRead(aws.contract.storeById('pool-b'), AwsGrantee.role(grantee))).toThrow(/would be an inline policy of up to/);
    expect(() => aws.grantReadKey(aws.contract.remoteKeyAt('pools/b/B_ONLY'), AwsGrantee.role(grantee))).not.toThrow();
  });
});

describe('IAM roles per account (1,000 by default)', () => {
  const warnings = (pools: number, pod: boolean) => {
    const blueprint = new SecretsBlueprint({ secrets: [PlatformSecret.custom({ name: 'X' })], pools: Array.from({ length: pools }, (_, i) => ({ name: `p${i}`, secrets: ['X'] })) });
    // The warning is the constructor's: no synth needed.
    const stack = new TerraformStack(Testing.app(), 'test');
    const contract = new SecretsContract({
      blueprint, namespace: 'noxus', backend: SecretBackend.awsSecretsManager({ region: 'eu-west-1' }),
      identity: pod ? WorkloadIdentity.eksPodIdentity({ accountId: '123456789012' }) : WorkloadIdentity.irsa({ accountId: '123456789012' }),
    });
    const aws = new NoxusAwsSecrets(stack, 'secrets', { contract, valueWriters: [WRITER], oidcProviderArn: pod ? undefined : OIDC, clusterName: pod ? 'prod' : undefined });
    return aws.node.metadata.filter(m => /warn/i.test(m.type)).map(m => String(m.data)).filter(w => w.includes('IAM roles'));
  };

  test('1,000 roles: no warning; 1,001: a warning with the quota and how to raise it', () => {
    expect(warnings(1000, false)).toEqual([]);
    expect(warnings(1001, false)).toEqual(['NoxusAwsSecrets: the contract makes 1,001 IAM roles (one per store), and an AWS account holds 1,000 by default, ' +
      'its other roles included. To raise it, request an increase in Service Quotas (service "AWS Identity and Access Management (IAM)") for "Roles per account", ' +
      'or split the pools over accounts.']);
    // Pod Identity adds the controller's role.
    expect(warnings(1000, true)).toEqual(['NoxusAwsSecrets: the contract makes 1,001 IAM roles (one per store, and the ESO controller\'s), and an AWS account holds ' +
      '1,000 by default, its other roles included. To raise it, request an increase in Service Quotas (service "AWS Identity and Access Management (IAM)") for ' +
      '"Roles per account", or split the pools over accounts.']);
  });
});

describe('limits that hold by construction', () => {
  test('trust policies stay under 2,048 characters and session tags under 128/256 with the longest names the inputs allow', () => {
    const pool = `p${'x'.repeat(62)}`;
    const namespace = `n${'x'.repeat(62)}`;
    const blueprint = new SecretsBlueprint({ secrets: ['X', 'Y'].map(name => PlatformSecret.custom({ name })), global: ['X'], pools: [{ name: pool, secrets: ['Y'] }] });
    const lengths: number[] = [];
    for (const pod of [false, true]) {
      const identity = pod
        ? WorkloadIdentity.eksPodIdentity({ accountId: '123456789012', rolePath: `/${'r'.repeat(510)}/` })
        : WorkloadIdentity.irsa({ accountId: '123456789012', rolePath: `/${'r'.repeat(510)}/` });
      const contract = new SecretsContract({ blueprint, namespace, environment: 'x'.repeat(12), backend: SecretBackend.awsSecretsManager({ region: 'eu-west-1' }), identity });
      // An OIDC provider URL is at most 255 characters.
      const oidc = `arn:aws:iam::123456789012:oidc-provider/${'o'.repeat(255)}`;
      const { json } = synthAws({
        contract, oidcProviderArn: pod ? undefined : oidc, clusterName: pod ? `c${'x'.repeat(99)}` : undefined,
        esoNamespace: pod ? `e${'x'.repeat(62)}` : undefined, esoServiceAccount: pod ? `s${'x'.repeat(252)}` : undefined,
      });
      lengths.push(...resources(json, 'aws_iam_role').map(r => iamPolicyLength(r.assume_role_policy)));
      for (const store of contract.stores) {
        expect(store.namespace!.length).toBeLessThanOrEqual(CLOUD_LIMITS.stsSessionTagValue.value);
        expect(store.storeName.length).toBeLessThanOrEqual(CLOUD_LIMITS.stsSessionTagValue.value);
      }
    }
    expect(Math.max(...lengths)).toBeLessThan(CLOUD_LIMITS.iamTrustPolicy.value);
    expect(Math.max(...lengths)).toBeLessThan(1_300);
    expect(['esoNamespace', 'esoStoreName', 'esoStoreKind'].every(k => `aws:RequestTag/${k}`.length <= CLOUD_LIMITS.stsSessionTagKey.value)).toBe(true);
  });
});

/** The bench's model (bench/workloads.ts benchBlueprint, which imports the package by its name): the catalog global, 20 secrets per pool. */
function benchModel(pools: number): SecretsBlueprint {
  const poolKeys = Array.from({ length: 20 }, (_, i) => `POOL_SECRET_${String(i).padStart(2, '0')}`);
  return new SecretsBlueprint({
    secrets: [...NoxusCatalog.all(), ...poolKeys.map(name => PlatformSecret.custom({ name }))],
    global: NoxusCatalog.all().map(s => s.name),
    pools: Array.from({ length: pools }, (_, i) => ({ name: `pool-${String(i).padStart(4, '0')}`, secrets: poolKeys })),
  });
}

describe("the bench's largest model (1,000 pools of 20 secrets, 11 global)", () => {
  test('every store role reads its folder in one inline policy far under 10,240; the roles quota warns', () => {
    const stack = new TerraformStack(Testing.app(), 'bench');
    const contract = new SecretsContract({
      blueprint: benchModel(1000), namespace: 'noxus',
      backend: SecretBackend.awsSecretsManager({ region: 'eu-west-1' }), identity: WorkloadIdentity.irsa({ accountId: '123456789012' }),
    });
    const aws = new NoxusAwsSecrets(stack, 'secrets', { contract, oidcProviderArn: OIDC, valueWriters: [WRITER] });
    const inline = aws.node.findAll().filter((c): c is IamRolePolicy => c instanceof IamRolePolicy);
    expect(inline).toHaveLength(1001);
    expect(aws.node.findAll().filter(c => c instanceof IamPolicy)).toEqual([]);
    for (const p of inline) {
      const doc = JSON.parse(p.policyInput!);
      expect(doc.Statement[0].Resource).toHaveLength(1);
      expect(doc.Statement[0].Resource[0]).toMatch(/^arn:aws:secretsmanager:eu-west-1:123456789012:secret:noxus\/(platform|pools\/pool-\d{4})\/\*$/);
      // The key's reference is its only token; its longest form is 36 characters longer at most.
      expect(iamPolicyLength(p.policyInput!)).toBeLessThan(1_000);
    }
    expect(aws.node.metadata.filter(m => /warn/i.test(m.type)).map(m => String(m.data))).toEqual([
      'NoxusAwsSecrets: the contract makes 1,001 IAM roles (one per store), and an AWS account holds 1,000 by default, its other roles included. To raise it, ' +
      'request an increase in Service Quotas (service "AWS Identity and Access Management (IAM)") for "Roles per account", or split the pools over accounts.',
    ]);
    // The key policy names every store role: past KMS's 32 KB, the library's error at synth, with the ways out.
    expect(synthProblems(() => aws.node.validate())).toEqual([
      'NoxusAwsSecrets: the policy of the KMS key this construct creates would be 59,548 bytes or more (it names each of the 1,001 store roles), and KMS refuses ' +
      'the key policy of one KMS key over 32,768 bytes, fixed. To fit, name the store roles by their IAM path (keyPolicyReaders: KeyPolicyReaders.ROLE_PATH, ' +
      'with a rolePath of their own), pass your own key (kmsKeyArn), or split the pools over contracts.',
    ]);
  });

  test('with the store roles named by their path, the key policy is the same size at 1,000 pools as at one', () => {
    const size = (pools: number) => {
      const stack = new TerraformStack(Testing.app(), 'bench');
      const contract = new SecretsContract({
        blueprint: benchModel(pools), namespace: 'noxus', backend: SecretBackend.awsSecretsManager({ region: 'eu-west-1' }),
        identity: WorkloadIdentity.irsa({ accountId: '123456789012', rolePath: '/noxus-stores/' }),
      });
      const aws = new NoxusAwsSecrets(stack, 'secrets', { contract, oidcProviderArn: OIDC, valueWriters: [WRITER], keyPolicyReaders: KeyPolicyReaders.ROLE_PATH });
      expect(aws.node.validate()).toEqual([]);
      // The key's policy resolved as the synth resolves it (a whole synth of 1,000 pools is slow under jest).
      const key = aws.node.findAll().find((c): c is KmsKey => c instanceof KmsKey)!;
      const policy = Tokenization.resolve(key.policyInput, { scope: stack, preparing: false, resolver: new DefaultTokenResolver(new StringConcat()) });
      expect(policy).not.toContain('${');
      return Buffer.byteLength(policy);
    };
    expect(size(1000)).toBe(size(1));
  });
});

describe('the KMS key policy (32 KB)', () => {
  // The error counts what the synthesized policy holds: it fires exactly when the resolved policy is over the limit.
  const build = (pools: number, props: Partial<NoxusAwsSecretsProps> = {}, rolePath?: string) => {
    const contract = new SecretsContract({
      blueprint: new SecretsBlueprint({ secrets: [PlatformSecret.custom({ name: 'X' })], pools: Array.from({ length: pools }, (_, i) => ({ name: `pool-${String(i).padStart(4, '0')}`, secrets: ['X'] })) }),
      namespace: 'noxus', backend: SecretBackend.awsSecretsManager({ region: 'eu-west-1' }), identity: WorkloadIdentity.irsa({ accountId: '123456789012', rolePath }),
    });
    const stack = new TerraformStack(Testing.app(), 'test');
    const aws = new NoxusAwsSecrets(stack, 'secrets', { contract, oidcProviderArn: OIDC, valueWriters: [WRITER], ...props });
    // Resolved without the validations, so that the over-limit policy can be measured too.
    const bytes = Buffer.byteLength(resources(JSON.parse(Testing.synth(stack, false)), 'aws_kms_key')[0].policy);
    return { bytes, problems: synthProblems(() => aws.node.validate()), stack };
  };

  test('just under the limit: valid; just over: the library\'s error, the synth stops, and the resolved policy is indeed over', () => {
    const under = build(500);
    const over = build(560);
    expect(under.bytes).toBeLessThanOrEqual(CLOUD_LIMITS.kmsKeyPolicy.value);
    expect(under.problems).toEqual([]);
    expect(over.bytes).toBeGreaterThan(CLOUD_LIMITS.kmsKeyPolicy.value);
    expect(over.problems).toHaveLength(1);
    expect(over.problems[0]).toContain('it names each of the 560 store roles');
    expect(() => Testing.synth(over.stack, true)).toThrow('KMS refuses the key policy of one KMS key over 32,768 bytes');
  });

  test('a grant made after construction counts', () => {
    const { problems } = build(500);
    expect(problems).toEqual([]);
    const contract = new SecretsContract({
      blueprint: new SecretsBlueprint({ secrets: [PlatformSecret.custom({ name: 'X' })], pools: Array.from({ length: 500 }, (_, i) => ({ name: `pool-${String(i).padStart(4, '0')}`, secrets: ['X'] })) }),
      namespace: 'noxus', backend: SecretBackend.awsSecretsManager({ region: 'eu-west-1' }), identity: WorkloadIdentity.irsa({ accountId: '123456789012' }),
    });
    const aws = new NoxusAwsSecrets(new TerraformStack(Testing.app(), 'test'), 'secrets', { contract, oidcProviderArn: OIDC, valueWriters: [WRITER] });
    // Each grantee's ARN is a reference, counted at its longest (about 630 bytes): 60 of them pass 32 KB.
    for (let i = 0; i < 60; i++) aws.grantReadKey(aws.contract.remoteKeyAt(`pools/pool-${String(i).padStart(4, '0')}/X`), AwsGrantee.role(new IamRole(aws, `Reader${i}`, { assumeRolePolicy: '{}' })));
    expect(synthProblems(() => aws.node.validate()).join()).toContain('(it names each of the 500 store roles), and KMS refuses the key policy');
  });

  test('ROLE_PATH: one pattern of the roles\' path, which the IAM evaluator reads as the store roles and no other', () => {
    const { bytes, problems, stack } = build(600, { keyPolicyReaders: KeyPolicyReaders.ROLE_PATH }, '/noxus-stores/');
    expect(problems).toEqual([]);
    expect(bytes).toBeLessThan(4_000);
    const policy = JSON.parse(resources(JSON.parse(Testing.synth(stack, false)), 'aws_kms_key')[0].policy);
    const readers = policy.Statement.find((st: any) => st.Sid === 'ReadersDecryptThroughBackend');
    expect(readers.Condition.ArnLike).toEqual({ 'aws:PrincipalArn': ['arn:aws:iam::123456789012:role/noxus-stores/*'] });
    const decrypt = (principalArn: string) => evaluate(policy, {
      principal: { type: 'AWS', id: 'arn:aws:iam::123456789012:root' }, action: 'kms:Decrypt', resource: '*',
      context: { 'aws:PrincipalArn': principalArn, 'kms:ViaService': 'secretsmanager.eu-west-1.amazonaws.com' },
    }, true);
    expect(decrypt('arn:aws:iam::123456789012:role/noxus-stores/noxus-eso-pool-pool-0599')).toBe('allow');
    expect(decrypt('arn:aws:iam::123456789012:role/noxus-eso-pool-pool-0599')).toBe('implicit-deny');
    expect(decrypt('arn:aws:iam::123456789012:role/admin/noxus-stores/x')).toBe('implicit-deny');
    expect(decrypt('arn:aws:iam::210987654321:role/noxus-stores/noxus-eso-pool-pool-0599')).toBe('implicit-deny');
  });

  test('ROLE_PATH refuses the root path, which is every role of the account, a path with a wildcard, and an unknown mode', () => {
    expect(() => build(1, { keyPolicyReaders: KeyPolicyReaders.ROLE_PATH })).toThrow(
      'NoxusAwsSecrets: keyPolicyReaders is KeyPolicyReaders.ROLE_PATH, which lets the roles on the store roles\' IAM path decrypt, and their path is "/", ' +
      "every role of the account. Give the identity a path of their own, e.g. WorkloadIdentity.irsa({ accountId, rolePath: '/noxus-stores/' }), or leave keyPolicyReaders out.");
    expect(() => build(1, { keyPolicyReaders: KeyPolicyReaders.ROLE_PATH }, '/noxus*/')).toThrow(
      'NoxusAwsSecrets: keyPolicyReaders is KeyPolicyReaders.ROLE_PATH, and the identity\'s rolePath "/noxus*/" holds \'*\' or \'?\', which the key policy\'s ' +
      'ArnLike pattern reads as a wildcard: roles on other paths could decrypt. Use a path without them, e.g. "/noxus-stores/".');
    expect(() => build(1, { keyPolicyReaders: 'pattern' as KeyPolicyReaders })).toThrow(
      'NoxusAwsSecrets: keyPolicyReaders "pattern" is not a KeyPolicyReaders ("each-role", "role-path"). Use KeyPolicyReaders.EACH_ROLE or KeyPolicyReaders.ROLE_PATH.');
  });
});
