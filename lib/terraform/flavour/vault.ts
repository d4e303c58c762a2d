// The vault provider's classes for the Terraform layer, by deep path (one class each, never the barrel).
// Part of the seam (./core.ts); the entry checks its peers first (./peers.ts).
export { KubernetesAuthBackendRole } from '@cdktf/provider-vault/lib/kubernetes-auth-backend-role';
export { Mount } from '@cdktf/provider-vault/lib/mount';
export { Policy } from '@cdktf/provider-vault/lib/policy';
