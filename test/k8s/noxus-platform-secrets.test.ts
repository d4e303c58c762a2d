import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Testing, Yaml } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { EnvSecretSource, NoxusPlatformSecrets, NoxusPlatformSecretsProps, NoxusService, ReloadStrategy, SecretBackend, SecretsBlueprint, SecretsContract, UNSAFE_PLAINTEXT_ANNOTATION, ValueSource, WorkloadIdentity, NoxusApp } from '../../lib';
import { validateAll } from '../support/schema';
import { platform, platformProps } from '../support/fixtures';

const CATALOG_VALUES: Record<string, string> = {
  POSTGRESQL_URL: 'postgres://u:p@db:5432/noxus', VECTOR_POSTGRESQL_URL: 'postgres://u:p@vdb:5432/v', REDIS_URL: 'redis',
  REDIS_PASSWORD: 'redis-pw', S3_ACCESS_KEY_ID: 'AKIA', S3_SECRET_ACCESS_KEY: 's3-secret', PROM_REMOTE_WRITE_USERNAME: 'prom',
  PROM_REMOTE_WRITE_PASSWORD: 'prom-pw', PLUGIN_SERVER_API_KEY: 'plugin-key', PLUGIN_SERVER_PLATFORM_KEY: 'platform-key',
};

function unsafeSource(): EnvSecretSource {
  return EnvSecretSource.unsafePlaintextForLocalDevelopment({
    global: CATALOG_VALUES,
    workerOnly: { OPENAI_API_KEY: 'sk-shared' },
    pools: { 'tenant-acme': { OPENAI_API_KEY: 'sk-acme' } },
  });
}

function make(props: Partial<NoxusPlatformSecretsProps> = {}, app: App = new NoxusApp(), namespace?: string) {
  const chart = new NoxusPlatformSecrets(app, 'noxus-secrets', { contract: new SecretsContract({ blueprint: platform(), namespace }), ...props });
  return { app, chart };
}

function workload(scope: Chart, id: string): kplus.Deployment {
  const d = new kplus.Deployment(scope, id);
  d.addContainer({ image: 'noxus/backend:1.0', name: 'main', securityContext: { ensureNonRoot: false } });
  return d;
}

function envFromNames(manifests: any[], name: string): string[] {
  const d = manifests.find(m => m.kind === 'Deployment' && m.metadata.name.startsWith(name));
  return d.spec.template.spec.containers[0].envFrom.map((e: any) => e.secretRef.name);
}

describe('with existing Secrets (the default source)', () => {
  test('renders no Secret object and no value', () => {
    const { chart } = make();
    expect(Testing.synth(chart)).toEqual([]);
    expect(chart.sharedResource).toBeUndefined();
    expect(chart.poolSecrets.map(p => p.resource)).toEqual([undefined, undefined]);
  });

  test('names the shared Secret app-env and each pool Secret after it', () => {
    const { chart } = make();
    expect(chart.sharedSecretName).toBe('app-env');
    expect(chart.poolSecrets.map(p => [p.pool.name, p.secretName])).toEqual([
      ['default', 'app-env-default'], ['tenant-acme', 'app-env-tenant-acme'],
    ]);
  });

  test('a custom shared name carries into the pool Secret names', () => {
    const { chart } = make({ sharedSecretName: 'noxus-env' });
    expect(chart.pool('default').secretName).toBe('noxus-env-default');
  });

  test('poolSecretNames overrides one pool\'s Secret name', () => {
    const { chart } = make({ poolSecretNames: { 'tenant-acme': 'acme-llm' } });
    expect(chart.pool('tenant-acme').secretName).toBe('acme-llm');
    expect(chart.pool('default').secretName).toBe('app-env-default');
  });
});

