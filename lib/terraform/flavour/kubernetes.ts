// The kubernetes provider's classes for the Terraform layer, by deep path (one class each, never the barrel).
// Part of the seam (./core.ts); the entry checks its peers first (./peers.ts).
export { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
