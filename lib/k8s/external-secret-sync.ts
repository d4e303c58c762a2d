import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import {
  ComposedEntry, EnvEntry, NoxusSecretsError, Store, ValueOrigin, SECRET_KEY_RULE, assertDnsSubdomain, assertKind, assertProps, childPath, isSecretKey, shown,
} from '../core';
import { EsoDataFrom, EsoExternalSecret, EsoExternalSecretSpec, EsoPassword, EsoPasswordSpec, EsoTemplate, EsoTemplateFrom } from './eso-types';
import { IExternalSecretStore, StoreKind, assertStoreRef } from './external-secret-store';
import { stripUndefined } from '../core/objects';
import { esoTemplate } from './eso-template';
import { AppChecks } from './app-checks';

/** Who owns the target Secret (`spec.target.creationPolicy`). */
export enum CreationPolicy {
  /** ESO creates the Secret and owns it. */
  OWNER = 'Owner',
  /** ESO creates the Secret and does not own it. */
  ORPHAN = 'Orphan',
  /** ESO merges into a Secret that exists. */
  MERGE = 'Merge',
  /** ESO neither creates nor updates a Secret. */
  NONE = 'None',
}

/** What happens to the target's keys when the remote secret goes away (`spec.target.deletionPolicy`). */
export enum DeletionPolicy {
  DELETE = 'Delete',
  MERGE = 'Merge',
  RETAIN = 'Retain',
}

/** One key of the target Secret from one remote secret. */
export interface ExternalSecretDataEntry {
  /** The key in the target Secret (the env var name). */
  readonly secretKey: string;
  /** The remote secret's name. */
  readonly remoteKey: string;
  /**
   * A field inside the remote secret.
   * @default - the whole value
   */
  readonly property?: string;
  /**
   * A version of the remote secret.
   * @default - the latest
   */
  readonly version?: string;
  /**
   * Another store to read this key from, where one Secret gathers keys from two stores.
   * @default - the ExternalSecret's store
   */
  readonly store?: IExternalSecretStore;
}

/** `dataFrom.extract`: every field of one remote secret. */
export interface ExtractOptions {
  /** The remote secret. */
  readonly key: string;
  /** @default - the whole value */
  readonly property?: string;
  /** @default - the latest */
  readonly version?: string;
}

/** `dataFrom.find`: every remote secret that matches. Needs list permission on the backend. */
export interface FindOptions {
  /**
   * Regular expression on remote secret names.
   * @default - any name
   */
  readonly nameRegexp?: string;
  /**
   * Path prefix of the remote secrets.
   * @default - any path
   */
  readonly path?: string;
  /**
   * Tags the remote secrets carry.
   * @default - any tags
   */
  readonly tags?: Record<string, string>;
}

/** Whole remote secrets into the target (`spec.dataFrom`). */
export class DataFrom {
  /** All fields of one remote secret become keys of the target. */
  public static extract(options: ExtractOptions): DataFrom {
    assertProps('DataFrom.extract', options, "{ key: 'noxus/platform/OPENAI_API_KEY' }");
    // ESO reads the remote secret by this name: an empty one names none, and every provider refuses it at sync.
    if (typeof options.key !== 'string' || options.key.trim() === '') {
      throw new NoxusSecretsError(`DataFrom.extract: key ${shown(options.key)} names no remote secret. Give the remote secret's name, e.g. "noxus/platform/POSTGRESQL_URL".`);
    }
    assertKind('DataFrom.extract', 'property', options.property, 'string', '"password"');
    assertKind('DataFrom.extract', 'version', options.version, 'string', '"AWSCURRENT"');
    return new DataFrom({ extract: stripUndefined({ key: options.key, property: options.property, version: options.version }) });
  }