describe('with the unsafe plaintext source', () => {
  test('renders the shared Secret with the global keys only, marked unsafe', () => {
    const { chart } = make({ source: unsafeSource() });
    const manifests = Testing.synth(chart);
    validateAll(manifests);
    const shared = manifests.find(m => m.metadata.name === 'app-env');
    expect(Object.keys(shared.stringData).sort()).toEqual(Object.keys(CATALOG_VALUES).sort());
    expect(shared.metadata.annotations).toEqual({ [UNSAFE_PLAINTEXT_ANNOTATION]: 'true' });
  });

  test('each pool Secret holds worker-only keys with the pool\'s own over them', () => {
    const { chart } = make({ source: unsafeSource() });
    const manifests = Testing.synth(chart);
    expect(manifests.find(m => m.metadata.name === 'app-env-default').stringData).toEqual({ OPENAI_API_KEY: 'sk-shared' });
    expect(manifests.find(m => m.metadata.name === 'app-env-tenant-acme').stringData).toEqual({ OPENAI_API_KEY: 'sk-acme' });
  });

  test('an optional secret may be left out', () => {
    const { chart } = make({ source: unsafeSource() });
    const shared = Testing.synth(chart).find(m => m.metadata.name === 'app-env');
    expect(shared.stringData.REDIS_USER).toBeUndefined();
  });

  test('the namespace applies to every object', () => {
    const { chart } = make({ source: unsafeSource() }, undefined, 'noxus');
    const [namespace, ...manifests] = Testing.synth(chart);
    // The Namespace itself first (cluster-scoped), then every object in it.
    expect(namespace).toEqual({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'noxus' } });
    expect(manifests).toHaveLength(3);
    expect(manifests.every(m => m.metadata.namespace === 'noxus')).toBe(true);
  });

  test('a missing required value is an error that names the keys but no value', () => {
    const { REDIS_PASSWORD: _left, ...global } = CATALOG_VALUES;
    const source = EnvSecretSource.unsafePlaintextForLocalDevelopment({ global, workerOnly: { OPENAI_API_KEY: 'sk' } });
    expect(() => make({ source })).toThrow(
      '[noxus-secrets] EnvSecretSource.unsafePlaintextForLocalDevelopment: no value for required secret(s) global.REDIS_PASSWORD, pools["tenant-acme"].OPENAI_API_KEY ' +
      '(every required key of a rendered Secret needs a value, or the pod starts without it). Add the values, or mark the secret optional.');
  });

  test('a value for a key the scope does not hold is an error', () => {
    const source = EnvSecretSource.unsafePlaintextForLocalDevelopment({ global: { ...CATALOG_VALUES, OPENAI_API_KEY: 'sk-leak' } });
    expect(() => make({ source })).toThrow(
      '[noxus-secrets] EnvSecretSource.unsafePlaintextForLocalDevelopment global has a value for "OPENAI_API_KEY", which the blueprint does not place there ' +
      `(keys of that scope: ${Object.keys({ ...CATALOG_VALUES, REDIS_USER: '' }).sort().join(', ')}). Move the value to the scope that holds the key, or remove it.`);
  });

  test('values for an unknown pool are an error', () => {
    const source = EnvSecretSource.unsafePlaintextForLocalDevelopment({ global: CATALOG_VALUES, workerOnly: { OPENAI_API_KEY: 'x' }, pools: { acme: { OPENAI_API_KEY: 'y' } } });
    expect(() => make({ source })).toThrow(
      '[noxus-secrets] EnvSecretSource.unsafePlaintextForLocalDevelopment: pools has values for "acme", which is not a pool of the blueprint ' +
      '(pools: default, tenant-acme). Fix the pool name or remove its values.');
  });

  test('a non-string value is an error that does not print it', () => {
    const source = EnvSecretSource.unsafePlaintextForLocalDevelopment({ global: { ...CATALOG_VALUES, REDIS_URL: 6379 as any } });
    expect(() => make({ source })).toThrow(
      '[noxus-secrets] EnvSecretSource.unsafePlaintextForLocalDevelopment global.REDIS_URL is not a string (Secret values are strings). Quote the value.');
  });
});

