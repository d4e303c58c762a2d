import { AwsProvider, DataAwsCallerIdentity, DataAwsIamPolicyDocument, DataAwsIamSessionContext, DataAwsSecretsmanagerSecret, EksPodIdentityAssociation, IamPolicy, IamRole, IamRolePolicy, IamRolePolicyAttachment, KmsAlias, KmsKey, SecretsmanagerSecret, SecretsmanagerSecretRotation, SecretsmanagerSecretVersion, SsmParameter } from '../flavour/aws';
import { Annotations, Fn, Lazy, TerraformOutput, TerraformStack } from '../flavour/core';
import { Construct, IConstruct } from 'constructs';
import {
  AwsBackend, AwsIamIdentity, AwsSecretsManagerBackend, CLOUD_LIMITS, ISecretsGrantee, IrsaIdentity, NoxusSecretsError, RemoteKeyEntry, RemoteKeyLayout, SourceSecret, Store, ValueOrigin, assertDnsLabel,
  assertDnsSubdomain,
  FootprintOptions, assertNoTemplate, folderOwners, rotationDaysOf, ownFolders,
  shown,
} from '../../core';
import {
  EKS_CLUSTER_ARN, EKS_CLUSTER_NAME, IAM_POLICY_ARN, IAM_PRINCIPAL_ARN, LAMBDA_ARN, MAX_DESCRIPTION, OIDC_PROVIDER_ARN,
  assertArnPartition, assertAwsTags, assertKmsKeyArn, assertSourceArn,
} from './aws-rules';
import { idOf } from '../construct-id';
import { AwsGrantee } from './aws-grantee';
import { isReference, jsonOf, resolved, terraformText, terraformTextMap } from '../references';
import { CloudSideProps, NoxusCloudSecrets } from '../noxus-cloud-secrets';
import {
  ENCRYPTION_CONTEXT, PARAMETER_STORE_READ, SECRETS_MANAGER_READ, assumeRolesPolicy, assumedByRoleTrustPolicy, irsaTrustPolicy, keyPolicy, podIdentityTrustPolicy,
  PolicyDocument, readPolicy, secretReadersPolicy,
} from './iam-policies';
import { ArnParts, Sized, fitGroups, longest, longestAnySecretArn, longestKeyArn, longestParts, longestSecretArn, policyLength } from './policy-fit';
import { checkOnSynth } from '../../core/synth-checks';
import { grouped } from '../../core/numbers';

/** Props of the AWS side of the platform's secrets. */
export interface NoxusAwsSecretsProps extends CloudSideProps {
  /**
   * The cluster's IAM OIDC provider ARN, required for IRSA.
   * @default - none (required with IRSA)
   */
  readonly oidcProviderArn?: string;
  /**
   * The EKS cluster, required for Pod Identity (the association of the ESO controller's role).
   * @default - none (required with Pod Identity)
   */
  readonly clusterName?: string;
  /**
   * Namespace of the External Secrets Operator controller, for Pod Identity.
   * @default 'external-secrets'
   */
  readonly esoNamespace?: string;
  /**
   * ServiceAccount of the External Secrets Operator controller, for Pod Identity.
   * @default 'external-secrets'
   */
  readonly esoServiceAccount?: string;
  /**
   * A customer-managed KMS key to encrypt the secrets with.
   * @default - a new key with yearly rotation on, and an alias 'alias/<prefix>-secrets'
   */
  readonly kmsKeyArn?: string;
  /**
   * Days Secrets Manager keeps a deleted secret (0 deletes at once, else 7 to 30).
   * @default 30
   */
  readonly recoveryWindowInDays?: number;
  /**
   * The Lambda that rotates secrets; every secret with a rotation period then rotates on it.
   * @default - no rotation resources (periods stay in the model for the audit)
   */
  readonly rotationLambdaArn?: string;
  /**
   * Let stores find secrets, for ExternalSecrets with dataFrom.find. Secrets Manager adds
   * `ListSecrets` and `BatchGetSecretValue` on '*' (they return no value that `GetSecretValue`
   * on the exact ARNs does not allow); Parameter Store adds `DescribeParameters` on '*' and
   * `GetParametersByPath` on the store's own path hierarchies only (it returns values, and is
   * authorized on the path it lists).
   * @default false
   */
  readonly allowFind?: boolean;
  /**
   * The EKS cluster's ARN, for the Pod Identity controller role's trust
   * (`aws:RequestTag/eks-cluster-arn`).
   * @default - arn:<partition>:eks:<backend region>:<account>:cluster/<clusterName>
   */
  readonly clusterArn?: string;
  /**
   * IAM principals (role or user ARNs) that set the secrets' values (`put-secret-value`,
   * `put-parameter`): the key policy of the key this construct creates lets them encrypt and
   * decrypt through the backend. Nobody else but the stores, `keyReaders` and `grantRead`
   * grantees may use the key, so without a writer nobody could set a value: required when this
   * construct creates the key and a value is set by hand. Ignored when you pass `kmsKeyArn`
   * (that key's policy is yours).
   * @default - none (then every value must come from ESO or Terraform)
   */
  readonly valueWriters?: string[];
  /**
   * The IAM role (or user) that runs Terraform. The key this construct creates lets only this
   * principal change its key policy (`kms:PutKeyPolicy`, through `aws:PrincipalArn`), so that
   * nobody else in the account can name themselves a reader; KMS refuses to create the key when
   * another principal runs Terraform (its lockout check: the principal that sets a policy must
   * be able to set it again). Where Terraform writes values into the backend
   * (`ValueSource.fromTerraform`), the key also lets it encrypt and decrypt through the backend.
   * A literal ARN, or a reference. Ignored when you pass `kmsKeyArn` (that key's policy is yours).
   * @default - every IAM principal of the account whose IAM policy allows `kms:PutKeyPolicy` can rewrite the key policy; where Terraform writes a value, the writer is looked up at plan time (`aws_caller_identity` and `aws_iam_session_context`, which call STS)
   */
  readonly deployerArn?: string;
  /**
   * IAM role ARNs that read secrets of another NoxusAwsSecrets sharing the key this construct
   * creates (its `grantRead`, where the grantee's stack would otherwise depend on this one both
   * ways): the key policy lets them decrypt through the backend, as it does the stores. A literal
   * ARN (e.g. "arn:aws:iam::123456789012:role/migrations") keeps the stacks one-way; a
   * `grantRead` to a role whose literal path and name end one of them then does not warn. Ignored
   * when you pass `kmsKeyArn` (that key's policy is yours).
   * @default - none
   */
  readonly keyReaders?: string[];
  /**
   * How the policy of the key this construct creates names the store roles that may decrypt:
   * each role by its ARN, or all of them by their IAM path (one pattern, whatever the number of
   * pools). KMS refuses a key policy over 32 KB, which each role by ARN passes at about 540 pools.
   * With `ROLE_PATH`, the identity needs a `rolePath` of its own (not '/'); `keyReaders` and
   * `grantRead` grantees are still named one by one. Ignored when you pass `kmsKeyArn`.
   * @default KeyPolicyReaders.EACH_ROLE
   */
  readonly keyPolicyReaders?: KeyPolicyReaders;
  /**
   * Tags on every resource that takes them.
   * @default - only the library's own tags
   */
  readonly tags?: Record<string, string>;
  /**
   * Extra tags on the IAM roles only (e.g. for an attribute-based access control scheme).
   * @default - none
   */
  readonly roleTags?: Record<string, string>;
  /**
   * A permissions boundary (policy ARN) on every role the construct creates.
   * @default - none
   */
  readonly permissionsBoundary?: string;
  /**
   * The IAM path of every role the construct creates: give it in the identity
   * (`WorkloadIdentity.irsa({ accountId, rolePath })`), because it is part of the ARNs the
   * Kubernetes side names; here it may only repeat the identity's.
   * @default - the identity's rolePath ('/')
   */
  readonly rolePath?: string;
}

