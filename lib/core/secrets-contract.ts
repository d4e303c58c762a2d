import { CONTRACT_INSTEAD, NoxusSecretsError, assertProps, shown } from './errors';
import { assertDnsLabel, isDnsLabel } from './names';
import { isUnresolvedToken } from './references';
import { RemoteKeyEntry, RemoteKeyScheme, RemoteKeySchemeProps, addressOf } from './remote-keys';
import { NoxusService } from './scope';
import { ISecretBackend } from './secret-backend';
import { EnvEntry, SecretsBlueprint } from './secrets-blueprint';
import { IWorkloadIdentity, IdentityBinding, StoreContext } from './workload-identity';
import { SourceSecret, ValueOrigin, ValueSource } from './value-source';
import { nearest } from './near-match';

const MANUAL = ValueSource.manual();

/** The facts both sides must agree on, given once. */
export interface SecretsContractProps {
  /** The platform's secrets, scopes and pools. */
  readonly blueprint: SecretsBlueprint;
  /**
   * Where the secrets live.
   * @default - none: the env Secrets exist already, and no cloud side can be built
   */
  readonly backend?: ISecretBackend;
  /**
   * How each store authenticates to the backend; required with a backend, and it must fit it.
   * @default - none
   */
  readonly identity?: IWorkloadIdentity;
  /**
   * The Kubernetes namespace of the env Secrets, the stores and their ServiceAccounts: the subject
   * that every cloud identity trusts. Required by the cloud side.
   * @default - none (manifests carry no namespace; the cloud side then refuses the contract)
   */
  readonly namespace?: string;
  /**
   * An environment (e.g. 'staging', 'prod') that prefixes every derived name: remote keys,
   * IAM roles, GSAs, managed identities, Vault roles, stores and ServiceAccounts
   * ('noxus-prod-eso-platform'), so that two environments in one account or project never collide.
   * @default - none: names start with 'noxus'
   */
  readonly environment?: string;
  /**
   * How remote secret names are derived.
   * @default - prefix 'noxus' (or 'noxus-<environment>'), no overrides
   */
  readonly remoteKeys?: RemoteKeySchemeProps;
  /**
   * Where values come from, by secret name (every placement of it) or by address
   * ('pools/<pool>/NAME', which wins over the name): `ValueSource.postgresUrl(...)`,
   * `ValueSource.fromSecretKeys(...)` or `ValueSource.generated()`. Composed and generated
   * values are made by ESO in the cluster; the cloud side creates no container for them.
   * @default - every value is set by hand (ValueSource.manual())
   */
  readonly values?: Record<string, ValueSource>;
}

/** One entry of a store whose value ESO composes or generates. */
export interface ComposedEntry {
  readonly entry: EnvEntry;
  readonly address: string;
  readonly value: ValueSource;
}

/**
 * One store: one env Secret (the shared one, or one pool's), the keys it holds,
 * and every name derived for it. Both sides read these; neither derives its own.
 */
export class Store implements StoreContext {

  /** 'platform' for the shared Secret, 'pool-<name>' for a pool's. */
  public readonly id: string;
  /** The pool, for a pool's store. */
  public readonly pool?: string;
  /** The keys of the store's Secret and where each comes from. */
  public readonly entries: EnvEntry[];
  /** The contract's name prefix. */
  public readonly namePrefix: string;
  /** The namespace of the store's objects, where the contract has one. */
  public readonly namespace?: string;
  /** Name of the store's SecretStore (and of its SecretProviderClass with the CSI driver). */
  public readonly storeName: string;
  /** The ServiceAccount ESO authenticates the store as. */
  public readonly serviceAccountName: string;
  /** The ServiceAccount pods run as when the CSI driver reads the store. */
  public readonly csiServiceAccountName: string;
  private bound?: IdentityBinding;
  private remoteKeysMemo?: RemoteKeyEntry[];
  private composedMemo?: ComposedEntry[];

