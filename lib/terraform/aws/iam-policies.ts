/** An IAM policy document, as AWS reads it. */
export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: PolicyStatement[];
}

/** One statement of a policy document. */
export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: Record<string, string | string[]>;
  readonly Action: string[];
  readonly Resource?: string[];
  readonly Condition?: Record<string, Record<string, string | string[]>>;
}

/** Read actions ESO needs on a Secrets Manager secret. */
export const SECRETS_MANAGER_READ = [
  'secretsmanager:DescribeSecret',
  'secretsmanager:GetResourcePolicy',
  'secretsmanager:GetSecretValue',
  'secretsmanager:ListSecretVersionIds',
];

/** Read actions ESO needs on a Parameter Store parameter. */
export const PARAMETER_STORE_READ = ['ssm:GetParameter', 'ssm:GetParameters'];

/**
 * The session tags ESO (2.5.0 and later) sets when a store has `sessionTagsPolicy: Simple`:
 * the ExternalSecret's namespace, the store's name and its kind.
 */
export const ESO_SESSION_TAGS = { namespace: 'esoNamespace', storeName: 'esoStoreName', storeKind: 'esoStoreKind' } as const;

/** The issuer host/path of an IAM OIDC provider ARN: what trust conditions key on. */
export function oidcIssuerOf(oidcProviderArn: string): string {
  return oidcProviderArn.replace(/^arn:[^:]+:iam::\d{12}:oidc-provider\//, '');
}

/** IRSA trust: only `system:serviceaccount:<ns>:<sa>` of this cluster, for STS. */
export function irsaTrustPolicy(oidcProviderArn: string, namespace: string, serviceAccount: string): PolicyDocument {
  const issuer = oidcIssuerOf(oidcProviderArn);
  return {
    Version: '2012-10-17',
    Statement: [{
      Effect: 'Allow',
      Principal: { Federated: oidcProviderArn },
      Action: ['sts:AssumeRoleWithWebIdentity'],
      Condition: {
        StringEquals: {
          [`${issuer}:sub`]: `system:serviceaccount:${namespace}:${serviceAccount}`,
          [`${issuer}:aud`]: 'sts.amazonaws.com',
        },
      },
    }],
  };
}

/** Where the ESO controller runs, as EKS Pod Identity tags its session. */
export interface PodIdentitySubject {
  /** arn:<partition>:eks:<region>:<account>:cluster/<name> */
  readonly clusterArn: string;
  readonly namespace: string;
  readonly serviceAccount: string;
}

/**
 * EKS Pod Identity trust of the ESO controller's role: only the Pod Identity agent, and only
 * for the controller's ServiceAccount in its namespace on this cluster (the session tags that
 * Pod Identity sets on every request).
 */
export function podIdentityTrustPolicy(subject: PodIdentitySubject): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [{
      Sid: 'OnlyTheEsoControllerOfThisCluster',
      Effect: 'Allow',
      Principal: { Service: 'pods.eks.amazonaws.com' },
      Action: ['sts:AssumeRole', 'sts:TagSession'],
      Condition: {
        StringEquals: {
          'aws:RequestTag/eks-cluster-arn': subject.clusterArn,
          'aws:RequestTag/kubernetes-namespace': subject.namespace,
          'aws:RequestTag/kubernetes-service-account': subject.serviceAccount,
        },
      },
    }],
  };
}

/** The store an ESO session must be tagged with to assume a store role. */
export interface EsoStoreSubject {
  readonly namespace: string;
  readonly storeName: string;
}

/**
 * Trust of a store role under Pod Identity: only the ESO controller's role may assume it, and
 * only in a session that ESO tagged with this store's namespace, name and kind
 * (`sessionTagsPolicy: Simple`). A SecretStore elsewhere that names the role is tagged with
 * its own namespace and is refused.
 */
