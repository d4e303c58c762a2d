// The aws provider's classes for the Terraform layer, by deep path (one class each, never the barrel).
// Part of the seam (./core.ts); the entry checks its peers first (./peers.ts).
export { AwsProvider } from '@cdktf/provider-aws/lib/provider';
export { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
export { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
export { DataAwsIamSessionContext } from '@cdktf/provider-aws/lib/data-aws-iam-session-context';
export { DataAwsSecretsmanagerSecret } from '@cdktf/provider-aws/lib/data-aws-secretsmanager-secret';
export { EksPodIdentityAssociation } from '@cdktf/provider-aws/lib/eks-pod-identity-association';
export { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
export { IamRole } from '@cdktf/provider-aws/lib/iam-role';
export { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
export { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
export { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
export { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
export { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
export { SecretsmanagerSecretRotation } from '@cdktf/provider-aws/lib/secretsmanager-secret-rotation';
export { SecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/secretsmanager-secret-version';
export { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
