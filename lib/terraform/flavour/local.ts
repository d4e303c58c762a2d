// The local provider's classes for the Terraform layer, by deep path (one class each, never the barrel).
// Part of the seam (./core.ts); the entry checks its peers first (./peers.ts).
export { File } from '@cdktf/provider-local/lib/file';
export { SensitiveFile } from '@cdktf/provider-local/lib/sensitive-file';