  /** All remote secrets that match become keys of the target. */
  public static find(options: FindOptions): DataFrom {
    assertProps('DataFrom.find', options, "{ path: 'noxus/platform' }");
    assertKind('DataFrom.find', 'nameRegexp', options.nameRegexp, 'string', '"^noxus-"');
    assertKind('DataFrom.find', 'path', options.path, 'string', '"noxus/platform"');
    assertKind('DataFrom.find', 'tags', options.tags, 'object', '{ team: "noxus" }');
    if (options.nameRegexp === undefined && options.path === undefined && options.tags === undefined) {
      throw new NoxusSecretsError('DataFrom.find: no nameRegexp, path or tags, so it would sync every secret the store can list. ' +
        'Narrow it with at least one of them.');
    }
    if (options.nameRegexp !== undefined) {
      try {
        // ESO compiles it with Go's RE2; a pattern JavaScript cannot compile will not compile there either.
        new RegExp(options.nameRegexp);
      } catch (e) {
        throw new NoxusSecretsError(`DataFrom.find: nameRegexp ${JSON.stringify(options.nameRegexp)} does not compile (${(e as Error).message}). Fix the pattern.`);
      }
    }
    return new DataFrom({ find: stripUndefined({ name: options.nameRegexp === undefined ? undefined : { regexp: options.nameRegexp }, path: options.path, tags: options.tags }) });
  }

  private constructor(private readonly spec: EsoDataFrom) {}

  /** Whether this entry lists remote secrets (it needs list permission). */
  public get isFind(): boolean {
    return 'find' in this.spec;
  }

  /** @internal */
  public _toSpec(): EsoDataFrom {
    return this.spec;
  }
}

/** The target Secret's shape (`spec.target.template`). */
export interface ExternalSecretTemplate {
  /** @default 'Opaque' */
  readonly type?: string;
  /** @default - none */
  readonly labels?: Record<string, string>;
  /** @default - none */
  readonly annotations?: Record<string, string>;
  /** Keys rendered from templates over the fetched values (ESO template syntax). @default - the fetched keys as they are */
  readonly data?: Record<string, string>;
  /** ESO's template engine: "v2", the only one ESO's v1 API takes. @default - ESO's default ("v2") */
  readonly engineVersion?: string;
}

/** Props of one ExternalSecret. */
export interface ExternalSecretSyncProps {
  /**
   * Every key of a contract's store, each read from the remote key the contract gives it
   * (the names the cloud side creates); comes before `data`.
   * @default - only `data` and `dataFrom`
   */
  readonly contractStore?: Store;
  /** The store to read from. */
  readonly store: IExternalSecretStore;
  /** The Kubernetes Secret ESO writes. */
  readonly targetSecretName: string;
  /**
   * The ExternalSecret's name.
   * @default - the target Secret's name
   */
  readonly name?: string;
  /**
   * How often ESO reads the backend again, as a Go duration ('1h', '15m', '0' for never).
   * @default '1h'
   */
  readonly refreshInterval?: string;
  /** @default CreationPolicy.OWNER */
  readonly creationPolicy?: CreationPolicy;
  /**
   * What ESO does when a remote secret is missing. With a `contractStore`, Merge: a remote secret
   * not set yet is skipped (an optional key is left out, a required one fails the sync by name);
   * Retain would fail the whole sync for any missing key, optional ones included.
   * @default - DeletionPolicy.MERGE with a contractStore, else DeletionPolicy.RETAIN
   */
  readonly deletionPolicy?: DeletionPolicy;
  /**
   * One key per remote secret.
   * @default - none (then dataFrom is required)
   */
  readonly data?: ExternalSecretDataEntry[];
  /**
   * Whole remote secrets.
   * @default - none
   */
  readonly dataFrom?: DataFrom[];
  /**
   * The target Secret's shape.
   * @default - an Opaque Secret with the fetched keys
   */
  readonly template?: ExternalSecretTemplate;
}

