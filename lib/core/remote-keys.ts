import { NoxusSecretsError, assertKind, assertProps, shown } from './errors';
import { SecretScope } from './scope';
import { EnvEntry, SecretsBlueprint } from './secrets-blueprint';
import { ISecretBackend } from './secret-backend';

/**
 * How the keys are laid out in the backend: one remote secret per key (the default), or one per
 * scope, a JSON object whose fields are the env names.
 */
export enum RemoteKeyLayout {
  /** One remote secret per key and scope: `noxus/pools/<pool>/NAME`. Each key is granted, rotated and versioned on its own. */
  PER_KEY = 'per-key',
  /**
   * One remote secret per scope, `noxus/platform`, `noxus/workers` and `noxus/pools/<pool>`, each a
   * JSON object of the scope's keys (`{"OPENAI_API_KEY": "..."}`; on Vault one path with a field per
   * key). A store reads its scope's secrets with one call each (`dataFrom.extract`), and its role
   * names one ARN per scope. The secret rotates as a whole (the shortest rotation of its keys); a key
   * Terraform writes (`ValueSource.fromTerraform`) or one with an override keeps its own secret.
   * Not for the Azure CSI driver (it mounts whole secrets) or Parameter Store's standard tier past 4 KB.
   */
  PER_STORE = 'per-store',
}

/** How remote secret names are derived from the blueprint. */
export interface RemoteKeySchemeProps {
  /**
   * One remote secret per key, or one per scope (a JSON object of the scope's keys).
   * @default RemoteKeyLayout.PER_KEY
   */
  readonly layout?: RemoteKeyLayout;
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

/** Where one entry is kept: its address, remote key and, for a scope's secret (RemoteKeyLayout.PER_STORE), the scope's address. */
interface Slot {
  readonly address: string;
  readonly key: string;
  readonly entry: EnvEntry;
  readonly scope?: string;
}

/** One blueprint entry and its remote secret. */
export interface RemoteKeyEntry {
  /**
   * 'platform/NAME', 'workers/NAME' or 'pools/<pool>/NAME'; for a remote secret of a scope
   * (RemoteKeyLayout.PER_STORE, in `Store.remoteKeys` and `SecretsContract.remoteSecrets`)
   * 'platform', 'workers' or 'pools/<pool>'.
   */
  readonly address: string;
  /** The name of the secret in the backend. */
  readonly key: string;
  /** The placement: the secret, its scope and pool (for a scope's secret, the first of its keys). */
  readonly entry: EnvEntry;
  /**
   * The JSON field that holds the value, where the remote secret holds a scope (RemoteKeyLayout.PER_STORE);
   * for a scope's secret, the env names of its fields, sorted.
   * @default - the key is the whole secret
   */
  readonly fields?: string[];
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
  /** One remote secret per key, or one per scope. */
  public readonly layout: RemoteKeyLayout;
  /** Every placement, by address, in the order placed. */
  private readonly slots = new Map<string, Slot>();
  /**
   * The same slots found without building an address (the lookups run once per key per store, 20,000
   * times at 1,000 pools): global and worker-only keys by name, pool keys by pool, then name.
   */
  private readonly globalSlots = new Map<string, Slot>();
  private readonly workerSlots = new Map<string, Slot>();
  private readonly poolSlots = new Map<string, Map<string, Slot>>();

