import { requirePeers } from '../peers';

// Runs before the entry's modules load (imports evaluate in order), so a missing peer gets the library's error.
requirePeers('noxus-secrets-cdk/azure', { 'cdktf': 'cdktf', '@cdktf/provider-azurerm': '@cdktf/provider-azurerm/lib/key-vault' });
