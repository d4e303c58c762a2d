export * from './vm-bundle';
export * from './env-file-value';
