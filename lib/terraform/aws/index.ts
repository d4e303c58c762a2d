import './peers';
// The flavour's reference check, for core's checks of what the app passes before any construct of this entry.
import '../references';

export * from './noxus-aws-secrets';
export * from './aws-grantee';
export { SECRETS_MANAGER_READ, PARAMETER_STORE_READ } from './iam-policies';
export * from './rds';
