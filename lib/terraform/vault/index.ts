import './peers';

export * from './noxus-vault-secrets';
