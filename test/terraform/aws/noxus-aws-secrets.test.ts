import { Testing } from 'cdktf';
import 'cdktf/lib/testing/adapters/jest';
import { SecretBackend, WorkloadIdentity } from '../../../lib';
import { NoxusAwsSecretsProps } from '../../../lib/terraform/aws';
import { platform } from '../../support/fixtures';
import { resources, rolesByName, synthAws } from './support';

Testing.setupJest();

const OIDC = 'arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC123';
const ISSUER = 'oidc.eks.eu-west-1.amazonaws.com/id/ABC123';
const SM = SecretBackend.awsSecretsManager({ region: 'eu-west-1' });
const IRSA = WorkloadIdentity.irsa({ accountId: '123456789012' });
const base = (): NoxusAwsSecretsProps => ({ blueprint: platform(), backend: SM, identity: IRSA, namespace: 'noxus', oidcProviderArn: OIDC });

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
    const kms = 'arn:aws:kms:eu-west-1:123456789012:key/0000';
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

  test('Parameter Store: SecureString parameters with a placeholder Terraform ignores', () => {
    const { json } = synthAws({ ...base(), backend: SecretBackend.awsParameterStore({ region: 'eu-west-1' }) });
    const params = resources(json, 'aws_ssm_parameter');
    expect(params).toHaveLength(13);
    expect(params.find(p => p.name === '/noxus/workers/OPENAI_API_KEY')).toMatchObject({ type: 'SecureString', value: 'unset', lifecycle: { ignore_changes: ['value'] } });
    const role = rolesByName(json)['noxus-eso-pool-default'];
    expect(role.policies[0].Statement[0].Action).toEqual(['ssm:GetParameter', 'ssm:GetParameters']);
    expect(role.policies[0].Statement[1].Condition).toEqual({ StringEquals: { 'kms:ViaService': 'ssm.eu-west-1.amazonaws.com' } });
  });
});