/** One secret container the construct created. */
export interface AwsSecretRef {
  /** 'platform/NAME', 'workers/NAME' or 'pools/<pool>/NAME'. */
  readonly address: string;
  /** The secret's or parameter's name. */
  readonly name: string;
  /** Its ARN (a Terraform reference). */
  readonly arn: string;
}

const DESCRIPTION_PREFIX = 'Noxus platform secret';

/** How the key policy of the key NoxusAwsSecrets creates names the store roles that may decrypt. */
export enum KeyPolicyReaders {
  /** Each store role by its ARN: exact, and within KMS's 32 KB up to about 540 pools. */
  EACH_ROLE = 'each-role',
  /**
   * Every role on the store roles' IAM path, by one ARN pattern (`arn:aws:iam::<account>:role/<path>/*`):
   * the size stays the same at any number of pools. The key policy then lets any role on that path
   * decrypt through the backend if its own IAM policy allows it (the store roles' allow their own
   * secrets' encryption context only): keep the path to the store roles, e.g. with an SCP that
   * limits `iam:CreateRole` on it to the role that runs Terraform.
   */
  ROLE_PATH = 'role-path',
}

/** What Terraform strips from an OIDC provider ARN to get its issuer (the regex terraform-aws-modules uses). */
const OIDC_PROVIDER_PREFIX = '/^(.*provider/)/';

/**
 * The AWS side: one Secrets Manager secret (or SecureString parameter) per
 * entry of the blueprint, named by the same scheme the ExternalSecrets read,
 * encrypted with a customer-managed key, and one IAM role per store that can
 * read exactly that store's secrets, trusted only by that store's identity.
 */
export class NoxusAwsSecrets extends NoxusCloudSecrets {
  /** The KMS key ARN that encrypts the secrets. */
  public readonly kmsKeyArn: string;
  /** Every secret container, sorted by address. */
  public readonly secrets: AwsSecretRef[];
  /** The ESO controller's role (Pod Identity only). */
  public readonly controllerRole?: IamRole;
  /** The ESO controller's role ARN (Pod Identity only). */
  public readonly controllerRoleArn?: string;
  private readonly roles = new Map<string, IamRole>();
  private readonly byAddress = new Map<string, AwsSecretRef>();
  private readonly readActions: string[];
  private readonly viaService: string;
  private readonly encryptionContextKey: string;
  protected readonly readsSourceSecrets = true;
  protected readonly writesTerraformValues = true;
  /** ARNs of the roles granted read, for the key policy of a key created here. */
  private readonly grantees: string[] = [];
  /** Whether this construct creates the key (else it was given kmsKeyArn). */
  private readonly ownsKey: boolean;
  /** The role ARNs the key created here lets decrypt besides the stores and grantees (props.keyReaders). */
  private readonly keyReaders: string[];
  /** The NoxusAwsSecrets in the app that made the key this one was given, null if none (findKeyOwner). */
  private keyOwner?: NoxusAwsSecrets | null;
  private readonly sourceArns: (store: Store) => { arns: Sized[]; kmsKeyArns: Sized[] };
  private grantCount = 0;
  /** Each store's role ARN, derived from its literal name. */
  private readonly storeRoleArnOf: Map<Store, string>;
  /**
   * Whether a store's role reads the secrets created here through each secret's own policy, and
   * decrypts through the key policy, with no identity policy for them: RemoteKeyLayout.PER_STORE
   * on Secrets Manager with the library's key, whose policy names every store role.
   */
  private readonly grantsOnSecrets: boolean;
  /**
   * The secrets granted on themselves (grantsOnSecrets), by address: how (planSecretGrants), the
   * secret once created here, and its readers' role ARNs (references) as their roles are made.
   */
  private readonly onSecret = new Map<string, SecretGrant>();
  /** The longest form of each secret's ARN, by address (policy-fit). */
  private readonly longestArns = new Map<string, string>();
  /** The parts of the ARNs this construct derives. */
  private readonly arnParts: ArnParts;
  /** Which store owns each folder of the remote keys (folderOwners). */
  private readonly folderOwnership: Map<string, Store | null>;
  private readonly folderArn: (folder: string) => Sized;
  private readonly longestViaService: string;
  /** Path and tags of the managed policies, as of the roles. */
  private readonly policyProps: { path: string; tags: Record<string, string> };