describe('wiring cdk8s-plus workloads', () => {
  test('a service gets envFrom the shared Secret only', () => {
    const { app, chart } = make();
    const apps = new Chart(app, 'apps');
    chart.attachService(workload(apps, 'backend'), NoxusService.BACKEND);
    const manifests = Testing.synth(apps);
    validateAll(manifests);
    expect(envFromNames(manifests, 'apps-backend')).toEqual(['app-env']);
  });

  test('a worker gets the shared Secret first, then its pool\'s, so the pool wins', () => {
    const { app, chart } = make();
    const apps = new Chart(app, 'apps');
    chart.attachPool(workload(apps, 'worker-acme'), 'tenant-acme');
    const manifests = Testing.synth(apps);
    validateAll(manifests);
    expect(envFromNames(manifests, 'apps-worker-acme')).toEqual(['app-env', 'app-env-tenant-acme']);
  });

  test('every container of the workload is wired', () => {
    const { app, chart } = make();
    const apps = new Chart(app, 'apps');
    const d = workload(apps, 'w');
    d.addContainer({ image: 'sidecar:1', name: 'side', securityContext: { ensureNonRoot: false } });
    chart.attachPool(d, 'default');
    const containers = Testing.synth(apps)[0].spec.template.spec.containers;
    expect(containers.map((c: any) => c.envFrom.length)).toEqual([2, 2]);
  });

  test('NAMED_SECRETS reload annotates the workload with exactly its Secrets', () => {
    const { app, chart } = make({ reload: ReloadStrategy.NAMED_SECRETS });
    const apps = new Chart(app, 'apps');
    chart.attachPool(workload(apps, 'w'), 'tenant-acme');
    chart.attachService(workload(apps, 'fe'), NoxusService.FRONTEND);
    const [w, fe] = Testing.synth(apps);
    expect(w.metadata.annotations).toEqual({
      'secret.reloader.stakater.com/reload': 'app-env,app-env-tenant-acme', 'noxus-secrets-cdk/service': 'worker', 'noxus-secrets-cdk/pool': 'tenant-acme',
    });
    expect(fe.metadata.annotations).toEqual({ 'secret.reloader.stakater.com/reload': 'app-env', 'noxus-secrets-cdk/service': 'frontend' });
  });

  test('AUTO reload uses the auto annotation', () => {
    const { app, chart } = make({ reload: ReloadStrategy.AUTO });
    const apps = new Chart(app, 'apps');
    chart.attachService(workload(apps, 'beat'), NoxusService.BEAT);
    expect(Testing.synth(apps)[0].metadata.annotations).toEqual({ 'reloader.stakater.com/auto': 'true', 'noxus-secrets-cdk/service': 'beat' });
  });

  test('no reload by default: only the role annotation the audit reads', () => {
    const { app, chart } = make();
    const apps = new Chart(app, 'apps');
    chart.attachService(workload(apps, 'beat'), NoxusService.BEAT);
    expect(Testing.synth(apps)[0].metadata.annotations).toEqual({ 'noxus-secrets-cdk/service': 'beat' });
  });

  test('attaching a worker without a pool is an error', () => {
    const { app, chart } = make();
    expect(() => chart.attachService(workload(new Chart(app, 'apps'), 'w'), NoxusService.WORKER)).toThrow(
      '[noxus-secrets] NoxusPlatformSecrets: attachService(workload, NoxusService.WORKER) cannot tell which pool ' +
      '(each pool has its own Secret). Use attachPool(workload, "<pool>").');
  });

  test('attaching to an unknown pool is an error', () => {
    const { app, chart } = make();
    expect(() => chart.attachPool(workload(new Chart(app, 'apps'), 'w'), 'acme')).toThrow(
      '[noxus-secrets] NoxusPlatformSecrets: no worker pool named "acme" (pools: default, tenant-acme). Fix the name or add the pool to the blueprint.');
  });

  test('attaching a workload twice is an error', () => {
    const { app, chart } = make();
    const d = workload(new Chart(app, 'apps'), 'w');
    chart.attachPool(d, 'default');
    expect(() => chart.attachService(d, NoxusService.BACKEND)).toThrow(
      '[noxus-secrets] workload "apps/w" is already wired to Noxus env Secrets; a second attach would add envFrom sources twice ' +
      'and make precedence unclear. Attach each workload once, to one service or pool.');
  });

  test('attaching a workload with no containers is an error', () => {
    const { app, chart } = make();
    const d = new kplus.Deployment(new Chart(app, 'apps'), 'w');
    expect(() => chart.attachService(d, NoxusService.BACKEND)).toThrow(
      '[noxus-secrets] workload "apps/w" has no containers, so no container would receive the env Secrets (app-env). Add its containers first, then attach.');
  });
});