  /**
   * @param apart for RemoteKeyLayout.PER_STORE, the names and addresses that keep a secret of their
   * own (the contract's values that Terraform writes: Terraform writes a whole secret)
   */
  constructor(blueprint: SecretsBlueprint, public readonly backend: ISecretBackend, props: RemoteKeySchemeProps = {}, apart: ReadonlySet<string> = new Set()) {
    const subject = 'RemoteKeyScheme';
    if (!(blueprint instanceof SecretsBlueprint)) {
      throw new NoxusSecretsError(`${subject}: blueprint ${shown(blueprint)} is not a SecretsBlueprint. Pass new SecretsBlueprint({ ... }), or let SecretsContract make the scheme.`);
    }
    if (backend === null || typeof backend !== 'object' || typeof backend.remoteKey !== 'function' || typeof backend.kind !== 'string') {
      throw new NoxusSecretsError(`${subject}: backend ${shown(backend)} is not a secret backend. Pass e.g. SecretBackend.awsSecretsManager({ region: "eu-west-1" }).`);
    }
    assertProps(subject, props, '{ prefix: "noxus" }, or nothing');
    assertKind(subject, 'prefix', props.prefix, 'string', '"noxus"');
    if (!(apart instanceof Set)) throw new NoxusSecretsError(`${subject}: apart ${shown(apart)} is not a Set of names and addresses. Leave it out.`);
    this.prefix = props.prefix ?? 'noxus';
    this.layout = props.layout ?? RemoteKeyLayout.PER_KEY;
    if (!Object.values(RemoteKeyLayout).includes(this.layout)) {
      throw new NoxusSecretsError(`${subject}: layout ${JSON.stringify(this.layout)} is not a RemoteKeyLayout (${Object.values(RemoteKeyLayout).map(l => JSON.stringify(l)).join(', ')}). ` +
        'Use RemoteKeyLayout.PER_KEY or RemoteKeyLayout.PER_STORE.');
    }
    const perStore = this.layout === RemoteKeyLayout.PER_STORE;
    if (!/^[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?$/.test(this.prefix)) {
      throw new NoxusSecretsError(`${subject}: prefix ${JSON.stringify(this.prefix)} is not a key prefix ` +
        "(1-32 of a-z, 0-9, '-', not starting or ending with '-'; it must be valid in every backend). Use e.g. \"noxus-prod\".");
    }
    // A Map, not the object: looking up 20,000 fresh strings as object keys interns each one.
    const overrides = new Map(Object.entries(props.overrides ?? {}));
    const caseInsensitive = backend.caseInsensitiveKeys;
    const owners = new Map<string, string>();
    const scopeKeys = new Map<string, string>();
    const place = (address: string, segments: string[], entry: EnvEntry) => {
      const own = overrides.get(address);
      if (perStore && own === undefined && !apart.has(address) && !apart.has(entry.name)) {
        // The scope's secret: its address and key are the entry's without the name.
        const scope = address.slice(0, address.lastIndexOf('/'));
        this.slot({ address, key: this.scopeKey(subject, scope, segments.slice(0, -1), scopeKeys, owners, caseInsensitive), entry, scope });
        return;
      }
      const key = own ?? backend.remoteKey(segments);
      backend.assertRemoteKey(subject, key, address);
      const norm = caseInsensitive ? key.toLowerCase() : key;
      const other = owners.get(norm);
      if (other !== undefined) {
        throw new NoxusSecretsError(`${subject}: ${other} and ${address} map to the same remote key ${JSON.stringify(key)}` +
          `${caseInsensitive ? ' (the backend ignores case)' : ''}, so one would read the other's value. ` +
          'Give one of them its own key in remoteKeys overrides.');
      }
      owners.set(norm, address);
      this.slot({ address, key, entry });
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
      if (!this.slots.has(address)) {
        throw new NoxusSecretsError(`${subject}: overrides names ${JSON.stringify(address)}, which is no entry of the blueprint ` +
          "(addresses are 'platform/NAME', 'workers/NAME' or 'pools/<pool>/NAME'). Fix the address or remove the override.");
      }
    }
  }

  private slot(slot: Slot): void {
    this.slots.set(slot.address, slot);
    const { entry } = slot;
    if (entry.scope === SecretScope.GLOBAL) this.globalSlots.set(entry.name, slot);
    else if (entry.scope === SecretScope.WORKER_ONLY) this.workerSlots.set(entry.name, slot);
    else {
      let pool = this.poolSlots.get(entry.pool!);
      if (!pool) this.poolSlots.set(entry.pool!, pool = new Map());
      pool.set(entry.name, slot);
    }
  }

  /** An entry's slot, or undefined where the entry is not of this scheme's blueprint. */
  private slotOf(entry: EnvEntry): Slot | undefined {
    switch (entry.scope) {
      case SecretScope.GLOBAL: return this.globalSlots.get(entry.name);
      case SecretScope.WORKER_ONLY: return this.workerSlots.get(entry.name);
      case SecretScope.POOL: return entry.pool === undefined ? undefined : this.poolSlots.get(entry.pool)?.get(entry.name);
      default: return undefined;
    }
  }

  /** The key of a scope's secret, named once per scope and checked like any key. */
  private scopeKey(subject: string, scope: string, segments: string[], scopeKeys: Map<string, string>, owners: Map<string, string>, caseInsensitive: boolean): string {
    const known = scopeKeys.get(scope);
    if (known !== undefined) return known;
    const key = this.backend.remoteKey(segments);
    this.backend.assertRemoteKey(subject, key, scope);
    const norm = caseInsensitive ? key.toLowerCase() : key;
    const other = owners.get(norm);
    if (other !== undefined) {
      throw new NoxusSecretsError(`${subject}: ${other} and the secret of scope ${scope} map to the same remote key ${JSON.stringify(key)}` +
        `${caseInsensitive ? ' (the backend ignores case)' : ''}, so one would read the other's value. Give ${other} another key in remoteKeys overrides.`);
    }
    owners.set(norm, scope);
    scopeKeys.set(scope, key);
    return key;
  }

  /**
   * The address of the remote secret that holds an entry: the entry's own address, or with
   * RemoteKeyLayout.PER_STORE its scope's ('platform', 'workers', 'pools/<pool>').
   */
  public containerOf(entry: EnvEntry): string {
    const slot = this.slotOf(entry);
    return slot?.scope ?? slot?.address ?? addressOf(entry);
  }

  /** The JSON field that holds an entry's value, where its remote secret holds a scope (RemoteKeyLayout.PER_STORE). */
  public fieldOf(entry: EnvEntry): string | undefined {
    return this.slotOf(entry)?.scope !== undefined ? entry.name : undefined;
  }

  /** The remote key of an entry. */
  public keyOf(entry: EnvEntry): string {
    return this.requireSlot(entry).key;
  }

  private requireSlot(entry: EnvEntry): Slot {
    const slot = this.slotOf(entry);
    if (slot === undefined) {
      throw new NoxusSecretsError(`RemoteKeyScheme: ${addressOf(entry)} is not an entry of this scheme's blueprint. Build the scheme from the same blueprint.`);
    }
    return slot;
  }

  /**
   * Every placement's address, remote key and entry, sorted by address. This
   * includes a worker-only key that every pool overrides: it is declared, so the
   * cloud side creates it, though no store reads it.
   */
  public all(): RemoteKeyEntry[] {
    // By address (the slots' keys): Array's own sort compares strings as `<` does.
    return [...this.slots.keys()].sort().map(address => {
      const { key, entry, scope } = this.slots.get(address)!;
      return scope !== undefined ? { address, key, entry, fields: [entry.name] } : { address, key, entry };
    });
  }

  /**
   * How many remote secrets hold the placements whose entry passes `held`: the length of
   * `secretsOf` of those entries, without listing or sorting them (the footprint counts them at
   * every synth: 20,000 placements at 1,000 pools).
   * @internal
   */
  public _countSecrets(held: (entry: EnvEntry) => boolean): number {
    const secrets = new Set<string>();
    for (const slot of this.slots.values()) if (held(slot.entry)) secrets.add(slot.scope ?? slot.address);
    return secrets.size;
  }

  /**
   * The remote secrets that hold `entries`, one per secret, sorted by address: an entry's own
   * secret, or (RemoteKeyLayout.PER_STORE) its scope's, addressed 'platform', 'workers' or
   * 'pools/<pool>', with the env names of its fields.
   */
  public secretsOf(entries: EnvEntry[]): RemoteKeyEntry[] {
    const byAddress = new Map<string, { key: string; entry: EnvEntry; fields?: Set<string> }>();
    for (const entry of entries) {
      const slot = this.requireSlot(entry);
      const at = slot.scope ?? slot.address;
      const known = byAddress.get(at);
      if (known) {
        known.fields?.add(entry.name);
        continue;
      }
      byAddress.set(at, { key: slot.key, entry, fields: slot.scope === undefined ? undefined : new Set([entry.name]) });
    }
    return [...byAddress.keys()].sort().map(address => {
      const s = byAddress.get(address)!;
      return s.fields ? { address, key: s.key, entry: s.entry, fields: [...s.fields].sort() } : { address, key: s.key, entry: s.entry };
    });
  }
}

/**
 * The rotation period of a remote secret in days: its key's, or for a scope's secret
 * (RemoteKeyLayout.PER_STORE) the shortest of its keys' (the secret rotates as a whole).
 */
export function rotationDaysOf(blueprint: SecretsBlueprint, secret: RemoteKeyEntry): number | undefined {
  if (!secret.fields) return secret.entry.secret.rotation?.days;
  const days = secret.fields.map(name => blueprint.secret(name).rotation?.days).filter((d): d is number => d !== undefined);
  return days.length > 0 ? Math.min(...days) : undefined;
}
