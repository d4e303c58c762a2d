export * from './noxus-azure-secrets';
