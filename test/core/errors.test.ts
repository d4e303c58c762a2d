import { NoxusSecretsError } from '../../lib/core';

test('the construct path prefixes the message and is kept on the error', () => {
  const e = NoxusSecretsError.at('app/secrets', 'boom');
  expect(e).toBeInstanceOf(Error);
  expect(e.name).toBe('NoxusSecretsError');
  expect(e.message).toBe('[app/secrets] boom');
  expect(e.constructPath).toBe('app/secrets');
});

test('without a path the message is unchanged', () => {
  expect(new NoxusSecretsError('boom').message).toBe('boom');
});

test('within() returns the check\'s result, or throws its message again with the construct path', () => {
  expect(NoxusSecretsError.within('app/x', () => 42)).toBe(42);
  expect(() => NoxusSecretsError.within('app/x', () => { throw new NoxusSecretsError('Subject: bad value'); })).toThrow('[app/x] Subject: bad value');
});
