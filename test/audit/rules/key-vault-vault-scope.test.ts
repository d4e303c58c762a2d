import { KeyVaultVaultScope } from '../../../lib';

const ra = (scope: string) => ({ resource: { azurerm_role_assignment: { a: { role_definition_name: 'Key Vault Secrets User', scope } } } });

test('compliant: per-secret scope', () => {
  expect(KeyVaultVaultScope.check({ terraform: [ra('${azurerm_key_vault_secret.s.resource_versionless_id}')] })).toEqual([]);
});

test('non-compliant: the vault', () => {
  expect(KeyVaultVaultScope.check({ terraform: [ra('${azurerm_key_vault.v.id}'), ra('/subscriptions/s/resourceGroups/r/providers/Microsoft.KeyVault/vaults/kv')] })).toHaveLength(2);
});
