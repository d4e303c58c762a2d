import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { Testing, TerraformStack } from 'cdktf';
import { SecretBackend, WorkloadIdentity } from '../../../lib';
import { AzureDelivery, KeyVaultRoleScope, NoxusAzureSecrets, NoxusAzureSecretsProps, AzureGrantee, AzurePrincipalType } from '../../../lib/terraform/azure';
import { ContractCase, platform, withContract } from '../../support/fixtures';
import { NoxusCatalog, PlatformSecret, SecretsBlueprint, SecretsContract } from '../../../lib/core';

const TENANT = '00000000-0000-0000-0000-000000000000';
const ISSUER = 'https://westeurope.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000000/11111111-1111-1111-1111-111111111111/';
const AKV = SecretBackend.azureKeyVault({ vaultUrl: 'https://noxus-prod.vault.azure.net/' });
const AZ = WorkloadIdentity.azureWorkloadIdentity({ tenantId: TENANT });
const base = (): ContractCase<NoxusAzureSecretsProps> => ({
  blueprint: platform(), backend: AKV, identity: AZ, namespace: 'noxus', resourceGroupName: 'noxus-rg', location: 'westeurope', oidcIssuerUrl: ISSUER,
});

function synth(props: ContractCase<NoxusAzureSecretsProps>): { json: any; azure: NoxusAzureSecrets } {
  const stack = new TerraformStack(Testing.app(), 'test');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const azure = new NoxusAzureSecrets(stack, 'secrets', withContract(props));
  return { json: JSON.parse(Testing.synth(stack, true)), azure };
}

const list = (json: any, type: string): any[] => Object.values(json.resource?.[type] ?? {});
const idOf = (json: any, type: string, pred: (r: any) => boolean) => Object.entries<any>(json.resource[type]).find(([, r]) => pred(r))![0];

test('a vault with RBAC authorization, purge protection and 90-day soft delete', () => {
  const [vault] = list(synth(base()).json, 'azurerm_key_vault');
  expect(vault).toMatchObject({
    name: 'noxus-prod', rbac_authorization_enabled: true, purge_protection_enabled: true, soft_delete_retention_days: 90,
    sku_name: 'standard', tenant_id: TENANT, resource_group_name: 'noxus-rg', location: 'westeurope',
  });
  expect(vault.enable_rbac_authorization).toBeUndefined();
});

test('network rules when asked for', () => {
  const [vault] = list(synth({ ...base(), networkRules: { defaultAction: 'Deny', ipRules: ['203.0.113.0/24'] } }).json, 'azurerm_key_vault');
  expect(vault.network_acls).toEqual({ default_action: 'Deny', bypass: 'AzureServices', ip_rules: ['203.0.113.0/24'] });
});

test('an existing vault: none created, secrets and grants target it', () => {
  const existing = '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/noxus-prod';
  const { json } = synth({ ...base(), existingVaultId: existing });
  expect(json.resource.azurerm_key_vault).toBeUndefined();
  expect(list(json, 'azurerm_key_vault_secret').every(s => s.key_vault_id === existing)).toBe(true);
});

const warnings = (azure: NoxusAzureSecrets) => azure.node.metadata.filter(m => /warn/i.test(m.type)).map(m => String(m.data)).join('\n');

test('an existing vault: the audit says what of it the library cannot check (NX16)', () => {
  const existing = '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/noxus-prod';
  expect(warnings(synth({ ...base(), existingVaultId: existing }).azure)).toContain(
    `NX16 warning Key Vault ${existing}: The vault is not created here: whether it uses RBAC authorization`);
  expect(warnings(synth(base()).azure)).not.toContain('NX16');
});

test('the deployer\'s Secrets Officer is a bootstrap convenience the audit names (NX15), and can be turned off', () => {
  const on = synth(base());
  expect(list(on.json, 'azurerm_role_assignment').filter(r => r.role_definition_name === 'Key Vault Secrets Officer')).toHaveLength(1);
  expect(warnings(on.azure)).toContain('NX15 warning azurerm_role_assignment.');
  const off = synth({ ...base(), grantDeployerSecretsOfficer: false });
  expect(list(off.json, 'azurerm_role_assignment').some(r => r.role_definition_name === 'Key Vault Secrets Officer')).toBe(false);
  expect(warnings(off.azure)).not.toContain('NX15');
});

test('one secret per entry, named by the scheme the cluster reads; the placeholder write-only, so no value reaches the state', () => {
  const secrets = list(synth(base()).json, 'azurerm_key_vault_secret');
  expect(secrets).toHaveLength(13);
  // azurerm reads `value` back on refresh unless value_wo_version is set (key_vault_secret_resource.go, since 4.23.0).
  for (const s of secrets) {
    expect(s).not.toHaveProperty('value');
    expect(s).toMatchObject({ value_wo: 'unset', value_wo_version: 1, lifecycle: { ignore_changes: ['value', 'value_wo_version'] } });
  }
});