  constructor(scope: Construct, id: string, props: NoxusAwsSecretsProps) {
    super(scope, id, 'NoxusAwsSecrets', props);
    const path = this.node.path;
    const subject = this.subject;
    const { contract } = this;
    const backend = contract.backend;
    if (!(backend instanceof AwsBackend)) {
      throw NoxusSecretsError.at(path, `${subject}: backend ${JSON.stringify(backend?.kind)} is not an AWS backend. ` +
        'Use SecretBackend.awsSecretsManager(...) or SecretBackend.awsParameterStore(...).');
    }
    const identity = contract.identity;
    if (!(identity instanceof AwsIamIdentity)) {
      throw NoxusSecretsError.at(path, `${subject}: identity ${JSON.stringify(identity?.kind)} is not an AWS identity. ` +
        'Use WorkloadIdentity.irsa(...) or WorkloadIdentity.eksPodIdentity(...).');
    }
    const irsa = identity instanceof IrsaIdentity;
    const secretsManager = backend instanceof AwsSecretsManagerBackend;
    if (irsa && props.oidcProviderArn === undefined) {
      throw NoxusSecretsError.at(path, `${subject}: oidcProviderArn is required with IRSA, because each role trusts the cluster's OIDC provider. ` +
        'Pass the provider\'s ARN: a literal, or a reference such as oidcProvider.arn or module.eks.oidc_provider_arn.');
    }
    // Every literal ARN: no template sequence, and the identity's partition (IAM and KMS refuse another's).
    const literalArns: [string, string | undefined][] = [
      ['oidcProviderArn', props.oidcProviderArn], ['rotationLambdaArn', props.rotationLambdaArn], ['clusterArn', props.clusterArn],
      ['deployerArn', props.deployerArn], ['permissionsBoundary', props.permissionsBoundary], ['kmsKeyArn', props.kmsKeyArn],
      ...(props.valueWriters ?? []).map((a, i): [string, string] => [`valueWriters[${i}]`, a]),
      ...(props.keyReaders ?? []).map((a, i): [string, string] => [`keyReaders[${i}]`, a]),
    ];
    for (const [field, arn] of literalArns) {
      if (typeof arn === 'string' && !isReference(arn)) assertNoTemplate(subject, field, arn, path);
    }
    if (irsa && !isReference(props.oidcProviderArn) && !OIDC_PROVIDER_ARN.test(props.oidcProviderArn!)) {
      throw NoxusSecretsError.at(path, `${subject}: oidcProviderArn ${JSON.stringify(props.oidcProviderArn)} is not an IAM OIDC provider ARN, ` +
        'and IRSA trust policies need it (arn:aws:iam::<account>:oidc-provider/oidc.eks.<region>.amazonaws.com/id/<id>). ' +
        'Pass the cluster\'s OIDC provider ARN.');
    }
    if (irsa && !isReference(props.oidcProviderArn) && !isReference(identity.accountId)) {
      const account = /^arn:[^:]+:iam::(\d{12}):/.exec(props.oidcProviderArn!)![1];
      if (account !== identity.accountId) {
        throw NoxusSecretsError.at(path, `${subject}: oidcProviderArn is in account ${account}, but the identity's roles are in ${identity.accountId}; ` +
          'a role trusts an OIDC provider of its own account only. Use the provider of the cluster in the roles\' account, or that account\'s ID.');
      }
    }
    // The region's partition and the identity's are the contract's check (WorkloadIdentity.assertCompatible).
    if (props.clusterName !== undefined && !isReference(props.clusterName) && !EKS_CLUSTER_NAME.test(props.clusterName)) {
      throw NoxusSecretsError.at(path, `${subject}: clusterName ${JSON.stringify(props.clusterName)} is not an EKS cluster name ` +
        '(1-100 of letters, digits, \'-\' and \'_\', starting with a letter or digit). Use the name, not the ARN.');
    }
    // A namespace's name is a DNS label (63 at most); a ServiceAccount's a subdomain.
    if (props.esoNamespace !== undefined && !isReference(props.esoNamespace)) assertDnsLabel(subject, 'esoNamespace', props.esoNamespace, path);
    if (props.esoServiceAccount !== undefined && !isReference(props.esoServiceAccount)) assertDnsSubdomain(subject, 'esoServiceAccount', props.esoServiceAccount, path);
    if (props.rotationLambdaArn !== undefined && !isReference(props.rotationLambdaArn) && !LAMBDA_ARN.test(props.rotationLambdaArn)) {
      throw NoxusSecretsError.at(path, `${subject}: rotationLambdaArn ${JSON.stringify(props.rotationLambdaArn)} is not a Lambda function ARN, ` +
        'and Secrets Manager takes the ARN, not the name. Use arn:aws:lambda:<region>:<account>:function:<name>.');
    }
    if (!irsa && !props.clusterName) {
      throw NoxusSecretsError.at(path, `${subject}: clusterName is missing, and EKS Pod Identity associates the ESO controller's role with a cluster. ` +
        'Pass the EKS cluster name.');
    }
    const recovery = props.recoveryWindowInDays ?? 30;
    if (!isReference(recovery) && !(recovery === 0 || (Number.isInteger(recovery) && recovery >= 7 && recovery <= 30))) {
      throw NoxusSecretsError.at(path, `${subject}: recoveryWindowInDays ${recovery} is not allowed by Secrets Manager (0, or 7 to 30). Use e.g. 30.`);
    }
    if (props.rolePath !== undefined && props.rolePath !== identity.rolePath) {
      throw NoxusSecretsError.at(path, `${subject}: rolePath ${JSON.stringify(props.rolePath)} differs from the identity's ${JSON.stringify(identity.rolePath)}, and the ` +
        'path is part of every role ARN the Kubernetes side names (IRSA annotations, Pod Identity stores). Give rolePath once, in WorkloadIdentity.irsa/eksPodIdentity.');
    }
    if (props.clusterArn !== undefined && !isReference(props.clusterArn)) {
      const m = EKS_CLUSTER_ARN.exec(props.clusterArn);
      if (!m) {
        throw NoxusSecretsError.at(path, `${subject}: clusterArn ${JSON.stringify(props.clusterArn)} is not an EKS cluster ARN ` +
          '(arn:aws:eks:<region>:<account>:cluster/<name>). Pass the cluster\'s arn attribute.');
      }
      if (props.clusterName !== undefined && !isReference(props.clusterName) && m[1] !== props.clusterName) {
        throw NoxusSecretsError.at(path, `${subject}: clusterArn names cluster ${JSON.stringify(m[1])}, but clusterName is ${JSON.stringify(props.clusterName)}. Make them the same cluster.`);
      }
    }
    if (props.deployerArn !== undefined && !isReference(props.deployerArn) && !IAM_PRINCIPAL_ARN.test(props.deployerArn)) {
      throw NoxusSecretsError.at(path, `${subject}: deployerArn ${JSON.stringify(props.deployerArn)} is not an IAM role or user ARN ` +
        '(a key policy matches the role of a session, not the session: arn:aws:sts::<account>:assumed-role/<role>/<session> is the role ' +
        'arn:aws:iam::<account>:role/<role>). Use e.g. "arn:aws:iam::123456789012:role/terraform".');
    }
    for (const [field, arns] of [['valueWriters', props.valueWriters], ['keyReaders', props.keyReaders]] as const) {
      for (const [i, arn] of (arns ?? []).entries()) {
        if (!isReference(arn) && !IAM_PRINCIPAL_ARN.test(arn)) {
          throw NoxusSecretsError.at(path, `${subject}: ${field}[${i}] ${JSON.stringify(arn)} is not an IAM role or user ARN. ` +
            'Use e.g. "arn:aws:iam::123456789012:role/secrets-admin" (a key policy names principals by ARN).');
        }
      }
    }
    if (props.permissionsBoundary !== undefined && !isReference(props.permissionsBoundary) && !IAM_POLICY_ARN.test(props.permissionsBoundary)) {
      throw NoxusSecretsError.at(path, `${subject}: permissionsBoundary ${JSON.stringify(props.permissionsBoundary)} is not an IAM policy ARN. ` +
        'Use e.g. "arn:aws:iam::123456789012:policy/noxus-boundary".');
    }
    const service = secretsManager ? 'Secrets Manager' : 'Parameter Store';
    if (props.kmsKeyArn !== undefined) assertKmsKeyArn(path, subject, 'kmsKeyArn', props.kmsKeyArn, backend.region, service);
    // The existing secrets composed values read: each store's policy names their ARNs and keys exactly.
    for (const src of new Set(contract.stores.flatMap(s => s.sourceSecrets))) {
      const field = `source secret ${JSON.stringify(src.label)}`;
      if (src.arn !== undefined) {
        assertSourceArn(path, subject, `${field} arn`, src.arn, !secretsManager);
        literalArns.push([`${field} arn`, src.arn]);
      }
      if (src.kmsKeyArn !== undefined) {
        assertKmsKeyArn(path, subject, `${field} kmsKeyArn`, src.kmsKeyArn, backend.region, service);
        literalArns.push([`${field} kmsKeyArn`, src.kmsKeyArn]);
      }
    }
    for (const [field, arn] of literalArns) {
      if (typeof arn === 'string') assertArnPartition(path, subject, field, arn, identity.partition);
    }
    // Late: the provider may be added after this construct. The resources use the stack's default provider.
    checkOnSynth(this, () => TerraformStack.of(this).node.findAll()
        .filter((c): c is AwsProvider => c instanceof AwsProvider && c.alias === undefined && typeof c.region === 'string' && !isReference(c.region))
        .filter(p => !isReference(backend.region) && p.region !== backend.region)
        .map(p => `${subject}: the stack's AWS provider ${p.node.path} is in region ${JSON.stringify(p.region)}, but the contract's backend is in ` +
          `${JSON.stringify(backend.region)}, where the ExternalSecrets read; the secrets would be created in the wrong region. Make them the same.`),
    { firstChecksAll: true });
    const scheme = contract.remoteKeyScheme;
    // An account and Region holds 10,000 standard parameters (fixed): past that, every parameter is advanced.
    const standardLimit = CLOUD_LIMITS.parameterStoreStandardParameters;
    const parameters = contract.remoteSecrets.length;
    const allAdvanced = !secretsManager && parameters > standardLimit.value;
    const tags = { ...(props.tags ?? {}), 'noxus:managed-by': 'noxus-secrets-cdk' };
    assertAwsTags(path, subject, { ...tags, 'noxus:env-name': 'X', 'noxus:scope': 'X', ...(props.roleTags ?? {}) });
    // Every store's role ARN, derived (a construct holding some stores names all of them in the key policy and the controller's grant).
    const storeRoleArns = contract.stores.map(s => identity.bind(s).roleArn);
    this.storeRoleArnOf = new Map(contract.stores.map((s, i) => [s, storeRoleArns[i]]));
    const roleProps = { path: identity.rolePath, permissionsBoundary: props.permissionsBoundary, tags: terraformTextMap({ ...tags, ...(props.roleTags ?? {}) }) };
    this.policyProps = { path: identity.rolePath, tags: terraformTextMap(tags) };

    // Split across stacks, the construct holding the first store makes the key; the others take it.
    const first = this.stores.includes(contract.stores[0]);
    if (props.kmsKeyArn === undefined && !first) {
      throw NoxusSecretsError.at(path, `${subject}: kmsKeyArn is required here, because the construct holding the first store ` +
        `(${contract.stores[0]}) creates the key. Pass kmsKeyArn: thatConstruct.kmsKeyArn.`);
    }
    this.ownsKey = props.kmsKeyArn === undefined;
    // The key made by the construct holding the first store names every store role (this layout's key policy).
    const perStoreOnSecrets = secretsManager && contract.remoteKeyScheme.layout === RemoteKeyLayout.PER_STORE;
    this.keyReaders = props.keyReaders ?? [];
    if (props.kmsKeyArn !== undefined) {
      this.kmsKeyArn = props.kmsKeyArn;
      this.grantsOnSecrets = perStoreOnSecrets && this.findKeyOwner() !== null;
    } else {
      this.grantsOnSecrets = perStoreOnSecrets;
      // Nobody but the key policy's principals may encrypt: without a writer no value can be set by hand.
      const byHand = contract.remoteKeyScheme.all().filter(e => contract.valueOf(e.entry).origin === ValueOrigin.MANUAL);
      if ((props.valueWriters ?? []).length === 0 && byHand.length > 0) {
        throw NoxusSecretsError.at(path, `${subject}: valueWriters is missing, and the KMS key this construct creates lets only the principals its policy ` +
          `names encrypt, so nobody could set the ${byHand.length} value(s) set by hand (${byHand.slice(0, 3).map(e => e.address).join(', ')}` +
          `${byHand.length > 3 ? ', ...' : ''}): ${secretsManager ? '`aws secretsmanager put-secret-value`' : '`aws ssm put-parameter`'} ` +
          'needs kms:GenerateDataKey. Pass the role your operators or pipeline set values with, e.g. ' +
          'valueWriters: ["arn:aws:iam::123456789012:role/noxus-secrets-admin"], or your own key as kmsKeyArn.');
      }
      // Terraform writes a value (fromTerraform) and reads it back decrypted on refresh: the principal that runs it
      // uses the key. Its role, not its session, is the principal ARN; looked up (STS, at plan) only when not given.
      const terraformWrites = contract.remoteKeyScheme.all().some(e => contract.valueOf(e.entry).origin === ValueOrigin.TERRAFORM);
      const deployer = !terraformWrites ? undefined : props.deployerArn
        ?? new DataAwsIamSessionContext(this, 'Deployer', { arn: new DataAwsCallerIdentity(this, 'DeployerIdentity', {}).arn }).issuerArn;
      const readersMode = props.keyPolicyReaders ?? KeyPolicyReaders.EACH_ROLE;
      if (!Object.values(KeyPolicyReaders).includes(readersMode)) {
        throw NoxusSecretsError.at(path, `${subject}: keyPolicyReaders ${JSON.stringify(readersMode)} is not a KeyPolicyReaders ` +
          `(${Object.values(KeyPolicyReaders).map(v => JSON.stringify(v)).join(', ')}). Use KeyPolicyReaders.EACH_ROLE or KeyPolicyReaders.ROLE_PATH.`);
      }
      if (readersMode === KeyPolicyReaders.ROLE_PATH && identity.rolePath === '/') {
        throw NoxusSecretsError.at(path, `${subject}: keyPolicyReaders is KeyPolicyReaders.ROLE_PATH, which lets the roles on the store roles' IAM path decrypt, ` +
          'and their path is "/", every role of the account. Give the identity a path of their own, e.g. ' +
          "WorkloadIdentity.irsa({ accountId, rolePath: '/noxus-stores/' }), or leave keyPolicyReaders out.");
      }
      // IAM paths may hold '*' and '?', which ArnLike reads as wildcards: the pattern would match roles on other paths.
      if (readersMode === KeyPolicyReaders.ROLE_PATH && /[*?]/.test(identity.rolePath)) {
        throw NoxusSecretsError.at(path, `${subject}: keyPolicyReaders is KeyPolicyReaders.ROLE_PATH, and the identity's rolePath ${JSON.stringify(identity.rolePath)} ` +
          "holds '*' or '?', which the key policy's ArnLike pattern reads as a wildcard: roles on other paths could decrypt. Use a path without them, e.g. \"/noxus-stores/\".");
      }
      // The store roles as the key policy names them: each ARN, or the one pattern of their path.
      const storeReaders = readersMode === KeyPolicyReaders.ROLE_PATH
        ? [`arn:${identity.partition}:iam::${identity.accountId}:role${identity.rolePath}*`]
        : storeRoleArns;
      const policyOf = (roleArn: (arn: string) => string) => keyPolicy({
        accountRoot: `arn:${identity.partition}:iam::${identity.accountId}:root`,
        viaService: this.viaService,
        readers: [...(perStoreOnSecrets ? [] : storeReaders), ...[...this.keyReaders, ...this.grantees].map(roleArn)],
        directReaders: perStoreOnSecrets ? { account: identity.accountId!, arns: storeReaders } : undefined,
        writers: [...(props.valueWriters ?? []), ...(deployer ? [deployer] : [])].map(roleArn),
        // Only a deployer given by the user: one looked up is whoever ran the last plan.
        policySetter: props.deployerArn === undefined ? undefined : roleArn(props.deployerArn),
      });
      // Read when the stack resolves, so that grants made after construction are in it.
      const policy = Lazy.stringValue({ produce: () => jsonOf(policyOf(a => a)) });
      // KMS refuses a key policy over 32 KB: each store role by ARN passes it at about 540 pools.
      // Counted at synth, grants included, each reference as the longest role ARN (a 512-character
      // path and a 64-character name); the library's error, as KMS's limit is fixed.
      const longestRole = 'x'.repeat('arn:aws-us-gov:iam::123456789012:role'.length + 512 + 64);
      const kmsLimit = CLOUD_LIMITS.kmsKeyPolicy;
      checkOnSynth(this, () => {
        const bytes = Buffer.byteLength(JSON.stringify(policyOf(a => (isReference(a) ? longestRole : a))));
        if (bytes <= kmsLimit.value) return [];
        return [`${subject}: the policy of the KMS key this construct creates would be ${grouped(bytes)} bytes or more ` +
          `(it names ${readersMode === KeyPolicyReaders.EACH_ROLE ? `each of the ${grouped(storeRoleArns.length)} store roles` : 'each key reader and grantee'}), ` +
          `and KMS refuses ${kmsLimit.what} over ${grouped(kmsLimit.value)} bytes, fixed. To fit, ${kmsLimit.fix}.`];
      }, { firstChecksAll: true });
      const key = new KmsKey(this, 'Key', {
        description: `Encrypts the Noxus platform secrets (${scheme.prefix})`,
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        policy,
        tags: terraformTextMap(tags),
      });
      new KmsAlias(this, 'KeyAlias', { name: `alias/${scheme.prefix}-secrets`, targetKeyId: key.keyId });
      this.kmsKeyArn = key.arn;
    }
    this.viaService = `${secretsManager ? 'secretsmanager' : 'ssm'}.${backend.region}.amazonaws.com`;
    this.longestViaService = `${secretsManager ? 'secretsmanager' : 'ssm'}.${longestParts({ partition: '', account: '', region: backend.region }).region}.amazonaws.com`;
    this.readActions = secretsManager ? SECRETS_MANAGER_READ : PARAMETER_STORE_READ;
    this.encryptionContextKey = secretsManager ? ENCRYPTION_CONTEXT.secretsManager : ENCRYPTION_CONTEXT.parameterStore;
    const listActions = props.allowFind
      ? (secretsManager ? ['secretsmanager:BatchGetSecretValue', 'secretsmanager:ListSecrets'] : ['ssm:DescribeParameters'])
      : undefined;
    const parameterArn = (name: string) => `arn:${identity.partition}:ssm:${backend.region}:${identity.accountId}:parameter${name}`;
    this.arnParts = { partition: identity.partition, region: backend.region, account: identity.accountId };
    const parts = this.arnParts;
    const long = longestParts(parts);
    const longestParameterArn = (name: string) => `arn:${long.partition}:ssm:${long.region}:${long.account}:parameter${name}`;
    this.folderOwnership = folderOwners(contract);
    // A folder the store owns: every key of the contract under it is the store's (ownFolders).
    this.folderArn = (folder: string) => (secretsManager
      ? { value: `arn:${parts.partition}:secretsmanager:${parts.region}:${parts.account}:secret:${folder}/*`, longest: `arn:${long.partition}:secretsmanager:${long.region}:${long.account}:secret:${folder}/*` }
      : { value: parameterArn(`${folder}/*`), longest: longestParameterArn(`${folder}/*`) });
    const folders = props.allowFind && !secretsManager ? keysByFolder(scheme.all()) : undefined;
    const pathActions = (store: Store, form: 'value' | 'longest') => folders
      ? { actions: ['ssm:GetParametersByPath'], resources: ownHierarchies(store, folders).flatMap(h => [h, `${h}/*`]).map(form === 'value' ? parameterArn : longestParameterArn) }
      : undefined;

    // Split across stacks, the construct holding the first store makes the controller role; its ARN is derived.
    const controllerName = irsa ? undefined : identity._roleName(contract.namePrefix, 'controller');
    if (!irsa && !first) this.controllerRoleArn = identity._roleArn(controllerName!);
    if (!irsa && first) {
      const clusterArn = props.clusterArn ?? `arn:${identity.partition}:eks:${backend.region}:${identity.accountId}:cluster/${props.clusterName}`;
      const controllerRole = new IamRole(this, 'ControllerRole', {
        name: controllerName,
        description: 'External Secrets Operator controller: may only assume the Noxus store roles',
        assumeRolePolicy: JSON.stringify(podIdentityTrustPolicy({
          clusterArn, namespace: props.esoNamespace ?? 'external-secrets', serviceAccount: props.esoServiceAccount ?? 'external-secrets',
        })),
        ...roleProps,
      });
      const longestRoleArn = (name: string) => `arn:${long.partition}:iam::${long.account}:role${identity.rolePath}${name}`;
      this.attachPolicy(controllerRole, controllerName!, 'ControllerAssumeStores', 'assume-store-roles',
        contract.stores.map((s, i) => ({ value: storeRoleArns[i], longest: longestRoleArn(identity.bind(s).principalName) })),
        resources => assumeRolesPolicy(resources));
      new EksPodIdentityAssociation(this, 'ControllerAssociation', {
        clusterName: props.clusterName!,
        namespace: props.esoNamespace ?? 'external-secrets',
        serviceAccount: props.esoServiceAccount ?? 'external-secrets',
        roleArn: controllerRole.arn,
        tags: terraformTextMap(tags),
      });
      this.controllerRole = controllerRole;
      this.controllerRoleArn = controllerRole.arn;
      new TerraformOutput(this, 'ControllerRoleArn', { value: controllerRole.arn, description: 'Role of the ESO controller (Pod Identity)' });
    }

    // The existing secrets composed values read: exactly their ARNs, and their customer-managed keys if any.
    const sourceArn = (src: SourceSecret): Sized => {
      // An ARN given as a reference may name any secret: its longest form has the longest name (512, or a parameter's 1,011).
      if (src.arn !== undefined) {
        return { value: src.arn, longest: longest(src.arn, secretsManager ? longestAnySecretArn(parts) : longestParameterArn('x'.repeat(1011))) };
      }
      if (secretsManager) {
        return { value: `arn:${identity.partition}:secretsmanager:${backend.region}:${identity.accountId}:secret:${src.key}-??????`, longest: longestSecretArn(parts, src.key) };
      }
      const name = src.key.startsWith('/') ? src.key : `/${src.key}`;
      return { value: parameterArn(name), longest: longestParameterArn(name) };
    };
    // Two values composed from one resource hold two tokens of the same attribute: compare them resolved.
    const unique = (xs: Sized[]) => [...new Map(xs.map(x => [isReference(x.value) ? JSON.stringify(resolved(this, x.value)) : x.value, x])).values()];
    const sourcesOf = (store: Store) => {
      const sources = store.sourceSecrets;
      return {
        arns: unique(sources.map(sourceArn)),
        kmsKeyArns: unique(sources.flatMap(src => (src.kmsKeyArn ? [{ value: src.kmsKeyArn, longest: longestKeyArn(parts, src.kmsKeyArn) }] : []))),
      };
    };
    this.sourceArns = sourcesOf;

    if (this.grantsOnSecrets) this.planSecretGrants(identity.accountId);
    this.build(({ address, key, entry, fields }) => {
      // A scope's secret (RemoteKeyLayout.PER_STORE) holds many keys: its tags and description name the scope.
      const secretTags = fields
        ? { ...tags, 'noxus:scope': address }
        : { ...tags, 'noxus:env-name': entry.name, 'noxus:scope': address.split('/').slice(0, -1).join('/') };
      const description = fields
        ? `${DESCRIPTION_PREFIX} ${address}: a JSON object, one field per key (${fields.length} keys)`
        : `${DESCRIPTION_PREFIX} ${entry.name}${entry.secret.description ? `: ${entry.secret.description}` : ''}`;
      const max = secretsManager ? MAX_DESCRIPTION.secretsManager : MAX_DESCRIPTION.parameterStore;
      if (description.length > max) {
        throw NoxusSecretsError.at(path, `${subject}: the description of ${entry.name} would be ${description.length} characters with the library's prefix, ` +
          `and ${secretsManager ? 'Secrets Manager' : 'Parameter Store'} takes at most ${max}. Shorten the PlatformSecret's description.`);
      }
      let arn: string;
      if (secretsManager) {
        const secret = new SecretsmanagerSecret(this, `Secret-${idOf(address)}`, {
          name: key, description: terraformText(description), kmsKeyId: this.kmsKeyArn, recoveryWindowInDays: recovery, tags: terraformTextMap(secretTags),
        });
        const onSecret = this.onSecret.get(address);
        if (onSecret) onSecret.secret = secret;
        const rotation = rotationDaysOf(contract.blueprint, { address, key, entry, fields });
        if (props.rotationLambdaArn && rotation !== undefined) {
          new SecretsmanagerSecretRotation(this, `Rotation-${idOf(address)}`, {
            secretId: secret.id,
            rotationLambdaArn: props.rotationLambdaArn,
            rotationRules: { automaticallyAfterDays: rotation },
          });
        }
        const value = contract.valueOf(entry);
        if (value.terraformValue !== undefined) {
          // Opted in by name, and the audit says so (NX3a). Write-only (Terraform 1.11+): the version
          // keeps no copy in its own state or plan; the resource that computes the value still holds it.
          this.optedInValues.set(new SecretsmanagerSecretVersion(this, `Value-${idOf(address)}`, {
            secretId: secret.id, secretStringWo: value.terraformValue, secretStringWoVersion: 1,
          }), entry.name);
        }
        arn = secret.arn;
      } else {
        // A parameter cannot exist without a value, and any value Terraform wrote before the operator's would be
        // delivered by ESO as if it were real. So a value set by hand has no resource: the operator creates the
        // parameter (`aws ssm put-parameter --type SecureString --key-id <this key>`), its ARN is derived, and
        // until then ESO skips it (an optional key) or fails the sync by name (a required one).
        const fromTerraform = contract.valueOf(entry).terraformValue;
        if (fromTerraform === undefined) {
          arn = parameterArn(key);
        } else {
          const parameter = new SsmParameter(this, `Parameter-${idOf(address)}`, {
            name: key, description: terraformText(description), type: 'SecureString', keyId: this.kmsKeyArn, tags: terraformTextMap(secretTags),
            valueWo: fromTerraform, valueWoVersion: 1, ...(allAdvanced ? { tier: 'Advanced' } : {}),
          });
          this.optedInValues.set(parameter, entry.name);
          arn = parameter.arn;
        }
      }
      this.byAddress.set(address, { address, name: key, arn });
      this.longestArns.set(address, secretsManager ? longestSecretArn(parts, key) : longestParameterArn(key));
      return { id: arn, description: `ARN of ${key}` };
    }, store => {
      const role = new IamRole(this, `Role-${store.id}`, {
        name: store.identity.principalName,
        description: `Reads the Noxus ${store.id} secrets for External Secrets Operator`,
        assumeRolePolicy: irsa
          ? this.irsaTrust(store, props.oidcProviderArn!)
          : JSON.stringify(assumedByRoleTrustPolicy(this.controllerRoleArn!, { namespace: this.namespace, storeName: store.storeName })),
        ...roleProps,
      });
      const sources = sourcesOf(store);
      // The secrets created here are granted on themselves (grantsOnSecrets); the role's policy keeps the rest, if
      // any, by exact ARN (a folder of its own would reach the secrets granted on themselves).
      const onItself = (k: RemoteKeyEntry) => this.onSecret.get(k.address)?.secret !== undefined;
      store.remoteKeys.filter(onItself).forEach(k => this.onSecret.get(k.address)!.readers.push(role.arn));
      const inPolicy = store.remoteKeys.filter(k => !onItself(k));
      this.attachPolicy(role, identity.bind(store).principalName, `Read-${store.id}`, 'read-store-secrets', this.readResources(inPolicy.map(k => k.address), this.grantsOnSecrets ? undefined : store),
        (resources, form, extras) => readPolicy({
          ...this.readOptions(resources, form),
          ...(extras ? { listActions, pathActions: pathActions(store, form), sources: { arns: sources.arns.map(x => x[form]), kmsKeyArns: sources.kmsKeyArns.map(x => x[form]) } } : {}),
        }));
      this.roles.set(store.id, role);
      new TerraformOutput(this, `RoleArn-${store.id}`, { value: role.arn, description: `Role of the ${store.id} store` });
    }, ({ address, key }) => {
      // A secret another construct creates: Secrets Manager's ARN ends in a random suffix, so it is read
      // by name (metadata only, never the value); a parameter's ARN is derived.
      const arn = secretsManager
        ? new DataAwsSecretsmanagerSecret(this, `Existing-${idOf(address)}`, { name: key }).arn
        : `arn:${identity.partition}:ssm:${backend.region}:${identity.accountId}:parameter${key}`;
      this.byAddress.set(address, { address, name: key, arn });
      this.longestArns.set(address, secretsManager ? longestSecretArn(parts, key) : longestParameterArn(key));
    });
    this.secrets = [...this.byAddress.values()];
    for (const { secret, readers, pattern } of this.onSecret.values()) {
      if (secret) secret.policy = jsonOf(pattern === undefined ? secretReadersPolicy(readers) : secretReadersPolicy([], pattern));
    }
    // The account's quotas, for the whole contract, from the construct holding the first store.
    const roleQuota = CLOUD_LIMITS.iamRolesPerAccount;
    const roles = contract.stores.length + (irsa ? 0 : 1);
    if (first && allAdvanced) {
      Annotations.of(this).addWarning(`${subject}: the contract keeps ${grouped(parameters)} parameters, and an AWS account holds ` +
        `${grouped(standardLimit.value)} ${standardLimit.what.replace(' in one AWS account and Region', '')} per Region, fixed, its other parameters included. ` +
        '`noxus-secrets values` creates them in the advanced tier at this size, and the parameters Terraform writes are advanced; ' +
        'advanced parameters are charged per parameter-month. To stay standard, split the pools over accounts or Regions, or use Secrets Manager.');
    }
    if (first && roles > roleQuota.value) {
      Annotations.of(this).addWarning(`${subject}: the contract makes ${grouped(roles)} IAM roles (one per store${irsa ? '' : ", and the ESO controller's"}), ` +
        `and an AWS account holds ${grouped(roleQuota.value)} by default, its other roles included. To raise it, ${roleQuota.fix}.`);
    }
  }

