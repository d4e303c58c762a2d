import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { NoxusAwsSecrets } from '../../lib/terraform/aws';
import { backend, contract, oidcProviderArn } from './platform';

/**
 * The cloud side, from the same blueprint: the secrets, a KMS key and one IRSA
 * role per store. Synthesizes offline; `cdktf deploy` needs AWS credentials.
 */
export function buildAwsTerraform(app: App): TerraformStack {
  const stack = new TerraformStack(app, 'noxus-secrets-aws');
  new AwsProvider(stack, 'aws', { region: backend.region });
  new NoxusAwsSecrets(stack, 'secrets', { contract, oidcProviderArn });
  return stack;
}
