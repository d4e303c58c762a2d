import { KeyState, backendCommands, shellLine } from '../../lib/cli/backend-commands';
import { SecretBackend, SecretsBlueprint, SecretsContract, NoxusCatalog, WorkloadIdentity } from '../../lib';
import { contract as aws } from '../../examples/aws/platform';
import { contract as gcp } from '../../examples/gcp/platform';
import { contract as azure } from '../../examples/azure/platform';
import { contract as vault } from '../../examples/vault/platform';
import { contract as parameterStore } from './fixtures/parameter-store';
import { contract as vaultV1 } from './fixtures/vault-v1';

const key = (c: SecretsContract) => c.remoteKeyScheme.all().find(k => k.address === 'platform/REDIS_PASSWORD')!.key;

test.each([
  [aws, 'aws secretsmanager put-secret-value --region eu-west-1 --secret-id noxus/platform/REDIS_PASSWORD --secret-string file:///dev/stdin'],
  [parameterStore, 'aws ssm put-parameter --region eu-west-1 --name /noxus/platform/REDIS_PASSWORD --type SecureString --key-id alias/noxus-secrets --tier Standard --value file:///dev/stdin'],
  [gcp, 'gcloud secrets versions add noxus-platform-REDIS_PASSWORD --project noxus-prod --data-file=-'],
  [azure, 'az keyvault secret set --vault-name noxus-prod --name noxus-platform-REDIS-PASSWORD --file /dev/stdin --encoding utf-8 --output none'],
  [vault, 'vault kv put -address=https://vault.example.com:8200 -mount=secret noxus/platform/REDIS_PASSWORD value=-'],
  [vaultV1, 'vault kv put -address=https://vault.example.com:8200 -mount=kv noxus/platform/REDIS_PASSWORD value=-'],
])('%#: the command that sets a key reads its value from standard input', (contract, line) => {
  expect(shellLine(backendCommands(contract).set(key(contract)))).toBe(line);
});

test.each([
  [aws, 'aws secretsmanager describe-secret --region eu-west-1 --secret-id noxus/platform/REDIS_PASSWORD --output json'],
  [parameterStore, 'aws ssm describe-parameters --region eu-west-1 --parameter-filters Key=Name,Option=Equals,Values=/noxus/platform/REDIS_PASSWORD --output json'],
  [gcp, "gcloud secrets versions list noxus-platform-REDIS_PASSWORD --project noxus-prod --filter=state:ENABLED --limit=1 '--format=value(name)'"],
  [azure, "az keyvault secret list-versions --vault-name noxus-prod --name noxus-platform-REDIS-PASSWORD --query 'length(@)' --output tsv"],
  [vault, 'vault kv metadata get -address=https://vault.example.com:8200 -mount=secret -format=json noxus/platform/REDIS_PASSWORD'],
  [vaultV1, 'vault kv list -address=https://vault.example.com:8200 -mount=kv -format=json noxus/platform'],
])('%#: the check reads metadata only', (contract, line) => {
  expect(shellLine(backendCommands(contract).check(key(contract)))).toBe(line);
});

test.each([
  ['gcp version', gcp, 0, 'projects/1/secrets/x/versions/1\n', '', KeyState.SET],
  ['gcp none', gcp, 0, '', '', KeyState.NOT_SET],
  ['gcp missing', gcp, 1, '', 'ERROR: (gcloud.secrets.versions.list) NOT_FOUND: Secret [x] not found', KeyState.MISSING],
  ['azure placeholder only', azure, 0, '1\n', '', KeyState.NOT_SET],
  ['azure set', azure, 0, '2\n', '', KeyState.SET],
  ['azure missing', azure, 3, '', '(SecretNotFound) A secret with (name/id) x was not found in this key vault.', KeyState.MISSING],
  ['vault v2 current', vault, 0, JSON.stringify({ data: { current_version: 2, versions: { 2: { deletion_time: '', destroyed: false } } } }), '', KeyState.SET],
  ['vault v2 deleted', vault, 0, JSON.stringify({ data: { current_version: 1, versions: { 1: { deletion_time: '2025-01-01T00:00:00Z', destroyed: false } } } }), '', KeyState.NOT_SET],
  ['vault v2 missing', vault, 2, '', 'No value found at secret/metadata/noxus/platform/REDIS_PASSWORD', KeyState.MISSING],
  ['vault v1 listed', vaultV1, 0, '["REDIS_PASSWORD","REDIS_URL"]', '', KeyState.SET],
  ['vault v1 absent', vaultV1, 0, '["REDIS_URL"]', '', KeyState.NOT_SET],
  ['parameter store none', parameterStore, 0, '{"Parameters":[]}', '', KeyState.NOT_SET],
  ['unreadable', aws, 0, 'not json', '', undefined],
])('%s', (_, contract, code, stdout, stderr, state) => {
  expect(backendCommands(contract).stateOf(code, stdout, stderr, key(contract))).toBe(state);
});

test('the Parameter Store tier follows the value size; --overwrite when asked', () => {
  const argv = backendCommands(parameterStore).set('/noxus/platform/X', { bytes: 4097, overwrite: true });
  expect(argv.slice(-4)).toEqual(['Advanced', '--value', 'file:///dev/stdin', '--overwrite']);
});

test('a backend the CLI cannot address is refused with the reason', () => {
  const blueprint = new SecretsBlueprint({ secrets: NoxusCatalog.all(), global: NoxusCatalog.all().map(s => s.name) });
  expect(() => backendCommands(new SecretsContract({ blueprint }))).toThrow(
    'the contract has no backend, so it has no remote keys to set (its env Secrets exist already). Give the contract a backend, e.g. SecretBackend.awsSecretsManager({ region }).');
  const tokenRegion = new SecretsContract({ blueprint, backend: SecretBackend.awsSecretsManager({ region: '${TfToken[TOKEN.7]}' }), identity: WorkloadIdentity.irsa({ accountId: '123456789012' }) });
  expect(() => backendCommands(tokenRegion)).toThrow(
    'the contract\'s backend region "${TfToken[TOKEN.7]}" is a Terraform reference, which only Terraform resolves, so no command can name it. ' +
    'Export a contract whose backend has a literal (as examples/aws/platform.ts does).');
  const custom = { ...aws, backend: { kind: 'doppler' }, remoteKeyScheme: aws.remoteKeyScheme } as unknown as SecretsContract;
  expect(() => backendCommands(custom)).toThrow(
    'the contract\'s backend "doppler" is not one of the library\'s (aws-secrets-manager, aws-parameter-store, gcp-secret-manager, azure-key-vault, vault), ' +
    'so the CLI knows no command that sets its values. Set them with that backend\'s own tools.');
});

test('shellLine quotes what a shell would read otherwise', () => {
  expect(shellLine(['a', "it's", 'x(y)', 'k=v'])).toBe("a 'it'\\''s' 'x(y)' k=v");
});
