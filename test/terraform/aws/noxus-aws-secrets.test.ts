import { TerraformVariable, Testing } from 'cdktf';
import 'cdktf/lib/testing/adapters/jest';
import { PlatformSecret, SecretBackend, SecretsBlueprint, SecretsContract, ValueSource, WorkloadIdentity } from '../../../lib';
import { AwsGrantee } from '../../../lib/terraform/aws';
import { platform } from '../../support/fixtures';
import { AwsCase, KEY_ARN, WRITER, atApply, awsProps, resources, rolesByName, secretArn, synthAws } from './support';
import { evaluate } from '../../support/iam-eval';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { TerraformStack } from 'cdktf';
import { NoxusAwsSecrets } from '../../../lib/terraform/aws';
import { serviceAccountAnnotations } from '../../../lib/k8s/eso-providers';

Testing.setupJest();

const OIDC = 'arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC123';
const ISSUER = 'oidc.eks.eu-west-1.amazonaws.com/id/ABC123';
const SM = SecretBackend.awsSecretsManager({ region: 'eu-west-1' });
const IRSA = WorkloadIdentity.irsa({ accountId: '123456789012' });
const base = (): AwsCase => ({ blueprint: platform(), backend: SM, identity: IRSA, namespace: 'noxus', oidcProviderArn: OIDC, valueWriters: [WRITER] });
const keyPolicyOf = (json: any) => JSON.parse(resources(json, 'aws_kms_key')[0].policy);
const readersOf = (policy: any) => policy.Statement.find((st: any) => st.Sid === 'ReadersDecryptThroughBackend');