export function assumedByRoleTrustPolicy(roleArn: string, store: EsoStoreSubject): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [{
      Sid: 'OnlyThisStoreThroughTheEsoController',
      Effect: 'Allow',
      Principal: { AWS: roleArn },
      Action: ['sts:AssumeRole', 'sts:TagSession'],
      Condition: {
        StringEquals: {
          [`aws:RequestTag/${ESO_SESSION_TAGS.namespace}`]: store.namespace,
          [`aws:RequestTag/${ESO_SESSION_TAGS.storeName}`]: store.storeName,
          [`aws:RequestTag/${ESO_SESSION_TAGS.storeKind}`]: 'SecretStore',
        },
      },
    }],
  };
}

/** The controller's permission to assume exactly the store roles. */
export function assumeRolesPolicy(roleArns: string[]): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [{ Sid: 'AssumeStoreRoles', Effect: 'Allow', Action: ['sts:AssumeRole', 'sts:TagSession'], Resource: [...roleArns] }],
  };
}

/** The encryption-context key under which each backend asks KMS to decrypt one secret. */
export const ENCRYPTION_CONTEXT = {
  secretsManager: 'kms:EncryptionContext:SecretARN',
  parameterStore: 'kms:EncryptionContext:PARAMETER_ARN',
} as const;

/** What one store may read: its own secrets, decrypted through the backend only, and listing only if asked for. */
export interface ReadPolicyOptions {
  readonly actions: string[];
  readonly resources: string[];
  readonly kmsKeyArn: string;
  /** e.g. 'secretsmanager.eu-west-1.amazonaws.com' */
  readonly viaService: string;
  /** The encryption-context key that names the secret being decrypted (ENCRYPTION_CONTEXT). */
  readonly encryptionContextKey: string;
  /** Actions for dataFrom.find that have no resource-level form and return no values: on '*'. */
  readonly listActions?: string[];
  /** Actions for dataFrom.find that are authorized on the path they list, with those paths' ARNs. */
  readonly pathActions?: { readonly actions: string[]; readonly resources: string[] };
  /**
   * Existing secrets that composed values read (an RDS managed password): their ARNs, and the
   * customer-managed keys some of them use (none for AWS's managed key).
   */
  readonly sources?: { readonly arns: string[]; readonly kmsKeyArns: string[] };
}

/**
 * A store's read policy: the read actions on the exact ARNs, and `kms:Decrypt` through the
 * backend only and only for those same secrets (the encryption context names each one). A
 * resource may be a folder the store owns ('.../secret:noxus/pools/acme/*', see ownFolders): the
 * condition then matches with StringLike, which on an exact ARN (no '*' or '?': secret and
 * parameter names cannot hold them) is equality.
 */
export function readPolicy(o: ReadPolicyOptions): PolicyDocument {
  const statements: PolicyStatement[] = [];
  if (o.resources.length > 0) statements.push({ Sid: 'ReadStoreSecrets', Effect: 'Allow', Action: [...o.actions], Resource: [...o.resources] });
  if (o.sources && o.sources.arns.length > 0) statements.push({ Sid: 'ReadSourceSecrets', Effect: 'Allow', Action: [...o.actions], Resource: [...o.sources.arns] });
  const folders = o.resources.some(r => r.endsWith('/*'));
  if (o.resources.length > 0) statements.push({
      Sid: 'DecryptOnlyTheseSecretsThroughBackend',
      Effect: 'Allow',
      Action: ['kms:Decrypt'],
      Resource: [o.kmsKeyArn],
      // One value per request (the secret being decrypted): StringEquals matches any listed ARN.
      Condition: folders
        ? { StringEquals: { 'kms:ViaService': o.viaService }, StringLike: { [o.encryptionContextKey]: [...o.resources] } }
        : { StringEquals: { 'kms:ViaService': o.viaService, [o.encryptionContextKey]: [...o.resources] } },
  });
  if (o.sources && o.sources.kmsKeyArns.length > 0) {
    statements.push({
      Sid: 'DecryptOnlyTheSourcesThroughBackend',
      Effect: 'Allow',
      Action: ['kms:Decrypt'],
      Resource: [...o.sources.kmsKeyArns],
      // StringLike: a source given by name has an ARN ending in Secrets Manager's random suffix ('-??????').
      Condition: { StringEquals: { 'kms:ViaService': o.viaService }, StringLike: { [o.encryptionContextKey]: [...o.sources.arns] } },
    });
  }
  if (o.pathActions && o.pathActions.resources.length > 0) {
    statements.push({ Sid: 'ListOwnPathsForFind', Effect: 'Allow', Action: [...o.pathActions.actions], Resource: [...o.pathActions.resources] });
  }
  if (o.listActions && o.listActions.length > 0) {
    // These return names and metadata only (BatchGetSecretValue checks GetSecretValue per secret).
    statements.push({ Sid: 'ListForFind', Effect: 'Allow', Action: [...o.listActions], Resource: ['*'] });
  }
  return { Version: '2012-10-17', Statement: statements };
}

