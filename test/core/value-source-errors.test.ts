import { Chart } from 'cdk8s';
import { Token } from 'cdktf';
import { ExternalSecretStore, ExternalSecretSync, NoxusPlatformSecrets, SecretBackend, SecretsContract, SourceSecret, ValueSource, WorkloadIdentity, NoxusApp } from '../../lib';
import { celString } from '../../lib/k8s/admission-guard';
import { IRdsWithManagedPassword, postgresUrlFromRds } from '../../lib/terraform/aws';
import { platform } from '../support/fixtures';

// Every error the values, the guard and the identity's role path add: the field, the value, the rule, the fix.

const SM = SecretBackend.awsSecretsManager({ region: 'eu-west-1' });
const IRSA = WorkloadIdentity.irsa({ accountId: '123456789012' });
const src = new SourceSecret({ key: 'db', keys: ['password'] });
const rds = (extra: Partial<IRdsWithManagedPassword>) => ({
  node: { path: 'x/Db' }, manageMasterUserPasswordInput: true, masterUserSecret: { get: () => ({ secretArn: 'a', kmsKeyId: 'k' }) }, port: 5432, ...extra,
}) as IRdsWithManagedPassword;

const composedFrom = (key: string) => new SecretsContract({
  blueprint: platform(), backend: SM, identity: IRSA,
  values: { POSTGRESQL_URL: ValueSource.postgresUrl({ source: new SourceSecret({ key, keys: ['username', 'password'] }), host: 'db.internal', database: 'noxus' }) },
});

test('a composed value may read a secret outside the library\'s keys, or a key its own store holds', () => {
  expect(() => composedFrom('rds/noxus-db')).not.toThrow();
  expect(() => composedFrom('noxus/platform/REDIS_PASSWORD')).not.toThrow();
  expect(() => composedFrom('arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-1234-AbC123')).not.toThrow();
});

