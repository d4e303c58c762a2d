import { SecretBackend, SecretsContract, WorkloadIdentity } from 'noxus-secrets-cdk';
import { blueprint } from '../shared/blueprint';

/** Where the AWS example's secrets live and how stores authenticate: read by both apps. */
export const backend = SecretBackend.awsSecretsManager({ region: 'eu-west-1' });
export const identity = WorkloadIdentity.irsa({ accountId: '123456789012' });
export const namespace = 'noxus';
/** The EKS cluster's IAM OIDC provider. */
export const oidcProviderArn = 'arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';

/** The one contract both apps take: the Kubernetes side and the cloud side cannot disagree on a name. */
export const contract = new SecretsContract({ blueprint, backend, identity, namespace });
