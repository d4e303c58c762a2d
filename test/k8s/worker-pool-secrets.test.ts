import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { EnvSecretSource, ReloadStrategy, SecretScope, SecretsContract, WorkerPoolSecrets, NoxusApp } from '../../lib';
import { platform } from '../support/fixtures';
import { validateAll } from '../support/schema';

test('alone, it renders one pool\'s Secret from the unsafe source', () => {
  const chart = Testing.chart();
  const pool = new WorkerPoolSecrets(chart, 'acme', {
    contract: new SecretsContract({ blueprint: platform() }), pool: 'tenant-acme',
    source: EnvSecretSource.unsafePlaintextForLocalDevelopment({
      global: {
        POSTGRESQL_URL: 'a', VECTOR_POSTGRESQL_URL: 'a', REDIS_URL: 'a', REDIS_PASSWORD: 'a', S3_ACCESS_KEY_ID: 'a', S3_SECRET_ACCESS_KEY: 'a',
        PROM_REMOTE_WRITE_USERNAME: 'a', PROM_REMOTE_WRITE_PASSWORD: 'a', PLUGIN_SERVER_API_KEY: 'a', PLUGIN_SERVER_PLATFORM_KEY: 'a',
      },
      workerOnly: { OPENAI_API_KEY: 'shared' }, pools: { 'tenant-acme': { OPENAI_API_KEY: 'acme' } },
    }),
  });
  const manifests = Testing.synth(chart);
  validateAll(manifests);
  expect(manifests).toHaveLength(1);
  expect(manifests[0].metadata.name).toBe('app-env-tenant-acme');
  expect(manifests[0].stringData).toEqual({ OPENAI_API_KEY: 'acme' });
  expect(pool.entries.map(e => [e.name, e.scope])).toEqual([['OPENAI_API_KEY', SecretScope.POOL]]);
});

test('exposes its Secret name and Helm values', () => {
  const pool = new WorkerPoolSecrets(Testing.chart(), 'p', { contract: new SecretsContract({ blueprint: platform() }), pool: 'default', secretName: 'llm-default' });
  expect(pool.secretName).toBe('llm-default');
  expect(pool.sharedSecretName).toBe('app-env');
  expect(pool.helmValues()).toEqual({ envSecretRef: 'llm-default' });
});

test('attachTo layers the pool Secret after the shared one', () => {
  const chart = Testing.chart();
  const pool = new WorkerPoolSecrets(chart, 'p', { contract: new SecretsContract({ blueprint: platform() }), pool: 'default', sharedSecretName: 'env', reload: ReloadStrategy.NAMED_SECRETS });
  const d = new kplus.Deployment(chart, 'w');
  d.addContainer({ image: 'noxus/worker:1', securityContext: { ensureNonRoot: false } });
  pool.attachTo(d);
  const [manifest] = Testing.synth(chart);
  expect(manifest.spec.template.spec.containers[0].envFrom).toEqual([{ secretRef: { name: 'env' } }, { secretRef: { name: 'env-default' } }]);
  expect(manifest.metadata.annotations).toEqual({
    'secret.reloader.stakater.com/reload': 'env,env-default', 'noxus-secrets-cdk/service': 'worker', 'noxus-secrets-cdk/pool': 'default',
  });
});

test('an unknown pool is an error with the construct path', () => {
  const chart = new Chart(new NoxusApp(), 'c');
  expect(() => new WorkerPoolSecrets(chart, 'p', { contract: new SecretsContract({ blueprint: platform() }), pool: 'acme' })).toThrow(
    '[c/p] SecretsBlueprint: no worker pool named "acme" (pools: default, tenant-acme). Fix the name or add the pool to pools.');
});

test('a pool Secret named like the shared one is an error', () => {
  const chart = new Chart(new NoxusApp(), 'c');
  expect(() => new WorkerPoolSecrets(chart, 'p', { contract: new SecretsContract({ blueprint: platform() }), pool: 'default', secretName: 'app-env' })).toThrow(
    '[c/p] WorkerPoolSecrets "default": secretName "app-env" is the shared Secret\'s name ' +
    "(the pool's Secret is layered on the shared one and must be another object). Choose another name.");
});

test('an invalid Secret name is an error', () => {
  const chart = new Chart(new NoxusApp(), 'c');
  expect(() => new WorkerPoolSecrets(chart, 'p', { contract: new SecretsContract({ blueprint: platform() }), pool: 'default', secretName: 'Pool Env' })).toThrow(
    '[c/p] WorkerPoolSecrets "default": secretName "Pool Env" is not a valid Kubernetes object name');
});

test('a blueprint beside or instead of the contract (a JavaScript caller of earlier versions) is the library\'s error', () => {
  const chart = new Chart(new NoxusApp(), 'c');
  expect(() => new WorkerPoolSecrets(chart, 'p', { blueprint: platform(), pool: 'default' } as any)).toThrow(
    '[c/p] WorkerPoolSecrets: blueprint is no longer a prop: the SecretsContract holds it, so that every side reads one value. ' +
    'Pass contract: new SecretsContract({ blueprint, backend, identity, namespace }).');
  expect(() => new WorkerPoolSecrets(chart, 'q', { pool: 'default' } as any)).toThrow(
    '[c/q] WorkerPoolSecrets: contract is required. Pass contract: new SecretsContract({ blueprint, backend, identity, namespace }), the same one every side takes.');
});
