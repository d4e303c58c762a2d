export * from './noxus-vault-secrets';