  /**
   * How each secret created here reaches the store roles held here that read it, when they read it
   * through its own policy (grantsOnSecrets): their exact ARNs, where they fit the 20,480 characters
   * Secrets Manager takes for a resource policy; else the pattern of their ARNs (their common start
   * and '*'), where it matches no other store role of the contract, so a pattern names exactly the
   * readers among the contract's roles; else (a reader not held here, or no such pattern) the
   * readers' own policies, as with RemoteKeyLayout.PER_KEY.
   */
  private planSecretGrants(account: string): void {
    // Every reader of each secret in the contract: all must be held here, to be named by reference.
    const readers = new Map<string, Store[]>();
    for (const store of this.contract.stores) {
      for (const k of store.remoteKeys) {
        const list = readers.get(k.address);
        if (list) list.push(store); else readers.set(k.address, [store]);
      }
    }
    const held = new Set(this.stores);
    const limit = CLOUD_LIMITS.secretsManagerResourcePolicy.value;
    // A reference (the account) is counted as the longest text it can be: 12 digits are shorter than its placeholder.
    const size = (doc: PolicyDocument) => JSON.stringify(doc).length;
    for (const [address, stores] of readers) {
      if (stores.some(s => !held.has(s))) continue;
      const arns = stores.map(s => this.storeRoleArnOf.get(s)!);
      if (size(secretReadersPolicy(arns)) <= limit) {
        this.onSecret.set(address, { readers: [] });
        continue;
      }
      let common = arns[0];
      for (const arn of arns) while (!arn.startsWith(common)) common = common.slice(0, -1);
      const pattern = { account, arn: `${common}*` };
      const readerSet = new Set(stores);
      const others = this.contract.stores.filter(s => !readerSet.has(s)).map(s => this.storeRoleArnOf.get(s)!);
      if (/[*?]/.test(common) || others.some(arn => arn.startsWith(common)) || size(secretReadersPolicy([], pattern)) > limit) continue;
      this.onSecret.set(address, { pattern, readers: [] });
    }
  }

