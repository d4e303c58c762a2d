import * as path from 'path';
import { ApiObject, Chart, JsonPatch } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import {
  CLOUD_LIMITS, EnvEntry, Footprint, FootprintOptions, NoxusSecretsError, NoxusService, SecretsBlueprint, SecretsContract, assertDnsSubdomain, assertKind, blastRadiusMarkdown,
  footprintOf, isUnresolvedToken,
} from '../core';
import { KubeNamespace } from './imports/k8s';
import { objectsOf, sameNameObjects } from './same-name-objects';
import { AuditOptions, assertAuditOptions, auditMessages, runAudit } from '../audit';
import { contractOf } from './contract-of';
import { IWorkload, assertWorkload } from './workload';
import { EnvSecretSource } from './env-secret-source';
import { CHART_SHARED_SECRET_NAME, esoValuesYaml, helmValuesYaml } from './helm-values';
import { externalSecretsConfigYaml } from './openshift';
import { StoreAdmissionGuard, guardFacts } from './admission-guard';
import { ReloadStrategy, assertReloadStrategy } from './reload-strategy';
import { WorkerPoolSecrets } from './worker-pool-secrets';
import { wireWorkload } from './workload-wiring';
import { NOXUS_CHART as BRAND } from './brand';
import { checkOnSynth } from '../core/synth-checks';
import { AppChecks } from './app-checks';
import { NoxusApp, synthPass } from './noxus-app';

/** Props of the platform's env Secrets in one namespace. */
export interface NoxusPlatformSecretsProps {
  /**
   * The facts both sides agree on: blueprint, backend, identity, namespace, environment, remote keys.
   * Pass the same contract to the cloud side. The chart renders into the contract's namespace
   * (none written without one: kubectl's or Argo CD's target namespace applies).
   */
  readonly contract: SecretsContract;
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
   * @default - EnvSecretSource.externalSecrets() when the contract has a backend, else EnvSecretSource.existing()
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
   * @default 'helm/<chart id>.values.yaml' (a subfolder, so that `kubectl apply -f <outdir>` reads only manifests)
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
   * A ValidatingAdmissionPolicy and binding (Kubernetes 1.30+) that keep the platform's stores to
   * the platform: outside its namespace no store may name its store roles or ServiceAccounts and
   * no ExternalSecret may read its remote keys; inside it a pool's env Secret is written only
   * through that pool's store; no store may forge ESO's session tags. Rendered where ESO writes
   * the env Secrets and the contract has a namespace.
   * @default true
   */
  readonly admissionGuard?: boolean;
  /**
   * The platform's Namespace (the contract's), rendered first, so that `kubectl apply -f <output>`
   * works on a fresh cluster once ESO is installed. Turn it off where your chart, GitOps or
   * another contract in the same namespace creates it.
   * @default true, when the contract has a namespace
   */
  readonly createNamespace?: boolean;
  /**
   * Argo CD sync waves (`argocd.argoproj.io/sync-wave`) on every object, so that Argo CD applies
   * them in order: the Namespace (-3), ServiceAccounts and RBAC (-2), the admission guard (-1),
   * stores and generators (0), ExternalSecrets (1). Install ESO (its chart with the library's
   * values fragment) in an earlier wave or Application.
   * @default false
   */
  readonly argoCdSyncWaves?: boolean;
  /**
   * The security audit that runs on synth over this chart and the services wired to it:
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
  /**
   * Whether `x` is a NoxusPlatformSecrets. (cdk8s makes `instanceof` true for every Chart
   * subclass of any Chart, so the library checks its own brand.)
   */
  public static isNoxusPlatformSecrets(x: unknown): x is NoxusPlatformSecrets {
    return x !== null && typeof x === 'object' && BRAND in x;
  }

