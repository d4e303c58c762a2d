export * from './noxus-vault-secrets';
export * from './vault-policies';
