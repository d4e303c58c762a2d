export * from './noxus-aws-secrets';
export * from './iam-policies';