  /** A store's IAM role. */
  public role(store: Store): IamRole {
    return this.roles.get(this.storeArg('role', store).id)!;
  }

  /** A store's IAM role ARN (a Terraform reference). */
  public roleArn(store: Store): string {
    return this.roles.get(this.storeArg('roleArn', store).id)!.arn;
  }

  protected readonly grantCloud = 'aws';

  /** A read policy on `grantee`'s role: the read actions on the exact ARNs, and `kms:Decrypt` through the backend's service only. */
  protected grantTo(target: Store | string, addresses: string[], grantee: ISecretsGrantee): IConstruct[] {
    const role = (grantee as AwsGrantee).role;
    const n = this.grantCount++;
    this.grantKeyUse(role);
    // A whole store's grant includes the existing secrets its composed values read, and reads the folders the store owns.
    const store = target instanceof Store ? target : undefined;
    const resources = this.readResources(addresses, store);
    const sources = store ? this.sourceArns(store) : undefined;
    const render = (form: 'value' | 'longest') => readPolicy({
      ...this.readOptions(resources.map(r => r[form]), form),
      sources: sources ? { arns: sources.arns.map(x => x[form]), kmsKeyArns: sources.kmsKeyArns.map(x => x[form]) } : undefined,
    });
    const length = policyLength(render('longest'));
    const max = CLOUD_LIMITS.iamRoleInlinePolicies.value;
    const name = typeof target === 'string' ? target : target.id;
    if (length > max) {
      throw NoxusSecretsError.at(this.node.path, `${this.subject}: grantRead of ${name} to ${role.node.path} would be an inline ` +
        `policy of up to ${grouped(length)} characters (IAM's count, with each reference at its longest), and IAM allows ${grouped(max)} for ` +
        'the inline policies of a role in all. Grant the store (its own folders are one ARN each) or fewer addresses per role.');
    }
    return [new IamRolePolicy(this, `Grant-${n}-${idOf(name)}`, {
      role: role.id,
      name: `read-noxus-${idOf(name)}`.slice(0, 128),
      policy: JSON.stringify(render('value')),
    })];
  }

