import { parse as parseYaml } from 'yaml';

/**
 * A test oracle of what External Secrets Operator does with an ExternalSecret, written from its
 * source (external-secrets/external-secrets 2.9, pkg/controllers/externalsecret/ and
 * runtime/template/v2), for the shapes this library emits. Anything else throws "oracle:", so a
 * shape the oracle does not know fails the test instead of passing it.
 *
 * - GetProviderSecretData (externalsecret_controller_secret.go): dataFrom, then data; a remote
 *   secret that does not exist (NoSecretErr) is skipped unless the target's deletionPolicy is
 *   Retain, which fails the whole sync. Generators run on every reconcile that refreshes.
 * - Reconcile (externalsecret_controller.go): CreatedOnce refreshes only until it has synced once
 *   (or its Secret is gone or changed: isSecretValid); no data with deletionPolicy Delete deletes
 *   the Secret, with Retain keeps it untouched; applyOwnership refuses a target another
 *   ExternalSecret owns ("secret is owned by another ExternalSecret").
 * - ApplyTemplate (externalsecret_controller_template.go): creationPolicy other than Merge starts
 *   from empty data; without a template the fetched data is copied; with one, the fetched data is
 *   copied only with mergePolicy Merge (or an empty template), then templateFrom, then data.
 * - Templates run with Option("missingkey=error"); templateFrom secret items are read from the
 *   namespace's Secrets (a missing key fails), a literal is rendered and read as YAML.
 */

/** A remote secret's state: a value, or missing (NoSecretErr). JSON values are read by property. */
export type Remote = Record<string, string | undefined>;

export interface ClusterSecret {
  data: Record<string, string>;
  /** The ExternalSecret that owns it (creationPolicy Owner). */
  owner?: string;
  /** The hash ESO keeps in an annotation: a changed Secret is invalid and refreshed. */
  hash?: string;
}

export interface SyncResult {
  readonly name: string;
  readonly ok: boolean;
  readonly error?: string;
  /** Whether the reconcile refreshed (fetched and wrote) or skipped. */
  readonly refreshed: boolean;
}

const NO_SECRET = Symbol('NoSecretErr');

/** One namespace: its ExternalSecrets (manifests), its Secrets, and the backend they read. */
export class EsoNamespace {
  public readonly secrets = new Map<string, ClusterSecret>();
  private readonly synced = new Set<string>();
  private readonly refreshedAt = new Map<string, number>();
  private generation = 0;
  /**
   * Backend reads of each ExternalSecret's last refresh: one per dataFrom.extract and one per data entry,
   * or, with `cachedByKey` (the Secrets Manager provider keeps a secret it fetched for the rest of the sync),
   * one per distinct remote key.
   */
  public readonly reads = new Map<string, number>();
  /** Whether the provider reads a remote key once per sync however many entries name it (Secrets Manager). */
  public cachedByKey = false;
  /** The clock, in seconds: Periodic ExternalSecrets refresh when their refreshInterval has passed. */
  private now = 0;

  constructor(private readonly externalSecrets: any[], public remote: Remote, private readonly generate: (spec: any) => string = () => `gen-${++this.generation}`) {
    for (const es of externalSecrets) {
      if (es.apiVersion !== 'external-secrets.io/v1' || es.kind !== 'ExternalSecret') throw new Error(`oracle: ${es.kind} ${es.apiVersion} is not an ExternalSecret`);
    }
  }

  /** The generators of the manifests, by name (Password specs). */
  public static generators(manifests: any[]): Map<string, any> {
    return new Map(manifests.filter(m => m.kind === 'Password').map(m => [m.metadata.name, m.spec]));
  }

  /** Lets time pass (a Go duration, e.g. '1h'). */
  public advance(duration: string): void {
    this.now += seconds(duration);
  }

  /** Reconciles every ExternalSecret once, in the order given; as ESO's queue would, in any order. */
  public reconcileAll(): SyncResult[] {
    return this.externalSecrets.map(es => this.reconcile(es));
  }

  /** Reconciles until nothing changes (ESO requeues failures), at most `rounds` times. */
  public settle(rounds = 3): SyncResult[] {
    let last: SyncResult[] = [];
    for (let i = 0; i < rounds; i++) last = this.reconcileAll();
    return last;
  }

