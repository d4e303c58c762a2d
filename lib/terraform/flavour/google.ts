// The google provider's classes for the Terraform layer, by deep path (one class each, never the barrel).
// Part of the seam (./core.ts); the entry checks its peers first (./peers.ts).
export { PubsubTopicIamMember } from '@cdktf/provider-google/lib/pubsub-topic-iam-member';
export { SecretManagerSecret } from '@cdktf/provider-google/lib/secret-manager-secret';
export { SecretManagerSecretIamMember } from '@cdktf/provider-google/lib/secret-manager-secret-iam-member';
export { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
export { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
