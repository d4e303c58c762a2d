import { assertDnsLabel, assertDnsSubdomain, assertEnvName, isDnsLabel, isDnsSubdomain, isEnvName, isUnresolvedToken, suggestDnsLabel, suggestEnvName } from '../../lib/core';

describe('env names', () => {
  test.each(['POSTGRESQL_URL', '_X', 'A1_B2'])('%s is valid', n => expect(isEnvName(n)).toBe(true));
  test.each(['postgres_url', '1ABC', 'A-B', '', 'A B'])('%j is not', n => expect(isEnvName(n)).toBe(false));

  test('a bad name is an error naming the field, value, rule and fix', () => {
    expect(() => assertEnvName('PlatformSecret "openai-key"', 'name', 'openai-key')).toThrow(
      'PlatformSecret "openai-key": name "openai-key" is not a valid environment variable name ' +
      "(UPPER_SNAKE C identifier: A-Z, 0-9, '_', not starting with a digit). Use e.g. \"OPENAI_KEY\".");
  });

  test('suggestions are themselves valid', () => {
    expect(suggestEnvName('9lives')).toBe('_9LIVES');
    expect(isEnvName(suggestEnvName('my key!'))).toBe(true);
  });
});

describe('Kubernetes names', () => {
  test('labels: 63 characters pass, 64 fail', () => {
    expect(isDnsLabel('a'.repeat(63))).toBe(true);
    expect(isDnsLabel('a'.repeat(64))).toBe(false);
  });
  test.each(['Finance', 'a_b', '-a', 'a-', 'a.b', ''])('%j is not a label', n => expect(isDnsLabel(n)).toBe(false));
  test('subdomains allow dots, labels do not', () => {
    expect(isDnsSubdomain('noxus.app-env')).toBe(true);
    expect(isDnsSubdomain('a..b')).toBe(false);
    expect(isDnsSubdomain('a'.repeat(254))).toBe(false);
  });

  test('the label error shows value, rule and a valid suggestion', () => {
    expect(() => assertDnsLabel("WorkerPool 'finance'", 'pool name', 'Finance_1')).toThrow(
      "WorkerPool 'finance': pool name \"Finance_1\" is not a valid Kubernetes name " +
      "(lowercase RFC 1123 label: a-z, 0-9, '-'; max 63). Use e.g. \"finance-1\".");
    expect(isDnsLabel(suggestDnsLabel('--Über__Pool--'))).toBe(true);
  });

  test('the subdomain error carries the construct path', () => {
    expect(() => assertDnsSubdomain('X', 'secretName', 'App_Env', 'chart/secrets')).toThrow(
      "[chart/secrets] X: secretName \"App_Env\" is not a valid Kubernetes object name " +
      "(lowercase RFC 1123 subdomain: a-z, 0-9, '-', '.'; max 253). Use e.g. \"app-env\".");
  });
});

test('a token is what cdktf encodes (a string, a list element), not text that starts like one', () => {
  const { Token } = require('cdktf');
  expect(isUnresolvedToken(Token.asString({ Ref: 'x' }))).toBe(true);
  expect(isUnresolvedToken(`arn:aws:iam::${Token.asString({ Ref: 'account' })}:role/x`)).toBe(true);
  expect(isUnresolvedToken(Token.asList({ Ref: 'xs' })[0])).toBe(true);
  expect(isUnresolvedToken('arn:aws:iam::123456789012:role/${TfToken[/x')).toBe(false);
  expect(isUnresolvedToken('${TfToken[TOKEN.x]}')).toBe(false);
});
