import './peers';

export * from './noxus-azure-secrets';
export * from './azure-grantee';
export * from './azure-outputs';