test('one identity per store, federated with exactly its ESO ServiceAccount', () => {
  const { json } = synth(base());
  expect(list(json, 'azurerm_user_assigned_identity').map(i => i.name).sort()).toEqual(['noxus-platform', 'noxus-pool-default', 'noxus-pool-tenant-acme']);
  const creds = list(json, 'azurerm_federated_identity_credential');
  expect(creds).toHaveLength(3);
  const acmeId = idOf(json, 'azurerm_user_assigned_identity', i => i.name === 'noxus-pool-tenant-acme');
  expect(creds.find(c => c.parent_id === `\${azurerm_user_assigned_identity.${acmeId}.id}`)).toMatchObject({
    issuer: ISSUER, subject: 'system:serviceaccount:noxus:noxus-eso-pool-tenant-acme', audience: ['api://AzureADTokenExchange'],
  });
});

test('Key Vault Secrets User per secret: pools isolated, never the vault', () => {
  const { json } = synth(base());
  const users = list(json, 'azurerm_role_assignment').filter(r => r.role_definition_name === 'Key Vault Secrets User');
  const vaultId = `\${azurerm_key_vault.${Object.keys(json.resource.azurerm_key_vault)[0]}.id}`;
  expect(users.some(r => r.scope === vaultId)).toBe(false);
  const principal = (name: string) => `\${azurerm_user_assigned_identity.${idOf(json, 'azurerm_user_assigned_identity', i => i.name === name)}.principal_id}`;
  const secretScope = (name: string) => `\${azurerm_key_vault_secret.${idOf(json, 'azurerm_key_vault_secret', s => s.name === name)}.resource_versionless_id}`;
  const scopes = (identity: string) => users.filter(r => r.principal_id === principal(identity)).map(r => r.scope);
  expect(scopes('noxus-pool-default')).toEqual([secretScope('noxus-workers-OPENAI-API-KEY')]);
  expect(scopes('noxus-pool-tenant-acme')).toEqual([secretScope('noxus-pools-tenant-acme-OPENAI-API-KEY')]);
  expect(scopes('noxus-platform')).toHaveLength(11);
  expect(scopes('noxus-platform')).not.toContain(secretScope('noxus-workers-OPENAI-API-KEY'));
});

test('vault scope only as an explicit option', () => {
  const { json } = synth({ ...base(), roleScope: KeyVaultRoleScope.VAULT });
  const users = list(json, 'azurerm_role_assignment').filter(r => r.role_definition_name === 'Key Vault Secrets User');
  expect(users).toHaveLength(3);
  expect(new Set(users.map(u => u.scope)).size).toBe(1);
});

test('the deployer may create the secrets, and secrets wait for that grant', () => {
  const { json } = synth(base());
  const officer = list(json, 'azurerm_role_assignment').filter(r => r.role_definition_name === 'Key Vault Secrets Officer');
  expect(officer).toHaveLength(1);
  expect(officer[0].principal_id).toMatch(/^\$\{data\.azurerm_client_config\.[^.]+\.object_id\}$/);
  expect(list(json, 'azurerm_key_vault_secret').every(s => s.depends_on?.length === 1)).toBe(true);
  const none = synth({ ...base(), grantDeployerSecretsOfficer: false }).json;
  expect(list(none, 'azurerm_role_assignment').some(r => r.role_definition_name === 'Key Vault Secrets Officer')).toBe(false);
});

test('CSI delivery: pods\' ServiceAccounts, the platform identity also trusting every pool\'s', () => {
  const { json } = synth({ ...base(), delivery: AzureDelivery.CSI_DRIVER });
  const subjects = (name: string) => {
    const id = `\${azurerm_user_assigned_identity.${idOf(json, 'azurerm_user_assigned_identity', i => i.name === name)}.id}`;
    return list(json, 'azurerm_federated_identity_credential').filter(c => c.parent_id === id).map(c => c.subject).sort();
  };
  expect(subjects('noxus-platform')).toEqual(['noxus-csi-platform', 'noxus-csi-pool-default', 'noxus-csi-pool-tenant-acme'].map(s => `system:serviceaccount:noxus:${s}`));
  expect(subjects('noxus-pool-default')).toEqual(['system:serviceaccount:noxus:noxus-csi-pool-default']);
});

