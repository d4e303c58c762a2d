import { NoxusSecretsError, assertKind, assertProps, shown } from './errors';
import { LIST_PRICES } from './prices';
import { RemoteKeyLayout } from './remote-keys';
import { AwsSecretsManagerBackend, BackendKind } from './secret-backend';
import { SecretsContract, Store } from './secrets-contract';
import { ValueOrigin } from './value-source';
import { grouped } from './numbers';

/** What the cloud side adds to the footprint: it alone knows its Terraform. */
export interface FootprintOptions {
  /**
   * How often ESO refreshes each env Secret (the stores' `refreshInterval`, a Go duration).
   * @default '1h' (the library's)
   */
  readonly refreshInterval?: string;
  /**
   * Whether ESO reads the backend (false: the CSI driver does, at each pod's mount and rotation poll,
   * which the contract cannot count).
   * @default true
   */
  readonly readsCounted?: boolean;
  /**
   * The Terraform resources of the cloud side.
   * @default - not known (the Kubernetes side)
   */
  readonly terraformResources?: number;
  /**
   * The largest IAM policy the cloud side attaches to one role, in characters as IAM counts them (AWS).
   * @default - not known
   */
  readonly largestRolePolicy?: { readonly role: string; readonly characters: number };
}

/** What the deployed system holds and does, from the contract and its layout. */
export interface Footprint {
  readonly layout: RemoteKeyLayout;
  /** Remote secrets the cloud side creates (or, on Parameter Store, the operator creates). */
  readonly remoteSecrets: number;
  /**
   * Backend reads of one refresh of every store: one per `data` entry, one per `dataFrom.extract` (Secrets Manager reads one key once per sync).
   * @default - not counted (the CSI driver reads)
   */
  readonly readsPerRefresh?: number;
  /** The most reads one store makes per refresh. */
  readonly maxReadsPerStore?: number;
  readonly refreshInterval?: string;
  /** Reads per month (730 hours) at the refresh interval; 0 with refresh turned off (refreshInterval 0: ESO reads at creation and on change only). */
  readonly readsPerMonth?: number;
  readonly terraformResources?: number;
  readonly largestRolePolicy?: { readonly role: string; readonly characters: number };
  /** The monthly list price of the backend's secrets and reads (LIST_PRICES), where the backend has one. */
  readonly monthlyListPriceUsd?: number;
}

/** Hours in a month, as the providers' price pages count them. */
const HOURS_PER_MONTH = 730;

/** Reads one store's env ExternalSecret makes per refresh, counted as ExternalSecretSync renders them and ESO's providers fetch them. */
export function readsOf(store: Store): number {
  if (!(store instanceof Store)) {
    throw new NoxusSecretsError(`readsOf: store ${shown(store)} is not a Store. Pass one of contract.stores.`);
  }
  const contract = store.contract;
  const scheme = contract.remoteKeyScheme;
  const manual = store.entries.filter(e => contract.valueOf(e).inBackend);
  // A key of its own: one data entry each; a scope's keys: one extract per scope secret.
  const own = new Set(manual.filter(e => scheme.fieldOf(e) === undefined).map(e => scheme.keyOf(e))).size;
  const scopes = scheme.secretsOf(manual.filter(e => scheme.fieldOf(e) !== undefined)).length;
  // A composed value reads each source key it names with a data entry; the Secrets Manager provider caches a
  // secret within one sync (secretsmanager.go: fetch, cache by key and version), the others call once per entry.
  const sourceRefs = store.composed.filter(c => c.value.origin === ValueOrigin.FROM_SECRET_KEYS)
    .flatMap(c => c.value.template.flatMap(part => ('text' in part ? [] : [{ secret: c.value.sources[part.source].key, field: `${c.entry.name}.${part.source}.${part.key}` }])));
  const cached = contract.backend instanceof AwsSecretsManagerBackend;
  const sources = new Set(sourceRefs.map(r => (cached ? r.secret : r.field))).size;
  return own + scopes + sources;
}

