import { Annotations, TerraformElement, TerraformOutput, TerraformResource } from './flavour/core';
import { Construct, IConstruct } from 'constructs';
import { AuditOptions, NOXUS_RULES, assertAuditOptions, auditMessages, runAudit } from '../audit';
import {
  BlastRadiusGrant, Grant, ISecretsGrantee, NoxusSecretsError, RemoteKeyEntry, SecretsBlueprint, SecretsContract, Store, ValueOrigin,
  Footprint, FootprintOptions, assertDnsLabel, assertProps, assertRemovedProps, blastRadiusMarkdown, childPath, footprintOf, shown,
} from '../core';
import { resolved } from './references';
import { idOf } from './construct-id';
import { checkOnSynth } from '../core/synth-checks';

/** The facts a cloud construct no longer takes one by one: the contract holds them. */
const CONTRACT_FACTS = ['blueprint', 'backend', 'identity', 'namespace', 'remoteKeys'];

// Rules over the model alone (rotation, placement, overrides): run once per construct, not per element.
const MODEL_ONLY = new Set(['NX2', 'NX9', 'NX16']);

/** What every cloud-side construct reads: the contract, and which of its stores to build. */
export interface CloudSideProps {
  /**
   * The facts both sides agree on (blueprint, backend, identity, namespace, remote keys):
   * pass the same contract to `NoxusPlatformSecrets`. It needs a backend, an identity and a namespace.
   */
  readonly contract: SecretsContract;
  /**
   * Only these stores of the contract, and the secrets they own, in this construct: the others go
   * into constructs of other stacks, so that no stack grows with every pool (cdktf's own memory grows
   * with the stack). A secret belongs to the first store that reads it; a store here that reads a
   * secret of another construct finds it by name. Supported by NoxusAwsSecrets.
   * @default - every store
   */
  readonly stores?: Store[];
  /**
   * The security audit that runs on synth over this construct: errors fail the synth before any
   * stack is written, warnings become cdktf annotations. It applies to this construct only.
   * @default - on, with no acknowledgements
   */
  readonly audit?: AuditOptions;
}

/**
 * What the cloud constructs share: the contract and its checks, the loop over the
 * secrets and the stores, the lookups by store and address, the outputs, the audit
 * and the report. Each cloud supplies only what differs.
 */
export abstract class NoxusCloudSecrets extends Construct {
  /** The contract this construct builds: pass the same one to the Kubernetes side. */
  public readonly contract: SecretsContract;
  /** The namespace every identity trusts. */
  public readonly namespace: string;
  protected readonly subject: string;
  protected readonly grants: BlastRadiusGrant[] = [];
  /** What the isolation rests on that this construct neither creates nor sees; the audit says so (NX16). */
  protected readonly unverified: { resource: string; what: string }[] = [];
  private readonly audit: AuditOptions;
  private readonly selected: Store[];
  private readonly owners = new Map<string, Store>();

  protected constructor(scope: Construct, id: string, subject: string, props: CloudSideProps) {
    assertProps(subject, props, '{ contract, ... }', childPath(scope, id));
    super(scope, id);
    this.subject = subject;
    const path = this.node.path;
    assertRemovedProps(subject, props, CONTRACT_FACTS, { path });
    this.contract = SecretsContract._given(subject, props.contract, path);
    if (!this.contract.backend) {
      throw NoxusSecretsError.at(path, `${subject}: the contract has no backend, and the cloud side creates the backend's secrets. ` +
        'Give the SecretsContract a backend and identity.');
    }
    if (this.contract.namespace === undefined) {
      throw NoxusSecretsError.at(path, `${subject}: the contract has no namespace, and every identity trusts the ServiceAccounts of one namespace. ` +
        'Set namespace in the SecretsContract (the same the Kubernetes side renders into).');
    }
    assertDnsLabel(subject, 'namespace', this.contract.namespace, path);
    this.namespace = this.contract.namespace;
    this.audit = props.audit ?? {};
    // Each secret belongs to the first store that reads it (a declared key no store reads, to the first store).
    for (const store of this.contract.stores) for (const k of store.remoteKeys) if (!this.owners.has(k.address)) this.owners.set(k.address, store);
    if (props.stores !== undefined) {
      if (!Array.isArray(props.stores) || props.stores.length === 0) {
        throw NoxusSecretsError.at(path, `${subject}: stores is empty; give the stores this construct holds (contract.stores.slice(...)), or leave it out for all.`);
      }
      for (const s of props.stores) {
        if (!(s instanceof Store) || !this.contract.stores.includes(s)) {
          throw NoxusSecretsError.at(path, `${subject}: stores holds ${String(s)}, which is not a Store of this construct's contract. Use contract.stores or contract.poolStore(...).`);
        }
      }
    }
    const chosen = new Set(props.stores ?? this.contract.stores);
    this.selected = this.contract.stores.filter(s => chosen.has(s));
    auditOnSynth(this, this.audit);
  }