test('outputs: one client ID per store', () => {
  const { json, azure } = synth(base());
  expect(Object.keys(json.output).filter(k => k.includes('ClientId'))).toHaveLength(3);
  expect(azure.clientId(azure.contract.storeById('pool-default'))).toMatch(/^\$\{TfToken/);
  expect(() => azure.clientId('pool-x' as any)).toThrow(
    "[test/secrets] NoxusAzureSecrets: clientId takes a Store of the contract (contract.poolStore('<pool>'), contract.sharedStore, contract.storeById('<id>')), not \"pool-x\".");
});

describe('errors', () => {
  test.each([
    [{ oidcIssuerUrl: 'oidc.example' }, 'oidcIssuerUrl "oidc.example" is not an https URL, and federated credentials trust that issuer. Use the cluster\'s issuer (az aks show --query oidcIssuerProfile.issuerUrl).'],
    [{ softDeleteRetentionDays: 5 }, 'softDeleteRetentionDays 5 is out of range (7 to 90). Use e.g. 90.'],
    [{ resourceGroupName: 'noxus-rg.' }, 'resourceGroupName "noxus-rg." is not an Azure resource group name (1-90 of letters, digits, \'_\', \'(\', \')\', \'-\' and ' +
      '\'.\', not ending in \'.\'). Use the group\'s name, e.g. "noxus-prod", not its ID.'],
    [{ resourceGroupName: '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/noxus' }, 'resourceGroupName "/subscriptions/11111111-2222-3333-4444-555555555555/' +
      'resourceGroups/noxus" is not an Azure resource group name'],
    [{ resourceGroupName: 'r'.repeat(91) }, `resourceGroupName "${'r'.repeat(91)}" is not an Azure resource group name`],
    [{ resourceGroupName: 'noxus-${var.env}' }, 'resourceGroupName "noxus-${var.env}" holds "${", which Terraform would evaluate as a template (the value would not ' +
      'reach the cloud as written). Write the literal value, or pass a reference as a token (e.g. role.arn, new TerraformVariable(...).stringValue), not "${...}" text.'],
    [{ location: 'eu-west-1' }, 'location "eu-west-1" is not an Azure region (its name, e.g. "westeurope", or display name, e.g. "West Europe"; ' +
      'az account list-locations lists them). Use the region of the resource group.'],
    [{ existingVaultId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/noxus-prod' }, 'existingVaultId "/subscriptions/s/resourceGroups/rg/' +
      'providers/Microsoft.KeyVault/vaults/noxus-prod" is not a Key Vault resource ID (/subscriptions/<subscription GUID>/resourceGroups/<group>/providers/' +
      'Microsoft.KeyVault/vaults/<name>). Pass the vault\'s id attribute.'],
    [{ existingVaultId: 'https://noxus-prod.vault.azure.net/' }, 'existingVaultId "https://noxus-prod.vault.azure.net/" is not a Key Vault resource ID'],
    [{ existingVaultId: '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/noxus-staging' },
      'existingVaultId names vault "noxus-staging", but the backend\'s vaultUrl is "https://noxus-prod.vault.azure.net/", which the cluster reads: the secrets ' +
      'would be created in another vault. Make them the same vault.'],
    [{ networkRules: { defaultAction: 'deny' } }, 'networkRules.defaultAction "deny" is not a network rule action ("Allow" or "Deny"). Use "Deny" to allow only the rules\' networks.'],
    [{ networkRules: { defaultAction: 'Deny', bypass: 'Azure' } }, 'networkRules.bypass "Azure" is not a Key Vault bypass ("AzureServices" or "None"). Use "AzureServices" or "None".'],
    [{ networkRules: { defaultAction: 'Deny', ipRules: ['203.0.113.0/24', '2001:db8::/32'] } }, 'networkRules.ipRules[1] "2001:db8::/32" is not an IPv4 address or ' +
      'CIDR range, which is what Key Vault\'s IP rules take (no IPv6, no host names). Use e.g. "203.0.113.7" or "203.0.113.0/24".'],
    [{ networkRules: { defaultAction: 'Deny', ipRules: ['203.0.113.256'] } }, 'networkRules.ipRules[0] "203.0.113.256" is not an IPv4 address or CIDR range'],
    [{ networkRules: { defaultAction: 'Deny', ipRules: ['${var.office}'] } }, 'networkRules.ipRules[0] "${var.office}" is not an IPv4 address or CIDR range'],
    [{ tags: Object.fromEntries(Array.from({ length: 13 }, (_, i) => [`t${i}`, 'x'])) }, "tags has 13 tags, and with the library's 3 (noxus-managed-by, noxus-env-name, " +
      'noxus-scope) each Key Vault secret would have 16, over the 15 Key Vault allows on a secret. Keep at most 12 tags.'],
  ] as [Partial<NoxusAzureSecretsProps>, string][])('%#', (override, message) => {
    expect(() => synth({ ...base(), ...override })).toThrow(`[test/secrets] NoxusAzureSecrets: ${message}`);
  });
  test('literals Azure accepts reach Terraform as written: display names, parentheses, 12 tags, IPv4 rules', () => {
    const tags = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`t${i}`, 'x']));
    const { json } = synth({
      ...base(), resourceGroupName: 'noxus_(prod).rg', location: 'West Europe', tags,
      networkRules: { defaultAction: 'Deny', bypass: 'None', ipRules: ['203.0.113.7', '198.51.100.0/24'] },
    });
    const [vault] = list(json, 'azurerm_key_vault');
    expect(vault).toMatchObject({ resource_group_name: 'noxus_(prod).rg', location: 'West Europe' });
    expect(vault.network_acls).toEqual({ default_action: 'Deny', bypass: 'None', ip_rules: ['203.0.113.7', '198.51.100.0/24'] });
    expect(Object.keys(list(json, 'azurerm_key_vault_secret').find(x => x.tags['noxus-env-name'])!.tags)).toHaveLength(15);
  });

  test('the tenant and identity name prefix of earlier versions (a JavaScript caller) are the library\'s error: the contract\'s identity holds them', () => {
    expect(() => synth({ ...base(), tenantId: TENANT, identityNamePrefix: 'noxus' } as any)).toThrow(
      '[test/secrets] NoxusAzureSecrets: tenantId and identityNamePrefix are no longer props: the SecretsContract holds them, so that every side reads one value. ' +
      'Pass contract: new SecretsContract({ ..., identity: WorkloadIdentity.azureWorkloadIdentity({ tenantId, identityNamePrefix }) }).');
  });

  test('a contract whose backend or identity is not Azure\'s', () => {
    const contract = (backend: any, identity: any) => new SecretsContract({ blueprint: platform(), namespace: 'noxus', backend, identity });
    expect(() => synth({ ...base(), contract: contract(SecretBackend.vault({ server: 'https://v' }), WorkloadIdentity.vaultKubernetes()) })).toThrow(
      '[test/secrets] NoxusAzureSecrets: backend "vault" is not Azure Key Vault. Use SecretBackend.azureKeyVault(...).');
  });

  test('CSI with more pools than an identity takes federated credentials', () => {
    const key = PlatformSecret.custom({ name: 'K' });
    const blueprint = new SecretsBlueprint({
      secrets: [...NoxusCatalog.all(), key], global: NoxusCatalog.all().map(s => s.name), workerOnly: ['K'],
      pools: Array.from({ length: 20 }, (_, i) => ({ name: `p${i}` })),
    });
    expect(() => synth({ ...base(), blueprint, delivery: AzureDelivery.CSI_DRIVER })).toThrow(
      '[test/secrets] NoxusAzureSecrets: the platform identity would need 21 federated credentials (its own ServiceAccount and one per pool, ' +
      'because worker pods mount the shared class with the CSI driver), but an identity takes at most 20. Use AzureDelivery.EXTERNAL_SECRETS, or at most 19 pools.');
    expect(() => synth({ ...base(), blueprint })).not.toThrow();
  });
});

