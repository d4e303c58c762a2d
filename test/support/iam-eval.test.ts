import { evaluate } from './iam-eval';

// The evaluator's own tests, for what the library's policy tests lean on beyond the string operators.
describe('Bool', () => {
  const policy = (value: unknown) => ({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: ['kms:CreateGrant'], Resource: ['*'], Condition: { Bool: { 'kms:GrantIsForAWSResource': value } } }],
  });
  const ask = (p: any, context: Record<string, string>) =>
    evaluate(p, { principal: { type: 'AWS', id: 'arn:aws:iam::123456789012:root' }, action: 'kms:CreateGrant', resource: 'key', context }, true);

  test('matches the request\'s value, given in the policy as a string or a JSON boolean; a missing key fails', () => {
    for (const value of ['true', true]) {
      expect(ask(policy(value), { 'kms:GrantIsForAWSResource': 'true' })).toBe('allow');
      expect(ask(policy(value), { 'kms:GrantIsForAWSResource': 'false' })).toBe('implicit-deny');
      expect(ask(policy(value), {})).toBe('implicit-deny');
    }
    expect(ask(policy('false'), { 'kms:GrantIsForAWSResource': 'false' })).toBe('allow');
    // Context keys are case-insensitive, as AWS treats them.
    expect(ask(policy('true'), { 'KMS:GRANTISFORAWSRESOURCE': 'true' })).toBe('allow');
  });

  test('anything but true or false is refused, in the policy or in the request', () => {
    expect(() => ask(policy('yes'), { 'kms:GrantIsForAWSResource': 'true' })).toThrow('iam-eval: Bool takes \'true\' or \'false\', the policy has "yes"');
    expect(() => ask(policy('true'), { 'kms:GrantIsForAWSResource': 'True' })).toThrow('iam-eval: Bool takes \'true\' or \'false\', the request has "True"');
  });

  test('an unknown operator is still refused', () => {
    const p = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['kms:CreateGrant'], Resource: ['*'], Condition: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'true' } } }] };
    expect(() => evaluate(p, { action: 'kms:CreateGrant', resource: 'key', context: {} })).toThrow('iam-eval: condition BoolIfExists is not supported');
  });
});