  /**
   * Lets a principal you own (a migration Job's role, a rotation function's, CI's) read exactly the
   * secrets of one store, the existing secrets its composed values read included, with the stores'
   * own least-privilege shape. The grantee is this cloud's: `AwsGrantee.role(role)`,
   * `GcpGrantee.member(...)`, `AzureGrantee.principal(...)` or `VaultGrantee.policy(...)`. Listed in
   * the blast-radius report.
   */
  public grantRead(store: Store, grantee: ISecretsGrantee): Grant {
    if (!(store instanceof Store)) {
      throw NoxusSecretsError.at(this.node.path, `${this.subject}: grantRead takes a Store of the contract (contract.poolStore('<pool>'), contract.sharedStore), ` +
        `not ${shown(store)}. For one secret, use grantReadKey(contract.remoteKeyAt('platform/NAME'), grantee).`);
    }
    const held = this.storeOf(store);
    return this.grantOf(held, held.remoteKeys.map(k => k.address), grantee);
  }

  /**
   * Lets a principal you own read exactly one remote secret of the contract
   * (`contract.remoteKeyAt('platform/NAME')`): as `grantRead`, for that secret alone.
   */
  public grantReadKey(key: RemoteKeyEntry, grantee: ISecretsGrantee): Grant {
    if (key === null || typeof key !== 'object' || typeof (key as RemoteKeyEntry).address !== 'string') {
      throw NoxusSecretsError.at(this.node.path, `${this.subject}: grantReadKey takes a remote secret of the contract (contract.remoteKeyAt('platform/NAME')), not ${shown(key)}.`);
    }
    return this.grantOf(key.address, [this.keyAddress(key.address)], grantee);
  }

  private grantOf(target: Store | string, addresses: string[], grantee: ISecretsGrantee): Grant {
    if (grantee === null || typeof grantee !== 'object' || grantee.cloud !== this.grantCloud) {
      const what = grantee !== null && typeof grantee === 'object' && typeof grantee.label === 'string' ? `"${grantee.label}" (${grantee.cloud})` : shown(grantee);
      throw NoxusSecretsError.at(this.node.path, `${this.subject}: the grantee ${what} is not ${GRANTEES[this.grantCloud]?.what ?? 'this cloud\'s'} grantee. ` +
        `Pass ${GRANTEES[this.grantCloud]?.example ?? 'one of this cloud'}.`);
    }
    const resources = this.grantTo(target, addresses, grantee);
    this.grants.push({ addresses, grantee: grantee.label });
    return new Grant(grantee, addresses, resources);
  }

  /** The cloud whose grantees this construct takes ('aws', 'gcp', 'azure', 'vault'). */
  protected abstract readonly grantCloud: string;

  /** Creates what lets `grantee` (this cloud's) read `addresses`, the whole of a store's or one secret; returns the resources. */
  protected abstract grantTo(target: Store | string, addresses: string[], grantee: ISecretsGrantee): IConstruct[];

  /** The stores this construct holds, in the contract's order. */
  public get stores(): Store[] {
    return [...this.selected];
  }

  /** The blast-radius report of this construct: who reads each secret, through which identity, and what was granted with `grantRead`. */
  public blastRadiusReport(): string {
    return blastRadiusMarkdown(this.contract, this.grants, { footprint: this.footprintOptions() });
  }

  /**
   * What the deployed system holds and does: remote secrets, Terraform resources, the largest role
   * policy (AWS), backend reads per refresh and per month at ESO's default refresh interval (1h), and
   * the backend's monthly list price (the report's "Footprint").
   */
  public footprint(): Footprint {
    return footprintOf(this.contract, this.footprintOptions());
  }

  /** What this construct knows of the footprint: its Terraform resources (data sources not counted). */
  protected footprintOptions(): FootprintOptions {
    return { terraformResources: this.node.findAll().filter(c => TerraformResource.isTerraformResource(c)).length };
  }

