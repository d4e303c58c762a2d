import * as fc from 'fast-check';
import { NoxusService, SecretBackend, SecretsBlueprint, SecretsContract, SourceSecret, ValueSource, WorkloadIdentity } from '../../lib/core';
import { goQueryEscape } from '../support/eso-reconcile';
import { platform, platformProps } from '../support/fixtures';

const SM = SecretBackend.awsSecretsManager({ region: 'eu-west-1' });
const IRSA = WorkloadIdentity.irsa({ accountId: '123456789012' });
const RDS = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-0123-AbCdEf';
const db = () => new SourceSecret({ key: RDS, keys: ['username', 'password'] });

/** What ESO's `urlquery | replace "+" "%20"` pipeline writes (sprig's replace is strings.Replace(src, old, new, -1)). */
const urlUserinfo = (s: string) => goQueryEscape(s).split('+').join('%20');

describe('composed values', () => {
  test('urlUserinfo: any password, composed as ESO would, reads back unchanged through a URL parser', () => {
    const hostile = ['p@ss:w/rd%', 'a b+c', 'ü#?&=', '%2B', '+', ' ', "!'()*"];
    for (const password of hostile) {
      const url = new URL(`postgresql://${urlUserinfo('noxus_admin')}:${urlUserinfo(password)}@h:5432/noxus`);
      expect([password, decodeURIComponent(url.password)]).toEqual([password, password]);
    }
    fc.assert(fc.property(fc.string({ minLength: 1, maxLength: 64, unit: 'grapheme' }), fc.string({ minLength: 1, maxLength: 32, unit: 'grapheme' }), (password, user) => {
      const url = new URL(`postgresql://${urlUserinfo(user)}:${urlUserinfo(password)}@h:5432/noxus`);
      return decodeURIComponent(url.password) === password && decodeURIComponent(url.username) === user && url.hostname === 'h';
    }), { numRuns: 300 });
  });

  test('plain urlquery would not do: a space in a password becomes "+", which a URL reads as "+"', () => {
    const url = new URL(`postgresql://u:${goQueryEscape('a b')}@h/db`);
    expect(decodeURIComponent(url.password)).toBe('a+b');
  });

  test('fromSecretKeys: the template may read only declared keys of declared sources, through the listed functions', () => {
    const sources = { db: db() };
    expect(() => ValueSource.fromSecretKeys({ sources, template: 'x{{ .db.host }}' })).toThrow(
      'ValueSource.fromSecretKeys: template reads "host" of source "db", which provides username, password. Add the key to the source\'s keys, or fix the name.');
    expect(() => ValueSource.fromSecretKeys({ sources, template: '{{ .cache.password }}' })).toThrow(
      'ValueSource.fromSecretKeys: template reads source "cache", which is not one of its sources (db). Add it to sources or fix the name.');
    expect(() => ValueSource.fromSecretKeys({ sources, template: '{{ .db.password | sha256sum }}' })).toThrow('template pipes "sha256sum"');
    // Anything else of Go's template language is refused: user text never becomes template code.
    for (const code of ['{{ range . }}x{{ end }}', '{{ env "HOME" }}', '{{- .db.password -}}', '{{ .db.password }', '{{ printf "%s" .db.password }}']) {
      expect(() => ValueSource.fromSecretKeys({ sources, template: code })).toThrow('ValueSource.fromSecretKeys: template');
    }
  });

  test('literals written into a URL are checked; references pass as they are', () => {
    expect(() => ValueSource.postgresUrl({ source: db(), host: 'h{{ .x }}', database: 'noxus' })).toThrow('ValueSource.postgresUrl: host "h{{ .x }}" is not a host name');
    expect(() => ValueSource.postgresUrl({ source: db(), host: 'h', database: 'no xus' })).toThrow('database "no xus" is not a database name');
    expect(() => ValueSource.postgresUrl({ source: db(), host: 'h', port: 70000, database: 'noxus' })).toThrow('port 70000 is not a TCP port');
    expect(() => ValueSource.postgresUrl({ source: db(), host: 'h', database: 'noxus', options: { sslmode: 'require&x={{' } })).toThrow('is not a query parameter');
    expect(() => new SourceSecret({ key: RDS, keys: ['pass word'] })).toThrow('SourceSecret: key "pass word"');
  });
});

