import { SharedStoreServiceAccount } from '../../../lib';

const store = (name: string, sa: string) => ({
  apiVersion: 'external-secrets.io/v1', kind: 'SecretStore', metadata: { name, namespace: 'noxus' },
  spec: { provider: { aws: { auth: { jwt: { serviceAccountRef: { name: sa } } } } } },
});

test('compliant: one ServiceAccount per store', () => {
  expect(SharedStoreServiceAccount.check({ manifests: [store('a', 'sa-a'), store('b', 'sa-b')] })).toEqual([]);
});

test('non-compliant: two stores, one ServiceAccount', () => {
  expect(SharedStoreServiceAccount.check({ manifests: [store('a', 'eso'), store('b', 'eso')] })).toEqual([{
    resource: 'SecretStore/b', message: 'authenticates as ServiceAccount "eso", like SecretStore/a. Give each store its own ServiceAccount and cloud identity.',
  }]);
});
