import { BackendKind, NoxusSecretsError, SecretBackend, VaultKvVersion } from '../../lib/core';

const SEGMENTS = ['noxus', 'pools', 'tenant-acme', 'OPENAI_API_KEY'];

describe('remote keys in each backend\'s alphabet', () => {
  test.each([
    [SecretBackend.awsSecretsManager({ region: 'eu-west-1' }), 'noxus/pools/tenant-acme/OPENAI_API_KEY'],
    [SecretBackend.awsParameterStore({ region: 'us-gov-west-1' }), '/noxus/pools/tenant-acme/OPENAI_API_KEY'],
    [SecretBackend.gcpSecretManager({ projectId: 'noxus-prod' }), 'noxus-pools-tenant-acme-OPENAI_API_KEY'],
    [SecretBackend.azureKeyVault({ vaultUrl: 'https://noxus-prod.vault.azure.net' }), 'noxus-pools-tenant-acme-OPENAI-API-KEY'],
    [SecretBackend.vault({ server: 'https://vault:8200' }), 'noxus/pools/tenant-acme/OPENAI_API_KEY'],
  ])('%#: %s', (backend, expected) => {
    const key = backend.remoteKey(SEGMENTS);
    expect(key).toBe(expected);
    expect(() => backend.assertRemoteKey('x', key)).not.toThrow();
  });
});

test('Vault keeps values in the field "value"; the others store plain strings', () => {
  expect(SecretBackend.vault({ server: 'http://vault:8200' }).valueProperty).toBe('value');
  expect(SecretBackend.awsSecretsManager({ region: 'eu-west-1' }).valueProperty).toBeUndefined();
});

test('defaults and normalisation', () => {
  const v = SecretBackend.vault({ server: 'https://vault:8200' });
  expect([v.kind, v.mountPath, v.version]).toEqual([BackendKind.VAULT, 'secret', VaultKvVersion.V2]);
  expect(SecretBackend.azureKeyVault({ vaultUrl: 'https://noxus-prod.vault.azure.net' }).vaultUrl).toBe('https://noxus-prod.vault.azure.net/');
  expect(SecretBackend.azureKeyVault({ vaultUrl: 'https://noxus-prod.vault.azure.net/' }).vaultName).toBe('noxus-prod');
});

describe('rejected remote keys', () => {
  test('AWS Secrets Manager: a space', () => {
    expect(() => SecretBackend.awsSecretsManager({ region: 'eu-west-1' }).assertRemoteKey('S', 'noxus/my key')).toThrow(
      'S: remote key "noxus/my key" is not a valid aws-secrets-manager secret name (1-512 of A-Z a-z 0-9 / _ + = . @ -). Shorten or rename it.');
  });
  test('AWS Secrets Manager: 513 characters', () => {
    expect(() => SecretBackend.awsSecretsManager({ region: 'eu-west-1' }).assertRemoteKey('S', 'a'.repeat(513))).toThrow('is not a valid aws-secrets-manager secret name');
  });
  test('GCP: a slash', () => {
    expect(() => SecretBackend.gcpSecretManager({ projectId: 'noxus-prod' }).assertRemoteKey('S', 'noxus/x')).toThrow(
      'S: remote key "noxus/x" is not a valid gcp-secret-manager secret name (1-255 of A-Z a-z 0-9 _ -). Shorten or rename it.');
  });
  test('Azure Key Vault: an underscore or 128 characters', () => {
    const b = SecretBackend.azureKeyVault({ vaultUrl: 'https://noxus-prod.vault.azure.net/' });
    expect(() => b.assertRemoteKey('S', 'OPENAI_API_KEY')).toThrow(
      'S: remote key "OPENAI_API_KEY" is not a valid azure-key-vault secret name (1-127 of 0-9 A-Z a-z - (case-insensitive)). ' +
      "Shorten or rename it, e.g. with '-' for '/' and '_'.");
    expect(() => b.assertRemoteKey('S', 'a'.repeat(128))).toThrow('is not a valid azure-key-vault secret name');
    expect(() => b.assertRemoteKey('S', 'a'.repeat(127))).not.toThrow();
  });
});

describe('required fields', () => {
  test('AWS region', () => {
    expect(() => SecretBackend.awsSecretsManager({ region: 'Ireland' })).toThrow(
      'SecretBackend.awsSecretsManager: region "Ireland" is not an AWS region code. Use e.g. "eu-west-1".');
    expect(() => SecretBackend.awsParameterStore({} as any)).toThrow(new NoxusSecretsError('SecretBackend.awsParameterStore: region is required, and it is missing. Pass e.g. region: "eu-west-1".'));
  });
  test('GCP projectID', () => {
    expect(() => SecretBackend.gcpSecretManager({ projectId: '123456789' })).toThrow(
      'SecretBackend.gcpSecretManager: projectId "123456789" is not a GCP project ID (6-30 of a-z, 0-9, \'-\', starting with a letter). ' +
      'Use the project ID, not its name or number, e.g. "noxus-prod".');
  });
  test('Azure vaultUrl', () => {
    expect(() => SecretBackend.azureKeyVault({ vaultUrl: 'https://ab.vault.azure.net/' })).toThrow(
      'SecretBackend.azureKeyVault: vaultUrl "https://ab.vault.azure.net/" is not a Key Vault URL (https://<name>.vault.azure.net/, ' +
      'name 3-24 of letters, digits and hyphens, starting with a letter). Use e.g. "https://noxus-prod.vault.azure.net/".');
  });
  test('Vault server, mount and version', () => {
    expect(() => SecretBackend.vault({ server: 'vault:8200' })).toThrow(
      'SecretBackend.vault: server "vault:8200" is not a Vault address (http:// or https:// URL). Use e.g. "https://vault.example.com:8200".');
    expect(() => SecretBackend.vault({ server: 'https://v', mountPath: '/secret/' })).toThrow(
      'SecretBackend.vault: mountPath "/secret/" is not a Vault path');
    expect(() => SecretBackend.vault({ server: 'https://v', version: 'v3' as VaultKvVersion })).toThrow(
      'SecretBackend.vault: version "v3" is not a KV version (v1, v2). Use VaultKvVersion.V2.');
  });
});
