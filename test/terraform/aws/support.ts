import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Testing, TerraformStack } from 'cdktf';
import { NoxusAwsSecrets, NoxusAwsSecretsProps } from '../../../lib/terraform/aws';
import { ContractCase, withContract } from '../../support/fixtures';

/** A test's case of the AWS side: its props, and its contract or the facts to build one from. */
export type AwsCase = ContractCase<NoxusAwsSecretsProps>;

/** The AWS side's props of a case. */
export const awsProps = (c: AwsCase): NoxusAwsSecretsProps => withContract(c);

/** The role the tests set values with. */
export const WRITER = 'arn:aws:iam::123456789012:role/noxus-secrets-admin';

/** Synthesizes the construct in a stack with a provider, validations on; returns the Terraform JSON. */
export function synthAws(props: AwsCase): { json: any; synthesized: string; aws: NoxusAwsSecrets } {
  // Parameter Store placeholders are write-only attributes (Terraform/OpenTofu 1.11+); cdktn checks the declared targets.
  const app = Testing.app({ context: { targetVersions: { terraform: '>=1.11.0', opentofu: '>=1.11.0' } } });
  const stack = new TerraformStack(app, 'test');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  // Values set by hand need a writer of the key; a test that is about writers gives its own.
  const aws = new NoxusAwsSecrets(stack, 'secrets', { valueWriters: [WRITER], ...awsProps(props) });
  const synthesized = Testing.synth(stack, true);
  return { json: JSON.parse(synthesized), synthesized, aws };
}

/** The resources of one type, as a list. */
export function resources(json: any, type: string): any[] {
  return Object.values(json.resource?.[type] ?? {});
}

/** The parsed policy of each role, by role name. */
export function rolesByName(json: any): Record<string, { trust: any; policies: any[] }> {
  const roles: Record<string, { trust: any; policies: any[] }> = {};
  const byId: Record<string, string> = {};
  for (const [id, r] of Object.entries<any>(json.resource.aws_iam_role)) {
    roles[r.name] = { trust: JSON.parse(r.assume_role_policy), policies: [] };
    byId[id] = r.name;
  }
  for (const p of resources(json, 'aws_iam_role_policy')) {
    const id = /\$\{aws_iam_role\.([^.]+)\.id\}/.exec(p.role)![1];
    roles[byId[id]].policies.push(JSON.parse(p.policy));
  }
  // Managed policies, in the order of their attachments.
  for (const a of resources(json, 'aws_iam_role_policy_attachment')) {
    const role = /\$\{aws_iam_role\.([^.]+)\.name\}/.exec(a.role)?.[1];
    const policy = /\$\{aws_iam_policy\.([^.]+)\.arn\}/.exec(a.policy_arn)?.[1];
    if (role && policy && byId[role]) roles[byId[role]].policies.push(JSON.parse(json.resource.aws_iam_policy[policy].policy));
  }
  return roles;
}

/**
 * A policy as AWS reads it at apply: each secret's, key's and role's reference replaced by an ARN of the
 * form AWS gives it (a Secrets Manager secret's ends in '-' and 6 random characters).
 */
export function atApply(json: any, policy: any): any {
  let text = JSON.stringify(policy);
  for (const [id, s] of Object.entries<any>(json.resource.aws_secretsmanager_secret ?? {})) {
    text = text.split(`\${aws_secretsmanager_secret.${id}.arn}`).join(secretArn(s.name));
  }
  for (const id of Object.keys(json.resource.aws_kms_key ?? {})) text = text.split(`\${aws_kms_key.${id}.arn}`).join(KEY_ARN);
  for (const [id, r] of Object.entries<any>(json.resource.aws_iam_role ?? {})) {
    text = text.split(`\${aws_iam_role.${id}.arn}`).join(roleArnAtApply(r));
  }
  return JSON.parse(text);
}

/** The ARN IAM gives a role of the stack (its synthesized config: name and path) in the tests' account. */
export function roleArnAtApply(role: { name: string; path?: string }): string {
  return `arn:aws:iam::123456789012:role${role.path ?? '/'}${role.name}`;
}

/** The ARN AWS gives a secret named `name` in the tests' account and region. */
export function secretArn(name: string): string {
  return `arn:aws:secretsmanager:eu-west-1:123456789012:secret:${name}-AbCdEf`;
}

/** The ARN of the key the construct creates, at apply. */
export const KEY_ARN = 'arn:aws:kms:eu-west-1:123456789012:key/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
