import { validateSecretProviderClass } from './secret-provider-class-schema';

const valid = () => ({
  apiVersion: 'secrets-store.csi.x-k8s.io/v1', kind: 'SecretProviderClass', metadata: { name: 'spc' },
  spec: { provider: 'azure', parameters: { keyvaultName: 'kv', objects: 'array: []', tenantID: 't' }, secretObjects: [{ secretName: 's', type: 'Opaque', data: [{ objectName: 'a', key: 'A' }] }] },
});

test('a valid object passes', () => expect(() => validateSecretProviderClass(valid())).not.toThrow());

test.each([
  ['a non-string parameter', (m: any) => { m.spec.parameters.usePodIdentity = false; }, 'spec.parameters.usePodIdentity is not a string'],
  ['the deprecated tenantId', (m: any) => { m.spec.parameters.tenantId = 't'; }, 'unknown azure parameter tenantId'],
  ['a missing keyvaultName', (m: any) => { delete m.spec.parameters.keyvaultName; }, 'spec.parameters.keyvaultName is required'],
  ['an unknown spec field', (m: any) => { m.spec.objects = []; }, 'spec has unknown field objects'],
  ['a secretObject without type', (m: any) => { delete m.spec.secretObjects[0].type; }, 'needs secretName and type'],
])('%s fails', (_name, mutate, message) => {
  const m = valid();
  mutate(m);
  expect(() => validateSecretProviderClass(m)).toThrow(message);
});
