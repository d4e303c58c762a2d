import { PoolSecretOtherStore } from '../../../lib';

const es = (name: string, spec: any) => ({ apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: { name }, spec });
const secretStores = { 'app-env': 'noxus-platform', 'app-env-acme': 'noxus-pool-acme' };

test('compliant: each env Secret through its own store; other Secrets through any', () => {
  expect(PoolSecretOtherStore.check({ secretStores, manifests: [
    es('a', { secretStoreRef: { name: 'noxus-pool-acme', kind: 'SecretStore' }, target: { name: 'app-env-acme' } }),
    es('app-env', { secretStoreRef: { name: 'noxus-platform' } }),
    es('b', { secretStoreRef: { name: 'noxus-pool-acme' }, target: { name: 'unrelated' } }),
  ] })).toEqual([]);
});

test('non-compliant: a pool\'s Secret through another store, a ClusterSecretStore of the same name, or an entry\'s own store', () => {
  expect(PoolSecretOtherStore.check({ secretStores, manifests: [
    es('a', { secretStoreRef: { name: 'noxus-platform' }, target: { name: 'app-env-acme' } }),
    es('app-env-acme', { secretStoreRef: { name: 'noxus-pool-acme', kind: 'ClusterSecretStore' } }),
    es('c', { secretStoreRef: { name: 'noxus-pool-acme' }, target: { name: 'app-env-acme' }, data: [{ secretKey: 'K', remoteRef: { key: 'k' }, sourceRef: { storeRef: { name: 'noxus-platform' } } }] }),
  ] })).toEqual([
    { resource: 'ExternalSecret/a', message: 'writes Secret "app-env-acme" through SecretStore/noxus-platform, but only SecretStore/noxus-pool-acme may (it reads exactly that Secret\'s keys). Read from the Secret\'s own store, or write another Secret.' },
    { resource: 'ExternalSecret/app-env-acme', message: 'writes Secret "app-env-acme" through ClusterSecretStore/noxus-pool-acme, but only SecretStore/noxus-pool-acme may (it reads exactly that Secret\'s keys). Read from the Secret\'s own store, or write another Secret.' },
    { resource: 'ExternalSecret/c', message: 'writes Secret "app-env-acme" through SecretStore/noxus-platform, but only SecretStore/noxus-pool-acme may (it reads exactly that Secret\'s keys). Read from the Secret\'s own store, or write another Secret.' },
  ]);
});
