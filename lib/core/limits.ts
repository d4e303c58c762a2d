/** Whether a limit is fixed, or a default quota the operator can raise. */
export enum LimitKind {
  /** Fixed by the receiving system: the library refuses output past it. */
  HARD = 'hard',
  /** A default quota that can be raised: the library warns past it, and says how to raise it. */
  QUOTA = 'quota',
}

/** One limit of a system the library's output reaches. */
export interface CloudLimit {
  /** The figure, in `unit`. */
  readonly value: number;
  /** What is counted, e.g. 'characters, whitespace not counted'. */
  readonly unit: string;
  /** Fixed, or a default quota. */
  readonly kind: LimitKind;
  /** What the limit bounds, as a message names it. */
  readonly what: string;
  /** The provider's documentation (or source) that states the figure. */
  readonly source: string;
  /** How to raise a quota; for a hard limit, the way around it. */
  readonly fix: string;
}

const IAM_QUOTAS = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html';
const IAM_SERVICE_QUOTAS = 'request an increase in Service Quotas (service "AWS Identity and Access Management (IAM)")';

/**
 * The receiving systems' hard limits and default quotas that the library's output can reach, each
 * with its source. Every renderer checks against this table; docs/operations.md's "Limits" lists what the
 * library does at each.
 */
export const CLOUD_LIMITS = {
  // IAM and STS quotas (IAM_QUOTAS): "the total aggregate policy size (the sum size of all inline
  // policies) per entity": role 10,240 characters; IAM does not count white space.
  iamRoleInlinePolicies: {
    value: 10_240, unit: 'characters, whitespace not counted', kind: LimitKind.HARD, what: 'the inline policies of one IAM role, in all', source: IAM_QUOTAS,
    fix: 'the library moves the statements into managed policies',
  },
  // IAM_QUOTAS: managed policy size 6,144 characters, whitespace not counted.
  iamManagedPolicy: {
    value: 6_144, unit: 'characters, whitespace not counted', kind: LimitKind.HARD, what: 'one IAM managed policy', source: IAM_QUOTAS,
    fix: 'the library splits the statements over several managed policies',
  },
  // IAM_QUOTAS: managed policies attached to an IAM role, default 10 (adjustable; AWS knowledge
  // center "iam-increase-policy-size": up to 20 on request).
  iamManagedPoliciesPerRole: {
    value: 10, unit: 'managed policies', kind: LimitKind.QUOTA, what: 'managed policies attached to one IAM role', source: IAM_QUOTAS,
    fix: `${IAM_SERVICE_QUOTAS} for "Managed policies per role"`,
  },
  // IAM_QUOTAS: customer managed policies in an AWS account, default 1,500.
  iamManagedPoliciesPerAccount: {
    value: 1_500, unit: 'customer managed policies', kind: LimitKind.QUOTA, what: 'customer managed policies in one AWS account', source: IAM_QUOTAS,
    fix: `${IAM_SERVICE_QUOTAS} for "Customer managed policies per account"`,
  },
  // IAM_QUOTAS: roles in an AWS account, default 1,000.
  iamRolesPerAccount: {
    value: 1_000, unit: 'roles', kind: LimitKind.QUOTA, what: 'IAM roles in one AWS account', source: IAM_QUOTAS,
    fix: `${IAM_SERVICE_QUOTAS} for "Roles per account", or split the pools over accounts`,
  },
  // IAM_QUOTAS: role trust policy length, default 2,048 characters (GetAccountSummary's
  // AssumeRolePolicySizeQuota: "in non-whitespace characters"); adjustable.
  iamTrustPolicy: {
    value: 2_048, unit: 'characters, whitespace not counted', kind: LimitKind.QUOTA, what: 'the trust policy of one IAM role', source: IAM_QUOTAS,
    fix: `${IAM_SERVICE_QUOTAS} for "Role trust policy length"`,
  },
  // Session tags (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html):
  // "Session tag keys can be up to 128 characters, and values up to 256".
  stsSessionTagKey: {
    value: 128, unit: 'characters', kind: LimitKind.HARD, what: 'a session tag key', source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html',
    fix: 'shorten the name it is made of',
  },
  stsSessionTagValue: {
    value: 256, unit: 'characters', kind: LimitKind.HARD, what: 'a session tag value', source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html',
    fix: 'shorten the name it is made of',
  },
  // KMS resource quotas (https://docs.aws.amazon.com/kms/latest/developerguide/resource-limits.html): key policy document size 32 KB.
  // The key policy of the key the AWS side creates names every store role: about 59,500 characters at 1,000 pools.
  kmsKeyPolicy: {
    value: 32_768, unit: 'bytes', kind: LimitKind.HARD, what: 'the key policy of one KMS key', source: 'https://docs.aws.amazon.com/kms/latest/developerguide/resource-limits.html',
    fix: 'name the store roles by their IAM path (keyPolicyReaders: KeyPolicyReaders.ROLE_PATH, with a rolePath of their own), pass your own key (kmsKeyArn), or split the pools over contracts',
  },
  // Secrets Manager quotas (https://docs.aws.amazon.com/secretsmanager/latest/userguide/reference_limits.html):
  // secret value size 65,536 bytes.
  secretsManagerValue: {
    value: 65_536, unit: 'bytes', kind: LimitKind.HARD, what: 'a Secrets Manager secret value', source: 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/reference_limits.html',
    fix: 'keep the value smaller (store a reference to a larger object instead)',
  },
  // Secrets Manager PutResourcePolicy (https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_PutResourcePolicy.html):
  // ResourcePolicy, maximum length 20,480.
  secretsManagerResourcePolicy: {
    value: 20_480, unit: 'characters', kind: LimitKind.HARD, what: 'the resource policy of one Secrets Manager secret',
    source: 'https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_PutResourcePolicy.html',
    fix: 'the library names the readers by the pattern of their role names, or grants them in their own policies',
  },
  // Parameter tiers (https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-advanced-parameters.html):
  // standard 4 KB value, 10,000 parameters per account and Region; advanced 8 KB.
  parameterStoreStandardValue: {
    value: 4_096, unit: 'characters', kind: LimitKind.HARD, what: 'a standard Parameter Store value',
    source: 'https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-advanced-parameters.html', fix: 'use the advanced tier (8 KB)',
  },
  parameterStoreAdvancedValue: {
    value: 8_192, unit: 'characters', kind: LimitKind.HARD, what: 'an advanced Parameter Store value',
    source: 'https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-advanced-parameters.html', fix: 'use Secrets Manager (64 KiB)',
  },
  parameterStoreStandardParameters: {
    value: 10_000, unit: 'parameters', kind: LimitKind.HARD, what: 'standard parameters in one AWS account and Region',
    source: 'https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-advanced-parameters.html',
    fix: "create the parameters in the advanced tier (`aws ssm put-parameter --tier Advanced`, charged per parameter), or use Secrets Manager",
  },
  // Key Vault secrets (https://learn.microsoft.com/en-us/azure/key-vault/secrets/about-secrets):
  // "a maximum size of 25k bytes each".
  keyVaultSecretValue: {
    value: 25_600, unit: 'bytes', kind: LimitKind.HARD, what: 'a Key Vault secret value', source: 'https://learn.microsoft.com/en-us/azure/key-vault/secrets/about-secrets',
    fix: 'keep the value smaller',
  },
  // Azure RBAC limits (https://learn.microsoft.com/en-us/azure/role-based-access-control/troubleshoot-limits):
  // "up to 4000 role assignments per subscription ... fixed and cannot be increased"; assignments
  // at management-group scope do not count.
  azureRoleAssignmentsPerSubscription: {
    value: 4_000, unit: 'role assignments', kind: LimitKind.HARD, what: 'role assignments in one Azure subscription',
    source: 'https://learn.microsoft.com/en-us/azure/role-based-access-control/troubleshoot-limits',
    fix: 'split the pools over contracts whose vaults are in different subscriptions (a vault per group of pools); roleScope: KeyVaultRoleScope.VAULT needs one assignment per store, but lets every store read the whole vault',
  },
  // Federated identity credentials (https://learn.microsoft.com/en-us/entra/workload-id/workload-identity-federation-considerations):
  // "A maximum of 20 federated identity credentials can be added to an application or user-assigned managed identity."
  azureFederatedCredentialsPerIdentity: {
    value: 20, unit: 'federated identity credentials', kind: LimitKind.HARD, what: 'federated identity credentials of one user-assigned identity',
    source: 'https://learn.microsoft.com/en-us/entra/workload-id/workload-identity-federation-considerations', fix: 'use fewer ServiceAccounts per identity',
  },
  // Creating service accounts (https://cloud.google.com/iam/docs/service-accounts-create):
  // "By default, each project can have up to 100 service accounts"; a quota increase can be requested.
  gcpServiceAccountsPerProject: {
    value: 100, unit: 'service accounts', kind: LimitKind.QUOTA, what: 'service accounts in one GCP project', source: 'https://cloud.google.com/iam/docs/service-accounts-create',
    fix: 'request a quota increase (IAM API, "Service Account Count") in the Google Cloud console, or use GcpIdentityMode.DIRECT, which needs no service accounts',
  },
  // IAM quotas and limits (https://cloud.google.com/iam/quotas): principals in an allow policy, 1,500 (a limit: "cannot be changed").
  gcpAllowPolicyPrincipals: {
    value: 1_500, unit: 'principals', kind: LimitKind.HARD, what: 'principals in one GCP allow policy (all its role bindings)', source: 'https://cloud.google.com/iam/quotas',
    fix: 'have fewer stores read one secret: split the pools that read it over contracts, each with a copy of the secret of its own',
  },
  // Secret Manager quotas (https://cloud.google.com/secret-manager/quotas): payload size 64 KiB.
  gcpSecretPayload: {
    value: 65_536, unit: 'bytes', kind: LimitKind.HARD, what: 'a GCP Secret Manager secret version', source: 'https://cloud.google.com/secret-manager/quotas',
    fix: 'keep the value smaller',
  },
  // kubernetes/pkg/apis/core/types.go: MaxSecretSize = 1 * 1024 * 1024 (the data of one Secret).
  kubernetesSecret: {
    value: 1_048_576, unit: 'bytes', kind: LimitKind.HARD, what: 'the data of one Kubernetes Secret',
    source: 'https://github.com/kubernetes/kubernetes/blob/master/pkg/apis/core/types.go (MaxSecretSize)', fix: 'split the keys over several Secrets',
  },
  // k8s.io/apimachinery/pkg/api/validation/objectmeta.go: TotalAnnotationSizeLimitB = 256 * (1 << 10).
  kubernetesAnnotations: {
    value: 262_144, unit: 'bytes', kind: LimitKind.HARD, what: "an object's annotations, in all",
    source: 'https://github.com/kubernetes/apimachinery/blob/master/pkg/api/validation/objectmeta.go (TotalAnnotationSizeLimitB)',
    fix: 'apply with `kubectl apply --server-side`, which writes no last-applied annotation',
  },
  // etcd's --max-request-bytes default, 1.5 MiB (https://etcd.io/docs/v3.5/dev-guide/limit/): a cluster setting.
  etcdRequest: {
    value: 1_572_864, unit: 'bytes', kind: LimitKind.HARD, what: 'one object as the API server stores it', source: 'https://etcd.io/docs/v3.5/dev-guide/limit/',
    fix: 'split the object',
  },
  // cel-go parser.go (expressionSizeCodePointLimit default 100,000), which the API server keeps.
  celExpression: {
    value: 100_000, unit: 'code points', kind: LimitKind.HARD, what: 'one CEL expression of a ValidatingAdmissionPolicy',
    source: 'https://github.com/google/cel-go/blob/master/parser/options.go (expressionSizeCodePointLimit)', fix: 'split the expression over variables',
  },
  // k8s.io/apiserver/pkg/apis/cel/config.go: PerCallLimit = 1000000, RuntimeCELCostBudget = 10000000.
  celPerCallCost: {
    value: 1_000_000, unit: 'cost units', kind: LimitKind.HARD, what: 'the runtime cost of one CEL expression evaluation',
    source: 'https://github.com/kubernetes/apiserver/blob/master/pkg/apis/cel/config.go (PerCallLimit)', fix: 'use map lookups, not scans of lists',
  },
  celPolicyRuntimeBudget: {
    value: 10_000_000, unit: 'cost units', kind: LimitKind.HARD, what: "the runtime cost of one ValidatingAdmissionPolicy's expressions on one request",
    source: 'https://github.com/kubernetes/apiserver/blob/master/pkg/apis/cel/config.go (RuntimeCELCostBudget)', fix: 'use map lookups, not scans of lists',
  },
} as const satisfies Record<string, CloudLimit>;

/** The length IAM counts for a policy: its characters, whitespace not counted. */
export function iamPolicyLength(json: string): number {
  return json.replace(/\s/g, '').length;
}
