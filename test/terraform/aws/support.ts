import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Testing, TerraformStack } from 'cdktf';
import { NoxusAwsSecrets, NoxusAwsSecretsProps } from '../../../lib/terraform/aws';

/** The role the tests set values with. */
export const WRITER = 'arn:aws:iam::123456789012:role/noxus-secrets-admin';

/** Synthesizes the construct in a stack with a provider, validations on; returns the Terraform JSON. */
export function synthAws(props: NoxusAwsSecretsProps): { json: any; synthesized: string; aws: NoxusAwsSecrets } {
  // Parameter Store placeholders are write-only attributes (Terraform/OpenTofu 1.11+); cdktn checks the declared targets.
  const app = Testing.app({ context: { targetVersions: { terraform: '>=1.11.0', opentofu: '>=1.11.0' } } });
  const stack = new TerraformStack(app, 'test');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  // Values set by hand need a writer of the key; a test that is about writers gives its own.
  const aws = new NoxusAwsSecrets(stack, 'secrets', { valueWriters: [WRITER], ...props });
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
  return roles;
}
