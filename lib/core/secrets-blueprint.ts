import { NoxusSecretsError, assertProps } from './errors';
import { nearest } from './near-match';
import { PlatformSecret } from './platform-secret';
import { NoxusService, SecretScope } from './scope';
import { WorkerPool, WorkerPoolProps } from './worker-pool';

/** The platform's secrets, who receives each, and its worker pools. */
export interface SecretsBlueprintProps {
  /** Every secret the platform reads: `NoxusCatalog.all()` and your custom secrets, each env name once. */
  readonly secrets: PlatformSecret[];
  /**
   * Env names every service receives (Frontend, Backend, Beat, all workers).
   * @default - none
   */
  readonly global?: string[];
  /**
   * Env names every worker pool receives and no other service.
   * @default - none
   */
  readonly workerOnly?: string[];
  /**
   * Global keys that the worker-only scope may override for all workers.
   * @default - none: an overlap is an error
   */
  readonly allowWorkerOnlyOverride?: string[];
  /**
   * The chart's worker pools.
   * @default - none (allowed only when there are no worker-only secrets)
   */
  readonly pools?: WorkerPoolProps[];
}

/** One key in an effective environment and where its value comes from. */
export interface EnvEntry {
  /** The env var name. */
  readonly name: string;
  /** The scope whose value wins. */
  readonly scope: SecretScope;
  /** The pool, when the scope is POOL. */
  readonly pool?: string;
  /** The secret's definition. */
  readonly secret: PlatformSecret;
}

/** A key that a narrower scope takes over from a broader one. */
export interface EnvOverride {
  /** The env var name. */
  readonly name: string;
  /** The scope whose value is replaced. */
  readonly overridden: SecretScope;
  /** The scope whose value wins. */
  readonly by: SecretScope;
  /** The pool, when `by` is POOL. */
  readonly pool?: string;
}

/**
 * The validated model: one description of the platform's secrets that every
 * renderer (Kubernetes, cloud, VM) reads. Validation happens here, once, when
 * the blueprint is built; a blueprint that exists is consistent.
 */
export class SecretsBlueprint {
  /** Secret definitions by env name, sorted. */
  public readonly secrets: PlatformSecret[];
  /** Keys every service receives, sorted. */
  public readonly globalKeys: string[];
  /** Keys every worker pool receives, sorted. */
  public readonly workerOnlyKeys: string[];
  /** The pools, sorted by name. */
  public readonly pools: WorkerPool[];
  /** Every key that a narrower scope overrides, with its allowance checked. */
  public readonly overrides: EnvOverride[];

  private readonly byName = new Map<string, PlatformSecret>();
  private readonly poolsByName = new Map<string, WorkerPool>();

  constructor(props: SecretsBlueprintProps) {
    const subject = 'SecretsBlueprint';
    assertProps(subject, props, "{ secrets: NoxusCatalog.all(), global: [...] }");
    if (!Array.isArray(props.secrets) || props.secrets.length === 0) {
      throw new NoxusSecretsError(`${subject}: secrets ${props.secrets === undefined ? 'is required' : `${JSON.stringify(props.secrets)} is empty or not a list`}, ` +
        'and a platform with no secrets would wire workloads to Secrets that nothing creates. Declare them, e.g. secrets: NoxusCatalog.all().');
    }
    for (const [field, value] of [['global', props.global], ['workerOnly', props.workerOnly], ['pools', props.pools]] as const) {
      if (value !== undefined && !Array.isArray(value)) {
        throw new NoxusSecretsError(`${subject}: ${field} ${JSON.stringify(value)} is not a list. Pass an array, e.g. ${field}: [].`);
      }
    }
    for (const secret of props.secrets) {
      if (!(secret instanceof PlatformSecret)) {
        throw new NoxusSecretsError(`${subject}: secrets holds ${JSON.stringify(secret)}, which is not a PlatformSecret. ` +
          'Use PlatformSecret.custom({ name }) or an entry of NoxusCatalog.');
      }
      if (this.byName.has(secret.name)) {
        throw new NoxusSecretsError(`${subject}: secrets declares ${JSON.stringify(secret.name)} twice ` +
          '(each env name is declared once and placed in as many scopes as need it). Remove the second declaration.');
      }
      this.byName.set(secret.name, secret);
    }
    this.secrets = [...this.byName.values()].sort(byName);

    this.globalKeys = this.placement(subject, 'global', props.global ?? []);
    this.workerOnlyKeys = this.placement(subject, 'workerOnly', props.workerOnly ?? []);

    for (const poolProps of props.pools ?? []) {
      const pool = new WorkerPool(poolProps);
      if (this.poolsByName.has(pool.name)) {
        throw new NoxusSecretsError(`WorkerPool ${JSON.stringify(pool.name)}: pool name is used twice ` +
          '(the chart keys pools by name under worker.pools). Rename one of them.');
      }
      this.placement(`WorkerPool ${JSON.stringify(pool.name)}`, 'secrets', pool.secrets);
      this.poolsByName.set(pool.name, pool);
    }
    this.pools = [...this.poolsByName.values()].sort(byName);

    this.overrides = this.checkOverrides(props.allowWorkerOnlyOverride ?? []);
    this.checkEveryPoolHasSecrets();
    this.checkEverySecretIsPlaced();
  }

