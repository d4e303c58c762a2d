import './peers';

export * from './gcp-replication';
export * from './noxus-gcp-secrets';
export * from './gcp-grantee';
