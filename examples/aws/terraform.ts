import { runExample } from '../shared/run';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { NoxusAwsSecrets } from 'noxus-secrets-cdk/aws';
import { backend, contract, oidcProviderArn } from './platform';

/**
 * The cloud side, from the same blueprint: the secrets, a KMS key and one IRSA
 * role per store. Synthesizes offline; `cdktf deploy` needs AWS credentials.
 */
export function buildAwsTerraform(app: App): TerraformStack {
  const stack = new TerraformStack(app, 'noxus-secrets-aws');
  new AwsProvider(stack, 'aws', { region: backend.region });
  new NoxusAwsSecrets(stack, 'secrets', {
    contract,
    oidcProviderArn,
    // The only principal, beside the stores, that may use the key: the role you set values with.
    valueWriters: ['arn:aws:iam::123456789012:role/noxus-secrets-admin'],
  });
  return stack;
}

// Its own entry point: npx tsx examples/aws/terraform.ts
if (require.main === module) {
  runExample(() => {
    const app = new App();
    buildAwsTerraform(app);
    app.synth();
  });
}
