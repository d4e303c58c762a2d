/**
 * Who can read a secret of a synthesized AWS stack, decided by an independent IAM simulator
 * (@cloud-copilot/iam-simulate: identity and resource policies, same-account evaluation, and the
 * key-policy rule that KMS only delegates to IAM where the key policy names the account). A read
 * is what ESO's provider does: `secretsmanager:GetSecretValue` on the secret (the role's policies
 * and the secret's own policy), then Secrets Manager's `kms:Decrypt` of it on the role's behalf
 * (the role's policies and the key policy, with the context KMS sets: kms:ViaService,
 * kms:CallerAccount, aws:PrincipalArn and the encryption context naming the secret).
 */
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { KEY_ARN, atApply, roleArnAtApply, rolesByName, secretArn } from '../terraform/aws/support';

const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';

/** A role's ARN as IAM gives it, by the name and path of the stack's aws_iam_role. */
function roleArnOf(json: any, name: string): string {
  const role = Object.values<any>(json.resource.aws_iam_role ?? {}).find(r => r.name === name);
  if (!role) throw new Error(`aws-access: no aws_iam_role named ${name}`);
  return roleArnAtApply(role);
}

/** The stack's references to roles, secrets and keys replaced by the ARNs AWS gives them; none may be left. */
function resolved(json: any, policy: any): any {
  const done = atApply(json, policy);
  if (JSON.stringify(done).includes('${')) throw new Error(`aws-access: a reference is left in ${JSON.stringify(done)}`);
  return done;
}

async function decide(request: { principal: string; action: string; resource: string; context: Record<string, string> },
  identityPolicies: any[], resourcePolicy: any | undefined): Promise<string> {
  const response = await runSimulation({
    identityPolicies: identityPolicies.map((policy, i) => ({ name: `policy-${i}`, policy })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy,
    request: { principal: request.principal, action: request.action, resource: { accountId: ACCOUNT, resource: request.resource }, contextVariables: request.context },
  }, {});
  if (response.resultType === 'error') throw new Error(`aws-access: the simulator refused the request: ${JSON.stringify(response.errors)}`);
  return response.overallResult;
}

/** Whether the role named `roleName` (or any principal ARN of the account) can read and decrypt the secret named `secretName`. */
export async function canRead(json: any, principal: { role: string } | { arn: string; policies?: any[] }, secretName: string): Promise<boolean> {
  const arn = 'role' in principal ? roleArnOf(json, principal.role) : principal.arn;
  const policies = ('role' in principal ? rolesByName(json)[principal.role].policies : principal.policies ?? []).map(p => resolved(json, p));
  const secret = Object.values<any>(json.resource.aws_secretsmanager_secret ?? {}).find(s => s.name === secretName);
  if (!secret) throw new Error(`aws-access: no aws_secretsmanager_secret named ${secretName}`);
  const context = { 'aws:PrincipalArn': arn, 'aws:PrincipalAccount': ACCOUNT };
  const get = await decide({ principal: arn, action: 'secretsmanager:GetSecretValue', resource: secretArn(secretName), context },
    policies, secret.policy ? resolved(json, JSON.parse(secret.policy)) : undefined);
  if (get !== 'Allowed') return false;
  const keys = Object.values<any>(json.resource.aws_kms_key ?? {});
  if (keys.length !== 1) throw new Error(`aws-access: the stack has ${keys.length} KMS keys; one expected`);
  const decrypt = await decide({
    principal: arn, action: 'kms:Decrypt', resource: KEY_ARN,
    context: {
      ...context, 'kms:ViaService': `secretsmanager.${REGION}.amazonaws.com`, 'kms:CallerAccount': ACCOUNT,
      'kms:EncryptionContext:SecretARN': secretArn(secretName),
    },
  }, policies, resolved(json, JSON.parse(keys[0].policy)));
  return decrypt === 'Allowed';
}