  /** The contract this chart renders: pass the same one to the cloud side. */
  public readonly contract: SecretsContract;
  /** The platform's blueprint (the contract's). */
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
  /** The path, relative to the app's output directory, of the values fragment for the ESO chart (undefined if not written). */
  public readonly esoValuesFile?: string;
  /**
   * The path, relative to the app's output directory, of the ExternalSecretsConfig for the External
   * Secrets Operator for Red Hat OpenShift (written with `EsoDistribution.OPENSHIFT_OPERATOR` only).
   */
  public readonly esoConfigFile?: string;
  /** The admission guard, where rendered. */
  public readonly admissionGuard?: StoreAdmissionGuard;
  /** Each env Secret ESO writes and the one SecretStore that may write it (empty where ESO writes none). */
  public readonly secretStores: Record<string, string> = {};
  private readonly pools = new Map<string, WorkerPoolSecrets>();
  private readonly esoOperatorConfig?: Record<string, unknown>;
  /**
   * The workloads wired as Frontend, Backend or Beat, which the audit renders: of the workloads, its
   * rules read only theirs (NX1: no pool or worker-only Secret in a web service's pods). A pool's
   * workers, which no rule reads, are not rendered twice per synth (the audit's and the write).
   */
  private readonly services: IWorkload[] = [];
  private readonly reload: ReloadStrategy;
  private readonly source: EnvSecretSource;
  private readonly guarded: boolean;
  /** @internal */
  public readonly [BRAND] = true;