/** The footprint of a contract with a backend. */
export function footprintOf(contract: SecretsContract, options: FootprintOptions = {}): Footprint {
  if (!(contract instanceof SecretsContract)) {
    throw new NoxusSecretsError(`footprintOf: contract ${shown(contract)} is not a SecretsContract. Pass the contract the constructs take.`);
  }
  assertProps('footprintOf', options, "{ refreshInterval: '1h' }, or nothing");
  assertKind('footprintOf', 'refreshInterval', options.refreshInterval, 'string', '"1h"');
  assertKind('footprintOf', 'readsCounted', options.readsCounted, 'boolean', 'false');
  assertKind('footprintOf', 'terraformResources', options.terraformResources, 'number', '22');
  assertKind('footprintOf', 'largestRolePolicy', options.largestRolePolicy, 'object', '{ role: "noxus-eso-platform", characters: 722 }');
  if (!contract.backend) {
    throw new NoxusSecretsError('footprintOf: the contract has no backend, so it deploys no remote secret and makes no read. Give it a backend.');
  }
  const remoteSecrets = contract._remoteSecretCount;
  const price = LIST_PRICES.byBackend[contract.backend.kind as BackendKind];
  const common = {
    layout: contract.remoteKeyScheme.layout, remoteSecrets, terraformResources: options.terraformResources, largestRolePolicy: options.largestRolePolicy,
  };
  if (options.readsCounted === false) {
    return { ...common, monthlyListPriceUsd: price === undefined ? undefined : cents(remoteSecrets * price.perSecretMonth) };
  }
  const refreshInterval = options.refreshInterval ?? '1h';
  const seconds = goDurationSeconds(refreshInterval);
  const reads = contract.stores.map(readsOf);
  const readsPerRefresh = reads.reduce((a, b) => a + b, 0);
  const readsPerMonth = seconds === 0 ? 0 : Math.round(readsPerRefresh * (HOURS_PER_MONTH * 3600 / seconds));
  return {
    ...common,
    readsPerRefresh,
    maxReadsPerStore: reads.reduce((a, b) => Math.max(a, b), 0),
    refreshInterval,
    readsPerMonth,
    monthlyListPriceUsd: price === undefined ? undefined : cents(remoteSecrets * price.perSecretMonth + readsPerMonth / 10_000 * price.perTenThousandReads),
  };
}

/** The footprint as the report's "Footprint" section. */
export function footprintMarkdown(contract: SecretsContract, f: Footprint): string[] {
  const n = grouped;
  const price = LIST_PRICES.byBackend[contract.backend!.kind as BackendKind];
  const rows: [string, string][] = [
    ['layout', f.layout === RemoteKeyLayout.PER_STORE ? 'one remote secret per scope (RemoteKeyLayout.PER_STORE)' : 'one remote secret per key (RemoteKeyLayout.PER_KEY)'],
    ['remote secrets', n(f.remoteSecrets)],
    ...(f.readsPerRefresh === undefined
      ? [['backend reads', 'not counted: the CSI driver reads at each pod\'s mount and rotation poll; the price below leaves them out'] as [string, string]]
      : [
        ['backend reads per refresh', `${n(f.readsPerRefresh)} (at most ${n(f.maxReadsPerStore!)} per store), ${f.readsPerMonth === 0 && f.readsPerRefresh > 0
          ? `at each ExternalSecret's creation and change only (refreshInterval ${f.refreshInterval}: no scheduled refresh)` : `every ${f.refreshInterval}`}`] as [string, string],
        ['backend reads per month', n(f.readsPerMonth!)] as [string, string],
      ]),
    ...(f.terraformResources !== undefined ? [['Terraform resources', n(f.terraformResources)] as [string, string]] : []),
    ...(f.largestRolePolicy ? [['largest role policy', `${n(f.largestRolePolicy.characters)} characters (${f.largestRolePolicy.role})`] as [string, string]] : []),
    ['monthly list price', f.monthlyListPriceUsd === undefined
      ? `no list price for ${contract.backend!.kind} (your own cluster or plan)`
      : `$${f.monthlyListPriceUsd.toFixed(2)}: ${price!.basis} (${price!.source}, as of ${LIST_PRICES.date}; free tiers, taxes and KMS left out)`],
  ];
  return ['## Footprint', '', '| | |', '| --- | --- |', ...rows.map(([k, v]) => `| ${k} | ${v.replace(/\|/g, '\\|')} |`)];
}

const cents = (usd: number) => Math.round(usd * 100) / 100;

function goDurationSeconds(duration: string): number {
  if (duration === '0') return 0;
  const units: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 1e-3, us: 1e-6, 'µs': 1e-6, ns: 1e-9 };
  const parts = [...duration.matchAll(/(\d+(?:\.\d+)?)(ms|us|µs|ns|h|m|s)/g)];
  if (parts.length === 0 || parts.map(p => p[0]).join('') !== duration) {
    throw new NoxusSecretsError(`footprintOf: refreshInterval ${JSON.stringify(duration)} is not a Go duration (a number and unit, repeated: h, m, s, ms, us, ns). Use e.g. "1h".`);
  }
  return parts.reduce((sum, p) => sum + Number(p[1]) * units[p[2]], 0);
}
