// The kubernetes provider's classes for the Terraform layer, by deep path (one class each, never the barrel),
// after the check that the entry's optional peers are installed. Part of the seam (./core.ts).
import { requirePeers } from '../peers';

// Before the first import of a peer (these statements run in order), so a missing peer gets the library's error.
requirePeers('noxus-secrets-cdk/cdk8s-in-terraform', { 'cdktf': 'cdktf', '@cdktf/provider-kubernetes': '@cdktf/provider-kubernetes/lib/manifest' });

export { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