  /**
   * @param contract the contract this store belongs to
   * @internal
   */
  constructor(public readonly contract: SecretsContract, id: string, entries: EnvEntry[], pool?: string) {
    this.id = id;
    this.pool = pool;
    this.entries = entries;
    this.namePrefix = contract.namePrefix;
    this.namespace = contract.namespace;
    this.storeName = `${contract.namePrefix}-${id}`;
    this.serviceAccountName = `${contract.namePrefix}-eso-${id}`;
    this.csiServiceAccountName = `${contract.namePrefix}-csi-${id}`;
  }

  /**
   * The remote secrets this store reads, one per secret, sorted by address: those of the entries
   * set by hand (composed and generated entries have no container of their own). With
   * RemoteKeyLayout.PER_STORE a scope's keys share one secret, addressed by the scope
   * ('workers', 'pools/<pool>'), whose `fields` are the keys the store reads in it.
   */
  public get remoteKeys(): RemoteKeyEntry[] {
    // The contract is immutable once built: computed once (every side and the guard read it).
    if (this.remoteKeysMemo) return [...this.remoteKeysMemo];
    this.remoteKeysMemo = this.contract.remoteKeyScheme.secretsOf(this.entries.filter(e => this.contract.valueOf(e).inBackend));
    return [...this.remoteKeysMemo];
  }

  /** The entries whose value ESO composes or generates, in the store's order. */
  public get composed(): ComposedEntry[] {
    this.composedMemo ??= this.entries.map(entry => ({ entry, address: addressOf(entry), value: this.contract.valueOf(entry) }))
      .filter(c => !c.value.inBackend);
    return [...this.composedMemo];
  }

  /** The existing secrets this store's composed entries read, each once. */
  public get sourceSecrets(): SourceSecret[] {
    return [...new Set(this.composed.flatMap(c => Object.values(c.value.sources)))];
  }

  /** The contract's identity bound to this store: its ServiceAccount, annotations, ESO auth and cloud principal. */
  public get identity(): IdentityBinding {
    if (!this.bound) {
      const identity = this.contract.identity;
      if (!identity) {
        throw new NoxusSecretsError(`SecretsContract: store ${JSON.stringify(this.id)} has no identity, because the contract has none. ` +
          'Give the contract the identity of its backend, e.g. WorkloadIdentity.irsa({ accountId }).');
      }
      this.bound = identity.bind(this);
    }
    return this.bound;
  }

  public toString(): string {
    return `store ${this.id}`;
  }
}

/**
 * The one value that both sides take: the blueprint, the backend, the identity,
 * the namespace, the environment and the remote key scheme, checked together
 * once. It yields the stores and every derived name, so the Kubernetes side and
 * the cloud side cannot disagree: pass the same contract to `NoxusPlatformSecrets`
 * and to `NoxusAwsSecrets` (or GCP, Azure, Vault, VM).
 */
export class SecretsContract {
  public readonly blueprint: SecretsBlueprint;
  public readonly backend?: ISecretBackend;
  public readonly identity?: IWorkloadIdentity;
  public readonly namespace?: string;
  public readonly environment?: string;
  /** The prefix of every derived name: 'noxus', or 'noxus-<environment>'. */
  public readonly namePrefix: string;
  /** The stores: the shared one (if the blueprint has global keys), then one per pool. */
  public readonly stores: Store[];
  private readonly remoteKeysProps?: RemoteKeySchemeProps;
  private readonly valuesProps?: Record<string, ValueSource>;
  private readonly valueByKey = new Map<string, ValueSource>();
  private scheme?: RemoteKeyScheme;
  private readonly byPool = new Map<string, Store>();
  private remoteSecretsMemo?: RemoteKeyEntry[];

