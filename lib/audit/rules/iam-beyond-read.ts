import { AuditLevel, AuditRule, parsePolicy, terraformResources } from '../audit-rule';

const READ_ACTIONS = new Set([
  'secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret', 'secretsmanager:ListSecretVersionIds', 'secretsmanager:GetResourcePolicy',
  'ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParametersByPath', 'kms:Decrypt', 'sts:AssumeRole', 'sts:TagSession',
]);
/**
 * The only actions that may use '*' (for dataFrom.find): they have no resource-level form and
 * return no value (BatchGetSecretValue checks GetSecretValue on each secret). Not
 * ssm:GetParametersByPath: it returns values and is authorized on the path it lists.
 */
const LIST_ACTIONS = new Set(['secretsmanager:ListSecrets', 'secretsmanager:BatchGetSecretValue', 'ssm:DescribeParameters']);

/** IAM permissions wider than reading named secrets: a '*' resource, or an action that is not a read. */
export const IamBeyondRead: AuditRule = {
  id: 'NX5',
  level: AuditLevel.ERROR,
  description: "An IAM policy grants a '*' resource or an action beyond reading secrets.",
  check(input) {
    const findings: { resource: string; message: string }[] = [];
    for (const { resource, s } of allowStatements(input, ['aws_iam_role_policy', 'aws_iam_policy'])) {
      const actions: string[] = [].concat(s.Action ?? []);
      const resources: string[] = [].concat(s.Resource ?? []);
      const listOnly = actions.every(a => LIST_ACTIONS.has(a));
      for (const a of actions) {
        if (!READ_ACTIONS.has(a) && !LIST_ACTIONS.has(a)) findings.push({ resource, message: `allows ${a}, which is not a read of secrets. Remove it; stores only read.` });
      }
      if (resources.includes('*') && !listOnly) {
        findings.push({ resource, message: `allows ${actions.join(', ')} on '*'. Name the secret, key or role ARNs instead.` });
      }
    }
    // A secret's own policy (RemoteKeyLayout.PER_STORE on Secrets Manager): its Resource '*' is the secret, and it
    // may only let named roles, or the account's roles of a named ARN start, read it.
    for (const { resource, s } of allowStatements(input, ['aws_secretsmanager_secret', 'aws_secretsmanager_secret_policy'])) {
      for (const a of [].concat(s.Action ?? []) as string[]) {
        if (!READ_ACTIONS.has(a)) findings.push({ resource, message: `lets ${a} on the secret, which is not a read. Remove it; stores only read.` });
      }
      const principals: string[] = s.Principal === '*' ? ['*'] : [].concat(...Object.values<any>(s.Principal ?? {}).map(v => [].concat(v)));
      const pinned = s.Condition?.StringEquals?.['aws:PrincipalAccount'] !== undefined
        && (s.Condition?.ArnEquals?.['aws:PrincipalArn'] !== undefined || s.Condition?.ArnLike?.['aws:PrincipalArn'] !== undefined);
      if (principals.includes('*') && !pinned) {
        findings.push({ resource, message: "lets every principal read the secret. Name the roles, or pin '*' with aws:PrincipalAccount and aws:PrincipalArn." });
      }
    }
    return findings;
  },
};

/** The Allow statements of the policies of these resource types, each with its resource address. */
function allowStatements(input: Parameters<AuditRule['check']>[0], types: string[]): { resource: string; s: any }[] {
  return types.flatMap(type => terraformResources(input, type).flatMap(([id, r]) => {
    const doc = parsePolicy(r.policy);
    return ([] as any[]).concat(doc?.Statement ?? []).filter(s => s.Effect === 'Allow').map(s => ({ resource: `${type}.${id}`, s }));
  }));
}
