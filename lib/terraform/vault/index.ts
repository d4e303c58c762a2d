import './peers';

export * from './noxus-vault-secrets';
export * from './vault-grantee';
