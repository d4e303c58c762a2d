/** An IAM policy document, as AWS reads it. */
export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: PolicyStatement[];
}

/** One statement of a policy document. */
export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: Record<string, string>;
  readonly Action: string[];
  readonly Resource?: string[];
  readonly Condition?: Record<string, Record<string, string>>;
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

/** EKS Pod Identity trust of a role associated with a pod's ServiceAccount. */
export function podIdentityTrustPolicy(): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] }],
  };
}

/** Trust of a store role that only the ESO controller's role may assume (Pod Identity role chaining). */
export function assumedByRoleTrustPolicy(roleArn: string): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: roleArn }, Action: ['sts:AssumeRole', 'sts:TagSession'] }],
  };
}

/** The controller's permission to assume exactly the store roles. */
export function assumeRolesPolicy(roleArns: string[]): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [{ Sid: 'AssumeStoreRoles', Effect: 'Allow', Action: ['sts:AssumeRole', 'sts:TagSession'], Resource: [...roleArns] }],
  };
}

/** What one store may read: its own secrets, decrypted through the backend only, and listing only if asked for. */
export interface ReadPolicyOptions {
  readonly actions: string[];
  readonly resources: string[];
  readonly kmsKeyArn: string;
  /** e.g. 'secretsmanager.eu-west-1.amazonaws.com' */
  readonly viaService: string;
  readonly listActions?: string[];
}

/** A store's read policy: exact resources, `kms:Decrypt` with `kms:ViaService`. */
export function readPolicy(o: ReadPolicyOptions): PolicyDocument {
  const statements: PolicyStatement[] = [
    { Sid: 'ReadStoreSecrets', Effect: 'Allow', Action: [...o.actions], Resource: [...o.resources] },
    { Sid: 'DecryptThroughBackend', Effect: 'Allow', Action: ['kms:Decrypt'], Resource: [o.kmsKeyArn], Condition: { StringEquals: { 'kms:ViaService': o.viaService } } },
  ];
  if (o.listActions && o.listActions.length > 0) {
    // Listing has no resource-level permission in AWS: '*' is the only form, and only for dataFrom.find.
    statements.push({ Sid: 'ListForFind', Effect: 'Allow', Action: [...o.listActions], Resource: ['*'] });
  }
  return { Version: '2012-10-17', Statement: statements };
}
