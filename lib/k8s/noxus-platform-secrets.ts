import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, App, Chart, DependencyGraph } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct, IConstruct } from 'constructs';
import { EnvEntry, NoxusSecretsError, NoxusService, SecretsBlueprint, assertDnsLabel, assertDnsSubdomain, blastRadiusMarkdown, storeIdOf } from '../core';
import { AuditOptions, enforceAudit, runAudit } from '../audit';
import { EnvSecretSource } from './env-secret-source';
import { CHART_SHARED_SECRET_NAME, helmValuesYaml } from './helm-values';
import { ReloadStrategy } from './reload-strategy';
import { WorkerPoolSecrets } from './worker-pool-secrets';
import { wireWorkload } from './workload-wiring';

/** Props of the platform's env Secrets in one namespace. */
export interface NoxusPlatformSecretsProps {
  /** The platform's blueprint. */
  readonly blueprint: SecretsBlueprint;
  /**
   * Namespace of every object this chart renders.
   * @default - none written (kubectl's or Argo CD's target namespace applies)
   */
  readonly namespace?: string;
  /**
   * Name of the shared env Secret that every service reads.
   * @default 'app-env' (the Noxus chart's name for it)
   */
  readonly sharedSecretName?: string;
  /**
   * Pool env Secret names, by pool, where they differ from the default.
   * @default - '<sharedSecretName>-<pool>' for every pool
   */
  readonly poolSecretNames?: Record<string, string>;
  /**
   * How the env Secrets come to exist.
   * @default EnvSecretSource.existing()
   */
  readonly source?: EnvSecretSource;
  /**
   * Reloader annotations on workloads attached with `attachService` and `attachPool`.
   * @default ReloadStrategy.NONE
   */
  readonly reload?: ReloadStrategy;
  /**
   * File name, in the app's output directory, of the Helm values fragment
   * written on synth.
   * @default '<chart id>.helm-values.yaml'
   */
  readonly helmValuesFile?: string;
  /**
   * Whether to write the Helm values fragment on synth.
   * @default true
   */
  readonly writeHelmValues?: boolean;
  /**
   * Whether to write the blast-radius report (`<chart id>.blast-radius.md`) on synth.
   * @default true
   */
  readonly writeBlastRadius?: boolean;
  /**
   * The security audit that runs on synth over this chart and the workloads wired to it:
   * errors fail the synth before anything is written, warnings are printed.
   * @default - on, with no acknowledgements
   */
  readonly audit?: AuditOptions;
}

/**
 * The Noxus platform's env Secrets in one namespace, as a cdk8s Chart: the
 * shared Secret for all services and one Secret per worker pool (the chart's
 * `envSecretRef`), plus a Helm values fragment written beside the manifests.
 */
export class NoxusPlatformSecrets extends Chart {
  /** The blueprint this chart renders. */
  public readonly blueprint: SecretsBlueprint;
  /** Name of the shared env Secret. */
  public readonly sharedSecretName: string;
  /** The keys of the shared Secret, sorted. */
  public readonly sharedEntries: EnvEntry[];
  /** What the source rendered for the shared Secret, if anything. */
  public readonly sharedResource?: IConstruct;
  /** The path, relative to the app's output directory, of the Helm values file (undefined if not written). */
  public readonly helmValuesFile?: string;
  /** The path, relative to the app's output directory, of the blast-radius report (undefined if not written). */
  public readonly blastRadiusFile?: string;
  private readonly pools = new Map<string, WorkerPoolSecrets>();
  private readonly wired: kplus.AbstractPod[] = [];
  private resolved?: { treeSize: number; manifests: any[] };
  private readonly reload: ReloadStrategy;
  private readonly source: EnvSecretSource;

