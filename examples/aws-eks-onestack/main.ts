import { runExample } from '../shared/run';
import * as path from 'path';
import { App, TerraformStack } from 'cdktf';
import { NoxusApp, SecretBackend, SecretsContract, WorkloadIdentity } from 'noxus-secrets-cdk';
import { NoxusAwsSecrets } from 'noxus-secrets-cdk/aws';
import { Cdk8sManifests } from 'noxus-secrets-cdk/cdk8s-in-terraform';
import { build } from '../basic/main';
import { existingEks } from '../shared/eks';
import { blueprint } from '../shared/blueprint';

/**
 * One `cdktf deploy` against an existing EKS cluster: its OIDC provider, the account
 * and the cluster's endpoint come from Terraform, not from values copied by hand.
 * The Secrets Manager secrets, the IRSA roles and the manifests whose ServiceAccounts
 * name those roles are created together.
 */
export function buildAwsEksOneStack(app: App): TerraformStack {
  const stack = new TerraformStack(app, 'noxus-secrets-aws-eks-onestack');
  const { accountId, oidcProviderArn } = existingEks(stack);

  const contract = new SecretsContract({
    blueprint,
    namespace: 'noxus',
    backend: SecretBackend.awsSecretsManager({ region: 'eu-west-1' }),
    identity: WorkloadIdentity.irsa({ accountId }),
  });
  new NoxusAwsSecrets(stack, 'secrets', {
    contract,
    oidcProviderArn,
    // The role operators set values with; the key lets nobody else encrypt.
    valueWriters: [`arn:aws:iam::${accountId}:role/noxus-secrets-admin`],
  });
  // Terraform deploys the manifests; the cdk8s app is never synthesized to a folder, so it writes nothing.
  const cdk8sApp = new NoxusApp({ outdir: path.join(app.outdir, 'cdk8s') });
  build(cdk8sApp, contract);
  new Cdk8sManifests(stack, 'manifests', { cdk8sApp });
  return stack;
}

// Its own entry point: npx tsx examples/aws-eks-onestack/main.ts
if (require.main === module) {
  runExample(() => {
    const app = new App();
    buildAwsEksOneStack(app);
    app.synth();
  });
}
