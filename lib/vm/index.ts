export * from './vm-bundle';