  public reconcile(es: any): SyncResult {
    const name = es.metadata.name;
    const spec = es.spec;
    const target = spec.target?.name ?? name;
    const existing = this.secrets.get(target);
    const policy = spec.refreshPolicy ?? 'Periodic';
    if (!['CreatedOnce', 'Periodic', 'OnChange'].includes(policy)) throw new Error(`oracle: refreshPolicy ${policy}`);
    // shouldRefresh and isSecretValid: CreatedOnce refreshes until synced once; Periodic when its interval has passed
    // (an interval of 0 never again); either refreshes when its Secret is gone or was changed.
    const valid = existing !== undefined && existing.hash === hashOf(existing.data);
    const last = this.refreshedAt.get(name);
    const interval = seconds(spec.refreshInterval ?? '1h');
    const due = !this.synced.has(name) || last === undefined || (policy !== 'CreatedOnce' && interval > 0 && this.now >= last + interval);
    if (!due && valid) return { name, ok: true, refreshed: false };
    this.refreshedAt.set(name, this.now);
    try {
      const data = this.providerData(spec, name);
      const deletion = spec.target?.deletionPolicy ?? 'Retain';
      if (Object.keys(data).length === 0) {
        if (deletion === 'Delete') {
          this.secrets.delete(target);
          this.synced.add(name);
          return { name, ok: true, refreshed: true };
        }
        if (deletion === 'Retain') {
          this.synced.add(name);
          return { name, ok: true, refreshed: true };
        }
      }
      const creation = spec.target?.creationPolicy ?? 'Owner';
      if (creation === 'None' || creation === 'Orphan') throw new Error(`oracle: creationPolicy ${creation}`);
      if (creation === 'Merge' && existing === undefined) throw new Error(`secret ${target} not found (creationPolicy Merge)`);
      if (existing?.owner !== undefined && existing.owner !== name) throw new Error(`secret is owned by another ExternalSecret: ${existing.owner}`);
      const out = this.applyTemplate(spec, creation === 'Merge' ? { ...existing!.data } : {}, data);
      this.secrets.set(target, { data: out, owner: creation === 'Owner' ? name : existing?.owner, hash: hashOf(out) });
      this.synced.add(name);
      return { name, ok: true, refreshed: true };
    } catch (e) {
      if ((e as Error).message.startsWith('oracle:')) throw e;
      return { name, ok: false, error: (e as Error).message, refreshed: true };
    }
  }

