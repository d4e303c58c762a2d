import { addressOf } from './remote-keys';
import { SecretScope } from './scope';
import { SecretsContract, Store } from './secrets-contract';
import { IdentityKind } from './workload-identity';

/** A principal outside the stores that was granted read on some of the platform's secrets. */
export interface BlastRadiusGrant {
  /** The addresses it reads ('platform/NAME', 'workers/NAME', 'pools/<pool>/NAME'). */
  readonly addresses: string[];
  /** Who, as the report shows it (e.g. 'IAM role migrations'). */
  readonly grantee: string;
}

/** Who can read one placed secret, and through what. */
export interface BlastRadiusRow {
  /** 'platform/NAME', 'workers/NAME' or 'pools/<pool>/NAME'. */
  readonly address: string;
  readonly name: string;
  readonly scope: SecretScope;
  /** Services and pools whose environment holds this value. */
  readonly readers: string[];
  /** Stores that sync it ('platform', 'pool-<name>'). */
  readonly stores: string[];
  /** The cloud identity of each store, where the contract has one. */
  readonly identities: string[];
  /** Principals granted read outside the stores. */
  readonly grants: string[];
  /** The remote secret, where the contract has a backend. */
  readonly remoteKey?: string;
  readonly highRisk: boolean;
}

/** For each placed secret: which services and pools read it, through which store, identity and remote key. */
export function blastRadius(contract: SecretsContract, grants: BlastRadiusGrant[] = []): BlastRadiusRow[] {
  const { blueprint } = contract;
  const scheme = contract.backend ? contract.remoteKeyScheme : undefined;
  const allReaders = ['frontend', 'backend', 'beat', ...blueprint.pools.map(p => `workers of ${p.name}`)];
  type Row = { readers: Set<string>; stores: string[]; identities: string[]; grants: string[]; entry: { name: string; scope: SecretScope; highRisk: boolean; pool?: string } };
  const rows = new Map<string, Row>();
  for (const store of contract.stores) {
    const principal = contract.identity ? store.identity.principal : undefined;
    for (const e of store.entries) {
      const address = addressOf(e);
      let row = rows.get(address);
      if (!row) {
        row = { readers: new Set<string>(), stores: [], identities: [], grants: [], entry: { name: e.name, scope: e.scope, highRisk: e.secret.highRisk, pool: e.pool } };
        rows.set(address, row);
      }
      if (row.stores[row.stores.length - 1] !== store.id) {
        row.stores.push(store.id);
        if (principal !== undefined) row.identities.push(principal);
      }
      if (store.pool === undefined) for (const r of allReaders) row.readers.add(r);
      else row.readers.add(`workers of ${store.pool}`);
    }
  }
  // A global key that a pool overrides is not what that pool's workers read.
  for (const o of blueprint.overrides) {
    if (o.by === SecretScope.POOL && o.overridden === SecretScope.GLOBAL) rows.get(`platform/${o.name}`)?.readers.delete(`workers of ${o.pool}`);
    if (o.by === SecretScope.WORKER_ONLY) for (const p of blueprint.pools) rows.get(`platform/${o.name}`)?.readers.delete(`workers of ${p.name}`);
  }
  for (const g of grants) for (const a of g.addresses) rows.get(a)?.grants.push(g.grantee);
  return [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([address, r]) => ({
    address, name: r.entry.name, scope: r.entry.scope, highRisk: r.entry.highRisk,
    readers: [...r.readers],
    stores: r.stores,
    identities: r.identities,
    grants: r.grants,
    remoteKey: scheme?.keyOf({ name: r.entry.name, scope: r.entry.scope, pool: r.entry.pool, secret: blueprint.secret(r.entry.name) }),
  }));
}

/** What the report knows of the Kubernetes side. */
export interface BlastRadiusContext {
  /** Whether the admission guard is rendered; undefined where this side does not know (the cloud side). */
  readonly admissionGuard?: boolean;
}

