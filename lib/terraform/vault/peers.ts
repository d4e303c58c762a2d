import { requirePeers } from '../peers';

// Runs before the entry's modules load (imports evaluate in order), so a missing peer gets the library's error.
requirePeers('noxus-secrets-cdk/vault', { 'cdktf': 'cdktf', '@cdktf/provider-vault': '@cdktf/provider-vault/lib/policy' });