describe('in a contract', () => {
  const blueprint = () => platform();

  test('a composed value has no remote key of its own; its store lists the source', () => {
    const contract = new SecretsContract({
      blueprint: blueprint(), backend: SM, identity: IRSA, namespace: 'noxus',
      values: { POSTGRESQL_URL: ValueSource.postgresUrl({ source: db(), host: 'h', database: 'noxus' }), PLUGIN_SERVER_API_KEY: ValueSource.generated() },
    });
    const shared = contract.sharedStore!;
    expect(shared.remoteKeys.map(k => k.address)).not.toContain('platform/POSTGRESQL_URL');
    expect(shared.remoteKeys.map(k => k.address)).not.toContain('platform/PLUGIN_SERVER_API_KEY');
    expect(shared.remoteKeys).toHaveLength(9);
    expect(shared.composed.map(c => [c.entry.name, c.value.origin])).toEqual([['PLUGIN_SERVER_API_KEY', 'generated'], ['POSTGRESQL_URL', 'from-secret-keys']]);
    expect(shared.sourceSecrets.map(s => s.key)).toEqual([RDS]);
    expect(contract.poolStore('default').sourceSecrets).toEqual([]);
    expect(contract.withIdentity(IRSA).values).toBe(contract.values);
  });

  test('an address wins over the name', () => {
    const contract = new SecretsContract({
      blueprint: blueprint(), backend: SM, identity: IRSA, namespace: 'noxus',
      values: { OPENAI_API_KEY: ValueSource.manual(), 'pools/tenant-acme/OPENAI_API_KEY': ValueSource.fromSecretKeys({ sources: { k: new SourceSecret({ key: 'x', keys: ['key'] }) }, template: '{{ .k.key }}' }) },
    });
    expect(contract.poolStore('tenant-acme').composed.map(c => c.address)).toEqual(['pools/tenant-acme/OPENAI_API_KEY']);
    expect(contract.poolStore('default').composed).toEqual([]);
  });

  test('bad input: an unknown name, a source in another backend, a generated value in two Secrets', () => {
    const make = (values: Record<string, ValueSource>) => new SecretsContract({ blueprint: blueprint(), backend: SM, identity: IRSA, namespace: 'noxus', values });
    expect(() => make({ POSTGRES_URL: ValueSource.generated() })).toThrow(
      'SecretsContract: values names "POSTGRES_URL", which is no secret of the blueprint and no address a store reads (did you mean "POSTGRESQL_URL"?).');
    const vaultSource = new SourceSecret({ key: 'db/creds', keys: ['username', 'password'], backend: SecretBackend.vault({ server: 'https://v' }).kind });
    expect(() => make({ POSTGRESQL_URL: ValueSource.postgresUrl({ source: vaultSource, host: 'h', database: 'd' }) })).toThrow(
      'SecretsContract: values["POSTGRESQL_URL"] reads source "db" from backend "vault", but its store reads "aws-secrets-manager" (one store, one backend).');
    // OPENAI_API_KEY is worker-only: every pool's Secret holds it, and each would generate its own.
    expect(() => make({ OPENAI_API_KEY: ValueSource.generated() })).toThrow(
      'SecretsContract: OPENAI_API_KEY is generated, but the stores pool-default, pool-tenant-acme all hold it, and each would generate its own value');
    expect(() => new SecretsContract({ blueprint: blueprint(), values: { PLUGIN_SERVER_API_KEY: ValueSource.generated() } })).toThrow(
      'SecretsContract: values["PLUGIN_SERVER_API_KEY"] is generated, which External Secrets Operator does from the backend, but the contract has no backend.');
  });

  test('a generated global value is one value for every service: all read the one shared Secret', () => {
    const contract = new SecretsContract({ blueprint: new SecretsBlueprint(platformProps()), backend: SM, identity: IRSA, namespace: 'noxus', values: { PLUGIN_SERVER_API_KEY: ValueSource.generated() } });
    const holders = contract.stores.filter(s => s.composed.some(c => c.entry.name === 'PLUGIN_SERVER_API_KEY')).map(s => s.id);
    expect(holders).toEqual(['platform']);
    expect(contract.blueprint.environmentOf(NoxusService.BACKEND).some(e => e.name === 'PLUGIN_SERVER_API_KEY')).toBe(true);
  });
});
