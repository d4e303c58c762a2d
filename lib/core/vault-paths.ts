import { VaultBackend, VaultKvVersion } from './secret-backend';

/** The API path ESO reads a KV secret at: KV v2 puts `data/` after the mount. */
export function kvReadPath(backend: VaultBackend, key: string): string {
  return backend.version === VaultKvVersion.V1 ? `${backend.mountPath}/${key}` : `${backend.mountPath}/data/${key}`;
}

/** A Vault policy (HCL) granting read on exactly these API paths, sorted, one stanza each. */
export function readOnlyPolicy(paths: string[]): string {
  return [...new Set(paths)].sort().map(p => `path "${p}" {\n  capabilities = ["read"]\n}\n`).join('\n');
}