  /**
   * The NoxusAwsSecrets in the app that made the key this one was given (kmsKeyArn), null if none.
   * Found once: it exists before this construct, which took its kmsKeyArn; the tree can be large.
   */
  private findKeyOwner(): NoxusAwsSecrets | null {
    if (this.keyOwner === undefined) {
      this.keyOwner = this.node.root.node.findAll()
        .find((c): c is NoxusAwsSecrets => c instanceof NoxusAwsSecrets && c.ownsKey && c.kmsKeyArn === this.kmsKeyArn) ?? null;
    }
    return this.keyOwner;
  }

  /**
   * Lets a grantee decrypt with the key: in its policy, if this construct made the key, or in the
   * policy of the construct that made it, if the grantee is in that construct's stack (a grantee
   * elsewhere would make the two stacks depend on each other). Otherwise the key policy is out of
   * reach, and a warning says what it must allow.
   */
  private grantKeyUse(grantee: IamRole): void {
    if (this.ownsKey) {
      this.grantees.push(grantee.arn);
      return;
    }
    const owner = this.findKeyOwner();
    if (owner && TerraformStack.of(owner) === TerraformStack.of(grantee)) {
      owner.grantees.push(grantee.arn);
      return;
    }
    // Already a key reader there, as the warning below asks: the role's literal path and name end one of the ARNs.
    const name = grantee.nameInput;
    const role = name !== undefined && !isReference(name) && !isReference(grantee.pathInput ?? '') ? `:role${grantee.pathInput ?? '/'}${name}` : undefined;
    if (owner && role !== undefined && owner.keyReaders.some(arn => !isReference(arn) && arn.endsWith(role))) return;
    const fix = owner
      ? `The key is made by ${owner.node.path}, in another stack: add the role's ARN to its keyReaders (a literal ARN keeps the stacks one-way), ` +
        'or create the role in that stack.'
      : 'The key (kmsKeyArn) is yours: let the role use kms:Decrypt in its key policy.';
    Annotations.of(this).addWarning(`${this.subject}: grantRead lets ${grantee.node.path} read secrets encrypted with a key whose policy this ` +
      `construct does not write, so AWS denies its kms:Decrypt (through ${this.viaService}) until the key policy allows it. ${fix}`);
  }