  private providerData(spec: any, name: string): Record<string, string> {
    const out: Record<string, string> = {};
    const fetched: string[] = [];
    const count = () => this.reads.set(name, this.cachedByKey ? new Set(fetched).size : fetched.length);
    this.reads.set(name, 0);
    const retain = (spec.target?.deletionPolicy ?? 'Retain') === 'Retain';
    for (const [i, from] of (spec.dataFrom ?? []).entries()) {
      if (from.sourceRef?.generatorRef) {
        const ref = from.sourceRef.generatorRef;
        if (ref.kind !== 'Password') throw new Error(`oracle: generator ${ref.kind}`);
        Object.assign(out, rewriteMap(from.rewrite ?? [], { password: this.generate(ref.name) }));
      } else if (from.extract) {
        const unknown = Object.keys(from.extract).filter(k => k !== 'key');
        if (unknown.length > 0) throw new Error(`oracle: extract ${unknown.join(', ')}`);
        const value = this.remote[from.extract.key];
        fetched.push(from.extract.key);
        count();
        if (value === undefined) {
          if (retain) throw new Error(`error processing spec.dataFrom[${i}].extract: Secret does not exist`);
          continue;
        }
        // The providers' GetSecretMap: the value must be a JSON object; a string field is taken as is, any other marshalled.
        let json: unknown;
        try {
          json = JSON.parse(value);
        } catch {
          throw new Error(`error processing spec.dataFrom[${i}].extract, err: unable to unmarshal secret ${from.extract.key}`);
        }
        if (json === null || typeof json !== 'object' || Array.isArray(json)) {
          throw new Error(`error processing spec.dataFrom[${i}].extract, err: unable to unmarshal secret ${from.extract.key}`);
        }
        let map = Object.fromEntries(Object.entries(json as Record<string, unknown>).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
        map = rewriteMap(from.rewrite ?? [], map);
        // esutils.ValidateKeys: an empty key is dropped; a key over 253 or with another character fails the sync.
        for (const key of Object.keys(map)) {
          if (key.length === 0) delete map[key];
          else if (key.length > 253) throw new Error(`error processing spec.dataFrom[${i}].extract, err: key has length ${key.length} but max is 253`);
          else if (!/^[\p{L}\p{N}._-]+$/u.test(key)) throw new Error(`error processing spec.dataFrom[${i}].extract, err: key has invalid character: ${key}`);
        }
        Object.assign(out, map);
      } else {
        throw new Error(`oracle: dataFrom ${JSON.stringify(from)}`);
      }
    }
    for (const [i, d] of (spec.data ?? []).entries()) {
      if (d.sourceRef) throw new Error('oracle: data[].sourceRef');
      const value = this.fetch(d.remoteRef);
      fetched.push(d.remoteRef.key);
      count();
      if (value === NO_SECRET) {
        if (retain) throw new Error(`error processing spec.data[${i}] (key: ${d.remoteRef.key}), err: Secret does not exist`);
        continue;
      }
      out[d.secretKey] = value;
    }
    return out;
  }

  private fetch(ref: { key: string; property?: string }): string | typeof NO_SECRET {
    const value = this.remote[ref.key];
    if (value === undefined) return NO_SECRET;
    if (ref.property === undefined) return value;
    const json = JSON.parse(value);
    // The providers treat a property the secret lacks as a missing secret (NoSecretErr) or an error; both fail a required key.
    if (!(ref.property in json)) return NO_SECRET;
    return String(json[ref.property]);
  }

  private applyTemplate(spec: any, secret: Record<string, string>, data: Record<string, string>): Record<string, string> {
    const template = spec.target?.template;
    if (template === undefined) return { ...secret, ...data };
    if (template.engineVersion !== undefined && template.engineVersion !== 'v2') throw new Error(`oracle: engineVersion ${template.engineVersion}`);
    const noTemplate = Object.keys(template.data ?? {}).length === 0 && (template.templateFrom ?? []).length === 0;
    if (template.mergePolicy === 'Merge' || noTemplate) Object.assign(secret, data);
    for (const from of template.templateFrom ?? []) {
      if ((from.target ?? 'Data') !== 'Data') throw new Error(`oracle: templateFrom target ${from.target}`);
      if (from.secret) {
        const source = this.secrets.get(from.secret.name);
        if (source === undefined) throw new Error(`error fetching templateFrom data: secrets "${from.secret.name}" not found`);
        for (const item of from.secret.items) {
          if ((item.templateAs ?? 'Values') !== 'Values') throw new Error(`oracle: templateAs ${item.templateAs}`);
          if (!(item.key in source.data)) throw new Error(`error fetching templateFrom data: key ${item.key} does not exist in secret ${from.secret.name}`);
          secret[item.key] = renderGoTemplate(source.data[item.key], data);
        }
      } else if (typeof from.literal === 'string') {
        const rendered = renderGoTemplate(from.literal, data);
        // sigs.k8s.io/yaml over go-yaml v2 (YAML 1.1) into map[string]string.
        const parsed = rendered.trim() === '' ? {} : parseYaml(rendered, { version: '1.1' });
        for (const [k, v] of Object.entries(parsed ?? {})) {
          if (typeof v !== 'string') throw new Error(`could not unmarshal template to 'map[string][]byte': ${k} is not a string`);
          secret[k] = v;
        }
      } else {
        throw new Error(`oracle: templateFrom ${JSON.stringify(from)}`);
      }
    }
    for (const [k, v] of Object.entries<string>(template.data ?? {})) {
      secret[k] = renderGoTemplate(v, data);
    }
    return secret;
  }
}

/** A Go duration of the forms ESO's manifests use ('1h', '15m', '30s', '2160h', '0'), in seconds. */
/**
 * esutils.RewriteMap for regexp operations (RewriteRegexp: re.ReplaceAllString(key, target)), with
 * Go's template expansion: `$1`, `${1}`, `$name` taking the longest run of letters, digits and '_'.
 */
function rewriteMap(operations: any[], map: Record<string, string>): Record<string, string> {
  let out = map;
  for (const op of operations) {
    if (Object.keys(op).join() !== 'regexp') throw new Error(`oracle: rewrite ${JSON.stringify(op)}`);
    const re = new RegExp(op.regexp.source, 'g');
    out = Object.fromEntries(Object.entries(out).map(([k, v]) => [k.replace(re, (...m: any[]) => goExpand(op.regexp.target, m.slice(0, -2) as string[])), v]));
  }
  return out;
}

function goExpand(template: string, groups: string[]): string {
  return template.replace(/\$(?:\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+)|\$)/g, (whole, braced, bare) => {
    if (whole === '$$') return '$';
    const name = braced ?? bare;
    if (!/^\d+$/.test(name)) throw new Error(`oracle: named group ${name}`);
    return groups[Number(name)] ?? '';
  });
}

