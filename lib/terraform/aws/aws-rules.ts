import { NoxusSecretsError, assertNoTemplate } from '../../core';
import { isReference } from '../references';

// AWS tag rules (docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html): at most 50 tags,
// keys 1-128 and values 0-256 Unicode letters, digits, spaces and _ . : / = + - @, no 'aws:' prefix.
const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const MAX_TAGS = 50;

/** Throws the library's error unless `tags` (the user's and the library's together) are tags AWS accepts. */
export function assertAwsTags(path: string, subject: string, tags: Record<string, string>): void {
  const entries = Object.entries(tags);
  if (entries.length > MAX_TAGS) {
    throw NoxusSecretsError.at(path, `${subject}: tags has ${entries.length} tags with the library's own, and AWS allows ${MAX_TAGS} per resource. Remove some.`);
  }
  for (const [key, value] of entries) {
    if (isReference(key) || isReference(value)) continue;
    const bad = (what: string, text: string, max: number, min: number) => [...text].length < min || [...text].length > max || !TAG_TEXT.test(text)
      ? `${what} ${JSON.stringify(text)} is not an AWS tag ${what.split(' ')[1]} (${min}-${max} Unicode letters, digits, spaces and _ . : / = + - @)`
      : undefined;
    const problem = bad('tag key', key, 128, 1) ?? bad('tag value', value, 256, 0)
      ?? (key.toLowerCase().startsWith('aws:') ? `tag key ${JSON.stringify(key)} uses the prefix 'aws:', which AWS reserves` : undefined);
    if (problem) throw NoxusSecretsError.at(path, `${subject}: ${problem}. Rename it.`);
  }
}

// Secrets Manager: description up to 2,048 characters; Parameter Store: 1,024
// (SecretsManager CreateSecret and SSM PutParameter API references).
export const MAX_DESCRIPTION = { secretsManager: 2048, parameterStore: 1024 };

// ARNs (docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html): arn:<partition>:<service>:<region>:<account>:<resource>.
// IAM (API reference, CreateRole/CreateUser/CreatePolicy): role and user names 1-64, policy names 1-128, of A-Z a-z 0-9 + = , . @ _ -;
// a path is '/' or '/<printable ASCII>/', 1-512 (its '${' is refused first: Terraform and IAM policy variables read it).
const IAM_PATH = '\\/([\\x21-\\x7e]{1,510}\\/)?';

/** A Lambda function ARN, as `rotation_lambda_arn` needs (not a name). */
export const LAMBDA_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9_$-]{1,128})?$/;

/** An IAM role or user ARN (what a key policy names as a principal). */
export const IAM_PRINCIPAL_ARN = new RegExp(`^arn:[a-z-]+:iam::\\d{12}:(role|user)${IAM_PATH}[\\w+=,.@-]{1,64}$`);

/** An IAM managed policy ARN, customer (an account) or AWS managed ('aws'). */
export const IAM_POLICY_ARN = new RegExp(`^arn:[a-z-]+:iam::(\\d{12}|aws):policy${IAM_PATH}[\\w+=,.@-]{1,128}$`);

/** An IAM OIDC provider ARN: the provider's URL without 'https://' (a host, then an optional path; no port, query or fragment). */
export const OIDC_PROVIDER_ARN = /^arn:[a-z-]+:iam::(\d{12}):oidc-provider\/[A-Za-z0-9.-]+(\/[A-Za-z0-9._~-]+)*$/;

/** An EKS cluster ARN, the cluster's name last (EKS_CLUSTER_NAME). */
export const EKS_CLUSTER_ARN = /^arn:[a-z-]+:eks:[a-z0-9-]+:\d{12}:cluster\/([0-9A-Za-z][A-Za-z0-9_-]{0,99})$/;

// KMS (developer guide, "Key identifiers"): a key ARN ends in key/<key id>, a UUID, or mrk-<32 hex> for a multi-Region key;
// an alias (alias/<name>) or its ARN names the alias, which an IAM policy's Resource does not match for kms:Decrypt.
const KMS_KEY_ARN = /^arn:[a-z-]+:kms:([a-z0-9-]+):\d{12}:key\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/;