describe('Helm values', () => {
  test('sets envSecretRef per pool and only the pool keys the user set', () => {
    const blueprint = new SecretsBlueprint({
      ...platformPropsWithPoolKeys(),
    });
    const chart = new NoxusPlatformSecrets(new NoxusApp(), 's', { contract: new SecretsContract({ blueprint }) });
    expect(chart.helmValues()).toEqual({
      worker: {
        pools: {
          'default': { envSecretRef: 'app-env-default' },
          'tenant-acme': {
            enabled: true, replicaCount: 2, workerSubscribe: 'flow',
            workerSubscribeTenants: 'acme,acme-eu', workerSubscribeWorkspaces: 'ws1',
            envSecretRef: 'app-env-tenant-acme',
          },
        },
      },
    });
  });

  test('app.synth() writes the values file beside the manifests', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'noxus-'));
    const app = new NoxusApp({ outdir });
    make({}, app);
    app.synth();
    const text = fs.readFileSync(path.join(outdir, 'helm', 'noxus-secrets.values.yaml'), 'utf-8');
    expect(text.split('\n').slice(0, 3)).toEqual([
      '# Helm values fragment for the Noxus chart, generated by noxus-secrets-cdk. Do not edit: change the blueprint.',
      '# Use it with: helm upgrade --install <release> <noxus-chart> -f <your values> -f <this file>',
      '# Shared env Secret for all services: app-env',
    ]);
    expect(Yaml.load(path.join(outdir, 'helm', 'noxus-secrets.values.yaml'))).toEqual([
      { worker: { pools: { 'default': { envSecretRef: 'app-env-default' }, 'tenant-acme': { envSecretRef: 'app-env-tenant-acme' } } } },
    ]);
    expect(fs.existsSync(path.join(outdir, 'noxus-secrets.k8s.yaml'))).toBe(true);
  });

  test('a shared name the chart does not read is called out in the file', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'noxus-'));
    const app = new NoxusApp({ outdir });
    make({ sharedSecretName: 'noxus-env', helmValuesFile: 'values/noxus.yaml' }, app);
    app.synth();
    const text = fs.readFileSync(path.join(outdir, 'values/noxus.yaml'), 'utf-8');
    expect(text).toContain('# WARNING: the chart reads the shared env Secret "app-env", and its docs name no values key to change that;\n' +
      '# workloads wired by this library read "noxus-env" instead.\n');
  });

  test('the blast-radius report is written beside the manifests', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'noxus-'));
    const app = new NoxusApp({ outdir });
    const { chart } = make({}, app);
    app.synth();
    expect(fs.readFileSync(path.join(outdir, 'noxus-secrets.blast-radius.md'), 'utf-8')).toBe(chart.blastRadiusReport());
    expect(chart.blastRadiusReport()).toContain('```mermaid');
  });

  test('writeHelmValues and writeBlastRadius false write no file', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'noxus-'));
    const app = new NoxusApp({ outdir });
    const { chart } = make({ writeHelmValues: false, writeBlastRadius: false }, app);
    app.synth();
    expect(chart.helmValuesFile).toBeUndefined();
    expect(chart.blastRadiusFile).toBeUndefined();
    expect(fs.readdirSync(outdir)).toEqual(['noxus-secrets.k8s.yaml']);
  });

  test('a values file outside the output directory is an error', () => {
    expect(() => make({ helmValuesFile: '../values.yaml' })).toThrow(
      '[noxus-secrets] NoxusPlatformSecrets: helmValuesFile "../values.yaml" leaves the output directory (it is written beside the manifests). ' +
      'Give a relative path without "..".');
  });
});

describe('props errors', () => {
  test('the blueprint and namespace of earlier versions (a JavaScript caller) are the library\'s error, naming them', () => {
    expect(() => make({ blueprint: platform(), namespace: 'noxus' } as any)).toThrow(
      '[noxus-secrets] NoxusPlatformSecrets: blueprint and namespace are no longer props: the SecretsContract holds them, so that every side reads one value. ' +
      'Pass contract: new SecretsContract({ blueprint, backend, identity, namespace }).');
    expect(() => new NoxusPlatformSecrets(new NoxusApp(), 'noxus-secrets', { namespace: 'noxus' } as any)).toThrow(
      '[noxus-secrets] NoxusPlatformSecrets: namespace is no longer a prop: the SecretsContract holds it, so that every side reads one value. ' +
      'Pass contract: new SecretsContract({ blueprint, backend, identity, namespace }).');
  });

  test('a missing or foreign contract', () => {
    expect(() => new NoxusPlatformSecrets(new NoxusApp(), 'noxus-secrets', {} as any)).toThrow(
      '[noxus-secrets] NoxusPlatformSecrets: contract is required. Pass contract: new SecretsContract({ blueprint, backend, identity, namespace }), the same one every side takes.');
    expect(() => new NoxusPlatformSecrets(new NoxusApp(), 'noxus-secrets', { contract: platform() } as any)).toThrow(
      '[noxus-secrets] NoxusPlatformSecrets: contract is not a SecretsContract. Build it with new SecretsContract({ blueprint, backend, identity, namespace }).');
  });

  test('an invalid shared Secret name', () => {
    expect(() => make({ sharedSecretName: 'App_Env' })).toThrow(
      '[noxus-secrets] NoxusPlatformSecrets: sharedSecretName "App_Env" is not a valid Kubernetes object name');
  });

  test('poolSecretNames for an unknown pool', () => {
    expect(() => make({ poolSecretNames: { acme: 'x' } })).toThrow(
      '[noxus-secrets] NoxusPlatformSecrets: poolSecretNames names pool "acme", which the blueprint does not have ' +
      '(pools: default, tenant-acme). Fix the pool name or remove the entry.');
  });

  test('two pools on one Secret', () => {
    expect(() => make({ poolSecretNames: { 'default': 'llm', 'tenant-acme': 'llm' } })).toThrow(
      '[noxus-secrets] NoxusPlatformSecrets: pools "default" and "tenant-acme" both use the Secret "llm" ' +
      '(each pool reads only its own Secret). Give each pool its own name in poolSecretNames.');
  });
});