  constructor(scope: Construct, id: string, props: NoxusPlatformSecretsProps) {
    super(scope, id, { namespace: props.namespace });
    const subject = 'NoxusPlatformSecrets';
    if (props.namespace !== undefined) assertDnsLabel(subject, 'namespace', props.namespace, this.node.path);
    this.blueprint = props.blueprint;
    this.sharedSecretName = props.sharedSecretName ?? CHART_SHARED_SECRET_NAME;
    assertDnsSubdomain(subject, 'sharedSecretName', this.sharedSecretName, this.node.path);
    this.reload = props.reload ?? ReloadStrategy.NONE;
    const source = props.source ?? EnvSecretSource.existing();
    this.source = source;
    source._checkAgainst(this.blueprint, this.node.path);

    for (const pool of Object.keys(props.poolSecretNames ?? {}).sort()) {
      if (!this.blueprint.pools.some(p => p.name === pool)) {
        throw NoxusSecretsError.at(this.node.path, `${subject}: poolSecretNames names pool ${JSON.stringify(pool)}, which the blueprint does not have ` +
          `(pools: ${this.blueprint.pools.map(p => p.name).join(', ') || 'none'}). Fix the pool name or remove the entry.`);
      }
    }

    this.sharedEntries = this.blueprint.environmentOf(NoxusService.FRONTEND);
    if (this.sharedEntries.length > 0) {
      this.sharedResource = source._render(new Construct(this, 'Shared'), this.sharedSecretName, this.sharedEntries, storeIdOf(), this.blueprint);
    }

    const secretNames = new Map<string, string>();
    for (const pool of this.blueprint.pools) {
      const poolSecrets = new WorkerPoolSecrets(this, `Pool-${pool.name}`, {
        blueprint: this.blueprint,
        pool: pool.name,
        sharedSecretName: this.sharedSecretName,
        secretName: props.poolSecretNames?.[pool.name],
        source,
        reload: this.reload,
      });
      const other = secretNames.get(poolSecrets.secretName);
      if (other !== undefined) {
        throw NoxusSecretsError.at(this.node.path, `${subject}: pools ${JSON.stringify(other)} and ${JSON.stringify(pool.name)} ` +
          `both use the Secret ${JSON.stringify(poolSecrets.secretName)} (each pool reads only its own Secret). Give each pool its own name in poolSecretNames.`);
      }
      secretNames.set(poolSecrets.secretName, pool.name);
      this.pools.set(pool.name, poolSecrets);
    }

    if (props.audit?.enabled ?? true) {
      const audit = props.audit ?? {};
      this.node.addValidation({
        validate: () => {
          // Validation runs before cdk8s writes any file: an error here leaves no half-written output.
          // cdk8s validates the whole app again for every chart it renders; the tree does not change
          // during a synth, so the same tree is neither audited nor resolved twice.
          const size = App.of(this).node.findAll().length;
          if (size === this.resolved?.treeSize) return [];
          const own = this.renderOwn();
          const manifests = [...own, ...this.wired.map(w => ApiObject.of(w).toJson())];
          const poolSecrets = Object.fromEntries(this.poolSecrets.map(p => [p.secretName, p.pool.name]));
          enforceAudit(runAudit({ manifests, blueprint: this.blueprint, poolSecrets }, audit), this.node.path);
          this.resolved = { treeSize: size, manifests: own };
          return [];
        },
      });
    }
    if (props.writeBlastRadius ?? true) {
      this.blastRadiusFile = `${id}.blast-radius.md`;
    }
    if (props.writeHelmValues ?? true) {
      this.helmValuesFile = props.helmValuesFile ?? `${id}.helm-values.yaml`;
      if (path.isAbsolute(this.helmValuesFile) || this.helmValuesFile.split(/[\\/]/).includes('..')) {
        throw NoxusSecretsError.at(this.node.path, `${subject}: helmValuesFile ${JSON.stringify(this.helmValuesFile)} leaves the output directory ` +
          '(it is written beside the manifests). Give a relative path without "..".');
      }
    }
  }

