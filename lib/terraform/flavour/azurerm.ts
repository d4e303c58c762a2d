// The azurerm provider's classes for the Terraform layer, by deep path (one class each, never the barrel).
// Part of the seam (./core.ts); the entry checks its peers first (./peers.ts).
export { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
export { FederatedIdentityCredential } from '@cdktf/provider-azurerm/lib/federated-identity-credential';
export { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
export { KeyVaultSecret } from '@cdktf/provider-azurerm/lib/key-vault-secret';
export { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
export { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
