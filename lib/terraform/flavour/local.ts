// The local provider's classes for the Terraform layer, by deep path (one class each, never the barrel),
// after the check that the entry's optional peers are installed. Part of the seam (./core.ts).
import { requirePeers } from '../peers';

// Before the first import of a peer (these statements run in order), so a missing peer gets the library's error.
requirePeers('noxus-secrets-cdk/vm', { 'cdktf': 'cdktf', '@cdktf/provider-local': '@cdktf/provider-local/lib/file' });

export { File } from '@cdktf/provider-local/lib/file';
export { SensitiveFile } from '@cdktf/provider-local/lib/sensitive-file';