  constructor(props: SecretsContractProps) {
    const subject = 'SecretsContract';
    assertProps(subject, props, '{ blueprint, backend, identity, namespace }');
    if (!(props.blueprint instanceof SecretsBlueprint)) {
      throw new NoxusSecretsError(`${subject}: blueprint is required (a SecretsBlueprint). Pass blueprint: new SecretsBlueprint({ ... }).`);
    }
    if (props.namespace !== undefined) assertDnsLabel(subject, 'namespace', props.namespace);
    assertBackendAndIdentity(subject, props);
    if (props.environment !== undefined && !(isDnsLabel(props.environment) && /^[a-z][a-z0-9-]{0,11}$/.test(props.environment))) {
      throw new NoxusSecretsError(`${subject}: environment ${JSON.stringify(props.environment)} is not an environment name ` +
        "(1-12 of a-z, 0-9, '-', starting with a letter; it goes into IAM role, GSA and identity names, which are short). Use e.g. \"prod\".");
    }
    if (props.backend !== undefined && props.identity === undefined) {
      throw new NoxusSecretsError(`${subject}: backend ${JSON.stringify(props.backend.kind)} is given without an identity, and every store ` +
        'authenticates to the backend with one. Add identity, e.g. WorkloadIdentity.irsa({ accountId }) for AWS.');
    }
    if (props.identity !== undefined && props.backend === undefined) {
      throw new NoxusSecretsError(`${subject}: identity ${JSON.stringify(props.identity.kind)} is given without a backend. Add the backend it reads, or remove the identity.`);
    }
    if (props.backend && props.identity) props.identity.assertCompatible(props.backend);
    this.blueprint = props.blueprint;
    this.backend = props.backend;
    this.identity = props.identity;
    this.namespace = props.namespace;
    this.environment = props.environment;
    this.namePrefix = props.environment === undefined ? 'noxus' : `noxus-${props.environment}`;
    this.remoteKeysProps = props.remoteKeys;
    // Fails early where the scheme cannot name every entry (a collision, an override of no entry).
    // Terraform writes a whole secret: with one secret per scope, a value it writes keeps its own.
    const apart = new Set(Object.entries(props.values ?? {}).filter(([, v]) => v instanceof ValueSource && v.origin === ValueOrigin.TERRAFORM).map(([k]) => k));
    if (this.backend) this.scheme = new RemoteKeyScheme(this.blueprint, this.backend, { ...(props.remoteKeys ?? {}), prefix: props.remoteKeys?.prefix ?? this.namePrefix }, apart);

    const blueprint = this.blueprint;
    this.stores = [];
    if (blueprint.globalKeys.length > 0) this.stores.push(new Store(this, 'platform', blueprint.environmentOf(NoxusService.FRONTEND)));
    for (const p of blueprint.pools) {
      const store = new Store(this, `pool-${p.name}`, blueprint.poolSecretKeys(p.name), p.name);
      this.stores.push(store);
      this.byPool.set(p.name, store);
    }
    if (this.identity) this.assertUniquePrincipals();
    this.valuesProps = props.values;
    if (props.values !== undefined) this.checkValues(props.values);
  }

  /** The value sources as given, for a contract derived from this one. */
  public get values(): Record<string, ValueSource> | undefined {
    return this.valuesProps;
  }

  /**
   * The values ESO composes or generates in the cluster, as 'NAME (origin)', each once: what a
   * source other than ESO, or a VM, could not make.
   * @internal
   */
  public _madeInCluster(): string[] {
    return [...new Set(this.stores.flatMap(s => s.composed.map(c => `${c.entry.name} (${c.value.origin})`)))];
  }

  /** Where an entry's value comes from: its address's source, else its name's, else manual. */
  public valueOf(entry: EnvEntry): ValueSource {
    // Most contracts name no values: then every value is set by hand, and no address need be built.
    if (this.valueByKey.size === 0) return MANUAL;
    return this.valueByKey.get(addressOf(entry)) ?? this.valueByKey.get(entry.name) ?? MANUAL;
  }

