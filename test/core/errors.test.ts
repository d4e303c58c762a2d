import { NoxusSecretsError, PlatformSecret, SecretsBlueprint, SecretsContract, SourceSecret, ValueSource, WorkloadIdentity, assertKind, assertRequired, assertRequiredKind, shown } from '../../lib/core';

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

describe('what a JavaScript caller passes is named in the message', () => {
  test('shown: JSON where it can, the kind otherwise, long values cut', () => {
    expect([shown(undefined), shown(null), shown(42), shown(NaN), shown('x'), shown([1]), shown({ a: 1 }), shown(new Map()), shown(() => 1)])
      .toEqual(['undefined', 'null', '42', 'NaN', '"x"', '[1]', '{"a":1}', 'a Map', 'a function']);
    expect(shown('y'.repeat(100))).toBe(`"${'y'.repeat(76)}...`);
  });

  test('assertRequired names the field, what it got and the fix', () => {
    expect(() => assertRequired('S', 'region', undefined, '"eu-west-1"')).toThrow(new NoxusSecretsError('S: region is required, and it is missing. Pass e.g. region: "eu-west-1".'));
    expect(() => assertRequired('S', 'region', null, '"eu-west-1"', 'app/x')).toThrow(new NoxusSecretsError('S: region is required, and it is null. Pass e.g. region: "eu-west-1".', 'app/x'));
    expect(() => assertRequired('S', 'region', '', '"eu-west-1"')).toThrow(new NoxusSecretsError('S: region is required, and it is "". Pass e.g. region: "eu-west-1".'));
  });

  test('assertKind refuses a value of another kind, and lets undefined through', () => {
    expect(() => assertKind('S', 'optional', undefined, 'boolean', 'true')).not.toThrow();
    expect(() => assertKind('S', 'optional', 'true', 'boolean', 'true'))
      .toThrow(new NoxusSecretsError('S: optional "true" is not a boolean (true or false, not a string or number). Pass e.g. optional: true, or leave it out.'));
    expect(() => assertKind('S', 'secrets', {}, 'list', '[]')).toThrow(new NoxusSecretsError('S: secrets {} is not a list. Pass e.g. secrets: [], or leave it out.'));
    expect(() => assertKind('S', 'tags', [], 'object', '{}')).toThrow(new NoxusSecretsError('S: tags [] is not an object. Pass e.g. tags: {}, or leave it out.'));
    expect(() => assertKind('S', 'port', NaN, 'number', '5432')).toThrow(new NoxusSecretsError('S: port NaN is not a number. Pass e.g. port: 5432, or leave it out.'));
    expect(() => assertRequiredKind('S', 'name', 7, 'string', '"a"')).toThrow(new NoxusSecretsError('S: name 7 is not a string. Pass e.g. name: "a".'));
  });
});

describe('exact messages of the checks added for JavaScript callers', () => {
  test.each([
    [() => WorkloadIdentity.vaultKubernetes({ audience: 1 as any }),
      'WorkloadIdentity.vaultKubernetes: audience 1 is not a string. Pass e.g. audience: "vault", or leave it out.'],
    [() => new SecretsContract({ blueprint: new SecretsBlueprint({ secrets: [PlatformSecret.custom({ name: 'A' })], global: ['A'] }), backend: 'aws' as any }),
      'SecretsContract: backend "aws" is not a secret backend. Use e.g. SecretBackend.awsSecretsManager({ region: "eu-west-1" }), or leave it out.'],
    [() => ValueSource.redisUrl({ source: new SourceSecret({ key: 'k', keys: ['password'] }), host: 'h', tls: 'false' as any }),
      'ValueSource.redisUrl: tls "false" is not a boolean (true or false, not a string or number). Pass e.g. tls: false, or leave it out.'],
    [() => ValueSource.generated({ symbolCharacters: 5 as any }),
      'ValueSource.generated: symbolCharacters 5 is not a string. Pass e.g. symbolCharacters: "-_", or leave it out.'],
  ])('%#', (call, message) => {
    expect(call).toThrow(new NoxusSecretsError(message));
  });
});
