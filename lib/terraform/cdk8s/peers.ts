import { requirePeers } from '../peers';

// Runs before the entry's modules load (imports evaluate in order), so a missing peer gets the library's error.
requirePeers('noxus-secrets-cdk/cdk8s-in-terraform', { 'cdktf': 'cdktf', '@cdktf/provider-kubernetes': '@cdktf/provider-kubernetes/lib/manifest' });