function seconds(duration: string): number {
  if (duration === '0') return 0;
  const parts = [...duration.matchAll(/(\d+)(h|m|s)/g)];
  if (parts.map(p => p[0]).join('') !== duration) throw new Error(`oracle: duration ${duration}`);
  return parts.reduce((n, [, v, unit]) => n + Number(v) * ({ h: 3600, m: 60, s: 1 } as Record<string, number>)[unit], 0);
}

function hashOf(data: Record<string, string>): string {
  return JSON.stringify(Object.entries(data).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Go's url.QueryEscape (net/url, encodeQueryComponent): unreserved bytes stay, space is '+', every other byte %XX. */
export function goQueryEscape(s: string): string {
  return [...Buffer.from(s, 'utf-8')].map(b => {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) return c;
    if (c === ' ') return '+';
    return `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }).join('');
}

/** Go's json.Marshal of a string: HTML characters and U+2028/2029 escaped. */
function goJson(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

type Node = { text: string } | { pipe: string } | { with: string; then: Node[]; else: Node[] };

/**
 * Go's text/template, for the actions this library writes: text, `.KEY`, `.`, `index . "K"`,
 * `with ... else ... end`, and pipes through urlquery, replace, toJson and fail. Execution
 * follows Option("missingkey=error"): `.KEY` on a missing key fails; `index` returns "".
 */
export function renderGoTemplate(template: string, data: Record<string, string>): string {
  const tokens: ({ text: string } | { action: string })[] = [];
  let rest = template;
  while (rest.length > 0) {
    const open = rest.indexOf('{{');
    if (open < 0) { tokens.push({ text: rest }); break; }
    if (open > 0) tokens.push({ text: rest.slice(0, open) });
    const close = rest.indexOf('}}', open + 2);
    if (close < 0) throw new Error(`template: unclosed action in ${JSON.stringify(template)}`);
    tokens.push({ action: rest.slice(open + 2, close).trim() });
    rest = rest.slice(close + 2);
  }
  let i = 0;
  const parse = (stopAt: string[]): Node[] => {
    const nodes: Node[] = [];
    while (i < tokens.length) {
      const t = tokens[i];
      if ('text' in t) { nodes.push(t); i++; continue; }
      if (stopAt.includes(t.action)) return nodes;
      i++;
      if (t.action.startsWith('with ')) {
        const then = parse(['else', 'end']);
        let otherwise: Node[] = [];
        if ((tokens[i] as any)?.action === 'else') { i++; otherwise = parse(['end']); }
        if ((tokens[i] as any)?.action !== 'end') throw new Error('template: with without end');
        i++;
        nodes.push({ with: t.action.slice(5), then, else: otherwise });
      } else {
        nodes.push({ pipe: t.action });
      }
    }
    if (stopAt.length > 0) throw new Error(`template: missing {{ ${stopAt.join(' or ')} }}`);
    return nodes;
  };
  const nodes = parse([]);
  if (i !== tokens.length) throw new Error('template: unexpected {{ end }} or {{ else }}');
  const run = (list: Node[], dot: string | Record<string, string>): string => list.map(n => {
    if ('text' in n) return n.text;
    if ('with' in n) {
      const v = pipeline(n.with, dot);
      return v !== '' ? run(n.then, v) : run(n.else, dot);
    }
    return pipeline(n.pipe, dot);
  }).join('');
  const pipeline = (text: string, dot: string | Record<string, string>): string => {
    let value: string | undefined;
    for (const cmd of text.split('|').map(c => c.trim())) {
      value = command(cmd, dot, value);
    }
    return value!;
  };
  const command = (cmd: string, dot: string | Record<string, string>, piped: string | undefined): string => {
    type Word = { quoted: string } | { word: string };
    const words: Word[] = [...cmd.matchAll(/"((?:[^"\\]|\\.)*)"|(\S+)/g)].map(m => (m[1] !== undefined ? { quoted: JSON.parse(`"${m[1]}"`) as string } : { word: m[2] as string }));
    const [head, ...tail] = words;
    const fn = head !== undefined && 'word' in head ? head.word : '';
    // An argument '.' is the dot (a string inside `with`); other arguments are string literals.
    const argOf = (w: Word): string => {
      if ('quoted' in w) return w.quoted;
      if (w.word === '.' && typeof dot === 'string') return dot;
      throw new Error(`oracle: argument ${w.word}`);
    };
    const withPiped = (xs: string[]) => (piped === undefined ? xs : [...xs, piped]);
    const rest = tail.map(w => ('quoted' in w ? w.quoted : w.word));
    if (fn === '.' && rest.length === 0 && piped === undefined) {
      if (typeof dot !== 'string') throw new Error('oracle: . is the data map');
      return dot;
    }
    if (/^\.[A-Za-z_][A-Za-z0-9_]*$/.test(fn) && rest.length === 0 && piped === undefined) {
      if (typeof dot === 'string') throw new Error(`template: can't evaluate field ${fn.slice(1)} in type string`);
      const key = fn.slice(1);
      if (!(key in dot)) throw new Error(`template: map has no entry for key "${key}"`);
      return dot[key];
    }
    if (fn === 'index' && rest.length === 2 && rest[0] === '.' && piped === undefined) {
      if (typeof dot === 'string') throw new Error('oracle: index of a string');
      return dot[rest[1]!] ?? '';
    }
    const a = withPiped(tail.map(argOf));
    switch (fn) {
      case 'urlquery': if (a.length !== 1) break; return goQueryEscape(a[0]);
      case 'replace': if (a.length !== 3) break; return a[2].split(a[0]).join(a[1]);
      case 'toJson': if (a.length !== 1) break; return goJson(a[0]);
      case 'fail': if (a.length !== 1) break; throw new Error(`template: error calling fail: ${a[0]}`);
      case 'lower': if (a.length !== 1) break; return a[0].toLowerCase();
      case 'upper': if (a.length !== 1) break; return a[0].toUpperCase();
      case 'trim': if (a.length !== 1) break; return a[0].trim();
      case 'b64enc': if (a.length !== 1) break; return Buffer.from(a[0], 'utf-8').toString('base64');
      default: break;
    }
    throw new Error(`oracle: template command ${JSON.stringify(cmd)}`);
  };
  return run(nodes, data);
}

/**
 * Every remote key the manifests' ExternalSecrets read, set to a value named after its key (JSON for a property).
 * A secret read whole with dataFrom.extract gets every field the template reads through its rewrite
 * (`<tag>_$1`: the fields `NAME` of each `<tag>_NAME` the template names), each valued `NAME-v`.
 */
export function everyRemoteKeySet(manifests: any[], except: string[] = []): Remote {
  const remote: Remote = {};
  for (const es of manifests.filter(m => m.kind === 'ExternalSecret')) {
    const templateText = JSON.stringify(es.spec.target?.template ?? {});
    for (const from of es.spec.dataFrom ?? []) {
      if (!from.extract) continue;
      const prefix = /^([a-z]+_)\$1$/.exec(from.rewrite?.[0]?.regexp?.target ?? '')?.[1];
      if (prefix === undefined) throw new Error(`oracle: everyRemoteKeySet knows extracts with a rewrite '<tag>_$1' only: ${JSON.stringify(from)}`);
      const fields = [...templateText.matchAll(new RegExp(`${prefix}([A-Z_][A-Z0-9_]*)`, 'g'))].map(m => m[1]).filter(f => !except.includes(f));
      remote[from.extract.key] = JSON.stringify({ ...JSON.parse(remote[from.extract.key] ?? '{}'), ...Object.fromEntries(fields.map(f => [f, `${f}-v`])) });
    }
    for (const d of es.spec.data ?? []) {
      if (except.includes(d.secretKey)) continue;
      remote[d.remoteRef.key] = d.remoteRef.property
        ? JSON.stringify({ ...JSON.parse(remote[d.remoteRef.key] ?? '{}'), [d.remoteRef.property]: `${d.remoteRef.property}-v` })
        : `${d.secretKey}-v`;
    }
  }
  return remote;
}

/**
 * What ESO would refuse in these manifests: two ExternalSecrets that write one Secret of one
 * namespace, and, with every remote key set, any ExternalSecret whose sync fails.
 */
export function deliveryProblems(manifests: any[]): string[] {
  const problems: string[] = [];
  const byNamespace = new Map<string, any[]>();
  for (const es of manifests.filter(m => m.kind === 'ExternalSecret')) {
    const ns = es.metadata.namespace ?? '';
    byNamespace.set(ns, [...(byNamespace.get(ns) ?? []), es]);
  }
  for (const [ns, list] of byNamespace) {
    const targets = new Map<string, string>();
    for (const es of list) {
      const target = es.spec.target?.name ?? es.metadata.name;
      const other = targets.get(target);
      if (other !== undefined) problems.push(`${ns}/${target}: written by ExternalSecrets ${other} and ${es.metadata.name}`);
      targets.set(target, es.metadata.name);
    }
    const results = new EsoNamespace(list, everyRemoteKeySet(list)).settle();
    for (const r of results) if (!r.ok) problems.push(`${ns}/${r.name}: ${r.error}`);
  }
  return problems;
}
