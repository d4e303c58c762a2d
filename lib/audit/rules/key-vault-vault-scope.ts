import { AuditLevel, AuditRule, terraformResources } from '../audit-rule';

/** "Key Vault Secrets User" on a whole vault lets an identity read every pool's secrets. */
export const KeyVaultVaultScope: AuditRule = {
  id: 'NX7',
  level: AuditLevel.WARNING,
  description: 'Key Vault Secrets User is assigned at vault scope, not per secret.',
  check(input) {
    return terraformResources(input, 'azurerm_role_assignment')
      .filter(([, r]) => r.role_definition_name === 'Key Vault Secrets User' && (/azurerm_key_vault\.[^.]+\.id\}$/.test(r.scope) || /\/vaults\/[^/]+$/.test(r.scope)))
      .map(([id]) => ({ resource: `azurerm_role_assignment.${id}`, message: 'grants Key Vault Secrets User on the whole vault. Assign it per secret (KeyVaultRoleScope.SECRET) so pools stay isolated.' }));
  },
};
