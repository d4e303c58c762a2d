export * from './secret-refs';