test('grantRead gives another principal "Key Vault Secrets User" on exactly the store\'s secrets', () => {
  const stack = new TerraformStack(Testing.app(), 'test');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const azure = new NoxusAzureSecrets(stack, 'secrets', withContract(base()));
  azure.grantReadKey(azure.contract.remoteKeyAt('pools/tenant-acme/OPENAI_API_KEY'), AzureGrantee.principal('44444444-4444-4444-4444-444444444444', AzurePrincipalType.GROUP));
  expect(azure.identity(azure.contract.poolStore('tenant-acme')).node.id).toBe('Identity-pool-tenant-acme');
  const json = JSON.parse(Testing.synth(stack, true));
  const granted = list(json, 'azurerm_role_assignment').filter(r => r.principal_id === '44444444-4444-4444-4444-444444444444');
  const secretId = idOf(json, 'azurerm_key_vault_secret', s => s.name === 'noxus-pools-tenant-acme-OPENAI-API-KEY');
  expect(granted).toEqual([{
    scope: `\${azurerm_key_vault_secret.${secretId}.resource_versionless_id}`, role_definition_name: 'Key Vault Secrets User',
    principal_id: '44444444-4444-4444-4444-444444444444', principal_type: 'Group',
  }]);
  expect(azure.blastRadiusReport()).toContain('principal 44444444-4444-4444-4444-444444444444');
});
