export * from './core';
export * from './k8s';
export * from './vm';
export * from './refs';
export * from './audit';
