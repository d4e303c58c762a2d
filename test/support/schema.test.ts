import { validateManifest } from './schema';

test('a schema-valid Secret passes', () => {
  expect(() => validateManifest({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'a' }, stringData: { K: 'v' } })).not.toThrow();
});

test('a Secret whose data is not a string map fails', () => {
  expect(() => validateManifest({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'a' }, stringData: { K: 1 } })).toThrow(/stringData/);
});

test('an unknown kind fails', () => {
  expect(() => validateManifest({ apiVersion: 'x/v1', kind: 'Thing' })).toThrow('no schema registered for x/v1/Thing');
});

test('an ExternalSecret with a refreshInterval of the wrong type fails the ESO schema', () => {
  expect(() => validateManifest({
    apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: { name: 'a' },
    spec: { refreshInterval: 5, secretStoreRef: { name: 's', kind: 'SecretStore' }, data: [{ secretKey: 'K', remoteRef: { key: 'k' } }] },
  })).toThrow(/refreshInterval/);
});

test('a SecretStore whose aws provider lacks region fails the ESO schema', () => {
  expect(() => validateManifest({
    apiVersion: 'external-secrets.io/v1', kind: 'SecretStore', metadata: { name: 'a' },
    spec: { provider: { aws: { service: 'SecretsManager' } } },
  })).toThrow(/region/);
});

test('a SecretStore is checked against ESO\'s CRD with strict fields: sessionTagsPolicy\'s enum, and no unknown field', () => {
  const store = (aws: object) => ({ apiVersion: 'external-secrets.io/v1', kind: 'SecretStore', metadata: { name: 'a' }, spec: { provider: { aws: { service: 'SecretsManager', region: 'eu-west-1', ...aws } } } });
  expect(() => validateManifest(store({ role: 'arn:aws:iam::123456789012:role/r', sessionTagsPolicy: 'Simple' }))).not.toThrow();
  expect(() => validateManifest(store({ sessionTagsPolicy: 'Always' }))).toThrow(/sessionTagsPolicy must be equal to one of the allowed values/);
  expect(() => validateManifest(store({ sessionTagPolicy: 'Simple' }))).toThrow(/must NOT have additional properties \(sessionTagPolicy\)/);
});

test('a ValidatingAdmissionPolicy without its validations\' expressions fails the Kubernetes schema', () => {
  expect(() => validateManifest({
    apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicy', metadata: { name: 'a' }, spec: { validations: [{ message: 'x' }] },
  })).toThrow(/expression/);
});

test('an ExternalSecret and a Password generator are checked against ESO\'s CRDs with strict fields', () => {
  const es = (spec: object) => ({ apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: { name: 'a' }, spec });
  expect(() => validateManifest(es({ refreshPolicy: 'Sometimes', target: { name: 'x' } }))).toThrow(/refreshPolicy must be equal to one of the allowed values/);
  expect(() => validateManifest(es({ target: { name: 'x', template: { engineVersion: 'v2', dataa: {} } } }))).toThrow(/additional properties \(dataa\)/);
  expect(() => validateManifest({ apiVersion: 'generators.external-secrets.io/v1alpha1', kind: 'Password', metadata: { name: 'p' }, spec: { length: 32 } }))
    .toThrow(/must have required property allowRepeat/);
});