  private checkValues(values: Record<string, ValueSource>): void {
    const subject = 'SecretsContract';
    if (values === null || typeof values !== 'object') throw new NoxusSecretsError(`${subject}: values is not an object. Pass { NAME: ValueSource... }.`);
    const names = new Set(this.blueprint.secrets.map(s => s.name));
    const addresses = new Set(this.stores.flatMap(s => s.entries.map(addressOf)));
    for (const [key, value] of Object.entries(values).sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (!(value instanceof ValueSource)) {
        throw new NoxusSecretsError(`${subject}: values[${JSON.stringify(key)}] is not a ValueSource. Use ValueSource.postgresUrl(...), fromSecretKeys(...), generated() or manual().`);
      }
      if (!names.has(key) && !addresses.has(key)) {
        throw new NoxusSecretsError(`${subject}: values names ${JSON.stringify(key)}, which is no secret of the blueprint and no address a store reads` +
          `${didYouMean(key, [...names, ...addresses])}. Use a secret name or an address ('pools/<pool>/NAME').`);
      }
      if (value.origin !== ValueOrigin.MANUAL && !this.backend) {
        throw new NoxusSecretsError(`${subject}: values[${JSON.stringify(key)}] is ${value.origin}, which External Secrets Operator does from the backend, but the contract has no backend. Give it one.`);
      }
      for (const [name, source] of Object.entries(value.sources)) {
        // A literal name is checked as the backend checks its own keys; ARNs and references as they are.
        if (!isUnresolvedToken(source.key) && !source.key.startsWith('arn:')) this.backend!.assertRemoteKey(`${subject}: values[${JSON.stringify(key)}] source ${JSON.stringify(name)}`, source.key);
        if (source.backend !== undefined && source.backend !== this.backend!.kind) {
          throw new NoxusSecretsError(`${subject}: values[${JSON.stringify(key)}] reads source ${JSON.stringify(name)} from backend ${JSON.stringify(source.backend)}, ` +
            `but its store reads ${JSON.stringify(this.backend!.kind)} (one store, one backend). Copy the secret into the contract's backend, or compose it elsewhere.`);
        }
      }
      this.valueByKey.set(key, value);
    }
    if (this.scheme) this.assertSourcesOfTheirOwnStore();
    // A generated value is made by the ExternalSecret that writes it: in two Secrets, two different values.
    const holders = new Map<string, string[]>();
    for (const store of this.stores) {
      for (const c of store.composed) {
        if (c.value.origin !== ValueOrigin.GENERATED) continue;
        const list = holders.get(c.entry.name) ?? [];
        list.push(store.id);
        holders.set(c.entry.name, list);
      }
    }
    for (const [name, stores] of holders) {
      if (stores.length > 1) {
        throw new NoxusSecretsError(`${subject}: ${name} is generated, but the stores ${stores.join(', ')} all hold it, and each would generate its own value, ` +
          'so their readers would disagree. Place it in one scope (global, so that every service reads one value), or set it by hand.');
      }
    }
  }

  /**
   * A composed value is read with its store's identity and written into its store's Secret: a
   * source that is a key of the library's scheme (by name, by ARN, or under one of its folders)
   * must be one the store reads anyway, or the value would carry another store's secret into this
   * one, and the store's role would be granted that secret.
   */
  private assertSourcesOfTheirOwnStore(): void {
    const scheme = this.scheme!;
    const backend = this.backend!;
    const norm = (k: string) => (backend.caseInsensitiveKeys ? k.toLowerCase() : k);
    const addressByKey = new Map(scheme.all().map(e => [norm(e.key), e.address]));
    const folders = ['platform', 'workers', 'pools'].map(f => backend.remoteKey([scheme.prefix, f, '']));
    for (const store of this.stores) {
      const own = new Set(store.remoteKeys.map(k => norm(k.key)));
      for (const c of store.composed) {
        for (const [name, source] of Object.entries(c.value.sources)) {
          if (isUnresolvedToken(source.key)) continue;
          // The name inside a Secrets Manager ARN (its random suffix may follow) or a parameter ARN.
          const arnName = /^arn:[^:]+:secretsmanager:[^:]*:[^:]*:secret:(.+?)(-[A-Za-z0-9]{6})?$/.exec(source.key)?.[1]
            ?? /^arn:[^:]+:ssm:[^:]*:[^:]*:parameter(\/.+)$/.exec(source.key)?.[1];
          const key = norm(arnName ?? source.key);
          const address = addressByKey.get(key);
          const folder = folders.find(f => key.startsWith(norm(f)));
          if ((address === undefined && folder === undefined) || own.has(key)) continue;
          const what = address !== undefined ? `the remote key of ${address}` : `under the library's folder ${JSON.stringify(folder)}`;
          throw new NoxusSecretsError(`SecretsContract: ${c.entry.name} of store ${JSON.stringify(store.id)} is composed from source ${JSON.stringify(name)} ` +
            `${JSON.stringify(source.key)}, ${what}, which the store does not read: a composed value is read with its store's identity into its store's ` +
            'Secret, so it would carry another store\'s secret into this one. Compose it from a secret outside the library\'s keys (e.g. the one RDS manages), ' +
            'or from a key this store holds.');
        }
      }
    }
  }