/** What keeps one store's secrets to that store, as the report says it. */
export function isolationOf(contract: SecretsContract, store: Store, context: BlastRadiusContext = {}): string[] {
  const ns = contract.namespace ?? '(the namespace)';
  const sa = store.serviceAccountName;
  const reasons: string[] = [];
  switch (contract.identity?.kind) {
    case IdentityKind.IRSA:
      reasons.push(`IAM trust: web identity of system:serviceaccount:${ns}:${sa} only`);
      break;
    case IdentityKind.EKS_POD_IDENTITY:
      reasons.push(`IAM trust: the ESO controller's role, in a session ESO (2.5.0+) tagged esoNamespace=${ns}, esoStoreName=${store.storeName}, esoStoreKind=SecretStore`);
      break;
    case IdentityKind.GKE_WORKLOAD_IDENTITY:
      reasons.push(`IAM binding: Workload Identity of ${ns}/${sa} only`);
      break;
    case IdentityKind.AZURE_WORKLOAD_IDENTITY:
      reasons.push(`federated credential: system:serviceaccount:${ns}:${sa} only`);
      break;
    case IdentityKind.VAULT_KUBERNETES:
      reasons.push(`Vault role bound to ServiceAccount ${sa} in ${ns} only`);
      break;
    case undefined:
      reasons.push('no cloud identity (the env Secrets exist already)');
      break;
    default:
      reasons.push(`identity ${contract.identity!.kind} (user-defined: its own terms)`);
  }
  if (context.admissionGuard === true) reasons.push('admission guard: no other namespace may name its role or ServiceAccount, and only this store writes its env Secret');
  else if (context.admissionGuard === false) reasons.push('no admission guard (turned off)');
  return reasons;
}

/** The blast-radius report as Markdown, with a Mermaid diagram of stores, pools and services that renders on GitHub. */
export function blastRadiusMarkdown(contract: SecretsContract, grants: BlastRadiusGrant[] = [], context: BlastRadiusContext = {}): string {
  const { blueprint } = contract;
  const rows = blastRadius(contract, grants);
  const cell = (s: string) => (s.includes('|') ? s.replace(/\|/g, '\\|') : s);
  const lines = [
    '# Blast radius of the Noxus platform secrets',
    '',
    'Generated by noxus-secrets-cdk from the blueprint: for each secret, who can read its value and through what.',
    '',
    '```mermaid',
    'flowchart LR',
  ];
  const id = (s: string) => s.replace(/[^A-Za-z0-9]/g, '_');
  // Counted in one pass: the report stays linear in pools x secrets.
  const counts = new Map<string, number>();
  for (const r of rows) for (const s of r.stores) counts.set(s, (counts.get(s) ?? 0) + 1);
  for (const [s, count] of counts) lines.push(`  store_${id(s)}[("${s}: ${count} secret(s)")]`);
  lines.push('  svc_services["frontend, backend, beat"]');
  for (const p of blueprint.pools) lines.push(`  pool_${id(p.name)}["workers of ${p.name}"]`);
  if (counts.has('platform')) {
    lines.push('  store_platform --> svc_services');
    for (const p of blueprint.pools) lines.push(`  store_platform --> pool_${id(p.name)}`);
  }
  for (const p of blueprint.pools) lines.push(`  store_${id(`pool-${p.name}`)} --> pool_${id(p.name)}`);
  lines.push('```', '');
  const withIdentity = contract.identity !== undefined;
  const withKeys = contract.backend !== undefined;
  const withGrants = grants.length > 0;
  const head = ['secret', 'placement', 'high-risk', 'read by', 'store', ...(withIdentity ? ['identity'] : []), ...(withGrants ? ['granted to'] : []), ...(withKeys ? ['remote key'] : [])];
  lines.push(`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`);
  for (const r of rows) {
    lines.push(`| ${[
      `\`${r.name}\``, r.address, r.highRisk ? 'yes' : 'no', r.readers.join(', '), r.stores.join(', '),
      ...(withIdentity ? [r.identities.join(', ')] : []), ...(withGrants ? [r.grants.join(', ')] : []), ...(withKeys ? [`\`${r.remoteKey}\``] : []),
    ].map(cell).join(' | ')} |`);
  }
  if (contract.stores.length > 0) {
    lines.push('', '## What enforces each store\'s isolation', '', '| store | enforced by |', '| --- | --- |');
    for (const store of contract.stores) lines.push(`| ${store.id} | ${isolationOf(contract, store, context).map(cell).join('; ')} |`);
    if (context.admissionGuard === undefined) lines.push('', 'The admission guard, where rendered, is on the Kubernetes side (NoxusPlatformSecrets).');
  }
  return `${lines.join('\n')}\n`;
}
