import { runExample } from '../shared/run';
import * as path from 'path';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsEksCluster } from '@cdktf/provider-aws/lib/data-aws-eks-cluster';
import { DataAwsEksClusterAuth } from '@cdktf/provider-aws/lib/data-aws-eks-cluster-auth';
import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { App as Cdk8sApp } from 'cdk8s';
import { App, Fn, TerraformStack, TerraformVariable } from 'cdktf';
import { SecretBackend, SecretsContract, WorkloadIdentity } from 'noxus-secrets-cdk';
import { NoxusAwsSecrets } from 'noxus-secrets-cdk/aws';
import { Cdk8sManifests } from 'noxus-secrets-cdk/cdk8s-in-terraform';
import { build } from '../basic/main';
import { blueprint } from '../shared/blueprint';

/**
 * One `cdktf deploy` against an existing EKS cluster: its OIDC provider, the account
 * and the cluster's endpoint come from Terraform, not from values copied by hand.
 * The Secrets Manager secrets, the IRSA roles and the manifests whose ServiceAccounts
 * name those roles are created together.
 */
export function buildAwsEksOneStack(app: App): TerraformStack {
  const stack = new TerraformStack(app, 'noxus-secrets-aws-eks-onestack');
  const clusterName = new TerraformVariable(stack, 'cluster_name', { type: 'string', default: 'noxus', description: 'The EKS cluster to deploy into' });
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  const cluster = new DataAwsEksCluster(stack, 'cluster', { name: clusterName.stringValue });
  const auth = new DataAwsEksClusterAuth(stack, 'cluster-auth', { name: clusterName.stringValue });
  const account = new DataAwsCallerIdentity(stack, 'account', {});
  // The cluster's IAM OIDC provider (drop this and pass its ARN if your cluster module made it).
  const oidc = new IamOpenidConnectProvider(stack, 'oidc', { url: cluster.identity.get(0).oidc.get(0).issuer, clientIdList: ['sts.amazonaws.com'] });
  new KubernetesProvider(stack, 'kubernetes', {
    host: cluster.endpoint,
    clusterCaCertificate: Fn.base64decode(cluster.certificateAuthority.get(0).data),
    token: auth.token,
  });

  const contract = new SecretsContract({
    blueprint,
    namespace: 'noxus',
    backend: SecretBackend.awsSecretsManager({ region: 'eu-west-1' }),
    identity: WorkloadIdentity.irsa({ accountId: account.accountId }),
  });
  new NoxusAwsSecrets(stack, 'secrets', { contract, oidcProviderArn: oidc.arn });
  // Terraform deploys the manifests; the cdk8s app is never synthesized to a folder, so it writes nothing.
  const cdk8sApp = new Cdk8sApp({ outdir: path.join(app.outdir, 'cdk8s') });
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
