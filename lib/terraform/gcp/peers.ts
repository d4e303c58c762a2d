import { requirePeers } from '../peers';

// Runs before the entry's modules load (imports evaluate in order), so a missing peer gets the library's error.
requirePeers('noxus-secrets-cdk/gcp', { 'cdktf': 'cdktf', '@cdktf/provider-google': '@cdktf/provider-google/lib/secret-manager-secret' });
