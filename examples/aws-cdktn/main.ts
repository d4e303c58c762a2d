import { runExample } from '../shared/run';
import { AwsProvider } from '@cdktn/provider-aws/lib/provider';
import { App, TerraformStack } from 'cdktn';
import { NoxusAwsSecrets } from 'noxus-secrets-cdk/cdktn/aws';
import { backend, contract, oidcProviderArn } from '../aws/platform';

/**
 * The AWS side of examples/aws on CDK Terrain (cdktn), the community continuation of cdktf:
 * the same contract and construct, imported from `noxus-secrets-cdk/cdktn/aws` beside `cdktn`
 * and `@cdktn/provider-aws`. Its Terraform JSON is examples/aws's, apart from cdktn's metadata.
 */
export function buildAwsCdktn(app: App): TerraformStack {
  const stack = new TerraformStack(app, 'noxus-secrets-aws');
  new AwsProvider(stack, 'aws', { region: backend.region });
  new NoxusAwsSecrets(stack, 'secrets', {
    contract,
    oidcProviderArn,
    valueWriters: ['arn:aws:iam::123456789012:role/noxus-secrets-admin'],
  });
  return stack;
}

// Its own entry point, as cdktn (in this checkout, through scripts/cdktn-dev.js; see synth-all):
// node -r tsx/cjs -r ./scripts/cdktn-dev.js examples/aws-cdktn/main.ts [outdir]
if (require.main === module) {
  runExample(() => {
    const app = new App({ outdir: process.argv[2] ?? 'cdktf.out/aws-cdktn' });
    buildAwsCdktn(app);
    app.synth();
  });
}
