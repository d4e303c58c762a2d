import { requirePeers } from '../peers';

// Runs before the entry's modules load (imports evaluate in order), so a missing peer gets the library's error.
requirePeers('noxus-secrets-cdk/vm', { 'cdktf': 'cdktf', '@cdktf/provider-local': '@cdktf/provider-local/lib/file' });
