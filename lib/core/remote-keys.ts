import { NoxusSecretsError } from './errors';
import { SecretScope } from './scope';
import { EnvEntry, SecretsBlueprint } from './secrets-blueprint';
import { ISecretBackend } from './secret-backend';

/** How remote secret names are derived from the blueprint. */
export interface RemoteKeySchemeProps {
  /**
   * First segment of every remote key, to keep the platform's secrets apart from others in the same backend.
   * @default 'noxus'
   */
  readonly prefix?: string;
  /**
   * Remote keys by address, where the scheme's name does not fit: the address is
   * 'platform/NAME', 'workers/NAME' or 'pools/<pool>/NAME'.
   * @default - none
   */
  readonly overrides?: Record<string, string>;
}

/** One blueprint entry and its remote secret. */
export interface RemoteKeyEntry {
  /** 'platform/NAME', 'workers/NAME' or 'pools/<pool>/NAME'. */
  readonly address: string;
  /** The name of the secret in the backend. */
  readonly key: string;
  /** The placement: the secret, its scope and pool. */
  readonly entry: EnvEntry;
}

/** Where an entry lives, scope first: 'platform/NAME', 'workers/NAME' or 'pools/<pool>/NAME'. */
export function addressOf(entry: EnvEntry): string {
  switch (entry.scope) {
    case SecretScope.GLOBAL: return `platform/${entry.name}`;
    case SecretScope.WORKER_ONLY: return `workers/${entry.name}`;
    case SecretScope.POOL: return `pools/${entry.pool}/${entry.name}`;
  }
}

/**
 * The one scheme that names remote secrets: `<prefix>/platform/NAME`,
 * `<prefix>/workers/NAME` and `<prefix>/pools/<pool>/NAME`, in the backend's
 * own alphabet (Azure Key Vault: `noxus-pools-acme-OPENAI-API-KEY`). Both the
 * ExternalSecrets and the Terraform that creates the secrets read it.
 */
export class RemoteKeyScheme {
  public readonly prefix: string;
  private readonly keys = new Map<string, string>();
  private readonly entries = new Map<string, EnvEntry>();

  constructor(blueprint: SecretsBlueprint, public readonly backend: ISecretBackend, props: RemoteKeySchemeProps = {}) {
    const subject = 'RemoteKeyScheme';
    this.prefix = props.prefix ?? 'noxus';
    if (!/^[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?$/.test(this.prefix)) {
      throw new NoxusSecretsError(`${subject}: prefix ${JSON.stringify(this.prefix)} is not a key prefix ` +
        "(1-32 of a-z, 0-9, '-', not starting or ending with '-'; it must be valid in every backend). Use e.g. \"noxus-prod\".");
    }
    // A Map, not the object: looking up 20,000 fresh strings as object keys interns each one.
    const overrides = new Map(Object.entries(props.overrides ?? {}));
    const caseInsensitive = backend.caseInsensitiveKeys;
    const owners = new Map<string, string>();
    const place = (address: string, segments: string[], entry: EnvEntry) => {
      const key = overrides.get(address) ?? backend.remoteKey(segments);
      backend.assertRemoteKey(subject, key, address);
      const norm = caseInsensitive ? key.toLowerCase() : key;
      const other = owners.get(norm);
      if (other !== undefined) {
        throw new NoxusSecretsError(`${subject}: ${other} and ${address} map to the same remote key ${JSON.stringify(key)}` +
          `${caseInsensitive ? ' (the backend ignores case)' : ''}, so one would read the other's value. ` +
          'Give one of them its own key in remoteKeys overrides.');
      }
      owners.set(norm, address);
      this.keys.set(address, key);
      this.entries.set(address, entry);
    };
    for (const name of blueprint.globalKeys) {
      place(`platform/${name}`, [this.prefix, 'platform', name], { name, scope: SecretScope.GLOBAL, secret: blueprint.secret(name) });
    }
    for (const name of blueprint.workerOnlyKeys) {
      place(`workers/${name}`, [this.prefix, 'workers', name], { name, scope: SecretScope.WORKER_ONLY, secret: blueprint.secret(name) });
    }
    for (const pool of blueprint.pools) {
      for (const name of pool.secrets) {
        place(`pools/${pool.name}/${name}`, [this.prefix, 'pools', pool.name, name], { name, scope: SecretScope.POOL, pool: pool.name, secret: blueprint.secret(name) });
      }
    }
    for (const address of [...overrides.keys()].sort()) {
      if (!this.keys.has(address)) {
        throw new NoxusSecretsError(`${subject}: overrides names ${JSON.stringify(address)}, which is no entry of the blueprint ` +
          "(addresses are 'platform/NAME', 'workers/NAME' or 'pools/<pool>/NAME'). Fix the address or remove the override.");
      }
    }
  }

  /** The remote key of an entry. */
  public keyOf(entry: EnvEntry): string {
    const key = this.keys.get(addressOf(entry));
    if (key === undefined) {
      throw new NoxusSecretsError(`RemoteKeyScheme: ${addressOf(entry)} is not an entry of this scheme's blueprint. Build the scheme from the same blueprint.`);
    }
    return key;
  }

  /**
   * Every placement's address, remote key and entry, sorted by address. This
   * includes a worker-only key that every pool overrides: it is declared, so the
   * cloud side creates it, though no store reads it.
   */
  public all(): RemoteKeyEntry[] {
    return [...this.keys.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([address, key]) => ({ address, key, entry: this.entries.get(address)! }));
  }
}