describe('secrets', () => {
  test('one Secrets Manager secret per entry, named by the scheme the ExternalSecrets read, with the customer key', () => {
    const { json, synthesized } = synthAws(base());
    const secrets = resources(json, 'aws_secretsmanager_secret');
    expect(secrets.map(s => s.name).sort()).toEqual([
      ...['PLUGIN_SERVER_API_KEY', 'PLUGIN_SERVER_PLATFORM_KEY', 'POSTGRESQL_URL', 'PROM_REMOTE_WRITE_PASSWORD', 'PROM_REMOTE_WRITE_USERNAME', 'REDIS_PASSWORD',
        'REDIS_URL', 'REDIS_USER', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY', 'VECTOR_POSTGRESQL_URL'].map(n => `noxus/platform/${n}`),
      'noxus/pools/tenant-acme/OPENAI_API_KEY',
      'noxus/workers/OPENAI_API_KEY',
    ].sort());
    expect(secrets.every(s => /^\$\{aws_kms_key\.[^.]+\.arn\}$/.test(s.kms_key_id) && s.recovery_window_in_days === 30)).toBe(true);
    expect(synthesized).toHaveResourceWithProperties({ tfResourceType: 'aws_secretsmanager_secret' } as any, {
      name: 'noxus/workers/OPENAI_API_KEY',
      tags: expect.objectContaining({ 'noxus:env-name': 'OPENAI_API_KEY', 'noxus:scope': 'workers', 'noxus:managed-by': 'noxus-secrets-cdk' }),
    });
  });

  test('no secret value anywhere: no secret versions', () => {
    const { json } = synthAws(base());
    expect(json.resource.aws_secretsmanager_secret_version).toBeUndefined();
  });

  test('a new KMS key rotates and has an alias', () => {
    const { json } = synthAws(base());
    expect(resources(json, 'aws_kms_key')).toEqual([expect.objectContaining({ enable_key_rotation: true, deletion_window_in_days: 30 })]);
    expect(resources(json, 'aws_kms_alias')[0].name).toBe('alias/noxus-secrets');
  });

  test('a given key is used and none is created', () => {
    const kms = 'arn:aws:kms:eu-west-1:123456789012:key/00000000-0000-0000-0000-000000000000';
    const { json } = synthAws({ ...base(), kmsKeyArn: kms });
    expect(json.resource.aws_kms_key).toBeUndefined();
    expect(resources(json, 'aws_secretsmanager_secret').every(s => s.kms_key_id === kms)).toBe(true);
  });

  test('rotation with the user\'s Lambda and the model\'s period, only for rotated secrets', () => {
    const lambda = 'arn:aws:lambda:eu-west-1:123456789012:function:rotate';
    const { json } = synthAws({ ...base(), rotationLambdaArn: lambda });
    const rotations = resources(json, 'aws_secretsmanager_secret_rotation');
    // 6 high-risk catalog secrets (90 days) and the two placements of OPENAI_API_KEY (AI provider: high-risk, 90 days)
    expect(rotations).toHaveLength(8);
    expect(rotations.every(r => r.rotation_lambda_arn === lambda && r.rotation_rules.automatically_after_days === 90)).toBe(true);
  });

  test('no Lambda, no rotation resources', () => {
    expect(synthAws(base()).json.resource.aws_secretsmanager_secret_rotation).toBeUndefined();
  });

  test('Parameter Store: no parameter for a value set by hand (it would need a value, which ESO would deliver); the read policy names its derived ARN', () => {
    const { json, synthesized } = synthAws({ ...base(), backend: SecretBackend.awsParameterStore({ region: 'eu-west-1' }) });
    expect(resources(json, 'aws_ssm_parameter')).toEqual([]);
    expect(synthesized).not.toContain('unset');
    const role = rolesByName(json)['noxus-eso-pool-default'];
    expect(role.policies[0].Statement[0].Action).toEqual(['ssm:GetParameter', 'ssm:GetParameters']);
    // Only this pool reads the workers folder (the other pool overrides its one key): the folder, derived.
    const folder = 'arn:aws:ssm:eu-west-1:123456789012:parameter/noxus/workers/*';
    expect(role.policies[0].Statement[0].Resource).toEqual([folder]);
    expect(role.policies[0].Statement[1].Condition.StringLike['kms:EncryptionContext:PARAMETER_ARN']).toEqual([folder]);
    const arn = 'arn:aws:ssm:eu-west-1:123456789012:parameter/noxus/workers/OPENAI_API_KEY';
    expect(evaluate(role.policies[0], { action: 'ssm:GetParameter', resource: arn })).toBe('allow');
    expect(evaluate(role.policies[0], { action: 'ssm:GetParameter', resource: 'arn:aws:ssm:eu-west-1:123456789012:parameter/noxus/pools/tenant-acme/OPENAI_API_KEY' })).toBe('implicit-deny');
  });

  test('Secrets Manager: a container per value set by hand and no version (ESO skips it until a value is put)', () => {
    const { json, synthesized } = synthAws(base());
    expect(resources(json, 'aws_secretsmanager_secret')).toHaveLength(13);
    expect(resources(json, 'aws_secretsmanager_secret_version')).toEqual([]);
    expect(synthesized).not.toContain('unset');
  });
});

describe('IRSA roles', () => {
  test('one role per store, named as the ServiceAccounts are annotated', () => {
    const roles = rolesByName(synthAws(base()).json);
    expect(Object.keys(roles).sort()).toEqual(['noxus-eso-platform', 'noxus-eso-pool-default', 'noxus-eso-pool-tenant-acme']);
    expect(serviceAccountAnnotations(IRSA, { id: 'pool-default', namePrefix: 'noxus', serviceAccountName: 'noxus-eso-pool-default' }))
      .toEqual({ 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/noxus-eso-pool-default' });
  });

  test('the exact trust policy: the cluster OIDC provider, web identity, :sub and :aud', () => {
    const roles = rolesByName(synthAws(base()).json);
    expect(roles['noxus-eso-pool-tenant-acme'].trust).toEqual({
      Version: '2012-10-17',
      Statement: [{
        Effect: 'Allow',
        Principal: { Federated: OIDC },
        Action: ['sts:AssumeRoleWithWebIdentity'],
        Condition: { StringEquals: { [`${ISSUER}:sub`]: 'system:serviceaccount:noxus:noxus-eso-pool-tenant-acme', [`${ISSUER}:aud`]: 'sts.amazonaws.com' } },
      }],
    });
  });

  test('the permission policy: read actions on the folder only the store reads, kms:Decrypt via Secrets Manager for that folder only, no *', () => {
    const { json } = synthAws(base());
    const roles = rolesByName(json);
    const keyId = Object.keys(json.resource.aws_kms_key)[0];
    const folder = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:noxus/pools/tenant-acme/*';
    expect(roles['noxus-eso-pool-tenant-acme'].policies).toEqual([{
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'ReadStoreSecrets', Effect: 'Allow',
          Action: ['secretsmanager:DescribeSecret', 'secretsmanager:GetResourcePolicy', 'secretsmanager:GetSecretValue', 'secretsmanager:ListSecretVersionIds'],
          Resource: [folder],
        },
        {
          Sid: 'DecryptOnlyTheseSecretsThroughBackend', Effect: 'Allow', Action: ['kms:Decrypt'], Resource: [`\${aws_kms_key.${keyId}.arn}`],
          Condition: { StringEquals: { 'kms:ViaService': 'secretsmanager.eu-west-1.amazonaws.com' }, StringLike: { 'kms:EncryptionContext:SecretARN': [folder] } },
        },
      ],
    }]);
    const all = JSON.stringify(Object.values(roles).map(r => r.policies));
    expect(all).not.toContain('"*"');
  });

  test('pool isolation, evaluated as AWS would at apply: each role reads and decrypts exactly its store\'s secrets', () => {
    // Pools 'a' and 'ab' (a folder name that is a prefix of another's), a worker-only key two pools
    // read (its folder is nobody's: exact ARNs), and an override that puts a global key under
    // pool b's folder (which then is not b's: exact ARNs there).
    const blueprint = new SecretsBlueprint({
      secrets: [PlatformSecret.custom({ name: 'G' }), PlatformSecret.custom({ name: 'W' }), PlatformSecret.custom({ name: 'P' }), PlatformSecret.custom({ name: 'Q' })],
      global: ['G'], workerOnly: ['W'],
      pools: [{ name: 'a', secrets: ['P'] }, { name: 'ab', secrets: ['P', 'Q'] }, { name: 'b', secrets: ['P'] }],
    });
    const { json } = synthAws({ ...base(), blueprint, remoteKeys: { overrides: { 'platform/G': 'noxus/pools/b/G' } } });
    const roles = rolesByName(json);
    const names = resources(json, 'aws_secretsmanager_secret').map(s => s.name as string).sort();
    expect(names).toEqual(['noxus/pools/a/P', 'noxus/pools/ab/P', 'noxus/pools/ab/Q', 'noxus/pools/b/G', 'noxus/pools/b/P', 'noxus/workers/W']);
    const reads: Record<string, string[]> = {
      'noxus-eso-platform': ['noxus/pools/b/G'],
      'noxus-eso-pool-a': ['noxus/pools/a/P', 'noxus/workers/W'],
      'noxus-eso-pool-ab': ['noxus/pools/ab/P', 'noxus/pools/ab/Q', 'noxus/workers/W'],
      'noxus-eso-pool-b': ['noxus/pools/b/P', 'noxus/workers/W'],
    };
    for (const [role, own] of Object.entries(reads)) {
      const policy = atApply(json, roles[role].policies[0]);
      for (const name of names) {
        const want = own.includes(name) ? 'allow' : 'implicit-deny';
        expect([role, name, evaluate(policy, { action: 'secretsmanager:GetSecretValue', resource: secretArn(name) })]).toEqual([role, name, want]);
        const context = { 'kms:ViaService': 'secretsmanager.eu-west-1.amazonaws.com', 'kms:EncryptionContext:SecretARN': secretArn(name) };
        expect([role, name, evaluate(policy, { action: 'kms:Decrypt', resource: KEY_ARN, context })]).toEqual([role, name, want]);
      }
    }
    // Compact where the folder is the store's own, exact elsewhere.
    expect(roles['noxus-eso-pool-a'].policies[0].Statement[0].Resource).toEqual([
      expect.stringMatching(/^\$\{aws_secretsmanager_secret\.secrets_Secret-workers_W_[0-9A-F]+\.arn\}$/),
      'arn:aws:secretsmanager:eu-west-1:123456789012:secret:noxus/pools/a/*',
    ]);
    expect(roles['noxus-eso-pool-b'].policies[0].Statement[0].Resource).toHaveLength(2);
    expect(JSON.stringify(roles['noxus-eso-pool-b'].policies)).not.toContain('noxus/pools/b/*');
  });

  test('allowFind on Secrets Manager: the two list actions on *, which return no value GetSecretValue does not allow', () => {
    const roles = rolesByName(synthAws({ ...base(), allowFind: true }).json);
    expect(roles['noxus-eso-pool-default'].policies[0].Statement[2]).toEqual({
      Sid: 'ListForFind', Effect: 'Allow', Action: ['secretsmanager:BatchGetSecretValue', 'secretsmanager:ListSecrets'], Resource: ['*'],
    });
  });

  test('allowFind on Parameter Store: GetParametersByPath only on the store\'s own hierarchies, DescribeParameters on *', () => {
    const ps = SecretBackend.awsParameterStore({ region: 'eu-west-1' });
    const roles = rolesByName(synthAws({ ...base(), backend: ps, allowFind: true }).json);
    const p = (path: string) => `arn:aws:ssm:eu-west-1:123456789012:parameter${path}`;
    expect(roles['noxus-eso-pool-tenant-acme'].policies[0].Statement.slice(2)).toEqual([
      { Sid: 'ListOwnPathsForFind', Effect: 'Allow', Action: ['ssm:GetParametersByPath'], Resource: [p('/noxus/pools/tenant-acme'), p('/noxus/pools/tenant-acme/*')] },
      { Sid: 'ListForFind', Effect: 'Allow', Action: ['ssm:DescribeParameters'], Resource: ['*'] },
    ]);
    // The default pool reads the worker keys (no override): their folder is its own to list.
    expect(roles['noxus-eso-pool-default'].policies[0].Statement[2].Resource).toEqual([p('/noxus/workers'), p('/noxus/workers/*')]);
    // tenant-acme overrides the worker key, so /noxus/workers holds a key it does not read: not listed.
    expect(JSON.stringify(roles['noxus-eso-pool-tenant-acme'].policies)).not.toContain('/noxus/workers');
    expect(roles['noxus-eso-platform'].policies[0].Statement[2].Resource).toEqual([p('/noxus/platform'), p('/noxus/platform/*')]);
  });

  test('allowFind on Parameter Store, evaluated as AWS would: a pool lists its own path and no other pool\'s, the platform none of the workers\'', () => {
    const ps = SecretBackend.awsParameterStore({ region: 'eu-west-1' });
    const roles = rolesByName(synthAws({ ...base(), backend: ps, allowFind: true }).json);
    const list = (role: string, path: string) => evaluate(roles[role].policies[0], { action: 'ssm:GetParametersByPath', resource: `arn:aws:ssm:eu-west-1:123456789012:parameter${path}` });
    expect(list('noxus-eso-pool-tenant-acme', '/noxus/pools/tenant-acme')).toBe('allow');
    expect(list('noxus-eso-pool-tenant-acme', '/noxus/pools/tenant-acme/')).toBe('allow');
    expect(list('noxus-eso-pool-tenant-acme', '/noxus/pools')).toBe('implicit-deny');
    expect(list('noxus-eso-pool-tenant-acme', '/noxus')).toBe('implicit-deny');
    expect(list('noxus-eso-pool-default', '/noxus/pools/tenant-acme')).toBe('implicit-deny');
    expect(list('noxus-eso-pool-tenant-acme', '/noxus/pools/tenant-acme-other')).toBe('implicit-deny');
    expect(list('noxus-eso-platform', '/noxus/workers')).toBe('implicit-deny');
    expect(list('noxus-eso-platform', '/other-app')).toBe('implicit-deny');
  });

  test('outputs: each role ARN and secret ARN', () => {
    const { json, aws } = synthAws(base());
    const outputs = Object.values<any>(json.output);
    expect(outputs).toHaveLength(13 + 3);
    expect(aws.roleArn(aws.contract.storeById('pool-default'))).toMatch(/^\$\{TfToken/);
    expect(aws.secret('workers/OPENAI_API_KEY').name).toBe('noxus/workers/OPENAI_API_KEY');
    expect(aws.secrets).toHaveLength(13);
  });
});

describe('EKS Pod Identity', () => {
  const pod = (): AwsCase => ({ ...base(), identity: WorkloadIdentity.eksPodIdentity({ accountId: '123456789012' }), oidcProviderArn: undefined, clusterName: 'noxus' });

  test('the controller role: trusted by Pod Identity for the ESO controller of this cluster only, may assume exactly the store roles', () => {
    const { json } = synthAws(pod());
    const roles = rolesByName(json);
    expect(roles['noxus-eso-controller'].trust).toEqual({
      Version: '2012-10-17',
      Statement: [{
        Sid: 'OnlyTheEsoControllerOfThisCluster', Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'],
        Condition: {
          StringEquals: {
            'aws:RequestTag/eks-cluster-arn': 'arn:aws:eks:eu-west-1:123456789012:cluster/noxus',
            'aws:RequestTag/kubernetes-namespace': 'external-secrets',
            'aws:RequestTag/kubernetes-service-account': 'external-secrets',
          },
        },
      }],
    });
    expect(roles['noxus-eso-controller'].policies).toEqual([{
      Version: '2012-10-17',
      Statement: [{
        Sid: 'AssumeStoreRoles', Effect: 'Allow', Action: ['sts:AssumeRole', 'sts:TagSession'],
        Resource: ['platform', 'pool-default', 'pool-tenant-acme'].map(s => `arn:aws:iam::123456789012:role/noxus-eso-${s}`),
      }],
    }]);
    expect(resources(json, 'aws_eks_pod_identity_association')).toEqual([expect.objectContaining({
      cluster_name: 'noxus', namespace: 'external-secrets', service_account: 'external-secrets',
    })]);
  });

  test('the controller trust, evaluated as AWS would: the ESO controller of this cluster only', () => {
    const trust = rolesByName(synthAws(pod()).json)['noxus-eso-controller'].trust;
    const agent = { type: 'Service' as const, id: 'pods.eks.amazonaws.com' };
    const tags = (cluster: string, ns: string, sa: string) => ({
      'aws:RequestTag/eks-cluster-arn': `arn:aws:eks:eu-west-1:123456789012:cluster/${cluster}`, 'aws:RequestTag/kubernetes-namespace': ns, 'aws:RequestTag/kubernetes-service-account': sa,
    });
    for (const action of ['sts:AssumeRole', 'sts:TagSession']) {
      expect(evaluate(trust, { principal: agent, action, context: tags('noxus', 'external-secrets', 'external-secrets') }, true)).toBe('allow');
      expect(evaluate(trust, { principal: agent, action, context: tags('other', 'external-secrets', 'external-secrets') }, true)).toBe('implicit-deny');
      expect(evaluate(trust, { principal: agent, action, context: tags('noxus', 'tenant-x', 'external-secrets') }, true)).toBe('implicit-deny');
      expect(evaluate(trust, { principal: agent, action, context: tags('noxus', 'external-secrets', 'default') }, true)).toBe('implicit-deny');
    }
  });

  test('a given clusterArn is the trust\'s; one that names another cluster than clusterName is refused', () => {
    const arn = 'arn:aws:eks:us-east-1:123456789012:cluster/noxus';
    const trust = rolesByName(synthAws({ ...pod(), clusterArn: arn }).json)['noxus-eso-controller'].trust;
    expect(trust.Statement[0].Condition.StringEquals['aws:RequestTag/eks-cluster-arn']).toBe(arn);
    expect(() => synthAws({ ...pod(), clusterArn: 'arn:aws:eks:eu-west-1:123456789012:cluster/other' })).toThrow(
      '[test/secrets] NoxusAwsSecrets: clusterArn names cluster "other", but clusterName is "noxus". Make them the same cluster.');
    expect(() => synthAws({ ...pod(), clusterArn: 'noxus' })).toThrow('clusterArn "noxus" is not an EKS cluster ARN');
  });

  test('store roles trust only the controller role, in a session ESO tagged with the store\'s namespace, name and kind', () => {
    const { json } = synthAws(pod());
    const controllerId = Object.entries<any>(json.resource.aws_iam_role).find(([, r]) => r.name === 'noxus-eso-controller')![0];
    expect(rolesByName(json)['noxus-eso-pool-default'].trust).toEqual({
      Version: '2012-10-17',
      Statement: [{
        Sid: 'OnlyThisStoreThroughTheEsoController', Effect: 'Allow', Principal: { AWS: `\${aws_iam_role.${controllerId}.arn}` }, Action: ['sts:AssumeRole', 'sts:TagSession'],
        Condition: { StringEquals: { 'aws:RequestTag/esoNamespace': 'noxus', 'aws:RequestTag/esoStoreName': 'noxus-pool-default', 'aws:RequestTag/esoStoreKind': 'SecretStore' } },
      }],
    });
  });

  test('store trust, evaluated as AWS would: the own store\'s session is allowed; another namespace, store or kind is denied', () => {
    const { json } = synthAws(pod());
    const controllerId = Object.entries<any>(json.resource.aws_iam_role).find(([, r]) => r.name === 'noxus-eso-controller')![0];
    const controller = { type: 'AWS' as const, id: `\${aws_iam_role.${controllerId}.arn}` };
    const trust = rolesByName(json)['noxus-eso-pool-tenant-acme'].trust;
    const session = (ns: string, store: string, kind = 'SecretStore') => ({ 'aws:RequestTag/esoNamespace': ns, 'aws:RequestTag/esoStoreName': store, 'aws:RequestTag/esoStoreKind': kind });
    for (const action of ['sts:AssumeRole', 'sts:TagSession']) {
      expect(evaluate(trust, { principal: controller, action, context: session('noxus', 'noxus-pool-tenant-acme') }, true)).toBe('allow');
      // A SecretStore in another namespace that names this role: ESO tags the session with that namespace.
      expect(evaluate(trust, { principal: controller, action, context: session('attacker', 'noxus-pool-tenant-acme') }, true)).toBe('implicit-deny');
      // Another pool's store in the platform namespace.
      expect(evaluate(trust, { principal: controller, action, context: session('noxus', 'noxus-pool-default') }, true)).toBe('implicit-deny');
      // A ClusterSecretStore of the same name.
      expect(evaluate(trust, { principal: controller, action, context: session('noxus', 'noxus-pool-tenant-acme', 'ClusterSecretStore') }, true)).toBe('implicit-deny');
      // ESO older than 2.5.0, or sessionTagsPolicy removed: no tags, no role.
      expect(evaluate(trust, { principal: controller, action, context: {} }, true)).toBe('implicit-deny');
      // Anyone but the controller.
      expect(evaluate(trust, { principal: { type: 'AWS', id: 'arn:aws:iam::123456789012:role/other' }, action, context: session('noxus', 'noxus-pool-tenant-acme') }, true))
        .toBe('implicit-deny');
    }
  });
});

describe('KMS', () => {

  test('the key we create has our key policy: the account administers, only store roles, grantees and value writers use it, through the backend', () => {
    const writer = 'arn:aws:iam::123456789012:role/secrets-admin';
    const app = synthAws({ ...base(), valueWriters: [writer] });
    const policy = keyPolicyOf(app.json);
    const root = 'arn:aws:iam::123456789012:root';
    expect(policy.Statement.map((s: any) => s.Sid)).toEqual(
      ['AccountAdministersTheKey', 'GrantsOnlyByAwsServicesForTheirResources', 'ReadersDecryptThroughBackend', 'WritersEncryptThroughBackend']);
    // Administration is named action by action: no wildcard, no use of the key, no grant.
    expect(policy.Statement[0].Action.filter((a: string) => /\*|\?|Decrypt|Encrypt|GenerateDataKey|Sign|Verify|Mac|DeriveSharedSecret|CreateGrant/.test(a))).toEqual([]);
    const decrypt = (principalArn: string, via = 'secretsmanager.eu-west-1.amazonaws.com') =>
      evaluate(policy, { principal: { type: 'AWS', id: root }, action: 'kms:Decrypt', resource: 'key', context: { 'kms:ViaService': via, 'aws:PrincipalArn': principalArn } }, true);
    expect(decrypt('arn:aws:iam::123456789012:role/noxus-eso-pool-tenant-acme')).toBe('allow');
    expect(decrypt('arn:aws:iam::123456789012:role/noxus-eso-pool-tenant-acme', 'ssm.eu-west-1.amazonaws.com')).toBe('implicit-deny');
    expect(decrypt(writer)).toBe('allow');
    expect(decrypt('arn:aws:iam::123456789012:role/AdministratorAccess')).toBe('implicit-deny');
    const encrypt = (principalArn: string) =>
      evaluate(policy, { principal: { type: 'AWS', id: root }, action: 'kms:GenerateDataKey', resource: 'key', context: { 'kms:ViaService': 'secretsmanager.eu-west-1.amazonaws.com', 'aws:PrincipalArn': principalArn } }, true);
    expect(encrypt(writer)).toBe('allow');
    expect(encrypt('arn:aws:iam::123456789012:role/noxus-eso-pool-tenant-acme')).toBe('implicit-deny');
  });

  describe('nobody can grant around the key policy (evaluated as AWS would: the key policy delegates to IAM, both must allow)', () => {
    const ROOT = 'arn:aws:iam::123456789012:root';
    const DEPLOYER = 'arn:aws:iam::123456789012:role/terraform';
    const POWER_USER = 'arn:aws:iam::123456789012:role/PowerUser';
    // A PowerUserAccess-like identity policy: every KMS action on every key.
    const kmsEverything = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['kms:*'], Resource: ['*'] }] };
    const ask = (policy: any, principalArn: string, action: string, context: Record<string, string> = {}) => {
      const request = { action, resource: 'arn:aws:kms:eu-west-1:123456789012:key/11111111-1111-1111-1111-111111111111', context: { 'aws:PrincipalArn': principalArn, ...context } };
      const byKey = evaluate(policy, { ...request, principal: { type: 'AWS', id: ROOT } }, true);
      return byKey === 'allow' && evaluate(kmsEverything, request) === 'allow' ? 'allow' : byKey;
    };

    test('a principal whose IAM policy allows kms:CreateGrant cannot create a grant for itself; an AWS service creating one for its resource on its behalf can', () => {
      for (const deployerArn of [undefined, DEPLOYER]) {
        const policy = keyPolicyOf(synthAws({ ...base(), deployerArn }).json);
        expect(ask(policy, POWER_USER, 'kms:CreateGrant', { 'kms:GrantIsForAWSResource': 'false' })).toBe('implicit-deny');
        expect(ask(policy, POWER_USER, 'kms:CreateGrant')).toBe('implicit-deny');
        expect(ask(policy, DEPLOYER, 'kms:CreateGrant', { 'kms:GrantIsForAWSResource': 'false' })).toBe('implicit-deny');
        expect(ask(policy, POWER_USER, 'kms:CreateGrant', { 'kms:GrantIsForAWSResource': 'true' })).toBe('allow');
        // Nor can it use the key directly, through the backend or not.
        expect(ask(policy, POWER_USER, 'kms:Decrypt', { 'kms:ViaService': 'secretsmanager.eu-west-1.amazonaws.com' })).toBe('implicit-deny');
      }
    });

    test('with deployerArn, only the deployer can change the key policy; the account keeps the rest of the administration', () => {
      const policy = keyPolicyOf(synthAws({ ...base(), deployerArn: DEPLOYER }).json);
      expect(policy.Statement.find((st: any) => st.Sid === 'OnlyTheDeployerSetsTheKeyPolicy')).toEqual({
        Sid: 'OnlyTheDeployerSetsTheKeyPolicy', Effect: 'Allow', Principal: { AWS: ROOT }, Action: ['kms:PutKeyPolicy'], Resource: ['*'],
        Condition: { ArnEquals: { 'aws:PrincipalArn': [DEPLOYER] } },
      });
      // KMS's lockout check: the principal that sets this policy must be able to set it again.
      expect(ask(policy, DEPLOYER, 'kms:PutKeyPolicy')).toBe('allow');
      expect(ask(policy, POWER_USER, 'kms:PutKeyPolicy')).toBe('implicit-deny');
      expect(ask(policy, ROOT, 'kms:PutKeyPolicy')).toBe('implicit-deny');
      expect(ask(policy, 'arn:aws:iam::123456789012:role/path/terraform', 'kms:PutKeyPolicy')).toBe('implicit-deny');
      for (const action of ['kms:DescribeKey', 'kms:GetKeyPolicy', 'kms:ScheduleKeyDeletion', 'kms:DisableKey', 'kms:TagResource', 'kms:RevokeGrant', 'kms:ListGrants']) {
        expect([action, ask(policy, POWER_USER, action)]).toEqual([action, 'allow']);
      }
    });

    test('without deployerArn, the key policy says what docs/aws.md does: any IAM principal allowed kms:PutKeyPolicy can rewrite it', () => {
      const policy = keyPolicyOf(synthAws(base()).json);
      expect(policy.Statement.map((st: any) => st.Sid)).not.toContain('OnlyTheDeployerSetsTheKeyPolicy');
      expect(ask(policy, POWER_USER, 'kms:PutKeyPolicy')).toBe('allow');
      expect(ask(policy, DEPLOYER, 'kms:PutKeyPolicy')).toBe('allow');
    });

    test('a looked-up deployer (Terraform writes a value, no deployerArn) writes values but does not own the key policy', () => {
      const app = Testing.app({ context: { targetVersions: { terraform: '>=1.11.0' } } });
      const stack = new TerraformStack(app, 'test');
      new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
      const token = new TerraformVariable(stack, 'token', { type: 'string', sensitive: true }).stringValue;
      const contract = new SecretsContract({ blueprint: platform(), backend: SM, identity: IRSA, namespace: 'noxus', values: { PLUGIN_SERVER_API_KEY: ValueSource.fromTerraform(token) } });
      new NoxusAwsSecrets(stack, 'secrets', { contract, oidcProviderArn: OIDC, valueWriters: [WRITER] });
      const policy = keyPolicyOf(JSON.parse(Testing.synth(stack, true)));
      expect(policy.Statement.map((st: any) => st.Sid)).not.toContain('OnlyTheDeployerSetsTheKeyPolicy');
      expect(policy.Statement[0].Action).toContain('kms:PutKeyPolicy');
    });
  });

  test('a grantee is in the key policy of the key created here', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'test');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    const aws = new NoxusAwsSecrets(stack, 'secrets', awsProps(base()));
    const migrations = new IamRole(stack, 'Migrations', { name: 'migrations', assumeRolePolicy: '{}' });
    aws.grantRead(aws.contract.sharedStore!, AwsGrantee.role(migrations));
    const json = JSON.parse(Testing.synth(stack));
    expect(readersOf(keyPolicyOf(json)).Condition.ArnEquals['aws:PrincipalArn']).toContain(`\${aws_iam_role.${Object.keys(json.resource.aws_iam_role).find(k => k.includes('Migrations'))}.arn}`);
  });

  test('store decrypt, evaluated as AWS would: only the store\'s own secrets\' encryption context', () => {
    const { json } = synthAws(base());
    const roles = rolesByName(json);
    const decrypt = (role: string, secret: string) => evaluate(atApply(json, roles[role].policies[0]), {
      action: 'kms:Decrypt', resource: KEY_ARN, context: { 'kms:ViaService': 'secretsmanager.eu-west-1.amazonaws.com', 'kms:EncryptionContext:SecretARN': secretArn(secret) },
    });
    expect(decrypt('noxus-eso-pool-tenant-acme', 'noxus/pools/tenant-acme/OPENAI_API_KEY')).toBe('allow');
    expect(decrypt('noxus-eso-pool-tenant-acme', 'noxus/workers/OPENAI_API_KEY')).toBe('implicit-deny');
    expect(decrypt('noxus-eso-pool-default', 'noxus/pools/tenant-acme/OPENAI_API_KEY')).toBe('implicit-deny');
    expect(decrypt('noxus-eso-platform', 'noxus/workers/OPENAI_API_KEY')).toBe('implicit-deny');
  });

  test('the writers docs/aws.md names can set a value through the backend, and only through it; nobody else can', () => {
    for (const backend of [SM, SecretBackend.awsParameterStore({ region: 'eu-west-1' })]) {
      const policy = keyPolicyOf(synthAws({ ...base(), backend }).json);
      const service = backend === SM ? 'secretsmanager.eu-west-1.amazonaws.com' : 'ssm.eu-west-1.amazonaws.com';
      const ask = (principal: string, action: string, via: string) => evaluate(policy, {
        principal: { type: 'AWS', id: 'arn:aws:iam::123456789012:root' }, action, resource: '*',
        context: { 'aws:PrincipalArn': principal, 'kms:ViaService': via },
      }, true);
      for (const action of ['kms:GenerateDataKey', 'kms:Encrypt', 'kms:Decrypt']) {
        expect([action, ask(WRITER, action, service)]).toEqual([action, 'allow']);
        expect([action, ask(WRITER, action, 'lambda.eu-west-1.amazonaws.com')]).toEqual([action, 'implicit-deny']);
        expect([action, ask('arn:aws:iam::123456789012:role/someone-else', action, service)]).toEqual([action, 'implicit-deny']);
      }
      // A store reads, and cannot write.
      expect(ask('arn:aws:iam::123456789012:role/noxus-eso-platform', 'kms:GenerateDataKey', service)).toBe('implicit-deny');
    }
  });

  test('values set by hand and no writer: the library\'s error, since the key would let nobody put a value', () => {
    expect(() => synthAws({ ...base(), valueWriters: [] })).toThrow(
      '[test/secrets] NoxusAwsSecrets: valueWriters is missing, and the KMS key this construct creates lets only the principals its policy names encrypt, ' +
      'so nobody could set the 13 value(s) set by hand (platform/PLUGIN_SERVER_API_KEY, platform/PLUGIN_SERVER_PLATFORM_KEY, platform/POSTGRESQL_URL, ...): ' +
      '`aws secretsmanager put-secret-value` needs kms:GenerateDataKey. Pass the role your operators or pipeline set values with, e.g. ' +
      'valueWriters: ["arn:aws:iam::123456789012:role/noxus-secrets-admin"], or your own key as kmsKeyArn.');
    // With your own key, its policy is yours; with only generated or composed values, no writer is needed.
    expect(() => synthAws({ ...base(), valueWriters: [], kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/11111111-1111-1111-1111-111111111111' })).not.toThrow();
  });

  test('Terraform writes a value: the deployer (deployerArn) is a writer of the key, and nothing calls STS at plan', () => {
    const random = (stack: TerraformStack) => new TerraformVariable(stack, 'token', { type: 'string', sensitive: true }).stringValue;
    for (const backend of [SM, SecretBackend.awsParameterStore({ region: 'eu-west-1' })]) {
      const app = Testing.app({ context: { targetVersions: { terraform: '>=1.11.0' } } });
      const stack = new TerraformStack(app, 'test');
      new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
      const contract = new SecretsContract({ blueprint: platform(), backend, identity: IRSA, namespace: 'noxus', values: { PLUGIN_SERVER_API_KEY: ValueSource.fromTerraform(random(stack)) } });
      new NoxusAwsSecrets(stack, 'secrets', { contract, oidcProviderArn: OIDC, valueWriters: [WRITER], deployerArn: 'arn:aws:iam::123456789012:role/terraform' });
      const json = JSON.parse(Testing.synth(stack, true));
      expect(json.data?.aws_caller_identity).toBeUndefined();
      expect(json.data?.aws_iam_session_context).toBeUndefined();
      const writers = keyPolicyOf(json).Statement.find((st: any) => st.Sid === 'WritersEncryptThroughBackend');
      expect(writers.Condition.ArnEquals['aws:PrincipalArn']).toEqual([WRITER, 'arn:aws:iam::123456789012:role/terraform']);
    }
  });

  test('Terraform writes a value and no deployerArn: its role is looked up (STS at plan); no Terraform value: not looked up, not a writer', () => {
    const app = Testing.app({ context: { targetVersions: { terraform: '>=1.11.0' } } });
    const stack = new TerraformStack(app, 'test');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    const token = new TerraformVariable(stack, 'token', { type: 'string', sensitive: true }).stringValue;
    const contract = new SecretsContract({
      blueprint: platform(), backend: SecretBackend.awsParameterStore({ region: 'eu-west-1' }), identity: IRSA, namespace: 'noxus',
      values: { PLUGIN_SERVER_API_KEY: ValueSource.fromTerraform(token) },
    });
    new NoxusAwsSecrets(stack, 'secrets', { contract, oidcProviderArn: OIDC, valueWriters: [WRITER] });
    const json = JSON.parse(Testing.synth(stack, true));
    const ctx = Object.keys(json.data.aws_iam_session_context)[0];
    const caller = Object.keys(json.data.aws_caller_identity)[0];
    expect(json.data.aws_iam_session_context[ctx].arn).toBe(`\${data.aws_caller_identity.${caller}.arn}`);
    expect(keyPolicyOf(json).Statement.find((st: any) => st.Sid === 'WritersEncryptThroughBackend').Condition.ArnEquals['aws:PrincipalArn'])
      .toEqual([WRITER, `\${data.aws_iam_session_context.${ctx}.issuer_arn}`]);
    // The one parameter Terraform writes holds the reference, opted in by name, write-only (in neither state nor plan).
    expect(resources(json, 'aws_ssm_parameter').map(p => [p.name, p.value, p.value_wo, p.value_wo_version])).toEqual([['/noxus/platform/PLUGIN_SERVER_API_KEY', undefined, '${var.token}', 1]]);
    const plain = synthAws({ ...base(), backend: SecretBackend.awsParameterStore({ region: 'eu-west-1' }), deployerArn: 'arn:aws:iam::123456789012:role/terraform' }).json;
    expect(plain.data?.aws_iam_session_context).toBeUndefined();
    expect(keyPolicyOf(plain).Statement.find((st: any) => st.Sid === 'WritersEncryptThroughBackend').Condition.ArnEquals['aws:PrincipalArn']).toEqual([WRITER]);
  });

  test('a deployer that is a session, not a role, is refused with the role to give instead', () => {
    expect(() => synthAws({ ...base(), deployerArn: 'arn:aws:sts::123456789012:assumed-role/terraform/ci' })).toThrow(
      '[test/secrets] NoxusAwsSecrets: deployerArn "arn:aws:sts::123456789012:assumed-role/terraform/ci" is not an IAM role or user ARN (a key policy matches ' +
      'the role of a session, not the session: arn:aws:sts::<account>:assumed-role/<role>/<session> is the role arn:aws:iam::<account>:role/<role>). ' +
      'Use e.g. "arn:aws:iam::123456789012:role/terraform".');
  });

  test('a value writer that is not an IAM principal ARN is refused', () => {
    expect(() => synthAws({ ...base(), valueWriters: ['secrets-admin'] })).toThrow(
      '[test/secrets] NoxusAwsSecrets: valueWriters[0] "secrets-admin" is not an IAM role or user ARN.');
  });
});

describe('role path', () => {
  test('the identity\'s rolePath is in every ARN both sides name, and on the roles', () => {
    const identity = WorkloadIdentity.irsa({ accountId: '123456789012', rolePath: '/noxus/' });
    const { json } = synthAws({ ...base(), identity });
    expect(resources(json, 'aws_iam_role').every(r => r.path === '/noxus/')).toBe(true);
    expect(serviceAccountAnnotations(identity, { id: 'platform', namePrefix: 'noxus', serviceAccountName: 'noxus-eso-platform' }))
      .toEqual({ 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/noxus/noxus-eso-platform' });
    expect(readersOf(keyPolicyOf(json)).Condition.ArnEquals['aws:PrincipalArn'])
      .toContain('arn:aws:iam::123456789012:role/noxus/noxus-eso-platform');
  });

  test('a rolePath on the construct that differs from the identity\'s is refused', () => {
    expect(() => synthAws({ ...base(), rolePath: '/noxus/' })).toThrow(
      '[test/secrets] NoxusAwsSecrets: rolePath "/noxus/" differs from the identity\'s "/", and the path is part of every role ARN the Kubernetes side names');
  });
});

describe('errors', () => {
  test('IRSA without an OIDC provider ARN', () => {
    expect(() => synthAws({ ...base(), oidcProviderArn: undefined })).toThrow(
      "[test/secrets] NoxusAwsSecrets: oidcProviderArn is required with IRSA, because each role trusts the cluster's OIDC provider. " +
      "Pass the provider's ARN: a literal, or a reference such as oidcProvider.arn or module.eks.oidc_provider_arn.");
    expect(() => synthAws({ ...base(), oidcProviderArn: 'arn:aws:iam::123456789012:role/x' })).toThrow(
      '[test/secrets] NoxusAwsSecrets: oidcProviderArn "arn:aws:iam::123456789012:role/x" is not an IAM OIDC provider ARN, and IRSA trust policies need it ' +
      "(arn:aws:iam::<account>:oidc-provider/oidc.eks.<region>.amazonaws.com/id/<id>). Pass the cluster's OIDC provider ARN.");
  });
  test('Pod Identity without a cluster', () => {
    expect(() => synthAws({ ...base(), identity: WorkloadIdentity.eksPodIdentity({ accountId: '123456789012' }) })).toThrow(
      "[test/secrets] NoxusAwsSecrets: clusterName is missing, and EKS Pod Identity associates the ESO controller's role with a cluster. Pass the EKS cluster name.");
  });
  test('a non-AWS backend', () => {
    expect(() => synthAws({ ...base(), backend: SecretBackend.vault({ server: 'https://v' }) })).toThrow(
      'WorkloadIdentity: identity "irsa" cannot authenticate to backend "vault" (it works with aws-secrets-manager, aws-parameter-store).');
  });
  test('a non-AWS identity', () => {
    expect(() => synthAws({ ...base(), identity: WorkloadIdentity.vaultKubernetes() })).toThrow(
      'WorkloadIdentity: identity "vault-kubernetes" cannot authenticate to backend "aws-secrets-manager"');
  });
  test.each([3, 31, 7.5])('recovery window %d', days => {
    expect(() => synthAws({ ...base(), recoveryWindowInDays: days })).toThrow(
      `[test/secrets] NoxusAwsSecrets: recoveryWindowInDays ${days} is not allowed by Secrets Manager (0, or 7 to 30). Use e.g. 30.`);
  });
  test('an invalid namespace', () => {
    expect(() => synthAws({ ...base(), namespace: 'Noxus' })).toThrow('SecretsContract: namespace "Noxus" is not a valid Kubernetes name');
  });
  test('a bad remote key override', () => {
    expect(() => synthAws({ ...base(), remoteKeys: { overrides: { 'workers/OPENAI_API_KEY': 'a b' } } })).toThrow(
      'RemoteKeyScheme workers/OPENAI_API_KEY: remote key "a b" is not a valid aws-secrets-manager secret name');
  });
  test('the facts of earlier versions beside the props (a JavaScript caller) are the library\'s error, naming them', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    expect(() => new NoxusAwsSecrets(stack, 'secrets', { blueprint: platform(), backend: SM, identity: IRSA, namespace: 'noxus', oidcProviderArn: OIDC } as any)).toThrow(
      '[test/secrets] NoxusAwsSecrets: blueprint, backend, identity and namespace are no longer props: the SecretsContract holds them, so that every side reads one value. ' +
      'Pass contract: new SecretsContract({ blueprint, backend, identity, namespace }).');
    expect(() => new NoxusAwsSecrets(stack, 'other', { ...awsProps(base()), remoteKeys: { prefix: 'x' } } as any)).toThrow(
      '[test/other] NoxusAwsSecrets: remoteKeys is no longer a prop: the SecretsContract holds it, so that every side reads one value. ' +
      'Pass contract: new SecretsContract({ blueprint, backend, identity, namespace }).');
  });
  test('a missing contract, or one without a backend or namespace', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    expect(() => new NoxusAwsSecrets(stack, 'a', { oidcProviderArn: OIDC } as any)).toThrow(
      '[test/a] NoxusAwsSecrets: contract is required. Pass contract: new SecretsContract({ blueprint, backend, identity, namespace }), the same one every side takes.');
    expect(() => new NoxusAwsSecrets(stack, 'b', { contract: new SecretsContract({ blueprint: platform(), namespace: 'noxus' }), oidcProviderArn: OIDC })).toThrow(
      "[test/b] NoxusAwsSecrets: the contract has no backend, and the cloud side creates the backend's secrets. Give the SecretsContract a backend and identity.");
    expect(() => new NoxusAwsSecrets(stack, 'c', { contract: new SecretsContract({ blueprint: platform(), backend: SM, identity: IRSA }), oidcProviderArn: OIDC })).toThrow(
      '[test/c] NoxusAwsSecrets: the contract has no namespace, and every identity trusts the ServiceAccounts of one namespace. ' +
      'Set namespace in the SecretsContract (the same the Kubernetes side renders into).');
  });
  test('unknown store and address', () => {
    const { aws } = synthAws(base());
    expect(() => aws.roleArn('pool-x' as any)).toThrow(
      "[test/secrets] NoxusAwsSecrets: roleArn takes a Store of the contract (contract.poolStore('<pool>'), contract.sharedStore, contract.storeById('<id>')), not \"pool-x\".");
    expect(() => aws.secret('x')).toThrow(
      "[test/secrets] NoxusAwsSecrets: no secret at \"x\" (addresses are 'platform/NAME', 'workers/NAME' or 'pools/<pool>/NAME'). Fix the address.");
  });
});

test('a worker-only secret that every pool overrides is still created, and no role reads it', () => {
  const { PlatformSecret, SecretsBlueprint } = require('../../../lib');
  const blueprint = new SecretsBlueprint({
    secrets: [PlatformSecret.custom({ name: 'A' })], global: ['A'], workerOnly: ['A'], allowWorkerOnlyOverride: ['A'],
    pools: [{ name: 'p', secrets: ['A'], allowOverride: ['A'] }],
  });
  const { json } = synthAws({ ...base(), blueprint });
  expect(resources(json, 'aws_secretsmanager_secret').map(s => s.name).sort()).toEqual(['noxus/platform/A', 'noxus/pools/p/A', 'noxus/workers/A']);
  const workersId = Object.entries<any>(json.resource.aws_secretsmanager_secret).find(([, s]) => s.name === 'noxus/workers/A')![0];
  expect(JSON.stringify(rolesByName(json))).not.toContain(workersId);
});

describe('stores split across stacks', () => {
  test('a construct without the first store needs the key; a store held elsewhere is the library\'s error', () => {
    const { SecretsContract } = require('../../../lib');
    const contract = new SecretsContract({ blueprint: platform(), backend: SM, identity: IRSA, namespace: 'noxus' });
    expect(() => synthAws({ contract, oidcProviderArn: OIDC, stores: [contract.poolStore('tenant-acme')] } as any)).toThrow(
      "[test/secrets] NoxusAwsSecrets: kmsKeyArn is required here, because the construct holding the first store (store platform) creates the key. Pass kmsKeyArn: thatConstruct.kmsKeyArn.");
    const { aws } = synthAws({ contract, oidcProviderArn: OIDC, stores: [contract.poolStore('tenant-acme')], kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/22222222-2222-2222-2222-222222222222' } as any);
    expect(() => aws.role(contract.poolStore('default'))).toThrow('[test/secrets] NoxusAwsSecrets: store pool-default is held by another construct (stores splits the contract). Ask the construct that holds it.');
    expect(aws.stores.map((s: any) => s.id)).toEqual(['pool-tenant-acme']);
  });

  describe('grantRead on a construct that takes the key: the grantee must reach the key policy', () => {
    const MIGRATIONS = 'arn:aws:iam::123456789012:role/migrations';
    const split = (keyReaders?: string[]) => {
      const { SecretsContract } = require('../../../lib');
      const contract = new SecretsContract({ blueprint: platform(), backend: SM, identity: IRSA, namespace: 'noxus' });
      const app = Testing.app();
      const stack = (name: string) => {
        const s = new TerraformStack(app, name);
        new AwsProvider(s, 'aws', { region: 'eu-west-1' });
        return s;
      };
      const [shared, acme] = [stack('shared'), stack('acme')];
      const first = new NoxusAwsSecrets(shared, 'secrets', { valueWriters: ['arn:aws:iam::123456789012:role/noxus-secrets-admin'], contract, oidcProviderArn: OIDC, stores: [contract.sharedStore, contract.poolStore('default')], keyReaders });
      const second = new NoxusAwsSecrets(acme, 'secrets', { contract, oidcProviderArn: OIDC, stores: [contract.poolStore('tenant-acme')], kmsKeyArn: first.kmsKeyArn });
      const warnings = () => second.node.metadata.filter(m => /warn/i.test(m.type)).map(m => String(m.data));
      const keyPolicy = () => keyPolicyOf(JSON.parse(Testing.synth(shared)));
      return { shared, acme, second, warnings, keyPolicy };
    };
    const decrypt = (policy: any, principalArn: string) => evaluate(policy, {
      principal: { type: 'AWS', id: 'arn:aws:iam::123456789012:root' }, action: 'kms:Decrypt', resource: 'key',
      context: { 'kms:ViaService': 'secretsmanager.eu-west-1.amazonaws.com', 'aws:PrincipalArn': principalArn },
    }, true);

    test('a grantee in the key\'s stack joins that key\'s policy', () => {
      const { shared, second, warnings, keyPolicy } = split();
      const migrations = new IamRole(shared, 'Migrations', { name: 'migrations', assumeRolePolicy: '{}' });
      second.grantRead(second.contract.poolStore('tenant-acme'), AwsGrantee.role(migrations));
      const json = JSON.parse(Testing.synth(shared));
      expect(readersOf(keyPolicy()).Condition.ArnEquals['aws:PrincipalArn'])
        .toContain(`\${aws_iam_role.${Object.keys(json.resource.aws_iam_role).find(k => k.includes('Migrations'))}.arn}`);
      expect(warnings()).toEqual([]);
    });

    test('a grantee elsewhere is a warning naming the key\'s construct and keyReaders, which let it decrypt', () => {
      const { acme, second, warnings, keyPolicy } = split();
      const migrations = new IamRole(acme, 'Migrations', { name: 'migrations', assumeRolePolicy: '{}' });
      second.grantRead(second.contract.poolStore('tenant-acme'), AwsGrantee.role(migrations));
      expect(warnings()).toEqual(['NoxusAwsSecrets: grantRead lets acme/Migrations read secrets encrypted with a key whose policy this construct does not write, ' +
        'so AWS denies its kms:Decrypt (through secretsmanager.eu-west-1.amazonaws.com) until the key policy allows it. The key is made by shared/secrets, ' +
        'in another stack: add the role\'s ARN to its keyReaders (a literal ARN keeps the stacks one-way), or create the role in that stack.']);
      expect(decrypt(keyPolicy(), MIGRATIONS)).toBe('implicit-deny');
      expect(decrypt(split([MIGRATIONS]).keyPolicy(), MIGRATIONS)).toBe('allow');
    });

    test('a grantee elsewhere that is already in keyReaders, by its literal path and name, is no warning', () => {
      const withReader = split([MIGRATIONS, 'arn:aws:iam::123456789012:role/jobs/nightly']);
      withReader.second.grantRead(withReader.second.contract.poolStore('tenant-acme'), AwsGrantee.role(new IamRole(withReader.acme, 'Migrations', { name: 'migrations', assumeRolePolicy: '{}' })));
      withReader.second.grantRead(withReader.second.contract.poolStore('tenant-acme'), AwsGrantee.role(new IamRole(withReader.acme, 'Nightly', { name: 'nightly', path: '/jobs/', assumeRolePolicy: '{}' })));
      expect(withReader.warnings()).toEqual([]);
      // Another name, or the name under another path, is not covered.
      withReader.second.grantRead(withReader.second.contract.poolStore('tenant-acme'), AwsGrantee.role(new IamRole(withReader.acme, 'Other', { name: 'other', assumeRolePolicy: '{}' })));
      withReader.second.grantRead(withReader.second.contract.poolStore('tenant-acme'), AwsGrantee.role(new IamRole(withReader.acme, 'Moved', { name: 'nightly', path: '/other/', assumeRolePolicy: '{}' })));
      expect(withReader.warnings().map(w => w.slice(0, 45))).toEqual(['NoxusAwsSecrets: grantRead lets acme/Other re', 'NoxusAwsSecrets: grantRead lets acme/Moved re']);
    });

    test('a key of your own is a warning that its policy is yours', () => {
      const { SecretsContract } = require('../../../lib');
      const contract = new SecretsContract({ blueprint: platform(), backend: SM, identity: IRSA, namespace: 'noxus' });
      const { synthesized, aws } = synthAws({ contract, oidcProviderArn: OIDC, stores: [contract.poolStore('tenant-acme')], kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/22222222-2222-2222-2222-222222222222' } as any);
      expect(synthesized).toContain('tenant-acme');
      aws.grantRead(aws.contract.poolStore('tenant-acme'), AwsGrantee.role(new IamRole(aws, 'Migrations', { name: 'migrations', assumeRolePolicy: '{}' })));
      expect(aws.node.metadata.filter(m => /warn/i.test(m.type)).map(m => String(m.data))).toEqual(['NoxusAwsSecrets: grantRead lets test/secrets/Migrations read ' +
        'secrets encrypted with a key whose policy this construct does not write, so AWS denies its kms:Decrypt (through secretsmanager.eu-west-1.amazonaws.com) ' +
        'until the key policy allows it. The key (kmsKeyArn) is yours: let the role use kms:Decrypt in its key policy.']);
    });

    test('keyReaders must be role or user ARNs', () => {
      expect(() => split(['migrations'])).toThrow('[shared/secrets] NoxusAwsSecrets: keyReaders[0] "migrations" is not an IAM role or user ARN. ' +
        'Use e.g. "arn:aws:iam::123456789012:role/secrets-admin" (a key policy names principals by ARN).');
    });
  });
});
