import {
  ENV_NAME_MAX, assertDnsLabel, assertDnsSubdomain, assertEnvName, assertVaultPath, boundedText, isDnsLabel, isDnsSubdomain, isEnvName, isSecretKey,
  suggestDnsLabel, suggestEnvName,
} from '../../lib/core';

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

describe('Secret keys', () => {
  test.each(['A', 'a.b-c_D', '.env', 'x'.repeat(253)])('%j is one', k => expect(isSecretKey(k)).toBe(true));
  // apimachinery IsConfigMapKey: the character set, 253 at most, and no '.', '..' or leading '..' (each key is a file name in a volume).
  test.each(['', 'A B', 'a/b', '.', '..', '..a', 'x'.repeat(254), 'É'])('%j is not', k => expect(isSecretKey(k)).toBe(false));
});

describe('env names: the longest one still makes a Secret key with the scope prefix', () => {
  test('244 pass, 245 are an error', () => {
    expect(ENV_NAME_MAX + 'platform_'.length).toBe(253);
    expect(() => assertEnvName('PlatformSecret', 'name', 'A'.repeat(244))).not.toThrow();
    expect(() => assertEnvName('PlatformSecret', 'name', 'A'.repeat(245))).toThrow(
      `PlatformSecret: name "${'A'.repeat(20)}..." is 245 characters, and an env name is at most 244 ` +
      "(it becomes a Kubernetes Secret key, max 253, with the library's scope prefix of up to 9). Shorten it.");
  });
});

describe('derived names within their limit', () => {
  test('a short name stays; a long one keeps its start and ends in a hash of the whole, unique and a DNS label', () => {
    expect(boundedText('noxus-platform', 63)).toBe('noxus-platform');
    const a = boundedText(`noxus-pool-${'a'.repeat(63)}`, 63);
    const b = boundedText(`noxus-pool-${'a'.repeat(62)}b`, 63);
    expect([a.length, isDnsLabel(a), a === b]).toEqual([63, true, false]);
    expect(a).toMatch(/^noxus-pool-a+-[0-9a-f]{6}$/);
    expect(boundedText(`${'a'.repeat(55)}--------x`, 63)).toMatch(/^a{55}-[0-9a-f]{6}$/);
  });
});

describe('Vault paths', () => {
  test.each(['secret', 'kv/noxus', 'a_b.c-d', 'x..y'])('%j is one', p => expect(() => assertVaultPath('S', 'mountPath', p, 'secret')).not.toThrow());
  test.each(['', '/secret', 'secret/', 'a//b', '..', 'a/../b', './a', 'a b', 'a"b', 'a\nb'])('%j is not', p => {
    expect(() => assertVaultPath('S', 'mountPath', p, 'secret')).toThrow(
      `S: mountPath ${JSON.stringify(p)} is not a Vault path (segments of A-Z a-z 0-9 _ . - joined by '/', no leading or trailing '/', no '.' or '..' segment). Use e.g. "secret".`);
  });
});

