import { Testing as Cdk8sTesting } from 'cdk8s';
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { BackendKind, EnvSecretSource, LIST_PRICES, NoxusPlatformSecrets, PlatformSecret, RemoteKeyLayout, SecretBackend, SecretsBlueprint, SecretsContract, SourceSecret, ValueSource, WorkloadIdentity, footprintOf, readsOf, NoxusApp } from '../../lib';
import { footprintMarkdown } from '../../lib/core';
import { NoxusAwsSecrets } from '../../lib/terraform/aws';
import { EsoNamespace, everyRemoteKeySet } from '../support/eso-reconcile';
import { platformProps } from '../support/fixtures';
import { WRITER } from '../terraform/aws/support';

// The footprint is counted from the contract; each count is held against what ESO does with the
// manifests (the oracle counts the provider's reads of one refresh) and what Terraform gets.

const SM = SecretBackend.awsSecretsManager({ region: 'eu-west-1' });
const IRSA = WorkloadIdentity.irsa({ accountId: '123456789012' });
const OIDC = 'arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC123';
const POOL_KEYS = ['ACME_TOKEN', 'ACME_SIGNING_KEY'];

function blueprint(pools = 3): SecretsBlueprint {
  const props = platformProps();
  return new SecretsBlueprint({
    ...props,
    secrets: [...props.secrets, ...[...POOL_KEYS, 'WORKER_TOKEN'].map(name => PlatformSecret.custom({ name }))],
    workerOnly: ['OPENAI_API_KEY', 'WORKER_TOKEN'],
    // Every pool has its own keys; pool-1 and up override the worker-only OPENAI_API_KEY.
    pools: Array.from({ length: pools }, (_, i) => (i === 0 ? { name: 'pool-0', secrets: POOL_KEYS }
      : { name: `pool-${i}`, secrets: [...POOL_KEYS, 'OPENAI_API_KEY'], allowOverride: ['OPENAI_API_KEY'] })),
  });
}

function contract(layout: RemoteKeyLayout, backend: SecretBackend = SM, values?: Record<string, ValueSource>): SecretsContract {
  return new SecretsContract({ blueprint: blueprint(), backend, identity: backend === SM ? IRSA : WorkloadIdentity.vaultKubernetes(), namespace: 'noxus', remoteKeys: { layout }, values });
}

/** The reads of one refresh of every ExternalSecret, as the oracle's provider makes them. */
function oracleReads(c: SecretsContract, cachedByKey: boolean): Map<string, number> {
  const all = Cdk8sTesting.synth(new NoxusPlatformSecrets(new NoxusApp(), 'secrets', { contract: c }));
  const ns = new EsoNamespace(all.filter(m => m.kind === 'ExternalSecret'), everyRemoteKeySet(all));
  ns.cachedByKey = cachedByKey;
  expect(ns.settle(1).filter(r => !r.ok)).toEqual([]);
  // By store: the reads of every ExternalSecret of it (a generated value's own reads none).
  const byStore = new Map<string, number>();
  for (const es of all.filter(m => m.kind === 'ExternalSecret')) {
    const store = es.spec.secretStoreRef?.name ?? '(generator)';
    byStore.set(store, (byStore.get(store) ?? 0) + ns.reads.get(es.metadata.name)!);
  }
  return byStore;
}

const composed = {
  POSTGRESQL_URL: ValueSource.fromSecretKeys({
    sources: { db: new SourceSecret({ key: 'rds/db-1', keys: ['username', 'password'] }) },
    template: 'postgresql://{{ .db.username }}:{{ .db.password | urlUserinfo }}@db:5432/noxus',
  }),
  PLUGIN_SERVER_API_KEY: ValueSource.generated(),
};

describe('remote secrets', () => {
  // The footprint counts them without listing them; the oracle is the list the cloud side creates them from.
  const token = () => {
    const stack = new TerraformStack(Testing.app(), 'values');
    return new TerraformVariable(stack, 'value', { type: 'string', sensitive: true }).stringValue;
  };
  it.each([RemoteKeyLayout.PER_KEY, RemoteKeyLayout.PER_STORE])('in layout %s, counts as many as contract.remoteSecrets lists, before and after they are listed', layout => {
    for (const backend of [SM, SecretBackend.vault({ server: 'https://vault.example.com:8200' })]) {
      for (const values of [undefined, composed, { ...composed, PLUGIN_SERVER_API_KEY: ValueSource.fromTerraform(token()) }]) {
        const c = contract(layout, backend, values);
        const counted = footprintOf(c).remoteSecrets;
        expect(counted).toBe(c.remoteSecrets.length);
        expect(footprintOf(c).remoteSecrets).toBe(counted);
      }
    }
  });
});