// Secrets Manager: a secret's ARN ends in '-' and 6 random characters, which a policy must name (a partial ARN matches no secret).
// Names are A-Z a-z 0-9 / _ + = . @ -, and '!' in those AWS services create for themselves (RDS: 'rds!db-<id>').
const SECRET_ARN = /^arn:[a-z-]+:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@!-]{1,512}-[A-Za-z0-9]{6}$/;
// Parameter Store: arn:<partition>:ssm:<region>:<account>:parameter/<name without its leading '/'>.
const PARAMETER_ARN = /^arn:[a-z-]+:ssm:[a-z0-9-]+:\d{12}:parameter\/[A-Za-z0-9/_.-]{1,1011}$/;

/**
 * Throws the library's error where a literal ARN is of another partition than the identity's roles
 * (IAM and KMS refuse a principal or resource of another partition in a policy). Tokens pass.
 */
export function assertArnPartition(path: string, subject: string, field: string, arn: string, partition: string): void {
  if (isReference(arn)) return;
  const actual = /^arn:([^:]*):/.exec(arn)?.[1];
  if (actual !== undefined && actual !== partition) {
    throw NoxusSecretsError.at(path, `${subject}: ${field} ${JSON.stringify(arn)} is in the AWS partition ${JSON.stringify(actual)}, but the identity's roles ` +
      `are in ${JSON.stringify(partition)}, and IAM and KMS refuse an ARN of another partition. Use the ARN of a resource in ${JSON.stringify(partition)}.`);
  }
}

/**
 * Throws the library's error unless a literal `kmsKeyArn` is the ARN of a key in `region` (a
 * Secrets Manager secret or SecureString parameter is encrypted with a key of its own Region).
 * Tokens pass.
 */
export function assertKmsKeyArn(path: string, subject: string, field: string, arn: string, region: string | undefined, service: string): void {
  if (isReference(arn)) return;
  assertNoTemplate(subject, field, arn, path);
  const m = KMS_KEY_ARN.exec(arn);
  if (!m) {
    throw NoxusSecretsError.at(path, `${subject}: ${field} ${JSON.stringify(arn)} is not a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<key id>), ` +
      'and the stores\' policies allow kms:Decrypt on the key\'s ARN, which an alias, an alias ARN or a bare key ID does not match. ' +
      'Pass the key\'s ARN (aws_kms_key.arn, or aws kms describe-key --key-id <alias> --query KeyMetadata.Arn).');
  }
  if (region !== undefined && !isReference(region) && m[1] !== region) {
    throw NoxusSecretsError.at(path, `${subject}: ${field} ${JSON.stringify(arn)} is a key in region ${JSON.stringify(m[1])}, but the secrets are in ` +
      `${JSON.stringify(region)}, and ${service} encrypts only with a key of its own Region. Use a key (or a multi-Region key's replica) in ${JSON.stringify(region)}.`);
  }
}

/**
 * Throws the library's error unless a literal ARN of an existing secret that composed values read
 * is one the store's policy can name: a Secrets Manager secret's whole ARN (with its suffix), or a
 * parameter's. Tokens pass.
 */
export function assertSourceArn(path: string, subject: string, field: string, arn: string, parameterStore: boolean): void {
  if (isReference(arn)) return;
  assertNoTemplate(subject, field, arn, path);
  if (parameterStore && !PARAMETER_ARN.test(arn)) {
    throw NoxusSecretsError.at(path, `${subject}: ${field} ${JSON.stringify(arn)} is not a Parameter Store parameter ARN ` +
      '(arn:<partition>:ssm:<region>:<account>:parameter/<name>). Pass the parameter\'s ARN, or its name as key.');
  }
  if (!parameterStore && !SECRET_ARN.test(arn)) {
    throw NoxusSecretsError.at(path, `${subject}: ${field} ${JSON.stringify(arn)} is not a whole Secrets Manager secret ARN ` +
      '(arn:<partition>:secretsmanager:<region>:<account>:secret:<name>-<6 characters>), and the store\'s policy names it exactly: a partial ARN ' +
      'matches no secret. Pass the secret\'s arn attribute, or its name as key.');
  }
}

/** An EKS cluster name (CreateCluster: 1-100 of letters, digits, '-' and '_', starting with a letter or digit). */
export const EKS_CLUSTER_NAME = /^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/;
