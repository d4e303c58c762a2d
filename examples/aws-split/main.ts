import { runExample } from '../shared/run';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { NoxusAwsSecrets } from 'noxus-secrets-cdk/aws';
import { contract, oidcProviderArn } from '../aws/platform';

/**
 * The AWS side of one contract across two stacks, for platforms with many pools: cdktf's
 * memory grows with a stack, so each stack holds a group of stores (here the shared store
 * and the default pool, then tenant-acme). The first stack makes the KMS key; the second
 * takes it by reference, and finds the secrets it reads but does not own by name.
 */
export function buildAwsSplit(app: App): TerraformStack[] {
  const stack = (name: string) => {
    const s = new TerraformStack(app, name);
    new AwsProvider(s, 'aws', { region: 'eu-west-1' });
    return s;
  };
  const [shared, acme] = [stack('noxus-secrets-aws-split'), stack('noxus-secrets-aws-split-acme')];
  const first = new NoxusAwsSecrets(shared, 'secrets', {
    contract, oidcProviderArn, stores: [contract.sharedStore!, contract.poolStore('default')],
    valueWriters: ['arn:aws:iam::123456789012:role/noxus-secrets-admin'],
  });
  new NoxusAwsSecrets(acme, 'secrets', {
    contract, oidcProviderArn, stores: [contract.poolStore('tenant-acme')], kmsKeyArn: first.kmsKeyArn,
  });
  acme.addDependency(shared);
  return [shared, acme];
}

// Its own entry point: npx tsx examples/aws-split/main.ts
if (require.main === module) {
  runExample(() => {
    const app = new App();
    buildAwsSplit(app);
    app.synth();
  });
}
