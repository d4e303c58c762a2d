import './peers';

export * from './noxus-aws-secrets';
export * from './aws-grantee';
export { SECRETS_MANAGER_READ, PARAMETER_STORE_READ } from './iam-policies';
export * from './rds';
