import { IamBeyondRead } from '../../../lib';

const policy = (...Statement: any[]) => ({ resource: { aws_iam_role_policy: { p: { policy: JSON.stringify({ Version: '2012-10-17', Statement }) } } } });

test('compliant: reads on named ARNs, list actions on *', () => {
  expect(IamBeyondRead.check({ terraform: [policy(
    { Effect: 'Allow', Action: ['secretsmanager:GetSecretValue', 'kms:Decrypt'], Resource: ['arn:aws:secretsmanager:eu-west-1:1:secret:a'] },
    { Effect: 'Allow', Action: ['secretsmanager:ListSecrets', 'secretsmanager:BatchGetSecretValue'], Resource: ['*'] },
  )] })).toEqual([]);
});

test('non-compliant: a read on *, and a write action', () => {
  expect(IamBeyondRead.check({ terraform: [policy(
    { Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: '*' },
    { Effect: 'Allow', Action: 'secretsmanager:PutSecretValue', Resource: ['arn:x'] },
  )] })).toEqual([
    { resource: 'aws_iam_role_policy.p', message: "allows secretsmanager:GetSecretValue on '*'. Name the secret, key or role ARNs instead." },
    { resource: 'aws_iam_role_policy.p', message: 'allows secretsmanager:PutSecretValue, which is not a read of secrets. Remove it; stores only read.' },
  ]);
});

test('non-compliant: ssm:GetParametersByPath on *, which returns values and is authorized on the path it lists', () => {
  expect(IamBeyondRead.check({ terraform: [policy(
    { Effect: 'Allow', Action: ['ssm:DescribeParameters', 'ssm:GetParametersByPath'], Resource: ['*'] },
  )] })).toEqual([
    { resource: 'aws_iam_role_policy.p', message: "allows ssm:DescribeParameters, ssm:GetParametersByPath on '*'. Name the secret, key or role ARNs instead." },
  ]);
  expect(IamBeyondRead.check({ terraform: [policy(
    { Effect: 'Allow', Action: ['ssm:GetParametersByPath'], Resource: ['arn:aws:ssm:eu-west-1:1:parameter/noxus/pools/a', 'arn:aws:ssm:eu-west-1:1:parameter/noxus/pools/a/*'] },
    { Effect: 'Allow', Action: ['ssm:DescribeParameters'], Resource: ['*'] },
  )] })).toEqual([]);
});

const secretPolicy = (...Statement: any[]) => ({ resource: { aws_secretsmanager_secret: { s: { name: 'noxus/workers', policy: JSON.stringify({ Version: '2012-10-17', Statement }) } } } });

test("a secret's own policy: reads for named roles, or for '*' pinned to the account and a role ARN start, are compliant", () => {
  expect(IamBeyondRead.check({ terraform: [secretPolicy(
    { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:role/noxus-eso-pool-a' }, Action: ['secretsmanager:GetSecretValue'], Resource: ['*'] },
    { Effect: 'Allow', Principal: { AWS: '*' }, Action: ['secretsmanager:GetSecretValue'], Resource: ['*'],
      Condition: { StringEquals: { 'aws:PrincipalAccount': '123456789012' }, ArnLike: { 'aws:PrincipalArn': ['arn:aws:iam::123456789012:role/noxus-eso-pool-*'] } } },
  )] })).toEqual([]);
});

test("a secret's own policy that lets a write, or every principal, is found", () => {
  expect(IamBeyondRead.check({ terraform: [secretPolicy(
    { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:role/ops' }, Action: ['secretsmanager:PutSecretValue'], Resource: ['*'] },
    { Effect: 'Allow', Principal: '*', Action: ['secretsmanager:GetSecretValue'], Resource: ['*'], Condition: { StringEquals: { 'aws:PrincipalAccount': '123456789012' } } },
  )] })).toEqual([
    { resource: 'aws_secretsmanager_secret.s', message: 'lets secretsmanager:PutSecretValue on the secret, which is not a read. Remove it; stores only read.' },
    { resource: 'aws_secretsmanager_secret.s', message: "lets every principal read the secret. Name the roles, or pin '*' with aws:PrincipalAccount and aws:PrincipalArn." },
  ]);
});
