// The azurerm provider's classes for the Terraform layer, by deep path (one class each, never the barrel),
// after the check that the entry's optional peers are installed. Part of the seam (./core.ts).
import { requirePeers } from '../peers';

// Before the first import of a peer (these statements run in order), so a missing peer gets the library's error.
requirePeers('noxus-secrets-cdk/azure', { 'cdktf': 'cdktf', '@cdktf/provider-azurerm': '@cdktf/provider-azurerm/lib/key-vault' });

export { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
export { FederatedIdentityCredential } from '@cdktf/provider-azurerm/lib/federated-identity-credential';
export { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
export { KeyVaultSecret } from '@cdktf/provider-azurerm/lib/key-vault-secret';
export { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
export { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