  /** The definition of `name`; throws if the blueprint does not declare it. */
  public secret(name: string): PlatformSecret {
    const secret = this.byName.get(name);
    if (!secret) {
      throw new NoxusSecretsError(`SecretsBlueprint: no secret named ${JSON.stringify(name)} is declared ` +
        `(declared: ${[...this.byName.keys()].sort().join(', ')}). Fix the name or declare it in secrets.`);
    }
    return secret;
  }

  /** The pool `name`; throws if the blueprint has no such pool. */
  public pool(name: string): WorkerPool {
    const pool = this.poolsByName.get(name);
    if (!pool) {
      throw new NoxusSecretsError(`SecretsBlueprint: no worker pool named ${JSON.stringify(name)} ` +
        `(pools: ${this.pools.map(p => p.name).join(', ') || 'none'}). Fix the name or add the pool to pools.`);
    }
    return pool;
  }

  /**
   * The keys a service receives. Workers differ per pool: pass the pool for
   * NoxusService.WORKER.
   */
  public environmentOf(service: NoxusService, pool?: string): EnvEntry[] {
    if (service !== NoxusService.WORKER) {
      if (pool !== undefined) {
        throw new NoxusSecretsError(`SecretsBlueprint: environmentOf(${JSON.stringify(service)}) got pool ${JSON.stringify(pool)}, ` +
          'but only workers belong to pools. Pass no pool, or NoxusService.WORKER.');
      }
      return this.globalKeys.map(name => this.entry(name, SecretScope.GLOBAL));
    }
    if (pool === undefined) {
      throw new NoxusSecretsError('SecretsBlueprint: environmentOf("worker") needs a pool, because each pool has its own keys. ' +
        `Pass one of: ${this.pools.map(p => p.name).join(', ') || '(no pools declared)'}.`);
    }
    const p = this.pool(pool);
    const merged = new Map<string, EnvEntry>();
    for (const name of this.globalKeys) merged.set(name, this.entry(name, SecretScope.GLOBAL));
    for (const name of this.workerOnlyKeys) merged.set(name, this.entry(name, SecretScope.WORKER_ONLY));
    for (const name of p.secrets) merged.set(name, this.entry(name, SecretScope.POOL, p.name));
    return [...merged.values()].sort(byName);
  }

  /**
   * The keys of the pool's own env Secret (the chart's `envSecretRef`): the
   * worker-only keys, and the pool's keys over them. Sorted.
   */
  public poolSecretKeys(pool: string): EnvEntry[] {
    const p = this.pool(pool);
    const merged = new Map<string, EnvEntry>();
    for (const name of this.workerOnlyKeys) merged.set(name, this.entry(name, SecretScope.WORKER_ONLY));
    for (const name of p.secrets) merged.set(name, this.entry(name, SecretScope.POOL, p.name));
    return [...merged.values()].sort(byName);
  }

  private entry(name: string, scope: SecretScope, pool?: string): EnvEntry {
    return { name, scope, pool, secret: this.secret(name) };
  }

  private placement(subject: string, field: string, names: string[]): string[] {
    const seen = new Set<string>();
    for (const name of names) {
      if (seen.has(name)) {
        throw new NoxusSecretsError(`${subject}: ${field} lists ${JSON.stringify(name)} twice (each key once). Remove the repeat.`);
      }
      if (!this.byName.has(name)) {
        const near = nearest(String(name), [...this.byName.keys()]);
        throw new NoxusSecretsError(`${subject}: ${field} names ${JSON.stringify(name)}, which is not declared in secrets ` +
          `(declared: ${[...this.byName.keys()].sort().join(', ') || 'none'}). ` +
          (near ? `Did you mean ${near}? ` : '') +
          `Fix the name${near ? '' : `, or declare it, e.g. PlatformSecret.custom({ name: ${JSON.stringify(name)} })`}.`);
      }
      seen.add(name);
    }
    return [...seen].sort();
  }

