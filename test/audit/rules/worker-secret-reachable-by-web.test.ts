import { WorkerSecretReachableByWeb } from '../../../lib';

const deployment = (service: string, secrets: string[]) => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: `noxus-${service}`, annotations: { 'noxus-secrets-cdk/service': service } },
  spec: { template: { spec: { containers: [{ name: 'main', envFrom: secrets.map(name => ({ secretRef: { name } })) }] } } },
});
const poolSecrets = { 'app-env-acme': 'acme' };

test('compliant: Backend reads the shared Secret, a worker reads its pool Secret', () => {
  expect(WorkerSecretReachableByWeb.check({ manifests: [deployment('backend', ['app-env']), deployment('worker', ['app-env', 'app-env-acme'])], poolSecrets })).toEqual([]);
});

test('non-compliant: Frontend reads a pool Secret', () => {
  expect(WorkerSecretReachableByWeb.check({ manifests: [deployment('frontend', ['app-env', 'app-env-acme'])], poolSecrets })).toEqual([{
    resource: 'Deployment/noxus-frontend',
    message: 'frontend container "main" reads the pool Secret "app-env-acme", whose worker keys must never reach frontend. ' +
      'Wire it with attachService (shared Secret only), or move the keys to global if every service needs them.',
  }]);
});