describe('reads per refresh, as ESO makes them', () => {
  test.each([
    ['per key, Secrets Manager (a secret named twice in one sync is read once)', RemoteKeyLayout.PER_KEY, SM, true],
    ['per store, Secrets Manager', RemoteKeyLayout.PER_STORE, SM, true],
    ['per key, Vault (each entry is a read)', RemoteKeyLayout.PER_KEY, SecretBackend.vault({ server: 'https://vault.example.com' }), false],
    ['per store, Vault', RemoteKeyLayout.PER_STORE, SecretBackend.vault({ server: 'https://vault.example.com' }), false],
  ])('%s: each store\'s count is what the provider reads', (_, layout, backend, cached) => {
    const c = contract(layout, backend, composed);
    const reads = oracleReads(c, cached);
    for (const store of c.stores) expect([store.id, readsOf(store)]).toEqual([store.id, reads.get(store.storeName)]);
    // The generated value's own ExternalSecret reads no backend.
    expect(reads.get('(generator)') ?? 0).toBe(0);
    expect(footprintOf(c).readsPerRefresh).toBe([...reads.values()].reduce((a, b) => a + b, 0));
  });

  test('per store: at most two reads per store (its scope and the worker-only one), against one per key', () => {
    const perKey = footprintOf(contract(RemoteKeyLayout.PER_KEY));
    const perStore = footprintOf(contract(RemoteKeyLayout.PER_STORE));
    expect(perStore.maxReadsPerStore).toBe(2);
    expect(perKey.maxReadsPerStore).toBe(platformProps().global!.length);
    expect(perStore.remoteSecrets).toBe(contract(RemoteKeyLayout.PER_STORE).remoteSecrets.length);
    // Per key: the global keys, two worker-only keys, and per pool its two own keys (pool-1 and pool-2 an override too).
    expect([perKey.remoteSecrets, perStore.remoteSecrets]).toEqual([platformProps().global!.length + 2 + 2 + 3 + 3, 1 + 1 + 3]);
  });
});

describe('per month and its list price', () => {
  test('reads per month are 730 refreshes an hour apart; the price is the published one of each secret and read', () => {
    const f = footprintOf(contract(RemoteKeyLayout.PER_KEY));
    const price = LIST_PRICES.byBackend[BackendKind.AWS_SECRETS_MANAGER]!;
    expect(f.refreshInterval).toBe('1h');
    expect(f.readsPerMonth).toBe(f.readsPerRefresh! * 730);
    expect(f.monthlyListPriceUsd).toBeCloseTo(f.remoteSecrets * price.perSecretMonth + f.readsPerMonth! / 10_000 * price.perTenThousandReads, 2);
  });

  test('the refresh interval counts: 15m is four times 1h; 0 (never refreshed) is no read after the first', () => {
    const c = contract(RemoteKeyLayout.PER_STORE);
    expect(footprintOf(c, { refreshInterval: '15m' }).readsPerMonth).toBe(4 * footprintOf(c).readsPerMonth!);
    expect(footprintOf(c, { refreshInterval: '1h30m' }).readsPerMonth).toBe(Math.round(footprintOf(c).readsPerMonth! / 1.5));
    expect(footprintOf(c, { refreshInterval: '0' }).readsPerMonth).toBe(0);
    expect(footprintMarkdown(c, footprintOf(c, { refreshInterval: '0' })).join('\n')).toContain(
      "| backend reads per refresh | 7 (at most 2 per store), at each ExternalSecret's creation and change only (refreshInterval 0: no scheduled refresh) |");
  });

  test('a backend with no list price (Vault) says so; the CSI driver\'s reads are not counted', () => {
    expect(footprintOf(contract(RemoteKeyLayout.PER_KEY, SecretBackend.vault({ server: 'https://vault.example.com' }))).monthlyListPriceUsd).toBeUndefined();
    const csi = footprintOf(contract(RemoteKeyLayout.PER_KEY), { readsCounted: false });
    expect([csi.readsPerRefresh, csi.readsPerMonth]).toEqual([undefined, undefined]);
    expect(csi.monthlyListPriceUsd).toBe(Math.round(csi.remoteSecrets * 0.40 * 100) / 100);
  });

  test('errors: no backend, a refresh interval that is no Go duration', () => {
    const none = new SecretsContract({ blueprint: blueprint(), namespace: 'noxus' });
    expect(() => footprintOf(none)).toThrow('footprintOf: the contract has no backend, so it deploys no remote secret and makes no read. Give it a backend.');
    expect(() => footprintOf(contract(RemoteKeyLayout.PER_KEY), { refreshInterval: '1 hour' })).toThrow(
      'footprintOf: refreshInterval "1 hour" is not a Go duration (a number and unit, repeated: h, m, s, ms, us, ns). Use e.g. "1h".');
  });
});