describe('IRSA roles', () => {
  test('one role per store, named as the ServiceAccounts are annotated', () => {
    const roles = rolesByName(synthAws(base()).json);
    expect(Object.keys(roles).sort()).toEqual(['noxus-eso-platform', 'noxus-eso-pool-default', 'noxus-eso-pool-tenant-acme']);
    expect(IRSA.bind({ id: 'pool-default', namePrefix: 'noxus', serviceAccountName: 'noxus-eso-pool-default' }).serviceAccountAnnotations())
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

  test('the exact permission policy: read actions on the store\'s secrets, kms:Decrypt via Secrets Manager, no *', () => {
    const { json } = synthAws(base());
    const roles = rolesByName(json);
    const ids = Object.fromEntries(Object.entries<any>(json.resource.aws_secretsmanager_secret).map(([id, s]) => [s.name, id]));
    const keyId = Object.keys(json.resource.aws_kms_key)[0];
    expect(roles['noxus-eso-pool-tenant-acme'].policies).toEqual([{
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'ReadStoreSecrets', Effect: 'Allow',
          Action: ['secretsmanager:DescribeSecret', 'secretsmanager:GetResourcePolicy', 'secretsmanager:GetSecretValue', 'secretsmanager:ListSecretVersionIds'],
          Resource: [`\${aws_secretsmanager_secret.${ids['noxus/pools/tenant-acme/OPENAI_API_KEY']}.arn}`],
        },
        {
          Sid: 'DecryptThroughBackend', Effect: 'Allow', Action: ['kms:Decrypt'], Resource: [`\${aws_kms_key.${keyId}.arn}`],
          Condition: { StringEquals: { 'kms:ViaService': 'secretsmanager.eu-west-1.amazonaws.com' } },
        },
      ],
    }]);
    const all = JSON.stringify(Object.values(roles).map(r => r.policies));
    expect(all).not.toContain('"*"');
  });

  test('pool isolation: no pool role names another pool\'s secret, and the platform role names no pool or worker secret', () => {
    const { json } = synthAws(base());
    const roles = rolesByName(json);
    const arnOf = Object.fromEntries(Object.entries<any>(json.resource.aws_secretsmanager_secret).map(([id, s]) => [s.name, `\${aws_secretsmanager_secret.${id}.arn}`]));
    const readable = (role: string) => roles[role].policies[0].Statement[0].Resource as string[];
    expect(readable('noxus-eso-pool-default')).toEqual([arnOf['noxus/workers/OPENAI_API_KEY']]);
    expect(readable('noxus-eso-pool-default')).not.toContain(arnOf['noxus/pools/tenant-acme/OPENAI_API_KEY']);
    expect(readable('noxus-eso-pool-tenant-acme')).toEqual([arnOf['noxus/pools/tenant-acme/OPENAI_API_KEY']]);
    expect(readable('noxus-eso-platform')).toHaveLength(11);
    expect(readable('noxus-eso-platform').some(a => a.includes('workers') || a.includes('pools'))).toBe(false);
    for (const a of readable('noxus-eso-platform')) expect(Object.entries(arnOf).find(([, v]) => v === a)![0]).toMatch(/^noxus\/platform\//);
  });

  test('allowFind adds the two list actions on *, and nothing else', () => {
    const roles = rolesByName(synthAws({ ...base(), allowFind: true }).json);
    expect(roles['noxus-eso-pool-default'].policies[0].Statement[2]).toEqual({
      Sid: 'ListForFind', Effect: 'Allow', Action: ['secretsmanager:BatchGetSecretValue', 'secretsmanager:ListSecrets'], Resource: ['*'],
    });
  });

  test('outputs: each role ARN and secret ARN', () => {
    const { json, aws } = synthAws(base());
    const outputs = Object.values<any>(json.output);
    expect(outputs).toHaveLength(13 + 3);
    expect(aws.roleArn('pool-default')).toMatch(/^\$\{TfToken/);
    expect(aws.secret('workers/OPENAI_API_KEY').name).toBe('noxus/workers/OPENAI_API_KEY');
    expect(aws.secrets).toHaveLength(13);
  });
});

describe('EKS Pod Identity', () => {
  const pod = (): NoxusAwsSecretsProps => ({ ...base(), identity: WorkloadIdentity.eksPodIdentity({ accountId: '123456789012' }), oidcProviderArn: undefined, clusterName: 'noxus' });

  test('the controller role: trusted by pods.eks.amazonaws.com, may assume exactly the store roles, associated with ESO', () => {
    const { json } = synthAws(pod());
    const roles = rolesByName(json);
    expect(roles['noxus-eso-controller'].trust).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] }],
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

  test('store roles trust only the controller role', () => {
    const { json } = synthAws(pod());
    const controllerId = Object.entries<any>(json.resource.aws_iam_role).find(([, r]) => r.name === 'noxus-eso-controller')![0];
    expect(rolesByName(json)['noxus-eso-pool-default'].trust).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: `\${aws_iam_role.${controllerId}.arn}` }, Action: ['sts:AssumeRole', 'sts:TagSession'] }],
    });
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
      '[test/secrets] WorkloadIdentity: identity "irsa" cannot authenticate to backend "vault" (it works with aws-secrets-manager, aws-parameter-store).');
  });
  test('a non-AWS identity', () => {
    expect(() => synthAws({ ...base(), identity: WorkloadIdentity.vaultKubernetes() })).toThrow(
      '[test/secrets] WorkloadIdentity: identity "vault-kubernetes" cannot authenticate to backend "aws-secrets-manager"');
  });
  test.each([3, 31, 7.5])('recovery window %d', days => {
    expect(() => synthAws({ ...base(), recoveryWindowInDays: days })).toThrow(
      `[test/secrets] NoxusAwsSecrets: recoveryWindowInDays ${days} is not allowed by Secrets Manager (0, or 7 to 30). Use e.g. 30.`);
  });
  test('an invalid namespace', () => {
    expect(() => synthAws({ ...base(), namespace: 'Noxus' })).toThrow('[test/secrets] SecretsContract: namespace "Noxus" is not a valid Kubernetes name');
  });
  test('a bad remote key override', () => {
    expect(() => synthAws({ ...base(), remoteKeys: { overrides: { 'workers/OPENAI_API_KEY': 'a b' } } })).toThrow(
      '[test/secrets] RemoteKeyScheme workers/OPENAI_API_KEY: remote key "a b" is not a valid aws-secrets-manager secret name');
  });
  test('unknown store and address', () => {
    const { aws } = synthAws(base());
    expect(() => aws.roleArn('pool-x')).toThrow(
      "[test/secrets] NoxusAwsSecrets: no store \"pool-x\" (stores: platform, pool-default, pool-tenant-acme). Pass a Store of the contract (contract.poolStore('<pool>')), a pool name, or a store ID.");
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
    const { aws } = synthAws({ contract, oidcProviderArn: OIDC, stores: [contract.poolStore('tenant-acme')], kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/x' } as any);
    expect(() => aws.role('default')).toThrow('[test/secrets] NoxusAwsSecrets: store pool-default is held by another construct (stores splits the contract). Ask the construct that holds it.');
    expect(aws.stores.map((s: any) => s.id)).toEqual(['pool-tenant-acme']);
  });
});
