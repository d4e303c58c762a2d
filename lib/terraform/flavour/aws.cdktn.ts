// The CDK Terrain (cdktn) variant of ./aws.ts: the cdktn entry loads it in its place (scripts/flavour-cdktn.js).
export { AwsProvider } from '@cdktn/provider-aws/lib/provider';
export { DataAwsCallerIdentity } from '@cdktn/provider-aws/lib/data-aws-caller-identity';
export { DataAwsIamPolicyDocument } from '@cdktn/provider-aws/lib/data-aws-iam-policy-document';
export { DataAwsIamSessionContext } from '@cdktn/provider-aws/lib/data-aws-iam-session-context';
export { DataAwsSecretsmanagerSecret } from '@cdktn/provider-aws/lib/data-aws-secretsmanager-secret';
export { EksPodIdentityAssociation } from '@cdktn/provider-aws/lib/eks-pod-identity-association';
export { IamPolicy } from '@cdktn/provider-aws/lib/iam-policy';
export { IamRole } from '@cdktn/provider-aws/lib/iam-role';
export { IamRolePolicy } from '@cdktn/provider-aws/lib/iam-role-policy';
export { IamRolePolicyAttachment } from '@cdktn/provider-aws/lib/iam-role-policy-attachment';
export { KmsAlias } from '@cdktn/provider-aws/lib/kms-alias';
export { KmsKey } from '@cdktn/provider-aws/lib/kms-key';
export { SecretsmanagerSecret } from '@cdktn/provider-aws/lib/secretsmanager-secret';
export { SecretsmanagerSecretRotation } from '@cdktn/provider-aws/lib/secretsmanager-secret-rotation';
export { SecretsmanagerSecretVersion } from '@cdktn/provider-aws/lib/secretsmanager-secret-version';
export { SsmParameter } from '@cdktn/provider-aws/lib/ssm-parameter';
