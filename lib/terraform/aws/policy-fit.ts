import { iamPolicyLength } from '../../core';
import { PolicyDocument } from './iam-policies';
import { isReference } from '../references';

/**
 * A value of a policy and its longest form at apply. A Terraform reference has no length at
 * synth, so its stand-in is the longest text it can resolve to; a literal stands for itself.
 */
export interface Sized {
  readonly value: string;
  readonly longest: string;
}

// The longest forms of the parts of an ARN that may be Terraform references. Partition:
// 'aws-us-gov' (10) is the longest; region: the longest code today is 15 characters
// ('us-isof-south-1'), 20 leaves room; account: 12 digits.
const LONGEST_PARTITION = 'x'.repeat(10);
const LONGEST_REGION = 'x'.repeat(20);
const ACCOUNT = 'x'.repeat(12);
// A KMS key ID is a UUID (36) or, multi-Region, 'mrk-' and 32 hex digits (36).
const KEY_ID = 'x'.repeat(36);
// A Secrets Manager secret name is at most 512 characters, and AWS appends '-' and 6 random characters.
const SECRET_NAME = 'x'.repeat(512);

/** The parts an ARN is built from, each a literal or a reference. */
export interface ArnParts {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
}

/** `text`, or the longest form of a reference (`max` characters). */
export function longest(text: string, max: string): string {
  return isReference(text) ? max : text;
}

/** The longest forms of the ARN parts. */
export function longestParts(p: ArnParts): ArnParts {
  return { partition: longest(p.partition, LONGEST_PARTITION), region: longest(p.region, LONGEST_REGION), account: longest(p.account, ACCOUNT) };
}

/** The longest ARN of a Secrets Manager secret named `name` (a literal): with AWS's suffix. */
export function longestSecretArn(p: ArnParts, name: string): string {
  const l = longestParts(p);
  return `arn:${l.partition}:secretsmanager:${l.region}:${l.account}:secret:${name}-xxxxxx`;
}

/** The longest a secret ARN of unknown name can be. */
export function longestAnySecretArn(p: ArnParts): string {
  return longestSecretArn(p, SECRET_NAME);
}

/** The longest form of a KMS key ARN: a literal as it is, a reference as the longest key ARN. */
export function longestKeyArn(p: ArnParts, arn: string): string {
  const l = longestParts(p);
  return longest(arn, `arn:${l.partition}:kms:${l.region}:${l.account}:key/${KEY_ID}`);
}

/** The length IAM counts for a document, with each value in its longest form. */
export function policyLength(doc: PolicyDocument): number {
  return iamPolicyLength(JSON.stringify(doc));
}

/**
 * Groups of `items`, in order, each of which `render` makes a document of at most `max`
 * characters (IAM's count, the items in their longest forms); undefined if one item alone does not fit.
 */
export function fitGroups(items: Sized[], render: (values: string[]) => PolicyDocument, max: number): Sized[][] | undefined {
  const groups: Sized[][] = [];
  let group: Sized[] = [];
  for (const item of items) {
    const next = [...group, item];
    if (policyLength(render(next.map(i => i.longest))) <= max) {
      group = next;
      continue;
    }
    if (group.length === 0) return undefined;
    groups.push(group);
    group = [item];
    if (policyLength(render(group.map(i => i.longest))) > max) return undefined;
  }
  if (group.length > 0) groups.push(group);
  return groups;
}
