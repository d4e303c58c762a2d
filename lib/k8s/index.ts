export * from './env-secret-source';
export * from './reload-strategy';
export * from './helm-values';
export * from './worker-pool-secrets';
export * from './noxus-platform-secrets';
export * from './external-secret-store';
export * from './external-secret-sync';
export * from './azure-key-vault-provider-class';
