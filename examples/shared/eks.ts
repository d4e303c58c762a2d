import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsEksCluster } from '@cdktf/provider-aws/lib/data-aws-eks-cluster';
import { DataAwsEksClusterAuth } from '@cdktf/provider-aws/lib/data-aws-eks-cluster-auth';
import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { Fn, TerraformStack, TerraformVariable } from 'cdktf';

/** What the one-stack AWS examples take from an existing EKS cluster, as Terraform references. */
export interface ExistingEks {
  /** The account the stack deploys to. */
  readonly accountId: string;
  /** The cluster's IAM OIDC provider (created here; pass yours if your cluster module made it). */
  readonly oidcProviderArn: string;
}

/**
 * The AWS and Kubernetes providers of a stack that deploys into an existing EKS cluster
 * (variable `cluster_name`), the account, and the cluster's IAM OIDC provider.
 */
export function existingEks(stack: TerraformStack, region = 'eu-west-1'): ExistingEks {
  const clusterName = new TerraformVariable(stack, 'cluster_name', { type: 'string', default: 'noxus', description: 'The EKS cluster to deploy into' });
  new AwsProvider(stack, 'aws', { region });
  const cluster = new DataAwsEksCluster(stack, 'cluster', { name: clusterName.stringValue });
  const auth = new DataAwsEksClusterAuth(stack, 'cluster-auth', { name: clusterName.stringValue });
  const account = new DataAwsCallerIdentity(stack, 'account', {});
  const oidc = new IamOpenidConnectProvider(stack, 'oidc', { url: cluster.identity.get(0).oidc.get(0).issuer, clientIdList: ['sts.amazonaws.com'] });
  new KubernetesProvider(stack, 'kubernetes', {
    host: cluster.endpoint,
    clusterCaCertificate: Fn.base64decode(cluster.certificateAuthority.get(0).data),
    token: auth.token,
  });
  return { accountId: account.accountId, oidcProviderArn: oidc.arn };
}