  constructor(scope: Construct, id: string, props: NoxusPlatformSecretsProps) {
    const resolved = contractOf('NoxusPlatformSecrets', props, ['blueprint', 'namespace'], scope.node.path ? `${scope.node.path}/${id}` : id);
    super(scope, id, { namespace: resolved.contract.namespace });
    const subject = 'NoxusPlatformSecrets';
    this.contract = resolved.contract;
    this.source = resolved.source;
    this.blueprint = this.contract.blueprint;
    this.sharedSecretName = props.sharedSecretName ?? CHART_SHARED_SECRET_NAME;
    assertDnsSubdomain(subject, 'sharedSecretName', this.sharedSecretName, this.node.path);
    this.reload = props.reload ?? ReloadStrategy.NONE;
    assertReloadStrategy(subject, this.reload, this.node.path);
    // A JavaScript caller's "false" would otherwise switch these on.
    for (const field of ['createNamespace', 'admissionGuard', 'writeBlastRadius', 'argoCdSyncWaves', 'writeHelmValues'] as const) {
      assertKind(subject, field, props[field], 'boolean', 'false', this.node.path);
    }
    NoxusSecretsError.within(this.node.path, () => assertAuditOptions(`${subject} audit`, props.audit ?? {}));

    for (const pool of Object.keys(props.poolSecretNames ?? {}).sort()) {
      if (!this.blueprint.pools.some(p => p.name === pool)) {
        throw NoxusSecretsError.at(this.node.path, `${subject}: poolSecretNames names pool ${JSON.stringify(pool)}, which the blueprint does not have ` +
          `(pools: ${this.blueprint.pools.map(p => p.name).join(', ') || 'none'}). Fix the pool name or remove the entry.`);
      }
    }

    if (props.createNamespace === true && this.contract.namespace === undefined) {
      throw NoxusSecretsError.at(this.node.path, `${subject}: createNamespace is on, but the contract has no namespace to create. Set the contract's namespace, or leave createNamespace out.`);
    }
    if (this.contract.namespace !== undefined && (props.createNamespace ?? true)) {
      // First in the tree, so first in the output: kubectl applies a file's objects in order.
      new KubeNamespace(this, 'Namespace', { metadata: { name: this.contract.namespace } })
        .addJsonPatch(JsonPatch.remove('/metadata/namespace'));
    }

    const shared = this.contract.sharedStore;
    this.sharedEntries = shared?.entries ?? [];
    if (shared) this.sharedResource = this.source._render(new Construct(this, 'Shared'), this.sharedSecretName, shared);

    const secretNames = new Map<string, string>();
    for (const pool of this.blueprint.pools) {
      const poolSecrets = new WorkerPoolSecrets(this, `Pool-${pool.name}`, {
        contract: this.contract,
        pool: pool.name,
        sharedSecretName: this.sharedSecretName,
        secretName: props.poolSecretNames?.[pool.name],
        source: this.source,
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

    if (this.source._writesThroughStores()) {
      if (shared) this.secretStores[this.sharedSecretName] = shared.storeName;
      for (const p of this.pools.values()) this.secretStores[p.secretName] = p.store.storeName;
    }
    const guardable = this.source._writesThroughStores() && this.contract.namespace !== undefined && this.contract.stores.length > 0;
    if (props.admissionGuard === true && !guardable) {
      throw NoxusSecretsError.at(this.node.path, this.source._writesThroughStores()
        ? `${subject}: admissionGuard is on, but the contract has no namespace, and the guard protects the stores of one namespace. ` +
          'Set the contract\'s namespace, or turn admissionGuard off.'
        : `${subject}: admissionGuard is on, but ESO does not write the env Secrets (the source is not externalSecrets), so there are no stores to guard. ` +
          'Use EnvSecretSource.externalSecrets(), or turn admissionGuard off.');
    }
    this.guarded = guardable && (props.admissionGuard ?? true);
    if (this.guarded) {
      const name = `${this.contract.namePrefix}-${this.contract.namespace}-store-guard`;
      this.admissionGuard = new StoreAdmissionGuard(this, 'AdmissionGuard', {
        name, facts: NoxusSecretsError.within(this.node.path, () => guardFacts(this.contract, this.secretStores)),
      });
    }

    if (props.writeBlastRadius ?? true) this.blastRadiusFile = `${id}.blast-radius.md`;
    if (props.argoCdSyncWaves) {
      for (const o of this.node.findAll()) {
        if (o instanceof ApiObject) o.metadata.addAnnotation('argocd.argoproj.io/sync-wave', String(SYNC_WAVES[o.kind] ?? 0));
      }
    }
    if (props.writeHelmValues ?? true) this.helmValuesFile = props.helmValuesFile ?? `helm/${id}.values.yaml`;
    if ((props.writeHelmValues ?? true) && this.source._esoChartValues() !== undefined) this.esoValuesFile = `helm/${id}.eso-values.yaml`;
    this.esoOperatorConfig = this.source._esoOperatorConfig(this.contract, this.node.path);
    if (this.esoOperatorConfig !== undefined) this.esoConfigFile = `openshift/${id}.external-secrets-config.yaml`;
    for (const [field, file] of [['helmValuesFile', this.helmValuesFile], ['chart id', this.blastRadiusFile]] as const) {
      if (file !== undefined && (path.isAbsolute(file) || file.split(/[\\/]/).includes('..'))) {
        throw NoxusSecretsError.at(this.node.path, `${subject}: ${field} ${JSON.stringify(field === 'chart id' ? id : file)} leaves the output directory ` +
          '(it is written beside the manifests). Give a relative path without "..".');
      }
    }

    const audit = props.audit ?? {};
    // Validation runs before cdk8s writes any file, and returns every problem at once.
    checkOnSynth(this, () => this.validateSynth(audit));
    AppChecks.of(this);
  }

  /** The blast-radius report: who reads each secret, through which store, identity and remote key (Markdown with Mermaid). */
  public blastRadiusReport(): string {
    return blastRadiusMarkdown(this.contract, [], { admissionGuard: this.guarded, footprint: this.footprintOptions() });
  }

  /**
   * What the deployed system holds and does: remote secrets, backend reads per refresh and per month
   * at the stores' refresh interval, and the backend's monthly list price (the report's "Footprint").
   * Throws the library's error where the contract has no backend.
   */
  public footprint(): Footprint {
    return footprintOf(this.contract, this.footprintOptions());
  }

  private footprintOptions(): FootprintOptions {
    // The footprint counts ESO's reads; the CSI driver reads at each pod's mount and rotation poll instead.
    const refreshInterval = this.source._refreshInterval();
    return refreshInterval === undefined ? { readsCounted: false } : { refreshInterval };
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
  public attachService(workload: IWorkload, service: NoxusService): void {
    assertWorkload(this.node.path, 'attachService', workload);
    if (service === NoxusService.WORKER) {
      throw NoxusSecretsError.at(this.node.path, 'NoxusPlatformSecrets: attachService(workload, NoxusService.WORKER) cannot tell which pool ' +
        '(each pool has its own Secret). Use attachPool(workload, "<pool>").');
    }
    if (!this.contract.sharedStore) {
      throw NoxusSecretsError.at(this.node.path, `NoxusPlatformSecrets: attachService(workload, ${JSON.stringify(service)}) would give the workload the shared ` +
        `Secret ${JSON.stringify(this.sharedSecretName)}, but the blueprint has no global keys, so nothing creates it and the pod would not start. ` +
        'Add global keys to the blueprint, or do not attach services that read no secrets.');
    }
    assertSameNamespace(this, workload);
    wireWorkload(this, workload, [this.sharedSecretName], this.reload, this.source._podRequirements([this.contract.sharedStore]), { service });
    this.services.push(workload);
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
    const shared = this.contract.sharedStore;
    return shared ? this.source._podRequirements([shared])?.serviceAccountName : undefined;
  }

  /** Wires a cdk8s-plus workload as a worker of `pool`: the shared Secret, then the pool's. */
  public attachPool(workload: IWorkload, pool: string): void {
    assertWorkload(this.node.path, 'attachPool', workload);
    const poolSecrets = this.pool(pool);
    assertSameNamespace(this, workload);
    poolSecrets.attachTo(workload);
  }

  /** The Helm values fragment: `worker.pools.<name>` with `envSecretRef` and the pool keys you set. */
  public helmValues(): Record<string, unknown> {
    const pools: Record<string, unknown> = {};
    for (const p of this.pools.values()) pools[p.pool.name] = p.helmValues();
    return { worker: { pools } };
  }

  /** The files this chart writes beside its manifests, by path relative to the output directory. */
  public extraFiles(): Record<string, string> {
    const files: Record<string, string> = {};
    if (this.helmValuesFile !== undefined) files[this.helmValuesFile] = helmValuesYaml(this.sharedSecretName, this.helmValues());
    if (this.blastRadiusFile !== undefined) files[this.blastRadiusFile] = this.blastRadiusReport();
    const eso = this.source._esoChartValues();
    if (this.esoValuesFile !== undefined && eso !== undefined) files[this.esoValuesFile] = esoValuesYaml(eso);
    if (this.esoConfigFile !== undefined) files[this.esoConfigFile] = externalSecretsConfigYaml(this.esoOperatorConfig!, `noxus-secrets-${this.node.id}`);
    return files;
  }

  /** This chart's manifests: during a NoxusApp's synth, those its validation rendered (each object renders once). */
  public toJson(): any[] {
    return synthPass(this)?.manifests ?? super.toJson();
  }

  private validateSynth(audit: AuditOptions): string[] {
    const kept = synthPass(this);
    if (kept === undefined) return this.checkSynth(audit);
    return kept.messages ??= this.checkSynth(audit, kept);
  }

  /**
   * The files this chart writes beside its manifests, by path relative to the output directory.
   * @internal
   */
  public _fileNames(): string[] {
    return [this.helmValuesFile, this.blastRadiusFile, this.esoValuesFile, this.esoConfigFile].filter((f): f is string => f !== undefined);
  }

  /** This chart's problems; in a NoxusApp's synth (`kept`), keeps its manifests for toJson. */
  private checkSynth(audit: AuditOptions, kept?: Record<string, any>): string[] {
    const messages: string[] = [];
    if (!NoxusApp.isNoxusApp(this.node.root)) {
      const files = this._fileNames();
      messages.push('NoxusPlatformSecrets: the chart is in a plain cdk8s App, whose synth would ' +
        (files.length > 0 ? `leave out the files the chart writes beside its manifests (${files.join(', ')}) and ` : '') +
        'not check the manifests for Terraform references. Create the app with new NoxusApp() (from noxus-secrets-cdk) instead of new App().');
    }
    let own: any[];
    const objects = objectsOf(this);
    try {
      own = objects.map(o => o.toJson());
    } catch (e) {
      return [...messages, `NoxusPlatformSecrets: the chart cannot be rendered (${(e as Error).message}); nothing was written.`];
    }
    messages.push(...sameNameObjects(objects.map(o => o.node.path), own,
      'Give one of the Secrets another name (sharedSecretName, poolSecretNames, a pool or a key name) so that the names differ.'));
    // Each object's JSON, once: its size, and whether it holds a Terraform reference at all.
    const json = own.map(m => JSON.stringify(m));
    const sizes = objectSizes(own, json);
    messages.push(...sizes.errors);
    if (sizes.warnings.length > 0) process.stderr.write(`noxus-secrets (${this.node.path}) warnings:\n${sizes.warnings.join('\n')}\n`);
    // A synth to files or YAML cannot resolve Terraform references; a cdktf stack that embeds the chart (Cdk8sManifests) renders outside a synth and can.
    if (kept !== undefined) {
      messages.push(...terraformReferences(own, json, this.contract.values !== undefined));
      kept.manifests = own;
    }
    if (audit.enabled ?? true) {
      let manifests: any[];
      try {
        manifests = [...own, ...this.services.map(w => ApiObject.of(w).toJson())];
      } catch (e) {
        return [...messages, `NoxusPlatformSecrets: a workload wired to the chart cannot be rendered (${(e as Error).message}); nothing was written.`];
      }
      const poolSecrets = Object.fromEntries(this.poolSecrets.map(p => [p.secretName, p.pool.name]));
      try {
        const guardMatters = this.source._writesThroughStores() && this.contract.stores.length > 0;
        messages.push(...auditMessages(runAudit({
          manifests, blueprint: this.blueprint, poolSecrets, secretStores: this.secretStores, admissionGuard: guardMatters ? this.guarded : undefined,
        }, audit), this.node.path));
      } catch (e) {
        messages.push((e as Error).message);
      }
    }
    return messages;
  }
}

const CONTRACT_KINDS = new Set(['ServiceAccount', 'SecretStore', 'ClusterSecretStore', 'SecretProviderClass', 'ValidatingAdmissionPolicy']);

/**
 * A message for each manifest field that holds a cdktf token: a value Terraform knows only at
 * apply (an account ID, a project, a client ID from another resource), which a manifest
 * written by cdk8s would carry as the literal text `${TfToken[...]}`.
 */
function terraformReferences(manifests: any[], json: string[], composed: boolean): string[] {
  const messages: string[] = [];
  // The path to the value (keys and indexes), spelt out only for a value that is a reference.
  const steps: (string | number)[] = [];
  const where = () => steps.map((k, i) => (typeof k === 'number' ? `[${k}]`
    : /^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? (i === 0 ? k : `.${k}`) : `[${JSON.stringify(k)}]`)).join('');
  const walk = (node: unknown, object: string) => {
    if (typeof node === 'string') {
      if (isUnresolvedToken(node)) {
        messages.push(`NoxusPlatformSecrets: ${object} ${where()} is a Terraform reference (${node}), which a plain cdk8s synth cannot resolve. ` +
          'Give the contract a literal value there (e.g. accountId: "123456789012"), or deploy the manifests from the cdktf stack ' +
          'that owns the reference with Cdk8sManifests (noxus-secrets-cdk/cdk8s-in-terraform).');
      }
    } else if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        steps.push(i);
        walk(node[i], object);
        steps.pop();
      }
    } else if (node !== null && typeof node === 'object') {
      for (const k of Object.keys(node)) {
        steps.push(k);
        walk((node as Record<string, unknown>)[k], object);
        steps.pop();
      }
    }
  };
  // The contract's facts (account, project, tenant, client IDs, server) reach only these kinds;
  // ExternalSecrets carry remote keys, literals by construction, unless values are composed from
  // existing secrets (a referenced RDS secret ARN, a host from the database resource).
  // cdktf writes every string, list and map token with a marker ('${TfToken[', '#{TfToken[', '&{TfToken[';
  // lib/tokens/private/encoding.js, cdktn's alike), which JSON keeps as it is: an object whose JSON has
  // none holds no reference, and is not walked.
  manifests.forEach((m, i) => {
    if ((CONTRACT_KINDS.has(m.kind) || (composed && m.kind === 'ExternalSecret')) && json[i].includes('TfToken[')) {
      walk(m, `${m.kind} ${JSON.stringify(m.metadata?.name)}`);
    }
  });
  return messages;
}

/** The order Argo CD applies the chart's objects in (lower first); every other kind is 0. */
const SYNC_WAVES: Record<string, number> = {
  Namespace: -3, ServiceAccount: -2, Role: -2, RoleBinding: -2, ValidatingAdmissionPolicy: -1, ValidatingAdmissionPolicyBinding: -1,
  SecretStore: 0, Password: 0, SecretProviderClass: 0, ExternalSecret: 1,
};

/** etcd's default request limit (--max-request-bytes, 1.5 MiB): the API server cannot store a larger object. */
const ETCD_REQUEST_LIMIT = CLOUD_LIMITS.etcdRequest.value;
/** Kubernetes' limit on an object's annotations together (256 KiB), which client-side `kubectl apply` fills with the whole object. */
const ANNOTATIONS_LIMIT = CLOUD_LIMITS.kubernetesAnnotations.value;

/**
 * Objects too large to apply: over etcd's request limit an error; over the annotations limit a
 * warning, as client-side `kubectl apply` copies the object into its last-applied annotation.
 * Sizes are of the JSON, which for these objects is within a few percent of what is stored.
 */
function objectSizes(manifests: any[], json: string[]): { errors: string[]; warnings: string[] } {
  const errors: string[] = [];
  const warnings: string[] = [];
  for (let i = 0; i < manifests.length; i++) {
    const m = manifests[i];
    // A UTF-16 code unit is at most 3 bytes of UTF-8: a short text is not counted.
    if (json[i].length * 3 <= ANNOTATIONS_LIMIT) continue;
    const bytes = Buffer.byteLength(json[i]);
    if (bytes <= ANNOTATIONS_LIMIT) continue;
    const what = `${m.kind} ${JSON.stringify(m.metadata?.name)} is ${Math.round(bytes / 1024)} KiB`;
    if (bytes > ETCD_REQUEST_LIMIT) {
      errors.push(`NoxusPlatformSecrets: ${what}, over the 1.5 MiB that etcd stores by default, so the API server would refuse it; nothing was written. ` +
        (m.kind === 'ValidatingAdmissionPolicy'
          ? 'The admission guard names every store; split the pools across contracts in namespaces of their own, or turn admissionGuard off where another policy engine guards the stores.'
          : 'Split its keys across more Secrets (pools, or workerOnly and global placement).'));
    } else {
      warnings.push(`${what}: client-side \`kubectl apply\` copies an object into an annotation, and annotations are limited to 256 KiB; ` +
        'apply it with `kubectl apply --server-side` (or create/replace it).');
    }
  }
  return { errors, warnings };
}

function assertSameNamespace(chart: NoxusPlatformSecrets, workload: IWorkload): void {
  const theirs = Chart.of(workload).namespace;
  if (theirs !== chart.namespace) {
    throw NoxusSecretsError.at(chart.node.path, `NoxusPlatformSecrets: workload ${JSON.stringify(workload.node.path)} is in namespace ` +
      `${JSON.stringify(theirs ?? '(none)')}, but the env Secrets are in ${JSON.stringify(chart.namespace ?? '(none)')}; envFrom reads Secrets ` +
      'of the pod\'s own namespace only. Give both charts the contract\'s namespace.');
  }
}
