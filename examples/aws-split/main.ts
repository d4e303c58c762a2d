import { runExample } from '../shared/run';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { App, TerraformStack } from 'cdktf';
import { NoxusAwsSecrets, AwsGrantee } from 'noxus-secrets-cdk/aws';
import { contract, oidcProviderArn } from '../aws/platform';

/**
 * The AWS side of one contract across two stacks, for platforms with many pools: cdktf's
 * memory grows with a stack, so each stack holds a group of stores (here the shared store
 * and the default pool, then tenant-acme). The first stack makes the KMS key; the second
 * takes it by reference, and finds the secrets it reads but does not own by name. A role of the
 * second stack granted read there is let decrypt by the first stack's key through keyReaders.
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
    // A role of the second stack that reads tenant-acme's secrets (below): the key made here lets it decrypt.
    // A literal ARN, as a reference to the role would make this stack depend on the second one too.
    keyReaders: ['arn:aws:iam::123456789012:role/noxus-acme-migrations'],
  });
  const second = new NoxusAwsSecrets(acme, 'secrets', {
    contract, oidcProviderArn, stores: [contract.poolStore('tenant-acme')], kmsKeyArn: first.kmsKeyArn,
  });
  acme.addDependency(shared);
  // tenant-acme's database migrations read exactly that pool's secrets.
  const migrations = new IamRole(acme, 'AcmeMigrations', {
    name: 'noxus-acme-migrations',
    assumeRolePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
  });
  second.grantRead(second.contract.poolStore('tenant-acme'), AwsGrantee.role(migrations));
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
