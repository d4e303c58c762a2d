import { NoxusSecretsError, PlatformSecret, RotationPeriod, SecretCategory } from '../../lib/core';

describe('defaults', () => {
  test('a custom secret is CUSTOM, required, not high-risk and not rotated', () => {
    const s = PlatformSecret.custom({ name: 'BANK_API_TOKEN' });
    expect([s.category, s.optional, s.highRisk, s.rotation]).toEqual([SecretCategory.CUSTOM, false, false, undefined]);
  });

  test.each([SecretCategory.AI_PROVIDER, SecretCategory.IDENTITY])('%s secrets are high-risk and rotate every 90 days', category => {
    const s = PlatformSecret.custom({ name: 'K', category });
    expect(s.highRisk).toBe(true);
    expect(s.rotation?.days).toBe(90);
  });

  test('an explicit highRisk: false wins over the category default', () => {
    expect(PlatformSecret.custom({ name: 'K', category: SecretCategory.AI_PROVIDER, highRisk: false }).rotation).toBeUndefined();
  });
});

describe('rotation', () => {
  test.each([1, 365])('%d days is allowed for a normal secret', days => {
    expect(PlatformSecret.custom({ name: 'K', rotation: RotationPeriod.days(days) }).rotation?.days).toBe(days);
  });

  test.each([0, 366, 1.5])('%d days is out of range', days => {
    expect(() => PlatformSecret.custom({ name: 'K', rotation: RotationPeriod.days(days) })).toThrow(
      `PlatformSecret "K": rotation ${days} days is out of range (a whole number of days from 1 to 365). Use e.g. RotationPeriod.days(90).`);
  });

  test('a high-risk secret may rotate every 30 to 90 days', () => {
    expect(PlatformSecret.custom({ name: 'K', highRisk: true, rotation: RotationPeriod.days(30) }).rotation?.days).toBe(30);
  });

  test('a high-risk secret rotated every 120 days is an error', () => {
    expect(() => PlatformSecret.custom({ name: 'K', highRisk: true, rotation: RotationPeriod.days(120) })).toThrow(
      'PlatformSecret "K": rotation 120 days is out of range for a high-risk secret (30 to 90 days). ' +
      'Use e.g. RotationPeriod.days(90), or set highRisk: false if a leak is cheap.');
  });

  test('a high-risk secret rotated every 7 days suggests the minimum', () => {
    expect(() => PlatformSecret.custom({ name: 'K', highRisk: true, rotation: RotationPeriod.days(7) })).toThrow(
      'PlatformSecret "K": rotation 7 days is out of range for a high-risk secret (30 to 90 days). ' +
      'Use e.g. RotationPeriod.days(30), or set highRisk: false if a leak is cheap.');
  });
});

describe('with()', () => {
  test('returns a changed copy and leaves the original alone', () => {
    const base = PlatformSecret.custom({ name: 'K', highRisk: true, description: 'd' });
    const copy = base.with({ rotation: RotationPeriod.days(30) });
    expect(copy.rotation?.days).toBe(30);
    expect(copy.description).toBe('d');
    expect(base.rotation?.days).toBe(90);
  });

  test('the copy is validated again', () => {
    expect(() => PlatformSecret.custom({ name: 'K', rotation: RotationPeriod.days(200) }).with({ highRisk: true }))
      .toThrow('PlatformSecret "K": rotation 200 days is out of range for a high-risk secret');
  });
});

test('an invalid name is rejected at declaration', () => {
  expect(() => PlatformSecret.custom({ name: 'openai.key' })).toThrow(
    'PlatformSecret "openai.key": name "openai.key" is not a valid environment variable name');
});

describe('booleans and kinds from a JavaScript caller are refused by name, not taken as true', () => {
  test.each([
    [{ highRisk: 'false' }, 'PlatformSecret "A": highRisk "false" is not a boolean (true or false, not a string or number). Pass e.g. highRisk: true, or leave it out.'],
    [{ highRisk: 0 }, 'PlatformSecret "A": highRisk 0 is not a boolean (true or false, not a string or number). Pass e.g. highRisk: true, or leave it out.'],
    [{ optional: 'yes' }, 'PlatformSecret "A": optional "yes" is not a boolean (true or false, not a string or number). Pass e.g. optional: true, or leave it out.'],
    [{ category: 'ai' }, 'PlatformSecret "A": category "ai" is not a SecretCategory (infrastructure, identity, ai-provider, integration, observability, custom). Use e.g. SecretCategory.AI_PROVIDER.'],
    [{ rotation: 30 }, 'PlatformSecret "A": rotation 30 is not a RotationPeriod. Use e.g. RotationPeriod.days(90).'],
  ])('%j', (props, message) => {
    expect(() => PlatformSecret.custom({ name: 'A', ...(props as object) })).toThrow(new NoxusSecretsError(message));
    expect(() => PlatformSecret.custom({ name: 'A', ...(props as object) })).toThrow(NoxusSecretsError);
  });

  test('RotationPeriod.days takes a number', () => {
    expect(() => RotationPeriod.days('30' as any)).toThrow(new NoxusSecretsError('RotationPeriod.days: days "30" is not a number. Use e.g. RotationPeriod.days(90).'));
  });

  test('with() takes an object', () => {
    expect(() => PlatformSecret.custom({ name: 'A' }).with(null as any))
      .toThrow(new NoxusSecretsError('PlatformSecret "A": with: props null is not an object. Pass { rotation: RotationPeriod.days(30) }.'));
  });
});
