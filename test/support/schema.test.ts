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
