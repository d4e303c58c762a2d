import { NoxusPlatformSecrets, NoxusSecretsError, ReloadStrategy, SecretBackend, SecretsContract, WorkloadIdentity, NoxusApp } from '../../lib';
import { platform } from '../support/fixtures';
import { reloaderAnnotations } from '../../lib/k8s/reload-strategy';

test.each([
  [ReloadStrategy.NONE, {}],
  [ReloadStrategy.AUTO, { 'reloader.stakater.com/auto': 'true' }],
  [ReloadStrategy.NAMED_SECRETS, { 'secret.reloader.stakater.com/reload': 'a,b' }],
])('%s', (strategy, expected) => {
  expect(reloaderAnnotations(strategy, ['a', 'b'])).toEqual(expected);
});

test('an unknown strategy from a JavaScript caller is the library\'s error, naming the strategies', () => {
  const contract = new SecretsContract({ blueprint: platform(), namespace: 'noxus', backend: SecretBackend.awsSecretsManager({ region: 'eu-west-1' }), identity: WorkloadIdentity.irsa({ accountId: '123456789012' }) });
  expect(() => new NoxusPlatformSecrets(new NoxusApp(), 'secrets', { contract, reload: 'always' as any })).toThrow(new NoxusSecretsError(
    'NoxusPlatformSecrets: reload "always" is not a ReloadStrategy ("none", "named-secrets", "auto"). Use e.g. ReloadStrategy.NAMED_SECRETS, or leave it out.', 'secrets'));
});

test.each(['createNamespace', 'admissionGuard', 'writeBlastRadius', 'argoCdSyncWaves', 'writeHelmValues'])('NoxusPlatformSecrets %s "false" is refused, not taken as true', field => {
  const contract = new SecretsContract({ blueprint: platform(), namespace: 'noxus', backend: SecretBackend.awsSecretsManager({ region: 'eu-west-1' }), identity: WorkloadIdentity.irsa({ accountId: '123456789012' }) });
  expect(() => new NoxusPlatformSecrets(new NoxusApp(), 'secrets', { contract, [field]: 'false' })).toThrow(new NoxusSecretsError(
    `NoxusPlatformSecrets: ${field} "false" is not a boolean (true or false, not a string or number). Pass e.g. ${field}: false, or leave it out.`, 'secrets'));
});

test('audit enabled "false" is refused, not taken as on', () => {
  const contract = new SecretsContract({ blueprint: platform(), namespace: 'noxus', backend: SecretBackend.awsSecretsManager({ region: 'eu-west-1' }), identity: WorkloadIdentity.irsa({ accountId: '123456789012' }) });
  expect(() => new NoxusPlatformSecrets(new NoxusApp(), 'secrets', { contract, audit: { enabled: 'false' as any } })).toThrow(new NoxusSecretsError(
    'NoxusPlatformSecrets audit: enabled "false" is not a boolean (true or false, not a string or number). Pass e.g. enabled: false, or leave it out.', 'secrets'));
});