test.each<[string, () => unknown, string | RegExp]>([
  ['rolePath', () => WorkloadIdentity.irsa({ accountId: '123456789012', rolePath: 'noxus' }),
    'WorkloadIdentity.irsa: rolePath "noxus" is not an IAM path (starts and ends with \'/\', 1-512 printable ASCII). Use e.g. "/noxus/".'],
  ['rolePath with "//"', () => WorkloadIdentity.irsa({ accountId: '123456789012', rolePath: '//' }),
    'WorkloadIdentity.irsa: rolePath "//" is not an IAM path (starts and ends with \'/\', 1-512 printable ASCII). Use e.g. "/noxus/".'],
  ['rolePath with a template', () => WorkloadIdentity.irsa({ accountId: '123456789012', rolePath: '/${var.team}/' }),
    'WorkloadIdentity.irsa: rolePath "/${var.team}/" holds "${", which Terraform would evaluate as a template (the value would not reach the cloud as written). ' +
    'Write the literal value, or pass a reference as a token (e.g. role.arn, new TerraformVariable(...).stringValue), not "${...}" text.'],
  ['rolePath as a Terraform reference', () => WorkloadIdentity.eksPodIdentity({ accountId: '123456789012', rolePath: Token.asString({ Ref: 'path' }) }),
    /^WorkloadIdentity\.eksPodIdentity: rolePath is a Terraform reference \(\$\{TfToken\[TOKEN\.\d+\]\}\); it must be a literal, as the admission guard writes the role ARNs it is part of and splits them by length\. Write the path, e\.g\. "\/noxus\/"\.$/],
  ['a guard name that is not ASCII', () => celString('ü'), 'admission guard: "ü" is not printable ASCII and cannot be written into CEL safely.'],
  ['values not an object', () => new SecretsContract({ blueprint: platform(), backend: SM, identity: IRSA, values: null as any }),
    'SecretsContract: values is not an object. Pass { NAME: ValueSource... }.'],
  ['a value that is not a ValueSource', () => new SecretsContract({ blueprint: platform(), backend: SM, identity: IRSA, values: { REDIS_URL: 'x' as any } }),
    'SecretsContract: values["REDIS_URL"] is not a ValueSource. Use ValueSource.postgresUrl(...), fromSecretKeys(...), generated() or manual().'],
  ['a source name the backend refuses', () => new SecretsContract({
    blueprint: platform(), backend: SM, identity: IRSA, values: { REDIS_URL: ValueSource.redisUrl({ source: new SourceSecret({ key: 'bad key!', keys: ['password'] }), host: 'h' }) },
  }), 'SecretsContract: values["REDIS_URL"] source "cache": remote key "bad key!" is not a valid aws-secrets-manager secret name (1-512 of A-Z a-z 0-9 / _ + = . @ -). Shorten or rename it.'],
  ['SourceSecret without props', () => new SourceSecret(null as any), 'SourceSecret: props are missing. Pass { key, keys }.'],
  ['SourceSecret without key', () => new SourceSecret({ key: '', keys: ['a'] }),
    'SourceSecret: key is required (the secret\'s name, ARN or path in the backend, or a Terraform reference to it).'],
  ['SourceSecret without keys', () => new SourceSecret({ key: 'k', keys: [] }),
    'SourceSecret: keys is required: the JSON keys of "k" that templates read, e.g. [\'username\', \'password\'].'],
  ['an empty template', () => ValueSource.fromSecretKeys({ sources: { db: src }, template: '' }),
    'ValueSource.fromSecretKeys: template is empty. Give the value\'s text, e.g. \'postgresql://{{ .db.username }}@...\'.'],
  ['an unclosed action', () => ValueSource.fromSecretKeys({ sources: { db: src }, template: 'a{{ .db.password' }),
    'ValueSource.fromSecretKeys: template has a \'{{\' without \'}}\' at character 1. Close the action.'],
  ['template code', () => ValueSource.fromSecretKeys({ sources: { db: src }, template: '{{ env "HOME" }}' }),
    'ValueSource.fromSecretKeys: template action {{ env "HOME" }} is not {{ .<source>.<key> }} with optional functions (urlquery, urlUserinfo, lower, upper, trim, ' +
    'b64enc, b64dec). Only a source\'s keys can be read; write other text outside {{ }}.'],
  ['an unknown function', () => ValueSource.fromSecretKeys({ sources: { db: src }, template: '{{ .db.password | sha256sum }}' }),
    'ValueSource.fromSecretKeys: template pipes "sha256sum", which is not one of urlquery, urlUserinfo, lower, upper, trim, b64enc, b64dec. Use one of those.'],
  ['a control character', () => ValueSource.fromSecretKeys({ sources: { db: src }, template: 'a\nb{{ .db.password }}' }),
    'ValueSource.fromSecretKeys: template text has a control character. Remove it.'],
  ['no sources', () => ValueSource.fromSecretKeys({ sources: {}, template: 'x' }),
    'ValueSource.fromSecretKeys: sources is required (at least one SourceSecret, by name). Pass { sources: { db: new SourceSecret({ key, keys }) }, template }.'],
  ['a source name that is no template name', () => ValueSource.fromSecretKeys({ sources: { '1db': src }, template: 'x' }),
    'ValueSource.fromSecretKeys: source name "1db" is not a template name (1-32 of A-Z a-z 0-9 _, a letter first). Use e.g. "db".'],
  ['a source that is not a SourceSecret', () => ValueSource.fromSecretKeys({ sources: { db: {} as any }, template: 'x' }),
    'ValueSource.fromSecretKeys: sources.db is not a SourceSecret. Build it with new SourceSecret({ key, keys }).'],
  ['a Redis database out of range', () => ValueSource.redisUrl({ source: src, host: 'h', database: 16 }), 'ValueSource.redisUrl: database 16 is not a Redis database number (0-15).'],
  ['a short password', () => ValueSource.generated({ length: 8 }), 'ValueSource.generated: length 8 is not 16 to 256. Use e.g. 48.'],
  ['more digits than length', () => ValueSource.generated({ digits: 99 }), 'ValueSource.generated: digits 99 is not 0 to the length (48).'],
  ['symbol characters with "{"', () => ValueSource.generated({ symbolCharacters: '#{' }),
    'ValueSource.generated: symbolCharacters "#{" has \'{\': the env Secret\'s ExternalSecret reads a generated value as template text (ESO\'s templateFrom), ' +
    "where '{{' would start an action. Leave '{' out."],
  ['symbol characters with a space', () => ValueSource.generated({ symbolCharacters: 'a b' }),
    'ValueSource.generated: symbolCharacters "a b" is not 1-64 printable ASCII characters without spaces.'],
  ['an RDS resource with no host', () => postgresUrlFromRds(rds({}), { database: 'd' }), 'postgresUrlFromRds: x/Db has neither address (DbInstance) nor endpoint (RdsCluster).'],
  ['an RDS URL without a database', () => postgresUrlFromRds(rds({ address: 'h' }), { database: 5 as any }), 'postgresUrlFromRds: database 5 is not a string, and it is the name in the URL. Pass e.g. database: "noxus".'],
  ['an RDS URL with no database given', () => postgresUrlFromRds(rds({ address: 'h' }), {} as any), 'postgresUrlFromRds: database is missing, and it is the name in the URL. Pass e.g. database: "noxus".'],
  ['a composed value sourcing another pool\'s key', () => composedFrom('noxus/pools/tenant-acme/OPENAI_API_KEY'),
    'SecretsContract: POSTGRESQL_URL of store "platform" is composed from source "db" "noxus/pools/tenant-acme/OPENAI_API_KEY", the remote key of ' +
    'pools/tenant-acme/OPENAI_API_KEY, which the store does not read: a composed value is read with its store\'s identity into its store\'s Secret, ' +
    'so it would carry another store\'s secret into this one. Compose it from a secret outside the library\'s keys (e.g. the one RDS manages), or from a key this store holds.'],
  ['a composed value sourcing a key under the pools folder that no store has yet', () => composedFrom('noxus/pools/other/X'),
    'SecretsContract: POSTGRESQL_URL of store "platform" is composed from source "db" "noxus/pools/other/X", under the library\'s folder "noxus/pools/", ' +
    'which the store does not read: a composed value is read with its store\'s identity into its store\'s Secret, so it would carry another store\'s secret ' +
    'into this one. Compose it from a secret outside the library\'s keys (e.g. the one RDS manages), or from a key this store holds.'],
  ['a composed value sourcing another store\'s key by its ARN', () => composedFrom('arn:aws:secretsmanager:eu-west-1:123456789012:secret:noxus/workers/OPENAI_API_KEY-AbC123'),
    'SecretsContract: POSTGRESQL_URL of store "platform" is composed from source "db" "arn:aws:secretsmanager:eu-west-1:123456789012:secret:noxus/workers/OPENAI_API_KEY-AbC123", ' +
    'the remote key of workers/OPENAI_API_KEY, which the store does not read: a composed value is read with its store\'s identity into its store\'s Secret, ' +
    'so it would carry another store\'s secret into this one. Compose it from a secret outside the library\'s keys (e.g. the one RDS manages), or from a key this store holds.'],
])('%s', (_name, run, message) => {
  expect(run).toThrow(message);
});