  /** The blast-radius report: who reads each secret, through which store, identity and remote key (Markdown with Mermaid). */
  public blastRadiusReport(): string {
    return blastRadiusMarkdown(this.blueprint, this.source._reportOptions());
  }

  /** One pool's part: its Secret name, keys and wiring. */
  public pool(name: string): WorkerPoolSecrets {
    const pool = this.pools.get(name);
    if (!pool) {
      throw NoxusSecretsError.at(this.node.path, `NoxusPlatformSecrets: no worker pool named ${JSON.stringify(name)} ` +
        `(pools: ${[...this.pools.keys()].join(', ') || 'none'}). Fix the name or add the pool to the blueprint.`);
    }
    return pool;
  }

  /** Every pool's part, sorted by pool name. */
  public get poolSecrets(): WorkerPoolSecrets[] {
    return [...this.pools.values()];
  }

  /**
   * Wires a cdk8s-plus workload as Frontend, Backend or Beat: every container
   * gets `envFrom` the shared Secret, and the workload the Reloader
   * annotations. Workers belong to a pool: use `attachPool`.
   */
  public attachService(workload: kplus.AbstractPod, service: NoxusService): void {
    if (service === NoxusService.WORKER) {
      throw NoxusSecretsError.at(this.node.path, 'NoxusPlatformSecrets: attachService(workload, NoxusService.WORKER) cannot tell which pool ' +
        '(each pool has its own Secret). Use attachPool(workload, "<pool>").');
    }
    wireWorkload(this, workload, [this.sharedSecretName], this.reload, this.source._podRequirements([storeIdOf()]), { service });
    this.wired.push(workload);
  }

  /**
   * The ServiceAccount pods of a service (or, for NoxusService.WORKER, of a
   * pool) must run as, where the source needs one (the CSI driver authenticates
   * as the pod); otherwise undefined.
   */
  public podServiceAccountName(service: NoxusService, pool?: string): string | undefined {
    if (service === NoxusService.WORKER) {
      if (pool === undefined) {
        throw NoxusSecretsError.at(this.node.path, 'NoxusPlatformSecrets: podServiceAccountName(NoxusService.WORKER) needs the pool. Pass the pool name.');
      }
      return this.pool(pool).podServiceAccountName;
    }
    return this.source._podRequirements([storeIdOf()])?.serviceAccountName;
  }

  /** Wires a cdk8s-plus workload as a worker of `pool`: the shared Secret, then the pool's. */
  public attachPool(workload: kplus.AbstractPod, pool: string): void {
    this.pool(pool).attachTo(workload);
    this.wired.push(workload);
  }

  /** The Helm values fragment: `worker.pools.<name>` with `envSecretRef` and the pool keys you set. */
  public helmValues(): Record<string, unknown> {
    const pools: Record<string, unknown> = {};
    for (const p of this.pools.values()) pools[p.pool.name] = p.helmValues();
    return { worker: { pools } };
  }

  /** This chart's manifests in the order cdk8s writes them (its dependency order). */
  private renderOwn(): any[] {
    return new DependencyGraph(this.node).topology()
      .filter((c): c is ApiObject => c instanceof ApiObject && Chart.of(c) === this)
      .map(o => o.toJson());
  }

  /** Renders the manifests and, once they resolved, writes the Helm values file and the blast-radius report beside them. */
  public toJson(): any[] {
    // The audit resolved this chart during validation; reuse it while the tree is unchanged.
    const manifests = this.resolved && this.resolved.treeSize === App.of(this).node.findAll().length ? this.resolved.manifests : super.toJson();
    const outdir = App.of(this).outdir;
    const write = (name: string, text: string) => {
      const file = path.join(outdir, name);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
    };
    if (this.helmValuesFile !== undefined) write(this.helmValuesFile, helmValuesYaml(this.sharedSecretName, this.helmValues()));
    if (this.blastRadiusFile !== undefined) write(this.blastRadiusFile, this.blastRadiusReport());
    return manifests;
  }
}
