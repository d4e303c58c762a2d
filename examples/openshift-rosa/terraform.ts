import { runExample } from '../shared/run';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { NoxusAwsSecrets } from 'noxus-secrets-cdk/aws';
import { backend, contract, oidcProviderArn } from './platform';

/** The cloud side on ROSA: the secrets, a KMS key and one IRSA role per store, trusted through the cluster's OIDC provider. */
export function buildOpenShiftRosaTerraform(app: App): TerraformStack {
  const stack = new TerraformStack(app, 'noxus-secrets-openshift-rosa');
  new AwsProvider(stack, 'aws', { region: backend.region });
  new NoxusAwsSecrets(stack, 'secrets', {
    contract,
    oidcProviderArn,
    valueWriters: ['arn:aws:iam::123456789012:role/noxus-secrets-admin'],
  });
  return stack;
}

// Its own entry point: npx tsx examples/openshift-rosa/terraform.ts
if (require.main === module) {
  runExample(() => {
    const app = new App();
    buildOpenShiftRosaTerraform(app);
    app.synth();
  });
}
