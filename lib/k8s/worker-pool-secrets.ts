import { Construct, IConstruct } from 'constructs';
import { EnvEntry, NoxusSecretsError, SecretsContract, Store, WorkerPool, assertDnsSubdomain, assertProps, childPath } from '../core';
import { contractOf } from './contract-of';
import { IWorkload, assertWorkload } from './workload';
import { EnvSecretSource } from './env-secret-source';
import { CHART_SHARED_SECRET_NAME, poolValues } from './helm-values';
import { ReloadStrategy, assertReloadStrategy } from './reload-strategy';
import { wireWorkload } from './workload-wiring';

/** Props of one pool's env Secret. */
export interface WorkerPoolSecretsProps {
  /**
   * The facts both sides agree on; pass the same contract to the cloud side.
   */
  readonly contract: SecretsContract;
  /** The pool's name in the blueprint. */
  readonly pool: string;
  /**
   * Name of the shared env Secret that this pool's Secret is layered on.
   * @default 'app-env'
   */
  readonly sharedSecretName?: string;
  /**
   * Name of the pool's env Secret (the chart's `envSecretRef`).
   * @default '<sharedSecretName>-<pool>'
   */
  readonly secretName?: string;
  /**
   * How the Secret comes to exist.
   * @default - EnvSecretSource.externalSecrets() when the contract has a backend, else EnvSecretSource.existing()
   */
  readonly source?: EnvSecretSource;
  /**
   * Reloader annotations on workloads attached with `attachTo`.
   * @default ReloadStrategy.NONE
   */
  readonly reload?: ReloadStrategy;
}

/**
 * One worker pool's env Secret: the worker-only keys with the pool's own keys
 * over them, layered after the shared Secret so that its keys win.
 */
export class WorkerPoolSecrets extends Construct {
  /** The pool as the blueprint defines it. */
  public readonly pool: WorkerPool;
  /** The pool's env Secret name: what `worker.pools.<name>.envSecretRef` holds. */
  public readonly secretName: string;
  /** The shared env Secret this pool layers on. */
  public readonly sharedSecretName: string;
  /** The keys of the pool's Secret and where each value comes from, sorted. */
  public readonly entries: EnvEntry[];
  /** What the source rendered for the Secret (a Secret, or an ExternalSecret and its store), if anything. */
  public readonly resource?: IConstruct;
  private readonly reload: ReloadStrategy;
  private readonly source: EnvSecretSource;

  /** The contract's store of this pool. */
  public readonly store: Store;
  private readonly sharedStore?: Store;

  constructor(scope: Construct, id: string, props: WorkerPoolSecretsProps) {
    assertProps('WorkerPoolSecrets', props, "{ contract, pool: 'finance' }", childPath(scope, id));
    super(scope, id);
    const subject = `WorkerPoolSecrets ${JSON.stringify(props?.pool)}`;
    const { contract, source } = contractOf('WorkerPoolSecrets', props, ['blueprint'], this.node.path);
    this.pool = NoxusSecretsError.within(this.node.path, () => contract.blueprint.pool(props.pool));
    this.store = contract.poolStore(this.pool.name);
    this.sharedStore = contract.sharedStore;
    this.sharedSecretName = props.sharedSecretName ?? CHART_SHARED_SECRET_NAME;
    this.secretName = props.secretName ?? `${this.sharedSecretName}-${this.pool.name}`;
    assertDnsSubdomain(subject, 'sharedSecretName', this.sharedSecretName, this.node.path);
    assertDnsSubdomain(subject, 'secretName', this.secretName, this.node.path);
    if (this.secretName === this.sharedSecretName) {
      throw NoxusSecretsError.at(this.node.path, `${subject}: secretName ${JSON.stringify(this.secretName)} is the shared Secret's name ` +
        '(the pool\'s Secret is layered on the shared one and must be another object). Choose another name.');
    }
    this.entries = this.store.entries;
    this.reload = props.reload ?? ReloadStrategy.NONE;
    assertReloadStrategy(subject, this.reload, this.node.path);
    this.source = source;
    this.resource = source._render(this, this.secretName, this.store);
  }

  /** The chart values of this pool: `worker.pools.<name>`. */
  public helmValues(): Record<string, unknown> {
    return poolValues(this.pool, this.secretName);
  }

  /**
   * Wires a cdk8s-plus workload as a worker of this pool: every container
   * gets `envFrom` the shared Secret, then the pool's Secret (whose keys win),
   * and the workload gets the Reloader annotations.
   */
  public attachTo(workload: IWorkload): void {
    assertWorkload(this.node.path, 'attachTo', workload);
    const stores = [...(this.sharedStore ? [this.sharedStore] : []), this.store];
    // Without global keys nothing creates the shared Secret: the worker reads only its pool's.
    const secrets = [...(this.sharedStore ? [this.sharedSecretName] : []), this.secretName];
    wireWorkload(this, workload, secrets, this.reload, this.source._podRequirements(stores), { service: 'worker', pool: this.pool.name });
  }

  /** The ServiceAccount this pool's pods must run as, where the source needs one (the CSI driver); otherwise undefined. */
  public get podServiceAccountName(): string | undefined {
    return this.source._podRequirements([this.store])?.serviceAccountName;
  }
}