/**
 * The resource policy of a secret read by its store's role (RemoteKeyLayout.PER_STORE on Secrets
 * Manager): the read actions, for exactly these roles. Within one account a resource policy that
 * names a role allows its sessions without an identity policy (IAM's evaluation logic), and a
 * secret's policy holds only statements on the secret itself, so its Resource '*' is this secret.
 */
export function secretReadersPolicy(readers: string[], pattern?: { account: string; arn: string }): PolicyDocument {
  if (pattern) {
    // Too many readers to name (a scope every pool reads): the principals of this account whose role ARN has the readers' common start.
    return {
      Version: '2012-10-17',
      Statement: [{
        Sid: 'StoreRolesReadThisSecret', Effect: 'Allow', Principal: { AWS: '*' }, Action: [...SECRETS_MANAGER_READ], Resource: ['*'],
        Condition: { StringEquals: { 'aws:PrincipalAccount': pattern.account }, ArnLike: { 'aws:PrincipalArn': [pattern.arn] } },
      }],
    };
  }
  return {
    Version: '2012-10-17',
    Statement: [{ Sid: 'StoreRolesReadThisSecret', Effect: 'Allow', Principal: { AWS: readers.length === 1 ? readers[0] : [...readers] }, Action: [...SECRETS_MANAGER_READ], Resource: ['*'] }],
  };
}

/** Who may use the key we create, beside the account's administration. */
export interface KeyPolicyOptions {
  /** arn:<partition>:iam::<account>:root */
  readonly accountRoot: string;
  readonly viaService: string;
  /** Principals that may decrypt through the backend: store roles and grantees (their policies bound it further). */
  readonly readers: string[];
  /**
   * Store roles the key policy lets decrypt through the backend by itself, with no identity policy
   * of theirs (RemoteKeyLayout.PER_STORE on Secrets Manager, where each secret's own policy says
   * which role reads it): their ARNs or the pattern of their path, in the key's account.
   */
  readonly directReaders?: { readonly account: string; readonly arns: string[] };
  /** Principals that set values (encrypt, generate data keys, and decrypt, as Secrets Manager needs to change a value). */
  readonly writers: string[];
  /**
   * The one principal that may change the key policy (the role that runs Terraform). Without it,
   * every IAM principal of the account whose own policy allows `kms:PutKeyPolicy` may.
   */
  readonly policySetter?: string;
}

/**
 * Key administration, named action by action: everything but using the key, changing its policy
 * (`kms:PutKeyPolicy`) and creating grants (`kms:CreateGrant`), the two ways to add a user of the
 * key. Revoking and listing grants stays here, so an administrator can remove a grant directly.
 */
export const KEY_ADMIN_ACTIONS = [
  'kms:CancelKeyDeletion', 'kms:CreateAlias', 'kms:DeleteAlias', 'kms:DescribeKey', 'kms:DisableKey', 'kms:DisableKeyRotation', 'kms:EnableKey',
  'kms:EnableKeyRotation', 'kms:GetKeyPolicy', 'kms:GetKeyRotationStatus', 'kms:ListGrants', 'kms:ListKeyPolicies', 'kms:ListKeyRotations',
  'kms:ListResourceTags', 'kms:RevokeGrant', 'kms:RotateKeyOnDemand', 'kms:ScheduleKeyDeletion', 'kms:TagResource', 'kms:UntagResource',
  'kms:UpdateAlias', 'kms:UpdateKeyDescription',
];