  /** A secret container by address ('platform/NAME', 'workers/NAME', 'pools/<pool>/NAME'). */
  public secret(address: string): AwsSecretRef {
    const ref = this.byAddress.get(address);
    if (!ref) {
      throw NoxusSecretsError.at(this.node.path, `NoxusAwsSecrets: no secret at ${JSON.stringify(address)} ` +
        "(addresses are 'platform/NAME', 'workers/NAME' or 'pools/<pool>/NAME'). Fix the address.");
    }
    return ref;
  }

  /**
   * The IRSA trust of a store's role. With a literal provider ARN it is plain JSON; with a
   * reference the condition keys (`<issuer>:sub`, `<issuer>:aud`) are derived by Terraform
   * from the ARN, as terraform-aws-modules does, through an aws_iam_policy_document (a JSON
   * object key cannot hold an expression).
   */
  private irsaTrust(store: Store, oidcProviderArn: string): string {
    const subject = `system:serviceaccount:${this.namespace}:${store.serviceAccountName}`;
    if (!isReference(oidcProviderArn)) return JSON.stringify(irsaTrustPolicy(oidcProviderArn, this.namespace, store.serviceAccountName));
    const issuer = Fn.replace(oidcProviderArn, OIDC_PROVIDER_PREFIX, '');
    return new DataAwsIamPolicyDocument(this, `Trust-${store.id}`, {
      statement: [{
        effect: 'Allow',
        actions: ['sts:AssumeRoleWithWebIdentity'],
        principals: [{ type: 'Federated', identifiers: [oidcProviderArn] }],
        condition: [
          { test: 'StringEquals', variable: `${issuer}:sub`, values: [subject] },
          { test: 'StringEquals', variable: `${issuer}:aud`, values: ['sts.amazonaws.com'] },
        ],
      }],
    }).json;
  }

