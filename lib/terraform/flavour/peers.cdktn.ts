// The CDK Terrain (cdktn) variant of ./peers.ts: the cdktn entries load it in its place (scripts/flavour-cdktn.js).
import { requirePeers } from '../peers';

const PROVIDERS = {
  'aws': ['@cdktn/provider-aws', '@cdktn/provider-aws/lib/iam-role'],
} as const;

/**
 * Throws the library's error naming what to install when a peer of the entry is missing.
 * @internal
 */
export function requireEntryPeers(entry: keyof typeof PROVIDERS): void {
  const [pkg, module] = PROVIDERS[entry];
  requirePeers(`noxus-secrets-cdk/cdktn/${entry}`, { 'cdktn': 'cdktn', [pkg]: module });
}
