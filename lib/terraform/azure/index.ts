import './peers';

export * from './noxus-azure-secrets';
