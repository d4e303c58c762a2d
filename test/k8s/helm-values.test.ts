import { parse } from 'yaml';
import { WorkerPool, WorkerSubscribe } from '../../lib';
import { helmValuesYaml, poolValues } from '../../lib/k8s/helm-values';

test('pool values carry only what is set, tenants joined with commas', () => {
  expect(poolValues(new WorkerPool({ name: 'p' }), 's')).toEqual({ envSecretRef: 's' });
  expect(poolValues(new WorkerPool({ name: 'p', enabled: false, replicaCount: 0, workerSubscribe: WorkerSubscribe.KB, workerSubscribeTenants: ['a', 'b'] }), 's'))
    .toEqual({ enabled: false, replicaCount: 0, workerSubscribe: 'kb', workerSubscribeTenants: 'a,b', envSecretRef: 's' });
});

test('the file parses back to the values, with the chart\'s shared name and no warning', () => {
  const text = helmValuesYaml('app-env', { worker: { pools: { p: { envSecretRef: 's' } } } });
  expect(parse(text)).toEqual({ worker: { pools: { p: { envSecretRef: 's' } } } });
  expect(text).not.toContain('WARNING');
});