  /**
   * Every name the identity derives per store (IAM role, GSA account ID, managed identity, Vault
   * role) must be unique: a long pool name is cut and hashed, and a short pool may be named like
   * that result; both stores would then share one principal, and with it each other's secrets.
   * (Store, ServiceAccount and Secret names come from unique pool names unchanged.)
   */
  private assertUniquePrincipals(): void {
    const owners = new Map<string, Store>();
    for (const store of this.stores) {
      const name = store.identity.principalName;
      if (name === undefined) continue;
      // IAM role and managed identity names are unique regardless of case.
      const key = name.toLowerCase();
      const other = owners.get(key);
      if (other !== undefined) {
        throw new NoxusSecretsError(`SecretsContract: stores ${JSON.stringify(other.id)} and ${JSON.stringify(store.id)} both derive the ${this.identity!.kind} ` +
          `principal name ${JSON.stringify(name)} (long names are cut and end in a hash), so one principal would read both stores' secrets. ` +
          'Rename one of the pools, or give the identity a shorter name prefix.');
      }
      owners.set(key, store);
    }
  }

  /** The shared Secret's store, or undefined when the blueprint has no global keys. */
  public get sharedStore(): Store | undefined {
    return this.stores[0]?.pool === undefined ? this.stores[0] : undefined;
  }

  /** A pool's store. */
  public poolStore(pool: string): Store {
    const store = this.byPool.get(pool);
    if (!store) {
      throw new NoxusSecretsError(`SecretsContract: no worker pool named ${JSON.stringify(pool)} ` +
        `(pools: ${[...this.byPool.keys()].join(', ') || 'none'}). Fix the name or add the pool to the blueprint.`);
    }
    return store;
  }

  /**
   * The remote secret of one entry, by its address ('platform/NAME', 'workers/NAME' or
   * 'pools/<pool>/NAME'): what a cloud construct's `grantReadKey` takes.
   */
  public remoteKeyAt(address: string): RemoteKeyEntry {
    const entry = this.remoteKeyScheme.all().find(e => e.address === address);
    if (!entry) {
      throw new NoxusSecretsError(`SecretsContract.remoteKeyAt: no secret at ${JSON.stringify(address)} ` +
        "(addresses are 'platform/NAME', 'workers/NAME' or 'pools/<pool>/NAME' of the blueprint). Fix the address.");
    }
    return entry;
  }

  /** The store by its ID ('platform', 'pool-<name>'), for outputs files and reports keyed by ID. */
  public storeById(id: string): Store {
    const store = this.stores.find(s => s.id === id);
    if (!store) {
      throw new NoxusSecretsError(`SecretsContract: no store ${JSON.stringify(id)} (stores: ${this.stores.map(s => s.id).join(', ') || 'none'}). ` +
        "Use 'platform' or 'pool-<name>', or better the Store objects of contract.stores.");
    }
    return store;
  }

