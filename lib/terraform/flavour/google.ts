// The google provider's classes for the Terraform layer, by deep path (one class each, never the barrel),
// after the check that the entry's optional peers are installed. Part of the seam (./core.ts).
import { requirePeers } from '../peers';

// Before the first import of a peer (these statements run in order), so a missing peer gets the library's error.
requirePeers('noxus-secrets-cdk/gcp', { 'cdktf': 'cdktf', '@cdktf/provider-google': '@cdktf/provider-google/lib/secret-manager-secret' });

export { PubsubTopicIamMember } from '@cdktf/provider-google/lib/pubsub-topic-iam-member';
export { SecretManagerSecret } from '@cdktf/provider-google/lib/secret-manager-secret';
export { SecretManagerSecretIamMember } from '@cdktf/provider-google/lib/secret-manager-secret-iam-member';
export { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
export { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