/**
 * The key policy of the key the construct creates: the account administers the key through IAM,
 * but only the named principals use it, and only through the backend. (AWS's default key
 * policy lets every IAM policy in the account grant `kms:*`.) Nobody can grant around it: a grant
 * is created only by an AWS service for its resource (`kms:GrantIsForAWSResource`), and the
 * policy is changed only by `policySetter` when given. KMS's lockout check requires that the
 * principal setting a policy may set it again, so that principal keeps `kms:PutKeyPolicy`.
 */
export function keyPolicy(o: KeyPolicyOptions): PolicyDocument {
  const statements: PolicyStatement[] = [
    {
      Sid: 'AccountAdministersTheKey',
      Effect: 'Allow',
      Principal: { AWS: o.accountRoot },
      Action: o.policySetter === undefined ? [...KEY_ADMIN_ACTIONS, 'kms:PutKeyPolicy'] : [...KEY_ADMIN_ACTIONS],
      Resource: ['*'],
    },
  ];
  if (o.policySetter !== undefined) {
    statements.push({
      Sid: 'OnlyTheDeployerSetsTheKeyPolicy',
      Effect: 'Allow',
      Principal: { AWS: o.accountRoot },
      Action: ['kms:PutKeyPolicy'],
      Resource: ['*'],
      Condition: { ArnEquals: { 'aws:PrincipalArn': [o.policySetter] } },
    });
  }
  statements.push(
    {
      Sid: 'GrantsOnlyByAwsServicesForTheirResources',
      Effect: 'Allow',
      Principal: { AWS: o.accountRoot },
      Action: ['kms:CreateGrant'],
      Resource: ['*'],
      Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
    },
  );
  // An empty list in a condition is no policy KMS takes: without readers, no statement.
  if (o.readers.length > 0) {
    statements.push({
      Sid: 'ReadersDecryptThroughBackend',
      Effect: 'Allow',
      Principal: { AWS: o.accountRoot },
      Action: ['kms:Decrypt'],
      Resource: ['*'],
      // A pattern of the store roles' path (KeyPolicyReaders.ROLE_PATH) is ArnLike's; exact ARNs are ArnEquals'.
      Condition: { StringEquals: { 'kms:ViaService': o.viaService }, [o.readers.some(r => r.endsWith('*')) ? 'ArnLike' : 'ArnEquals']: { 'aws:PrincipalArn': [...o.readers] } },
    });
  }
  if (o.directReaders && o.directReaders.arns.length > 0) {
    const arns = o.directReaders.arns;
    statements.push({
      Sid: 'StoreRolesDecryptThroughBackend',
      Effect: 'Allow',
      // Not the account root, which would only delegate to the roles' own policies: these roles have none.
      // Every principal named by the conditions: this account's, by role ARN, through the backend only.
      Principal: { AWS: '*' },
      Action: ['kms:Decrypt'],
      Resource: ['*'],
      Condition: {
        StringEquals: { 'kms:ViaService': o.viaService, 'kms:CallerAccount': o.directReaders.account },
        [arns.some(r => r.endsWith('*')) ? 'ArnLike' : 'ArnEquals']: { 'aws:PrincipalArn': [...arns] },
      },
    });
  }
  if (o.writers.length > 0) {
    statements.push({
      Sid: 'WritersEncryptThroughBackend',
      Effect: 'Allow',
      Principal: { AWS: o.accountRoot },
      Action: ['kms:Encrypt', 'kms:GenerateDataKey', 'kms:Decrypt'],
      Resource: ['*'],
      Condition: { StringEquals: { 'kms:ViaService': o.viaService }, ArnEquals: { 'aws:PrincipalArn': [...o.writers] } },
    });
  }
  return { Version: '2012-10-17', Statement: statements };
}