const GO_DURATION = /^(0|([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+)$/;

/** One External Secrets Operator ExternalSecret (`external-secrets.io/v1`). */
export class ExternalSecretSync extends Construct {
  /** The Kubernetes Secret that ESO writes. */
  public readonly targetSecretName: string;
  /** The refresh interval. */
  public readonly refreshInterval: string;
  /** The rendered ExternalSecret. */
  public readonly resource: ApiObject;
  /** The namespace of the target Secret (the chart's), if any. */
  public readonly namespace?: string;

  constructor(scope: Construct, id: string, props: ExternalSecretSyncProps) {
    assertSyncProps(props, childPath(scope, id));
    super(scope, id);
    const path = this.node.path;
    const subject = `ExternalSecretSync ${JSON.stringify(props.targetSecretName)}`;
    const name = props.name ?? props.targetSecretName;
    assertDnsSubdomain(subject, 'name', name, path);
    this.targetSecretName = props.targetSecretName;
    this.refreshInterval = props.refreshInterval ?? '1h';
    if (!GO_DURATION.test(this.refreshInterval)) {
      throw NoxusSecretsError.at(path, `${subject}: refreshInterval ${JSON.stringify(this.refreshInterval)} is not a Go duration ` +
        '(a number and unit, repeated: h, m, s, ms; "0" turns refresh off). Use e.g. "1h" or "15m".');
    }
    if (props.contractStore !== undefined && !(props.contractStore instanceof Store)) {
      throw NoxusSecretsError.at(path, `${subject}: contractStore is not a Store of a SecretsContract. Pass contract.sharedStore or contract.poolStore("<pool>").`);
    }
    const contract = props.contractStore?.contract;
    if (contract && !contract.backend) {
      throw NoxusSecretsError.at(path, `${subject}: contractStore ${JSON.stringify(props.contractStore!.id)} belongs to a contract without a backend, so it has no remote keys. ` +
        'Give the SecretsContract a backend and identity.');
    }
    // The store's keys set by hand are read by remote key; a composed value reads its sources' keys
    // (data keys '<NAME>.<source>.<key>', never written: the template replaces the Secret's data).
    const store = props.contractStore;
    const manual = store ? store.entries.filter(e => contract!.valueOf(e).inBackend) : [];
    const composed = store ? store.composed.filter(c => c.value.origin === ValueOrigin.FROM_SECRET_KEYS) : [];
    const generated = store ? store.composed.filter(c => c.value.origin === ValueOrigin.GENERATED) : [];
    const sourceKey = (name: string) => (source: string, key: string) => `${name}.${source}.${key}`;
    // A key in its own remote secret is one data entry; the keys of a scope's secret (RemoteKeyLayout.PER_STORE)
    // come with one dataFrom.extract per secret, each field renamed '<scope>_<NAME>' (rewrite), so that a pool's
    // key never falls back to a worker-only key of the same name: the template reads each by its own name.
    const scheme = contract?.remoteKeyScheme;
    const alone = manual.filter(e => scheme!.fieldOf(e) === undefined);
    const scoped = manual.filter(e => scheme!.fieldOf(e) !== undefined);
    const dataKey = (e: EnvEntry) => (scheme?.fieldOf(e) === undefined ? e.name : `${scopeTag(scheme!.containerOf(e))}_${e.name}`);
    const extracts = scheme ? scheme.secretsOf(scoped).map(secret => ({
      extract: { key: secret.key },
      rewrite: [{ regexp: { source: '^(.*)$', target: `${scopeTag(secret.address)}_$1` } }],
    })) : [];
    const data: ExternalSecretDataEntry[] = [
      ...alone.map(e => ({ secretKey: e.name, remoteKey: scheme!.keyOf(e), property: contract!.backend!.valueProperty })),
      ...composed.flatMap(c => c.value.template.flatMap(part => ('text' in part ? [] : [{
        secretKey: sourceKey(c.entry.name)(part.source, part.key), remoteKey: c.value.sources[part.source].key, property: part.key,
      }]))).filter((d, i, all) => all.findIndex(o => o.secretKey === d.secretKey) === i),
      ...(props.data ?? []),
    ];
    if (store && props.template) {
      throw NoxusSecretsError.at(path, `${subject}: the store's keys are written through the library's template (a required key that is not set fails the sync, ` +
        'an optional one is left out, composed and generated values are rendered), so a template of your own cannot be added. Write your template into another Secret.');
    }
    const dataFrom = props.dataFrom ?? [];
    if (data.length === 0 && dataFrom.length === 0 && extracts.length === 0 && generated.length === 0) {
      throw NoxusSecretsError.at(path, `${subject}: no data and no dataFrom, so the target Secret would be empty. Add data entries or a DataFrom.`);
    }
    // Only generated values: the generators are this ExternalSecret's only source (ESO needs one to read).
    const generatorsOnly = data.length === 0 && dataFrom.length === 0 && extracts.length === 0;
    // A store named by hand (ExternalSecretStore.fromStoreName, or an object of your own) is checked as ESO's CRD checks secretStoreRef.
    if (props.store === undefined || props.store === null) {
      throw NoxusSecretsError.at(path, `${subject}: store is required. Pass an ExternalSecretStore, or ExternalSecretStore.fromStoreName("<name>") for a store outside the app.`);
    }
    assertStoreRef(subject, props.store, path);
    const keys = new Set<string>();
    for (const d of data) {
      if (d.store !== undefined) assertStoreRef(subject, d.store, path, `data ${JSON.stringify(d.secretKey)} store`);
      // A Secret's data keys (Kubernetes validation): at most 253 of A-Z a-z 0-9 - _ .
      if (!isSecretKey(d.secretKey)) {
        throw NoxusSecretsError.at(path, `${subject}: secretKey ${JSON.stringify(d.secretKey)} is not a Secret key (${SECRET_KEY_RULE}). Use the env var name.`);
      }
      if (keys.has(d.secretKey)) {
        throw NoxusSecretsError.at(path, `${subject}: secretKey ${JSON.stringify(d.secretKey)} appears twice (the second would overwrite the first). Remove one.`);
      }
      if (d.remoteKey.length === 0) {
        throw NoxusSecretsError.at(path, `${subject}: secretKey ${JSON.stringify(d.secretKey)} has an empty remoteKey. Name the remote secret.`);
      }
      keys.add(d.secretKey);
    }
    if (props.template) checkTemplate(path, subject, props.template);
    this.namespace = Chart.of(this).namespace;
    // No two syncs of the app write one Secret: checked once for the whole app.
    AppChecks.of(this);

    const storeRef = { name: props.store.storeName, kind: props.store.storeKind };
    const target = (template: EsoTemplate | undefined, deletionPolicy: DeletionPolicy) => stripUndefined({
      name: props.targetSecretName,
      creationPolicy: props.creationPolicy ?? CreationPolicy.OWNER,
      deletionPolicy: props.deletionPolicy ?? deletionPolicy,
      template,
    });
    if (store && generatorsOnly) {
      this.resource = new EsoExternalSecret(this, 'Resource', {
        metadata: { name },
        spec: {
          ...generatedRefresh(path, subject, generated),
          target: target(undefined, DeletionPolicy.RETAIN),
          dataFrom: generated.map(c => passwordFrom(passwordGenerator(this, store, c), c.entry.name)),
        },
      });
      return;
    }
    let template: EsoTemplate | undefined;
    if (store) {
      // ESO skips a remote secret that does not exist yet (deletionPolicy other than Retain; Retain fails
      // the whole sync), so an optional key not set yet is left out; a required one is rendered with
      // `.NAME`, which ESO's engine (missingkey=error) fails on, so the Secret is not written and the
      // ExternalSecret's status names the key. No stand-in value is ever written.
      const required = manual.filter(e => !e.secret.optional);
      const optional = manual.filter(e => e.secret.optional);
      const companions = generated.map(c => new Password(this, store, props.targetSecretName, c));
      const templateFrom: EsoTemplateFrom[] = [
        // Each generated value from the Secret its own ExternalSecret writes (generated once, kept across refreshes).
        ...companions.map(g => ({ target: 'Data' as const, secret: { name: g.secretName, items: [{ key: g.key, templateAs: 'Values' as const }] } })),
        ...(optional.length > 0 ? [{ target: 'Data' as const, literal: optional.map(e => optionalKey(e.name, dataKey(e))).join('') }] : []),
      ];
      template = stripUndefined<EsoTemplate>({
        type: 'Opaque',
        engineVersion: 'v2',
        data: Object.fromEntries([
          ...required.map(e => [e.name, `{{ .${dataKey(e)} }}`]),
          ...composed.map(c => [c.entry.name, esoTemplate(c.value.template, sourceKey(c.entry.name), c.entry.name)]),
        ].sort(([a], [b]) => (a < b ? -1 : 1))),
        templateFrom: templateFrom.length > 0 ? templateFrom : undefined,
      });
    } else if (props.template) {
      const t = props.template;
      template = stripUndefined<EsoTemplate>({
        type: t.type ?? 'Opaque',
        engineVersion: t.engineVersion as EsoTemplate['engineVersion'], // checked by checkTemplate
        metadata: t.labels || t.annotations ? stripUndefined({ labels: t.labels, annotations: t.annotations }) : undefined,
        data: t.data,
      });
    }

    this.resource = new EsoExternalSecret(this, 'Resource', {
      metadata: { name },
      spec: stripUndefined<EsoExternalSecretSpec>({
        refreshInterval: this.refreshInterval,
        secretStoreRef: storeRef,
        target: target(template, store ? DeletionPolicy.MERGE : DeletionPolicy.RETAIN),
        data: data.length > 0 ? data.map(d => stripUndefined({
          secretKey: d.secretKey,
          remoteRef: stripUndefined({ key: d.remoteKey, property: d.property, version: d.version }),
          sourceRef: d.store ? { storeRef: { name: d.store.storeName, kind: d.store.storeKind } } : undefined,
        })) : undefined,
        dataFrom: dataFrom.length + extracts.length > 0 ? [...extracts, ...dataFrom.map(f => f._toSpec())] : undefined,
      }),
    });
  }
}

/**
 * An optional key, in a literal template (keys and values, read as YAML): present when the remote
 * secret holds a value, left out when ESO skipped it. Quoted: a bare `NO` or `ON` would be a boolean
 * key in YAML 1.1; toJson writes the value as a JSON string, which is a double-quoted YAML scalar.
 */
function optionalKey(name: string, dataKey: string): string {
  return `{{ with index . "${dataKey}" }}"${name}": {{ toJson . }}\n{{ end }}`;
}

/**
 * The prefix of a scope's fields in the ExternalSecret's data ('platform', 'workers', 'pool'): a
 * store reads at most one secret of each scope. Lower case, so never an env name's start.
 */
function scopeTag(scope: string): string {
  return scope.startsWith('pools/') ? 'pool' : scope;
}

/** The name part of an env var: 'PLUGIN_SERVER_API_KEY' to 'plugin-server-api-key'. */
function kebab(name: string): string {
  return name.toLowerCase().replace(/_/g, '-').replace(/[^a-z0-9-]/g, '').replace(/^-+|-+$/g, '');
}

/**
 * The Secret (and its ExternalSecret) that holds a generated value of the env Secret `envSecretName`.
 * @internal
 */
export function generatedSecretName(envSecretName: string, entryName: string): string {
  return `${envSecretName}-${kebab(entryName)}`.slice(0, 253);
}

/**
 * The Password generator of a generated value of a store.
 * @internal
 */
export function generatorName(store: Store, entryName: string): string {
  return `${store.storeName}-${kebab(entryName)}`.slice(0, 253);
}

/**
 * A generated value: ESO's Password generator and the ExternalSecret that writes it, under the
 * entry's name, into a Secret of its own (`<env Secret>-<name>`, its only writer). Generated once
 * (refreshPolicy CreatedOnce), or again on the secret's rotation period; ESO generates it again when
 * that Secret is deleted, which is how to rotate it on purpose. The env Secret's ExternalSecret reads
 * it from there on each refresh, so the Secret's other keys refresh without touching it.
 */
class Password extends Construct {
  public readonly secretName: string;
  public readonly key: string;

  constructor(scope: Construct, store: Store, envSecretName: string, c: ComposedEntry) {
    super(scope, `Generated-${c.entry.name}`);
    this.key = c.entry.name;
    this.secretName = generatedSecretName(envSecretName, c.entry.name);
    const generator = passwordGenerator(this, store, c);
    new EsoExternalSecret(this, 'Resource', {
      metadata: { name: this.secretName },
      spec: {
        ...generatedRefresh(scope.node.path, `ExternalSecretSync ${JSON.stringify(envSecretName)}`, [c]),
        target: { name: this.secretName, creationPolicy: CreationPolicy.OWNER, deletionPolicy: DeletionPolicy.RETAIN },
        dataFrom: [passwordFrom(generator, c.entry.name)],
      },
    });
  }
}

/** ESO's Password generator of a generated value (`<store>-<name>`); returns its name. */
function passwordGenerator(scope: Construct, store: Store, c: ComposedEntry): string {
  const name = generatorName(store, c.entry.name);
  // Core holds the generator's settings as plain data; ValueSource.generated sets every field of this shape.
  new EsoPassword(scope, `Generator-${c.entry.name}`, { metadata: { name }, spec: c.value.generator as unknown as EsoPasswordSpec });
  return name;
}

function passwordFrom(generatorName: string, key: string): EsoDataFrom {
  return {
    sourceRef: { generatorRef: { apiVersion: 'generators.external-secrets.io/v1alpha1', kind: 'Password', name: generatorName } },
    rewrite: [{ regexp: { source: '^password$', target: key } }],
  };
}

/** How often the generated values are made again: on their rotation period, or never (once). One ExternalSecret, one period. */
function generatedRefresh(path: string, subject: string, generated: ComposedEntry[]): Pick<EsoExternalSecretSpec, 'refreshPolicy' | 'refreshInterval'> {
  const periods = [...new Set(generated.map(c => c.entry.secret.rotation?.days))];
  if (periods.length > 1) {
    throw NoxusSecretsError.at(path, `${subject}: the store holds only generated values (${generated.map(c => `${c.entry.name}: ` +
      `${c.entry.secret.rotation ? `every ${c.entry.secret.rotation.days} days` : 'never rotated'}`).join(', ')}), which one ExternalSecret ` +
      'generates together on one period. Give them the same rotation period, or add a value set by hand to the store (each generated value then has its own).');
  }
  const days = periods[0];
  return days !== undefined ? { refreshPolicy: 'Periodic', refreshInterval: `${days * 24}h` } : { refreshPolicy: 'CreatedOnce' };
}
/**
 * Messages for ExternalSecretSyncs of the app that write the same Secret in the same namespace
 * (two ExternalSecrets on one target overwrite each other).
 * @internal
 */
export function duplicateTargets(app: Construct): string[] {
  const owners = new Map<string, ExternalSecretSync>();
  const messages: string[] = [];
  for (const c of app.node.findAll()) {
    if (!(c instanceof ExternalSecretSync)) continue;
    const target = `${c.namespace ?? ''}/${c.targetSecretName}`;
    const other = owners.get(target);
    if (other === undefined) {
      owners.set(target, c);
    } else {
      messages.push(`ExternalSecretSync ${JSON.stringify(c.targetSecretName)}: ${other.node.path} and ${c.node.path} both write the Secret ` +
        `${JSON.stringify(c.targetSecretName)}${c.namespace ? ` in namespace ${JSON.stringify(c.namespace)}` : ''}; two ExternalSecrets on one target overwrite each other. ` +
        'Gather the keys in one ExternalSecret (per-entry store for a second store), or use another target name.');
    }
  }
  return messages;
}

// Kubernetes object metadata rules (apimachinery validation): a qualified name is an optional
// DNS-subdomain prefix and '/', then 1-63 of alphanumerics, '-', '_', '.', alphanumeric at both ends.
const QUALIFIED_NAME = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;

function checkTemplate(path: string, subject: string, template: ExternalSecretTemplate): void {
  const fail = (what: string, value: string, rule: string) => {
    throw NoxusSecretsError.at(path, `${subject}: template ${what} ${JSON.stringify(value)} is not one ESO can write (${rule}). Rename it.`);
  };
  // ESO's v1 API takes the v2 engine only (v1 templates went with v1beta1): its CRD refuses any other.
  if (template.engineVersion !== undefined && template.engineVersion !== 'v2') {
    throw NoxusSecretsError.at(path, `${subject}: template engineVersion ${JSON.stringify(template.engineVersion)} is not one ESO's ` +
      'external-secrets.io/v1 ExternalSecret takes (its CRD allows "v2" only). Use "v2", or leave it out.');
  }
  for (const [k, v] of Object.entries(template.labels ?? {})) {
    if (!QUALIFIED_NAME.test(k) || (k.split('/')[0].length > 253 && k.includes('/'))) fail('label key', k, 'a Kubernetes qualified name: [prefix/]name, name 1-63 of A-Z a-z 0-9 - _ .');
    if (!LABEL_VALUE.test(v)) fail(`label ${JSON.stringify(k)} value`, v, 'up to 63 of A-Z a-z 0-9 - _ ., alphanumeric at both ends');
  }
  for (const k of Object.keys(template.annotations ?? {})) {
    if (!QUALIFIED_NAME.test(k)) fail('annotation key', k, 'a Kubernetes qualified name: [prefix/]name, name 1-63 of A-Z a-z 0-9 - _ .');
  }
  for (const k of Object.keys(template.data ?? {})) {
    if (!isSecretKey(k)) fail('data key', k, `a Secret key: ${SECRET_KEY_RULE}`);
  }
}

/** A JavaScript caller's props, checked before anything is added to the tree. */
function assertSyncProps(props: ExternalSecretSyncProps, path: string): void {
  assertProps('ExternalSecretSync', props, "{ store, targetSecretName: 'app-env', data: [{ secretKey: 'A', remoteKey: 'a' }] }", path);
  const subject = `ExternalSecretSync ${JSON.stringify(props.targetSecretName)}`;
  assertDnsSubdomain(subject, 'targetSecretName', props.targetSecretName, path);
  const store = props.store as Partial<IExternalSecretStore> | undefined;
  if (store === null || typeof store !== 'object' || typeof store.storeName !== 'string' || !Object.values(StoreKind).includes(store.storeKind!)) {
    throw NoxusSecretsError.at(path, `${subject}: store ${shown(store)} is not a store (an ExternalSecretStore, or ExternalSecretStore.fromStoreName("<name>")). Pass one.`);
  }
  assertKind(subject, 'name', props.name, 'string', '"app-env"', path);
  assertKind(subject, 'refreshInterval', props.refreshInterval, 'string', '"1h"', path);
  assertKind(subject, 'data', props.data, 'list', "[{ secretKey: 'A', remoteKey: 'a' }]", path);
  assertKind(subject, 'dataFrom', props.dataFrom, 'list', "[DataFrom.extract({ key: 'a' })]", path);
  assertKind(subject, 'template', props.template, 'object', "{ data: { DSN: '...' } }", path);
  (props.data ?? []).forEach((d, i) => {
    if (d === null || typeof d !== 'object' || typeof d.secretKey !== 'string' || typeof d.remoteKey !== 'string') {
      throw NoxusSecretsError.at(path, `${subject}: data[${i}] ${shown(d)} is not a data entry (secretKey and remoteKey, strings). Pass e.g. { secretKey: 'A', remoteKey: 'a' }.`);
    }
  });
  (props.dataFrom ?? []).forEach((d, i) => {
    if (!(d instanceof DataFrom)) {
      throw NoxusSecretsError.at(path, `${subject}: dataFrom[${i}] ${shown(d)} is not a DataFrom. Use DataFrom.extract({ key }) or DataFrom.find({ ... }).`);
    }
  });
  if (props.creationPolicy !== undefined && !Object.values(CreationPolicy).includes(props.creationPolicy)) {
    throw NoxusSecretsError.at(path, `${subject}: creationPolicy ${shown(props.creationPolicy)} is not a CreationPolicy (${Object.values(CreationPolicy).join(', ')}). Use a CreationPolicy value.`);
  }
  if (props.deletionPolicy !== undefined && !Object.values(DeletionPolicy).includes(props.deletionPolicy)) {
    throw NoxusSecretsError.at(path, `${subject}: deletionPolicy ${shown(props.deletionPolicy)} is not a DeletionPolicy (${Object.values(DeletionPolicy).join(', ')}). Use a DeletionPolicy value.`);
  }
}