  private readOptions(resources: string[], form: 'value' | 'longest') {
    return {
      actions: this.readActions, resources, encryptionContextKey: this.encryptionContextKey,
      kmsKeyArn: form === 'value' ? this.kmsKeyArn : longestKeyArn(this.arnParts, this.kmsKeyArn),
      viaService: form === 'value' ? this.viaService : this.longestViaService,
    };
  }

  /**
   * What a grant of `addresses` names: with a store, one '<folder>/*' per folder the store owns
   * (every key of the contract under it is the store's, ownFolders) and the exact ARN of each
   * other secret; without, every exact ARN.
   */
  private readResources(addresses: string[], store?: Store): Sized[] {
    const own = store ? ownFolders(store, this.folderOwnership) : [];
    const exact = new Map<string, Sized>();
    for (const a of addresses) {
      const ref = this.byAddress.get(a);
      if (!ref) throw NoxusSecretsError.at(this.node.path, `NoxusAwsSecrets: ${a} is neither created nor read here (stores splits the contract). Grant it where its store is held.`);
      if (own.some(f => ref.name.startsWith(`${f}/`))) continue;
      if (!exact.has(ref.arn)) exact.set(ref.arn, { value: ref.arn, longest: this.longestArns.get(a)! });
    }
    return [...exact.values(), ...own.map(this.folderArn)];
  }

  /** The longest policy attached to a role, counted at its longest as IAM counts it (for the footprint). */
  private largestPolicy?: { role: string; characters: number };

  protected footprintOptions(): FootprintOptions {
    return { ...super.footprintOptions(), largestRolePolicy: this.largestPolicy };
  }

  /**
   * Attaches a policy to a role of this construct, its only inline policy: inline when it fits
   * IAM's 10,240 characters per role (counted with each reference at its longest), else as
   * managed policies of at most 6,144 characters each, the resources split between them, and
   * the statements `render` adds with `extras` (sources, find) in a policy of their own.
   */
  private attachPolicy(
    role: IamRole, roleName: string, id: string, name: string, items: Sized[],
    render: (resources: string[], form: 'value' | 'longest', extras: boolean) => PolicyDocument,
  ): void {
    const inline = CLOUD_LIMITS.iamRoleInlinePolicies.value;
    const managed = CLOUD_LIMITS.iamManagedPolicy.value;
    const whole = render(items.map(i => i.longest), 'longest', true);
    // Everything the role reads is granted on the secrets themselves (grantsOnSecrets): no policy.
    if (whole.Statement.length === 0) return;
    const length = policyLength(whole);
    if (length > (this.largestPolicy?.characters ?? -1)) this.largestPolicy = { role: roleName, characters: length };
    if (length <= inline) {
      new IamRolePolicy(this, id, { role: role.id, name, policy: JSON.stringify(render(items.map(i => i.value), 'value', true)) });
      return;
    }
    const groups = fitGroups(items, values => render(values, 'longest', false), managed);
    const extras = render([], 'longest', true);
    if (!groups || policyLength(extras) > managed) {
      throw NoxusSecretsError.at(this.node.path, `${this.subject}: the ${name} policy of role ${roleName} is ${grouped(length)} characters, over the ` +
        `${grouped(inline)} IAM allows inline per role, and its statements for the existing secrets that composed values read do not fit one managed ` +
        `policy of ${grouped(managed)}. Compose fewer values of this store from existing secrets.`);
    }
    const docs = [...groups.map(g => (form: 'value' | 'longest') => render(g.map(i => i[form]), form, false))];
    if (extras.Statement.length > 0) docs.push(form => render([], form, true));
    const quota = CLOUD_LIMITS.iamManagedPoliciesPerRole;
    if (docs.length > quota.value) {
      Annotations.of(this).addWarning(`${this.subject}: role ${roleName} gets ${docs.length} managed policies for its ${name} policy (${grouped(length)} ` +
        `characters, over the ${grouped(inline)} IAM allows inline per role), and IAM attaches at most ${quota.value} to a role by default. ` +
        `To raise it, ${quota.fix}.`);
    }
    docs.forEach((doc, i) => {
      const policy = new IamPolicy(this, `${id}-${i}`, { name: `${roleName}-${name}-${i}`, ...this.policyProps, policy: JSON.stringify(doc('value')) });
      new IamRolePolicyAttachment(this, `${id}-${i}-Attachment`, { role: role.name, policyArn: policy.arn });
    });
  }
}

/**
 * How a secret is granted on itself: its readers by exact ARN, or (past the resource policy's size)
 * by the pattern of their ARNs; the secret, once created here, and its readers' role ARNs.
 */
interface SecretGrant {
  readonly pattern?: { readonly account: string; readonly arn: string };
  secret?: SecretsmanagerSecret;
  readonly readers: string[];
}

/** Every folder of the parameters' names ('/noxus/pools/acme', '/noxus/pools', '/noxus'), with the parameters at or below it. */
export function keysByFolder(all: RemoteKeyEntry[]): Map<string, string[]> {
  if (!Array.isArray(all) || !all.every(e => e !== null && typeof e === 'object' && typeof e.key === 'string')) {
    throw new NoxusSecretsError(`keysByFolder: ${shown(all)} is not a list of remote key entries. Pass contract.remoteKeyScheme's entries.`);
  }
  const folders = new Map<string, string[]>();
  for (const { key } of all) {
    for (let i = key.lastIndexOf('/'); i > 0; i = key.lastIndexOf('/', i - 1)) {
      const folder = key.slice(0, i);
      let keys = folders.get(folder);
      if (!keys) folders.set(folder, (keys = []));
      keys.push(key);
    }
  }
  return folders;
}

/**
 * The Parameter Store hierarchies a store may list with GetParametersByPath: the folder of each of
 * its parameters, where every parameter of the platform in that folder (and below) is the store's
 * own. `GetParametersByPath` returns values and is authorized on the path it lists, so a folder
 * that holds another store's parameter (a pool's folder inside another's, an override that puts
 * one elsewhere) is left out; the store finds those by name instead.
 */
export function ownHierarchies(store: Store, folders: Map<string, string[]>): string[] {
  if (!(store instanceof Store) || !(folders instanceof Map)) {
    throw new NoxusSecretsError(`ownHierarchies: store ${shown(store)} and folders ${shown(folders)} are not a Store of a contract and a Map of keysByFolder. Pass them.`);
  }
  const own = new Set(store.remoteKeys.map(k => k.key));
  const mine = [...new Set([...own].map(k => k.slice(0, k.lastIndexOf('/'))).filter(f => f.length > 0))].sort();
  return mine.filter(f => (folders.get(f) ?? []).every(k => own.has(k)));
}
