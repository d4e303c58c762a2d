import { IamAccessKey } from '@cdktf/provider-aws/lib/iam-access-key';
import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamUser } from '@cdktf/provider-aws/lib/iam-user';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { App, TerraformLocal, TerraformStack, TerraformVariable } from 'cdktf';
import { RemoteKeyLayout, SecretBackend, SecretsBlueprint, SecretsContract, SourceSecret, ValueSource, WorkloadIdentity } from '../../lib';
import { KeyPolicyReaders, NoxusAwsSecrets, NoxusAwsSecretsProps, AwsGrantee } from '../../lib/terraform/aws';
import { platform, platformProps } from '../support/fixtures';

export const ACCOUNT = '123456789012';
export const REGION = 'eu-west-1';
export const OIDC_ARN = `arn:aws:iam::${ACCOUNT}:oidc-provider/oidc.eks.${REGION}.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE`;
/** The role that runs Terraform: Parameter Store stacks name it instead of asking STS (issue 25). */
export const DEPLOYER_ARN = `arn:aws:iam::${ACCOUNT}:role/deployer`;

/** What a generated model tells the plan checks. */
export interface ModelExpectations {
  /** Env names whose value Terraform writes from a reference (ValueSource.fromTerraform). */
  readonly optedIn?: string[];
  /** Whether the model sets allowFind (list actions on '*', which have no resource-level form). */
  readonly allowFind?: boolean;
  /** The IRSA or Pod Identity subjects the roles must trust, by role name. */
  readonly trust?: Record<string, { namespace: string; serviceAccount: string }>;
  /** Why the stack can be validated but not planned offline. */
  readonly validateOnly?: string;
}

const SM = SecretBackend.awsSecretsManager({ region: REGION });
const PS = SecretBackend.awsParameterStore({ region: REGION });
const IRSA = WorkloadIdentity.irsa({ accountId: ACCOUNT });
const POD = WorkloadIdentity.eksPodIdentity({ accountId: ACCOUNT });

function stack(app: App, name: string): TerraformStack {
  const s = new TerraformStack(app, name);
  new AwsProvider(s, 'aws', { region: REGION });
  return s;
}

function contract(backend: SecretBackend, identity: WorkloadIdentity, values?: Record<string, ValueSource>): SecretsContract {
  return new SecretsContract({ blueprint: platform(), namespace: 'noxus', backend, identity, ...(values ? { values } : {}) });
}

/** Parameter Store props with the deployer's ARN (issue 25's `deployerArn`). */
function withDeployer(props: NoxusAwsSecretsProps): NoxusAwsSecretsProps {
  return { ...props, deployerArn: DEPLOYER_ARN };
}

/** The IRSA subjects of the fixture platform's stores, by role name. */
const IRSA_TRUST = Object.fromEntries(['platform', 'pool-default', 'pool-tenant-acme'].map(s => [`noxus-eso-${s}`, { namespace: 'noxus', serviceAccount: `noxus-eso-${s}` }]));
/** The ESO controller's Pod Identity subject. */
const CONTROLLER_TRUST = { 'noxus-eso-controller': { namespace: 'external-secrets', serviceAccount: 'external-secrets' } };

/** One generated model: the stacks it builds in an app of its own, with what each must satisfy. */
export interface Model {
  readonly stacks: Record<string, ModelExpectations>;
  readonly build: (app: App) => void;
}

const WRITERS = [`arn:aws:iam::${ACCOUNT}:role/noxus-secrets-admin`];

/**
 * The generated models: each backend with each identity, split stacks, grants, composed values,
 * values from Terraform, references to the stack's own resources, an aliased provider.
 */