test('a template of your own on a store\'s ExternalSecret', () => {
  const c = new SecretsContract({
    blueprint: platform(), backend: SM, identity: IRSA, namespace: 'noxus', values: { REDIS_URL: ValueSource.redisUrl({ source: src, host: 'h' }) },
  });
  const chart = new Chart(new NoxusApp(), 'c');
  const store = new ExternalSecretStore(chart, 'st', { store: c.sharedStore! });
  expect(() => new ExternalSecretSync(chart, 'es', { store, contractStore: c.sharedStore!, targetSecretName: 'app-env', template: { data: { A: 'b' } } })).toThrow(
    '[c/es] ExternalSecretSync "app-env": the store\'s keys are written through the library\'s template (a required key that is not set fails the sync, ' +
    'an optional one is left out, composed and generated values are rendered), so a template of your own cannot be added. Write your template into another Secret.');
});

test('admissionGuard: true where ESO writes no env Secret', () => {
  expect(() => new NoxusPlatformSecrets(new NoxusApp(), 's', { contract: new SecretsContract({ blueprint: platform(), namespace: 'noxus' }), admissionGuard: true })).toThrow(
    '[s] NoxusPlatformSecrets: admissionGuard is on, but ESO does not write the env Secrets (the source is not externalSecrets), so there are no stores to guard. ' +
    'Use EnvSecretSource.externalSecrets(), or turn admissionGuard off.');
});
