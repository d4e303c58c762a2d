import { AuditLevel, AuditRule, terraformResources } from '../audit-rule';

/** "Key Vault Secrets Officer" for the principal that runs Terraform: it can read and change every secret of the vault. */
export const DeployerSecretsOfficer: AuditRule = {
  id: 'NX15',
  level: AuditLevel.WARNING,
  description: 'The Terraform principal holds Key Vault Secrets Officer on the vault (a bootstrap convenience).',
  check(input) {
    return terraformResources(input, 'azurerm_role_assignment')
      .filter(([, r]) => r.role_definition_name === 'Key Vault Secrets Officer')
      .map(([id]) => ({
        resource: `azurerm_role_assignment.${id}`,
        message: 'gives the principal that runs Terraform Key Vault Secrets Officer on the vault: it can read and change every pool\'s secret. ' +
          'It creates the secrets\' placeholders; once they exist (or when your pipeline holds its own data-plane role), set grantDeployerSecretsOfficer: false.',
      }));
  },
};