export function generatedModels(): Model[] {
  const models: Model[] = [];

  models.push({
    stacks: { 'model-sm-irsa': { allowFind: true, trust: IRSA_TRUST } },
    build: app => {
      const s = stack(app, 'model-sm-irsa');
      new NoxusAwsSecrets(s, 'secrets', {
        contract: contract(SM, IRSA), oidcProviderArn: OIDC_ARN, allowFind: true,
        valueWriters: WRITERS,
        rotationLambdaArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:rotate-noxus`,
      });
    },
  });
  models.push({
    stacks: { 'model-sm-irsa-role-path': { trust: IRSA_TRUST } },
    build: app => {
      // The key policy names the store roles by their path (KeyPolicyReaders.ROLE_PATH), and a grantee by its ARN.
      const s = stack(app, 'model-sm-irsa-role-path');
      const aws = new NoxusAwsSecrets(s, 'secrets', {
        contract: contract(SM, WorkloadIdentity.irsa({ accountId: ACCOUNT, rolePath: '/noxus-stores/' })), oidcProviderArn: OIDC_ARN,
        valueWriters: WRITERS, keyPolicyReaders: KeyPolicyReaders.ROLE_PATH,
      });
      const reporting = new IamRole(s, 'reporting', {
        name: 'noxus-reporting',
        assumeRolePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
      });
      aws.grantReadKey(aws.contract.remoteKeyAt('platform/REDIS_PASSWORD'), AwsGrantee.role(reporting));
    },
  });
  // RemoteKeyLayout.PER_STORE on Secrets Manager: each scope secret's own policy names its readers, and the
  // key policy lets the store roles decrypt; past a secret policy's 20,480 characters (a scope 400 pools
  // read), the readers by the pattern of their role ARNs.
  models.push({
    stacks: { 'model-sm-irsa-per-store': { trust: IRSA_TRUST } },
    build: app => {
      const s = stack(app, 'model-sm-irsa-per-store');
      new NoxusAwsSecrets(s, 'secrets', {
        contract: new SecretsContract({ blueprint: platform(), namespace: 'noxus', backend: SM, identity: IRSA, remoteKeys: { layout: RemoteKeyLayout.PER_STORE } }),
        oidcProviderArn: OIDC_ARN, valueWriters: WRITERS,
      });
    },
  });
  models.push({
    stacks: { 'model-sm-irsa-per-store-400-pools': {} },
    build: app => {
      const s = stack(app, 'model-sm-irsa-per-store-400-pools');
      // The account from Terraform: the role ARNs' common start, the secret policy's pattern, holds the reference.
      const account = new TerraformVariable(s, 'account', { type: 'string', default: ACCOUNT }).stringValue;
      const props = platformProps();
      const pools = Array.from({ length: 400 }, (_, i) => ({ name: `p${String(i).padStart(3, '0')}` }));
      new NoxusAwsSecrets(s, 'secrets', {
        contract: new SecretsContract({
          blueprint: new SecretsBlueprint({ ...props, pools }), namespace: 'noxus', backend: SM,
          identity: WorkloadIdentity.irsa({ accountId: account, rolePath: '/noxus-stores/' }), remoteKeys: { layout: RemoteKeyLayout.PER_STORE },
        }),
        oidcProviderArn: OIDC_ARN, valueWriters: WRITERS, keyPolicyReaders: KeyPolicyReaders.ROLE_PATH,
      });
    },
  });
  models.push({
    stacks: { 'model-sm-pod-identity': { trust: CONTROLLER_TRUST } },
    build: app => {
      const s = stack(app, 'model-sm-pod-identity');
      new NoxusAwsSecrets(s, 'secrets', { contract: contract(SM, POD), clusterName: 'noxus', valueWriters: WRITERS });
    },
  });
  models.push({
    stacks: { 'model-ps-irsa': { trust: IRSA_TRUST } },
    build: app => {
      const s = stack(app, 'model-ps-irsa');
      new NoxusAwsSecrets(s, 'secrets', withDeployer({ contract: contract(PS, IRSA), oidcProviderArn: OIDC_ARN, valueWriters: WRITERS }));
    },
  });
  models.push({
    stacks: { 'model-ps-pod-identity': { allowFind: true, trust: CONTROLLER_TRUST } },
    build: app => {
      const s = stack(app, 'model-ps-pod-identity');
      new NoxusAwsSecrets(s, 'secrets', withDeployer({ contract: contract(PS, POD), clusterName: 'noxus', allowFind: true, valueWriters: WRITERS }));
    },
  });
  models.push({
    stacks: { 'model-sm-irsa-list-and-number-references': { trust: IRSA_TRUST } },
    build: app => {
      // References of every kind cdktf encodes: the key's readers and writers as list references, the
      // recovery window as a number reference (each was refused as a literal it is not, issue 28), and the
      // account as a string reference inside the store role ARNs the key policy lists beside them.
      const s = stack(app, 'model-sm-irsa-list-and-number-references');
      const readers = new TerraformLocal(s, 'key-readers', [`arn:aws:iam::${ACCOUNT}:role/noxus-reporting`, `arn:aws:iam::${ACCOUNT}:role/noxus-audit`]);
      const writers = new TerraformLocal(s, 'value-writers', WRITERS);
      const recovery = new TerraformLocal(s, 'recovery-window', 7);
      const account = new TerraformLocal(s, 'account', ACCOUNT);
      new NoxusAwsSecrets(s, 'secrets', {
        contract: contract(SM, WorkloadIdentity.irsa({ accountId: account.asString })), oidcProviderArn: OIDC_ARN,
        keyReaders: readers.asList, valueWriters: writers.asList, recoveryWindowInDays: recovery.asNumber,
      });
    },
  });
  models.push({
    stacks: { 'model-sm-irsa-references': { optedIn: ['S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] } },
    build: app => {
      // The stack's own resources as references: the OIDC provider, the key, the RDS-like source
      // secret of a composed value, an access key whose secret Terraform writes (opted in by name).
      const s = stack(app, 'model-sm-irsa-references');
      const oidc = new IamOpenidConnectProvider(s, 'oidc', { url: 'https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE', clientIdList: ['sts.amazonaws.com'] });
      const key = new KmsKey(s, 'key', { description: 'Noxus secrets (model)', enableKeyRotation: true });
      const db = new SecretsmanagerSecret(s, 'db-master', { name: 'noxus-db-master', kmsKeyId: key.arn });
      const s3User = new IamUser(s, 's3-user', { name: 'noxus-s3' });
      const s3Key = new IamAccessKey(s, 's3-key', { user: s3User.name });
      const c = contract(SM, IRSA, {
        POSTGRESQL_URL: ValueSource.postgresUrl({ source: new SourceSecret({ key: db.arn, keys: ['username', 'password'], kmsKeyArn: key.arn }), host: 'db.noxus.internal', database: 'noxus' }),
        REDIS_URL: ValueSource.redisUrl({ source: new SourceSecret({ key: db.arn, keys: ['password'] }), host: 'cache.noxus.internal' }),
        PLUGIN_SERVER_API_KEY: ValueSource.generated(),
        S3_ACCESS_KEY_ID: ValueSource.fromTerraform(s3Key.id),
        S3_SECRET_ACCESS_KEY: ValueSource.fromTerraform(s3Key.secret),
      });
      const aws = new NoxusAwsSecrets(s, 'secrets', { contract: c, oidcProviderArn: oidc.arn, kmsKeyArn: key.arn });
      const migrations = new IamRole(s, 'migrations', {
        name: 'noxus-migrations',
        assumeRolePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
      });
      aws.grantRead(c.poolStore('tenant-acme'), AwsGrantee.role(migrations));
      aws.grantReadKey(aws.contract.remoteKeyAt('platform/REDIS_PASSWORD'), AwsGrantee.role(migrations));
    },
  });
  models.push({
    stacks: { 'model-split-pod-identity': { trust: CONTROLLER_TRUST }, 'model-split-pod-identity-acme': {} },
    build: app => {
      // Split by stores, with Pod Identity: the second stack takes the key and the controller's role by derivation.
      const c = contract(SM, POD);
      const [first, second] = [stack(app, 'model-split-pod-identity'), stack(app, 'model-split-pod-identity-acme')];
      const owner = new NoxusAwsSecrets(first, 'secrets', {
        contract: c, clusterName: 'noxus', stores: [c.sharedStore!, c.poolStore('default')], valueWriters: WRITERS,
        keyReaders: [`arn:aws:iam::${ACCOUNT}:role/noxus-acme-jobs`],
      });
      const acme = new NoxusAwsSecrets(second, 'secrets', { contract: c, clusterName: 'noxus', stores: [c.poolStore('tenant-acme')], kmsKeyArn: owner.kmsKeyArn });
      second.addDependency(first);
      const jobs = new IamRole(second, 'jobs', {
        name: 'noxus-acme-jobs',
        assumeRolePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
      });
      acme.grantRead(acme.contract.poolStore('tenant-acme'), AwsGrantee.role(jobs));
    },
  });
  models.push({
    stacks: { 'model-sm-irsa-aliased-provider': { trust: IRSA_TRUST } },
    build: app => {
      // A second, aliased provider in the stack (its own region): the override sets both blocks.
      const s = stack(app, 'model-sm-irsa-aliased-provider');
      const us = new AwsProvider(s, 'aws-us', { region: 'us-east-1', alias: 'us' });
      new KmsKey(s, 'replica-key', { provider: us, description: 'Noxus (model): a key in another region', enableKeyRotation: true });
      new NoxusAwsSecrets(s, 'secrets', { contract: contract(SM, IRSA), oidcProviderArn: OIDC_ARN, valueWriters: WRITERS });
    },
  });
  models.push({
    stacks: { 'model-sm-irsa-caller-identity': { validateOnly: 'data.aws_caller_identity calls STS at plan, which needs AWS' } },
    build: app => {
      // The account from STS: a data source that calls AWS at plan, so offline this stack validates only.
      const s = stack(app, 'model-sm-irsa-caller-identity');
      const account = new DataAwsCallerIdentity(s, 'account', {});
      const oidc = new IamOpenidConnectProvider(s, 'oidc', { url: 'https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE', clientIdList: ['sts.amazonaws.com'] });
      new NoxusAwsSecrets(s, 'secrets', { contract: contract(SM, WorkloadIdentity.irsa({ accountId: account.accountId })), oidcProviderArn: oidc.arn, valueWriters: WRITERS });
    },
  });
  return models;
}