  /**
   * Creates each secret container, then each store's identity; `secret` returns the
   * container's ARN or ID (a Terraform reference) and records an output.
   */
  protected build(
    secret: (entry: RemoteKeyEntry) => { id: string; description: string },
    store: (store: Store) => void,
    elsewhere?: (entry: RemoteKeyEntry) => void,
  ): void {
    const needed = new Set(this.selected.flatMap(s => s.remoteKeys.map(k => k.address)));
    // A set: with thousands of pools, a scan of the held stores per secret is quadratic.
    const held = new Set(this.selected);
    // One container per remote secret (with RemoteKeyLayout.PER_STORE, one per scope); a composed or
    // generated value is made by ESO in the cluster and has none.
    for (const entry of this.contract.remoteSecrets) {
      const value = this.contract.valueOf(entry.entry);
      if (value.origin === ValueOrigin.TERRAFORM && !this.writesTerraformValues) {
        throw NoxusSecretsError.at(this.node.path, `${this.subject}: ${entry.address} takes its value from Terraform (ValueSource.fromTerraform), which only ` +
          'NoxusAwsSecrets writes for now. Set the value by hand, or let ESO generate it (ValueSource.generated()).');
      }
      if (held.has(this.owners.get(entry.address) ?? this.contract.stores[0])) {
        const out = secret(entry);
        new TerraformOutput(this, `Secret-${idOf(entry.address)}-id`, { value: out.id, description: out.description });
      } else if (needed.has(entry.address)) {
        if (!elsewhere) throw NoxusSecretsError.at(this.node.path, `${this.subject}: stores splits the contract, which only NoxusAwsSecrets supports for now. Leave stores out.`);
        elsewhere(entry);
      }
    }
    for (const s of this.selected) {
      if (!this.readsSourceSecrets && s.sourceSecrets.length > 0) {
        throw NoxusSecretsError.at(this.node.path, `${this.subject}: ${s} composes ${s.composed.filter(c => c.value.origin === ValueOrigin.FROM_SECRET_KEYS).map(c => c.entry.name).join(', ')} ` +
          'from existing secrets, and this cloud side cannot grant reading them yet (AWS, GCP and Vault can). Grant the store\'s identity read on them yourself and ' +
          'build the store without this construct, or set those values by hand.');
      }
      store(s);
    }
  }

  /** Whether the subclass grants each store read on the existing secrets its composed values read. */
  protected readonly readsSourceSecrets: boolean = false;
  /** Whether the subclass writes values that Terraform computes (ValueSource.fromTerraform). */
  protected readonly writesTerraformValues: boolean = false;
  /** Elements that hold a value the user opted into by name, with the secret's name: the audit warns (NX3a) instead of failing (NX3). */
  protected readonly optedInValues = new Map<IConstruct, string>();

  /** The store a public accessor (`role`, `identity`, ...) names: a Store of the contract, never a string that may be a pool or a store ID. */
  protected storeArg(method: string, store: Store): Store {
    if (!(store instanceof Store)) {
      throw NoxusSecretsError.at(this.node.path, `${this.subject}: ${method} takes a Store of the contract (contract.poolStore('<pool>'), contract.sharedStore, ` +
        `contract.storeById('<id>')), not ${shown(store)}.`);
    }
    return this.storeOf(store);
  }

  /** The store of `store`: a Store of this contract, a store ID ('platform', 'pool-<name>') or a pool name. */
  protected storeOf(store: Store | string): Store {
    if (store instanceof Store) {
      if (store.contract !== this.contract && !this.contract.stores.some(s => s.id === store.id)) {
        throw NoxusSecretsError.at(this.node.path, `${this.subject}: ${store} belongs to another contract, which has no store of that ID here ` +
          `(stores: ${this.contract.stores.map(s => s.id).join(', ')}). Use a Store of this construct's contract.`);
      }
      return this.held(this.contract.storeById(store.id));
    }
    const found = this.contract.stores.find(s => s.id === store) ?? this.contract.stores.find(s => s.pool === store);
    if (!found) {
      throw NoxusSecretsError.at(this.node.path, `${this.subject}: no store ${JSON.stringify(store)} (stores: ${this.contract.stores.map(s => s.id).join(', ')}). ` +
        "Pass a Store of the contract (contract.poolStore('<pool>')), a pool name, or a store ID.");
    }
    return this.held(found);
  }