describe('in the blast-radius report', () => {
  test('Kubernetes side: a Footprint section at the stores\' refresh interval', () => {
    const chart = new NoxusPlatformSecrets(new NoxusApp(), 'secrets', {
      contract: contract(RemoteKeyLayout.PER_STORE), source: EnvSecretSource.externalSecrets({ refreshInterval: '30m' }),
    });
    const f = chart.footprint();
    expect(f.refreshInterval).toBe('30m');
    const report = chart.blastRadiusReport();
    expect(report).toContain('## Footprint');
    expect(report).toContain('| layout | one remote secret per scope (RemoteKeyLayout.PER_STORE) |');
    expect(report).toContain(`| backend reads per refresh | ${f.readsPerRefresh} (at most 2 per store), every 30m |`);
    expect(report).toContain(`| monthly list price | $${f.monthlyListPriceUsd!.toFixed(2)}: $0.40 per secret-month, $0.05 per 10,000 API calls (https://aws.amazon.com/secrets-manager/pricing/, as of ${LIST_PRICES.date};`);
  });

  test('AWS side: its Terraform resources and its largest role policy, as synthesized', () => {
    for (const layout of [RemoteKeyLayout.PER_KEY, RemoteKeyLayout.PER_STORE]) {
      const stack = new TerraformStack(Testing.app(), 'stack');
      new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
      const aws = new NoxusAwsSecrets(stack, 'secrets', { contract: contract(layout), oidcProviderArn: OIDC, valueWriters: [WRITER] });
      const synthesized = JSON.parse(Testing.synth(stack));
      const resources = Object.values(synthesized.resource as Record<string, Record<string, unknown>>).reduce((n, byName) => n + Object.keys(byName).length, 0);
      const f = aws.footprint();
      expect([layout, f.terraformResources]).toEqual([layout, resources]);
      const policies = Object.values((synthesized.resource.aws_iam_role_policy ?? {}) as Record<string, { policy: string }>).map(p => JSON.stringify(JSON.parse(p.policy)).replace(/\s/g, '').length);
      if (layout === RemoteKeyLayout.PER_KEY) {
        expect(f.largestRolePolicy!.characters).toBeGreaterThanOrEqual(Math.max(...policies));
      } else {
        // Granted on the scope secrets and the key (Secrets Manager): the store roles have no policy, and the report names none.
        expect([policies, f.largestRolePolicy]).toEqual([[], undefined]);
        expect(aws.blastRadiusReport()).not.toContain('largest role policy');
      }
      expect(aws.blastRadiusReport()).toContain(`| Terraform resources | ${resources} |`);
    }
  });
});

test('a JavaScript caller\'s arguments are the library\'s errors', () => {
  expect(() => footprintOf({} as any)).toThrow('footprintOf: contract {} is not a SecretsContract. Pass the contract the constructs take.');
  expect(() => footprintOf(contract(RemoteKeyLayout.PER_KEY), { refreshInterval: 3600 } as any)).toThrow(
    'footprintOf: refreshInterval 3600 is not a string. Pass e.g. refreshInterval: "1h", or leave it out.');
  expect(() => readsOf('platform' as any)).toThrow('readsOf: store "platform" is not a Store. Pass one of contract.stores.');
});
