// The packages each entry of this flavour needs, checked before the entry loads any of them. Part of the
// seam (./core.ts): the cdktn variant (./peers.cdktn.ts) names cdktn's packages and entries.
import { requirePeers } from '../peers';

const PROVIDERS = {
  'aws': ['@cdktf/provider-aws', '@cdktf/provider-aws/lib/iam-role'],
  'gcp': ['@cdktf/provider-google', '@cdktf/provider-google/lib/secret-manager-secret'],
  'azure': ['@cdktf/provider-azurerm', '@cdktf/provider-azurerm/lib/key-vault'],
  'vault': ['@cdktf/provider-vault', '@cdktf/provider-vault/lib/policy'],
  'vm': ['@cdktf/provider-local', '@cdktf/provider-local/lib/file'],
  'cdk8s-in-terraform': ['@cdktf/provider-kubernetes', '@cdktf/provider-kubernetes/lib/manifest'],
} as const;

/**
 * Throws the library's error naming what to install when a peer of the entry is missing.
 * @internal
 */
export function requireEntryPeers(entry: keyof typeof PROVIDERS): void {
  const [pkg, module] = PROVIDERS[entry];
  requirePeers(`noxus-secrets-cdk/${entry}`, { 'cdktf': 'cdktf', [pkg]: module });
}
