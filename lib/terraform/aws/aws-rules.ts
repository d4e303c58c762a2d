import { NoxusSecretsError, isUnresolvedToken } from '../../core';

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
    if (isUnresolvedToken(key) || isUnresolvedToken(value)) continue;
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

/** A Lambda function ARN, as `rotation_lambda_arn` needs (not a name). */
export const LAMBDA_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9_$-]{1,128})?$/;

/** An EKS cluster name (CreateCluster: 1-100 of letters, digits, '-' and '_', starting with a letter or digit). */
export const EKS_CLUSTER_NAME = /^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/;
