import { VaultProvider } from '@cdktf/provider-vault/lib/provider';
import { Testing, TerraformStack } from 'cdktf';
import { SecretBackend, SecretsContract, VaultKvVersion, WorkloadIdentity } from '../../../lib';
import { kvReadPath, readOnlyPolicy } from '../../../lib/core';
import { NoxusVaultSecrets, NoxusVaultSecretsProps, VaultGrantee } from '../../../lib/terraform/vault';
import { ContractCase, platform, withContract } from '../../support/fixtures';
import { esoAuth } from '../../../lib/k8s/eso-providers';

const VAULT = SecretBackend.vault({ server: 'https://vault.example.com:8200' });
const K8S = WorkloadIdentity.vaultKubernetes();
const base = (): ContractCase<NoxusVaultSecretsProps> => ({ blueprint: platform(), backend: VAULT, identity: K8S, namespace: 'noxus' });

function synth(props: ContractCase<NoxusVaultSecretsProps>): { json: any; vault: NoxusVaultSecrets } {
  const stack = new TerraformStack(Testing.app(), 'test');
  new VaultProvider(stack, 'vault', { address: 'https://vault.example.com:8200' });
  const vault = new NoxusVaultSecrets(stack, 'secrets', withContract(props));
  return { json: JSON.parse(Testing.synth(stack, true)), vault };
}
const list = (json: any, type: string): any[] => Object.values(json.resource?.[type] ?? {});

test('KV v2 read paths put data/ after the mount; v1 does not', () => {
  expect(kvReadPath(VAULT, 'noxus/workers/K')).toBe('secret/data/noxus/workers/K');
  expect(kvReadPath(SecretBackend.vault({ server: 'https://v', mountPath: 'kv', version: VaultKvVersion.V1 }), 'noxus/workers/K')).toBe('kv/noxus/workers/K');
});

test('a policy per store with read on exactly its paths', () => {
  const { json, vault } = synth(base());
  expect(vault.policies['pool-tenant-acme']).toBe('path "secret/data/noxus/pools/tenant-acme/OPENAI_API_KEY" {\n  capabilities = ["read"]\n}\n');
  expect(vault.policies['pool-default']).toBe(readOnlyPolicy(['secret/data/noxus/workers/OPENAI_API_KEY']));
  expect(vault.policies.platform.match(/path "/g)).toHaveLength(11);
  expect(vault.policies.platform).not.toMatch(/workers|pools/);
  expect(Object.values(vault.policies).join('')).not.toMatch(/\*|"list"|"create"|"update"|"delete"/);
  expect(list(json, 'vault_policy').map(p => p.name).sort()).toEqual(['noxus-eso-platform', 'noxus-eso-pool-default', 'noxus-eso-pool-tenant-acme']);
});

test('a Kubernetes auth role per store, bound to exactly its ServiceAccount and namespace', () => {
  const roles = list(synth(base()).json, 'vault_kubernetes_auth_backend_role');
  const acme = roles.find(r => r.role_name === 'noxus-eso-pool-tenant-acme');
  expect(acme).toMatchObject({
    backend: 'kubernetes', bound_service_account_names: ['noxus-eso-pool-tenant-acme'], bound_service_account_namespaces: ['noxus'],
    audience: 'vault', token_ttl: 3600, token_max_ttl: 3600,
  });
  expect(acme.token_policies).toHaveLength(1);
  expect(acme.token_policies[0]).toMatch(/^\$\{vault_policy\.[^.]+\.name\}$/);
  expect(roles).toHaveLength(3);
});

test('the mount only when asked for, with the KV version', () => {
  expect(synth(base()).json.resource.vault_mount).toBeUndefined();
  const [mount] = list(synth({ ...base(), createMount: true }).json, 'vault_mount');
  expect(mount).toMatchObject({ path: 'secret', type: 'kv', options: { version: '2' } });
});

test('the TTL is also the maximum: ESO logs in again instead of renewing, so no token outlives its TTL', () => {
  const [role] = list(synth({ ...base(), tokenTtlSeconds: 600 }).json, 'vault_kubernetes_auth_backend_role');
  expect(role).toMatchObject({ token_ttl: 600, token_max_ttl: 600 });
});

test('each role requires the audience its store\'s token is minted for: the identity\'s, one value on both sides', () => {
  const identity = WorkloadIdentity.vaultKubernetes({ audience: 'https://kubernetes.default.svc' });
  const contract = new SecretsContract({ blueprint: platform(), backend: VAULT, identity, namespace: 'noxus' });
  const roles = list(synth({ contract }).json, 'vault_kubernetes_auth_backend_role');
  expect(roles.map(r => r.audience)).toEqual(roles.map(() => 'https://kubernetes.default.svc'));
  // What the SecretStore asks ESO's TokenRequest for.
  for (const store of contract.stores) {
    const auth: any = esoAuth(identity, store, { name: store.serviceAccountName });
    const role = roles.find(r => r.role_name === auth.auth.kubernetes.role);
    expect([store.id, auth.auth.kubernetes.serviceAccountRef.audiences]).toEqual([store.id, [role.audience]]);
  }
});

describe('errors', () => {
  test('a non-Vault backend or identity', () => {
    expect(() => synth({ ...base(), backend: SecretBackend.awsSecretsManager({ region: 'eu-west-1' }) })).toThrow(
      'WorkloadIdentity: identity "vault-kubernetes" cannot authenticate to backend "aws-secrets-manager" (it works with vault).');
    expect(() => synth({ ...base(), identity: WorkloadIdentity.irsa({ accountId: '123456789012' }) })).toThrow(
      'WorkloadIdentity: identity "irsa" cannot authenticate to backend "vault"');
  });
  test('a TTL out of range', () => {
    expect(() => synth({ ...base(), tokenTtlSeconds: 10 })).toThrow(
      '[test/secrets] NoxusVaultSecrets: tokenTtlSeconds 10 is out of range (60 to 86400; ESO logs in again when a token expires). Use e.g. 3600.');
  });
});

test('grantRead writes a read-only policy on exactly the store\'s paths', () => {
  const stack = new TerraformStack(Testing.app(), 'test');
  new VaultProvider(stack, 'vault', { address: 'https://vault.example.com:8200' });
  const vault = new NoxusVaultSecrets(stack, 'secrets', withContract(base()));
  vault.grantRead(vault.contract.poolStore('tenant-acme'), VaultGrantee.policy('noxus-migrations-read'));
  expect(vault.role(vault.contract.poolStore('tenant-acme')).node.id).toBe('Role-pool-tenant-acme');
  const json = JSON.parse(Testing.synth(stack, true));
  const policy = list(json, 'vault_policy').find(p => p.name === 'noxus-migrations-read');
  expect(policy.policy).toBe('path "secret/data/noxus/pools/tenant-acme/OPENAI_API_KEY" {\n  capabilities = ["read"]\n}\n');
  expect(vault.blastRadiusReport()).toContain('Vault policy noxus-migrations-read');
  expect(() => vault.grantRead(vault.contract.poolStore('default'), VaultGrantee.policy('bad name'))).toThrow(
    'VaultGrantee.policy: "bad name" is not a Vault policy name (1-128 of A-Z a-z 0-9 _ . -). Use e.g. "noxus-migrations-read".');
});
