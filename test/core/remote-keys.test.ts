import { PlatformSecret, RemoteKeyScheme, SecretBackend, SecretScope, SecretsBlueprint } from '../../lib/core';
import { platform } from '../support/fixtures';

const SM = SecretBackend.awsSecretsManager({ region: 'eu-west-1' });
const AKV = SecretBackend.azureKeyVault({ vaultUrl: 'https://noxus-prod.vault.azure.net/' });

test('one key per scope placement: platform, workers and pools', () => {
  const scheme = new RemoteKeyScheme(platform(), SM);
  const all = scheme.all();
  expect(all).toHaveLength(13);
  expect(all.filter(e => !e.address.startsWith('platform/')).map(({ address, key }) => ({ address, key }))).toEqual([
    { address: 'pools/tenant-acme/OPENAI_API_KEY', key: 'noxus/pools/tenant-acme/OPENAI_API_KEY' },
    { address: 'workers/OPENAI_API_KEY', key: 'noxus/workers/OPENAI_API_KEY' },
  ]);
  expect(scheme.keyOf({ name: 'REDIS_URL', scope: SecretScope.GLOBAL, secret: platform().secret('REDIS_URL') })).toBe('noxus/platform/REDIS_URL');
});

test('the prefix and a per-secret override apply', () => {
  const scheme = new RemoteKeyScheme(platform(), SM, { prefix: 'noxus-prod', overrides: { 'workers/OPENAI_API_KEY': 'shared/openai' } });
  expect(scheme.all().find(e => e.address === 'workers/OPENAI_API_KEY')?.key).toBe('shared/openai');
  expect(scheme.all().find(e => e.address === 'platform/REDIS_URL')?.key).toBe('noxus-prod/platform/REDIS_URL');
});

test('an override the backend rejects is an error', () => {
  expect(() => new RemoteKeyScheme(platform(), AKV, { overrides: { 'workers/OPENAI_API_KEY': 'shared/openai' } })).toThrow(
    'RemoteKeyScheme workers/OPENAI_API_KEY: remote key "shared/openai" is not a valid azure-key-vault secret name');
});

test('an override for no entry is an error', () => {
  expect(() => new RemoteKeyScheme(platform(), SM, { overrides: { 'pools/acme/OPENAI_API_KEY': 'x' } })).toThrow(
    'RemoteKeyScheme: overrides names "pools/acme/OPENAI_API_KEY", which is no entry of the blueprint ' +
    "(addresses are 'platform/NAME', 'workers/NAME' or 'pools/<pool>/NAME'). Fix the address or remove the override.");
});

test('two entries on one remote key are an error, case-insensitively in Key Vault', () => {
  const bp = new SecretsBlueprint({
    secrets: [PlatformSecret.custom({ name: 'B_C' }), PlatformSecret.custom({ name: 'C' })],
    pools: [{ name: 'a', secrets: ['B_C'] }, { name: 'a-b', secrets: ['C'] }],
  });
  expect(() => new RemoteKeyScheme(bp, AKV)).toThrow(
    'RemoteKeyScheme: pools/a/B_C and pools/a-b/C map to the same remote key "noxus-pools-a-b-C" (the backend ignores case), ' +
    "so one would read the other's value. Give one of them its own key in remoteKeys overrides.");
  expect(() => new RemoteKeyScheme(bp, SM)).not.toThrow();
});

test('a bad prefix is an error', () => {
  expect(() => new RemoteKeyScheme(platform(), SM, { prefix: 'Noxus/' })).toThrow(
    'RemoteKeyScheme: prefix "Noxus/" is not a key prefix (1-32 of a-z, 0-9, \'-\', not starting or ending with \'-\'; ' +
    'it must be valid in every backend). Use e.g. "noxus-prod".');
});

test('a worker-only key that every pool overrides keeps its remote key (found by the property tests)', () => {
  const a = PlatformSecret.custom({ name: 'A' });
  const bp = new SecretsBlueprint({ secrets: [a], global: ['A'], workerOnly: ['A'], allowWorkerOnlyOverride: ['A'], pools: [{ name: 'p', secrets: ['A'], allowOverride: ['A'] }] });
  expect(new RemoteKeyScheme(bp, SM).all().map(e => [e.address, e.key, e.entry.scope])).toEqual([
    ['platform/A', 'noxus/platform/A', SecretScope.GLOBAL],
    ['pools/p/A', 'noxus/pools/p/A', SecretScope.POOL],
    ['workers/A', 'noxus/workers/A', SecretScope.WORKER_ONLY],
  ]);
});
