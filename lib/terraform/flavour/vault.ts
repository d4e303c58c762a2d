// The vault provider's classes for the Terraform layer, by deep path (one class each, never the barrel),
// after the check that the entry's optional peers are installed. Part of the seam (./core.ts).
import { requirePeers } from '../peers';

// Before the first import of a peer (these statements run in order), so a missing peer gets the library's error.
requirePeers('noxus-secrets-cdk/vault', { 'cdktf': 'cdktf', '@cdktf/provider-vault': '@cdktf/provider-vault/lib/policy' });

export { KubernetesAuthBackendRole } from '@cdktf/provider-vault/lib/kubernetes-auth-backend-role';
export { Mount } from '@cdktf/provider-vault/lib/mount';
export { Policy } from '@cdktf/provider-vault/lib/policy';