test('same input, identical bytes', () => {
  const synth = () => {
    const app = new NoxusApp();
    const { chart } = make({ source: unsafeSource(), reload: ReloadStrategy.NAMED_SECRETS }, app, 'noxus');
    const apps = new Chart(app, 'apps', { namespace: 'noxus' });
    chart.attachPool(workload(apps, 'w'), 'tenant-acme');
    return app.synthYaml();
  };
  const first = synth();
  expect(first.length).toBeGreaterThan(0);
  expect(synth()).toBe(first);
});

function platformPropsWithPoolKeys() {
  const { platformProps } = require('../support/fixtures');
  const { WorkerSubscribe } = require('../../lib');
  const props = platformProps();
  return {
    ...props,
    pools: [
      { name: 'default' },
      {
        name: 'tenant-acme', secrets: ['OPENAI_API_KEY'], allowOverride: ['OPENAI_API_KEY'], enabled: true, replicaCount: 2,
        workerSubscribe: WorkerSubscribe.FLOW, workerSubscribeTenants: ['acme', 'acme-eu'], workerSubscribeWorkspaces: ['ws1'],
      },
    ],
  };
}

describe('a fresh cluster', () => {
  const contract = () => new SecretsContract({ blueprint: new SecretsBlueprint(platformProps()), backend: SecretBackend.awsSecretsManager({ region: 'eu-west-1' }),
    identity: WorkloadIdentity.irsa({ accountId: '123456789012' }), namespace: 'noxus' });

  test('the namespace comes first, so one kubectl apply creates it before what lives in it; createNamespace: false leaves it out', () => {
    const manifests = Testing.synth(new NoxusPlatformSecrets(new NoxusApp(), 'secrets', { contract: contract() }));
    expect(manifests[0]).toEqual({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'noxus' } });
    expect(manifests.filter(m => m.kind === 'Namespace')).toHaveLength(1);
    const without = Testing.synth(new NoxusPlatformSecrets(new NoxusApp(), 'secrets', { contract: contract(), createNamespace: false }));
    expect(without.some(m => m.kind === 'Namespace')).toBe(false);
    expect(() => new NoxusPlatformSecrets(new NoxusApp(), 'secrets', { contract: new SecretsContract({ blueprint: new SecretsBlueprint(platformProps()) }), createNamespace: true })).toThrow(
      "[secrets] NoxusPlatformSecrets: createNamespace is on, but the contract has no namespace to create. Set the contract's namespace, or leave createNamespace out.");
  });

  test('argoCdSyncWaves: the namespace, then RBAC and ServiceAccounts, then the guard, then stores and generators, then ExternalSecrets', () => {
    const c = new SecretsContract({ blueprint: new SecretsBlueprint(platformProps()), backend: SecretBackend.awsSecretsManager({ region: 'eu-west-1' }),
      identity: WorkloadIdentity.irsa({ accountId: '123456789012' }), namespace: 'noxus', values: { PLUGIN_SERVER_API_KEY: ValueSource.generated() } });
    const manifests = Testing.synth(new NoxusPlatformSecrets(new NoxusApp(), 'secrets', { contract: c, argoCdSyncWaves: true }));
    const wave = (m: any) => Number(m.metadata.annotations['argocd.argoproj.io/sync-wave']);
    const byKind = new Map<string, Set<number>>();
    for (const m of manifests) byKind.set(m.kind, new Set([...(byKind.get(m.kind) ?? []), wave(m)]));
    expect(Object.fromEntries([...byKind].map(([k, v]) => [k, [...v]]))).toEqual({
      Namespace: [-3], ServiceAccount: [-2], Role: [-2], RoleBinding: [-2], ValidatingAdmissionPolicy: [-1], ValidatingAdmissionPolicyBinding: [-1],
      SecretStore: [0], Password: [0], ExternalSecret: [1],
    });
    // Off by default.
    expect(Testing.synth(new NoxusPlatformSecrets(new NoxusApp(), 'secrets', { contract: c })).some(m => m.metadata.annotations?.['argocd.argoproj.io/sync-wave'])).toBe(false);
  });
});
