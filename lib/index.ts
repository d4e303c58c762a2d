export * from './core';
export * from './k8s';
