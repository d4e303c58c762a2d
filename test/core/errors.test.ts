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