  private held(store: Store): Store {
    if (!this.selected.includes(store)) {
      throw NoxusSecretsError.at(this.node.path, `${this.subject}: ${store} is held by another construct (stores splits the contract). Ask the construct that holds it.`);
    }
    return store;
  }

  /** The one address a key grant covers, checked: a remote secret of its own, set in the backend. */
  private keyAddress(address: string): string {
    const entry = this.contract.remoteKeyScheme.all().find(e => e.address === address);
    if (!entry) {
      throw NoxusSecretsError.at(this.node.path, `${this.subject}: no secret at ${JSON.stringify(address)} ` +
        "(addresses are 'platform/NAME', 'workers/NAME' or 'pools/<pool>/NAME' of the blueprint). Fix the address.");
    }
    if (!this.contract.valueOf(entry.entry).inBackend) {
      throw NoxusSecretsError.at(this.node.path, `${this.subject}: ${address} is ${this.contract.valueOf(entry.entry).origin} by ESO in the cluster, so the ` +
        'backend holds no secret to grant. Grant the store (its grant includes the secrets the value is composed from).');
    }
    const container = this.contract.remoteKeyScheme.containerOf(entry.entry);
    if (container !== address) {
      throw NoxusSecretsError.at(this.node.path, `${this.subject}: ${address} lives in the remote secret ${JSON.stringify(entry.key)} with the other keys of ` +
        `${container} (RemoteKeyLayout.PER_STORE), so a grant of it would read them all. Grant the store, or give ${address} a secret of its own ` +
        `(remoteKeys overrides: { ${JSON.stringify(address)}: "<key>" }).`);
    }
    return address;
  }

  /** @internal */
  public _noxusAuditMessages(): string[] {
    return auditMessagesOf(this, this.contract.blueprint, this.audit, this.unverified, this.optedInValues);
  }
}

const GRANTEES: Record<string, { what: string; example: string }> = {
  aws: { what: 'an AWS', example: 'AwsGrantee.role(role)' },
  gcp: { what: 'a GCP', example: "GcpGrantee.member('serviceAccount:...')" },
  azure: { what: 'an Azure', example: 'AzureGrantee.principal(objectId)' },
  vault: { what: 'a Vault', example: "VaultGrantee.policy('<name>')" },
};

/** A construct of this library that audits its own Terraform on synth. */
interface AuditedConstruct extends IConstruct {
  _noxusAuditMessages(): string[];
}

/**
 * Audits `construct` on synth with its own options (they hold for it alone); what the audit finds
 * is the library's error, and the app's first checked construct checks every stack before cdktf
 * writes the first one.
 * @internal
 */
export function auditOnSynth(construct: AuditedConstruct, options: AuditOptions): void {
  NoxusSecretsError.within(construct.node.path, () => assertAuditOptions('audit', options));
  if (options.enabled === false) return;
  checkOnSynth(construct, () => construct._noxusAuditMessages(), { firstChecksAll: true });
}

/**
 * The audit of one construct's own Terraform elements: errors as messages, warnings as cdktf annotations.
 * @internal
 */
export function auditMessagesOf(
  construct: IConstruct, blueprint: SecretsBlueprint, options: AuditOptions, unverified: { resource: string; what: string }[] = [],
  optedIn: Map<IConstruct, string> = new Map(),
): string[] {
  if (options.enabled === false) return [];
  try {
    // The model's rules once; the Terraform rules element by element, each resolved as the stack
    // would write it and dropped once checked, so the audit never holds a second copy of the stack.
    const report = runAudit({ blueprint, unverified }, options);
    for (const c of construct.node.findAll()) {
      if (!TerraformElement.isTerraformElement(c)) continue;
      const element = runAudit({ terraform: [resolved(c, c.toTerraform())], optedInValue: optedIn.get(c) }, options, TERRAFORM_RULES);
      report.errors.push(...element.errors);
      report.warnings.push(...element.warnings);
      report.acknowledged.push(...element.acknowledged);
    }
    return auditMessages(report, construct.node.path, warning => Annotations.of(construct).addWarning(warning));
  } catch (e) {
    return [(e as Error).message];
  }
}

/** The rules that read Terraform; the others read the model or manifests. */
const TERRAFORM_RULES = NOXUS_RULES.filter(r => !MODEL_ONLY.has(r.id));
