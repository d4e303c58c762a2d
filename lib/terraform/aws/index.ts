// First: the seam's check of the optional peers runs before anything loads cdktf or the provider.
import '../flavour/aws';
// The flavour's reference check, for core's checks of what the app passes before any construct of this entry.
import '../references';

export * from './noxus-aws-secrets';
export * from './aws-grantee';
export { SECRETS_MANAGER_READ, PARAMETER_STORE_READ } from './iam-policies';
export * from './rds';