  private checkOverrides(allowWorkerOnly: string[]): EnvOverride[] {
    const overrides: EnvOverride[] = [];
    const global = new Set(this.globalKeys);
    const workerOnly = new Set(this.workerOnlyKeys);

    const allowedWorker = this.placement('SecretsBlueprint', 'allowWorkerOnlyOverride', allowWorkerOnly);
    for (const name of this.workerOnlyKeys) {
      if (!global.has(name)) continue;
      if (!allowedWorker.includes(name)) {
        throw new NoxusSecretsError(`SecretsBlueprint: worker-only secret ${JSON.stringify(name)} overrides the global one ` +
          'without allowance (a narrower scope replaces a key only where allowed, so that no scope silently shadows another). ' +
          `Add ${JSON.stringify(name)} to allowWorkerOnlyOverride, or remove it from workerOnly or global.`);
      }
      overrides.push({ name, overridden: SecretScope.GLOBAL, by: SecretScope.WORKER_ONLY });
    }
    for (const name of allowedWorker) {
      if (!(global.has(name) && workerOnly.has(name))) {
        throw new NoxusSecretsError(`SecretsBlueprint: allowWorkerOnlyOverride lists ${JSON.stringify(name)}, ` +
          'but it is not in both global and workerOnly, so nothing is overridden (a stale allowance hides future mistakes). Remove it.');
      }
    }

    for (const pool of this.pools) {
      const subject = `WorkerPool ${JSON.stringify(pool.name)}`;
      for (const name of pool.secrets) {
        const overridden = workerOnly.has(name) ? SecretScope.WORKER_ONLY : global.has(name) ? SecretScope.GLOBAL : undefined;
        if (!overridden) continue;
        if (!pool.allowOverride.includes(name)) {
          throw new NoxusSecretsError(`${subject}: pool secret ${JSON.stringify(name)} overrides the ${overridden} one ` +
            'without allowance (a narrower scope replaces a key only where allowed, so that no pool silently shadows a broader secret). ' +
            `Add ${JSON.stringify(name)} to the pool's allowOverride, or remove it from the pool's secrets.`);
        }
        overrides.push({ name, overridden, by: SecretScope.POOL, pool: pool.name });
      }
      for (const name of pool.allowOverride) {
        if (!(pool.secrets.includes(name) && (global.has(name) || workerOnly.has(name)))) {
          throw new NoxusSecretsError(`${subject}: allowOverride lists ${JSON.stringify(name)}, but the pool does not override it ` +
            '(it must be in the pool\'s secrets and in global or workerOnly; a stale allowance hides future mistakes). Remove it.');
        }
      }
    }
    return overrides;
  }

  private checkEveryPoolHasSecrets(): void {
    if (this.pools.length === 0 && this.workerOnlyKeys.length > 0) {
      throw new NoxusSecretsError(`SecretsBlueprint: workerOnly has ${this.workerOnlyKeys.length} secret(s) ` +
        `(${this.workerOnlyKeys.join(', ')}) but there are no pools, and workers receive them only through a pool's Secret. ` +
        'Add at least one pool, e.g. pools: [{ name: "default" }].');
    }
    for (const pool of this.pools) {
      if (pool.secrets.length === 0 && this.workerOnlyKeys.length === 0) {
        throw new NoxusSecretsError(`WorkerPool ${JSON.stringify(pool.name)}: the pool has nothing in it ` +
          '(no pool secrets and no worker-only secrets, so its env Secret would be empty). ' +
          'Give it secrets, add worker-only secrets, or leave the pool out (a pool that needs only the shared Secret needs no envSecretRef).');
      }
    }
  }

  private checkEverySecretIsPlaced(): void {
    const placed = new Set<string>([...this.globalKeys, ...this.workerOnlyKeys, ...this.pools.flatMap(p => p.secrets)]);
    for (const secret of this.secrets) {
      if (!placed.has(secret.name)) {
        throw new NoxusSecretsError(`SecretsBlueprint: secret ${JSON.stringify(secret.name)} is declared but in no scope, ` +
          'so no service would receive it. Add it to global, workerOnly or a pool\'s secrets, or remove the declaration.');
      }
    }
  }
}

function byName<T extends { readonly name: string }>(a: T, b: T): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