  /**
   * The remote secrets of the contract that hold a value set by hand or by Terraform, one per
   * secret, sorted by address: what the cloud side creates. With RemoteKeyLayout.PER_KEY one per
   * placement; with PER_STORE one per scope ('platform', 'workers', 'pools/<pool>'), and one per key
   * kept apart.
   */
  public get remoteSecrets(): RemoteKeyEntry[] {
    const scheme = this.remoteKeyScheme;
    this.remoteSecretsMemo ??= scheme.secretsOf(scheme.all().map(e => e.entry).filter(e => this.valueOf(e).inBackend));
    return [...this.remoteSecretsMemo];
  }

  /**
   * How many remote secrets `remoteSecrets` lists, without listing them.
   * @internal
   */
  public get _remoteSecretCount(): number {
    return this.remoteSecretsMemo?.length ?? this.remoteKeyScheme._countSecrets(e => this.valueOf(e).inBackend);
  }

  /** The remote key scheme; throws without a backend. */
  public get remoteKeyScheme(): RemoteKeyScheme {
    if (!this.scheme) {
      throw new NoxusSecretsError('SecretsContract: there are no remote keys, because the contract has no backend. ' +
        'Give the contract a backend, e.g. SecretBackend.awsSecretsManager({ region }).');
    }
    return this.scheme;
  }

  /** The remote key props as given, for a contract derived from this one. */
  public get remoteKeys(): RemoteKeySchemeProps | undefined {
    return this.remoteKeysProps;
  }

  /**
   * The same contract with another identity: e.g. the Azure identity with the client
   * IDs that the Azure side assigned (`contract.withIdentity(identity.withClientIds(azure.clientIds))`).
   * Every other fact stays the same.
   */
  public withIdentity(identity: IWorkloadIdentity): SecretsContract {
    if (this.identity && identity.kind !== this.identity.kind) {
      throw new NoxusSecretsError(`SecretsContract.withIdentity: identity ${JSON.stringify(identity.kind)} is not of the contract's kind ` +
        `${JSON.stringify(this.identity.kind)}; the cloud side was built for that one. Build another contract instead.`);
    }
    return new SecretsContract({
      blueprint: this.blueprint, backend: this.backend, identity, namespace: this.namespace, environment: this.environment, remoteKeys: this.remoteKeysProps,
      values: this.valuesProps,
    });
  }

  /**
   * The contract a construct was given: throws the library's error unless it is a SecretsContract.
   * @internal
   */
  public static _given(subject: string, given: unknown, path?: string): SecretsContract {
    if (given === undefined) {
      throw NoxusSecretsError.at(path, `${subject}: contract is required. Pass ${CONTRACT_INSTEAD}, the same one every side takes.`);
    }
    if (!(given instanceof SecretsContract)) {
      throw NoxusSecretsError.at(path, `${subject}: contract is not a SecretsContract. Build it with new SecretsContract({ blueprint, backend, identity, namespace }).`);
    }
    return given;
  }
}

function didYouMean(name: string, candidates: string[]): string {
  const near = nearest(name, candidates);
  return near === undefined ? '' : ` (did you mean ${JSON.stringify(near)}?)`;
}

/**
 * Throws the library's error where a JavaScript caller passed something else than a backend or an
 * identity (by shape: both are interfaces a caller may implement).
 * @internal
 */
export function assertBackendAndIdentity(subject: string, props: { readonly backend?: unknown; readonly identity?: unknown }): void {
  const backend = props.backend as Partial<ISecretBackend> | undefined | null;
  if (backend !== undefined && (backend === null || typeof backend.kind !== 'string' || typeof backend.remoteKey !== 'function')) {
    throw new NoxusSecretsError(`${subject}: backend ${shown(backend)} is not a secret backend. Use e.g. SecretBackend.awsSecretsManager({ region: "eu-west-1" }), or leave it out.`);
  }
  const identity = props.identity as Partial<IWorkloadIdentity> | undefined | null;
  if (identity !== undefined && (identity === null || typeof identity.kind !== 'string' || typeof identity.assertCompatible !== 'function')) {
    throw new NoxusSecretsError(`${subject}: identity ${shown(identity)} is not a workload identity. Use e.g. WorkloadIdentity.irsa({ accountId: "123456789012" }), or leave it out.`);
  }
}
