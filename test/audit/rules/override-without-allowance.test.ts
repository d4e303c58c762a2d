import { OverrideWithoutAllowance, PlatformSecret, SecretsBlueprint } from '../../../lib';

const bp = new SecretsBlueprint({
  secrets: [PlatformSecret.custom({ name: 'A' }), PlatformSecret.custom({ name: 'B' })],
  global: ['A', 'B'], pools: [{ name: 'acme', secrets: ['A'], allowOverride: ['A'] }],
});
const es = (keys: string[]) => ({ kind: 'ExternalSecret', metadata: { name: 'app-env-acme' }, spec: { target: { name: 'app-env-acme' }, data: keys.map(secretKey => ({ secretKey })) } });

test('compliant: the pool overrides only what it may', () => {
  expect(OverrideWithoutAllowance.check({ blueprint: bp, manifests: [es(['A'])], poolSecrets: { 'app-env-acme': 'acme' } })).toEqual([]);
});

test('non-compliant: an edited ExternalSecret adds a shared key to the pool', () => {
  expect(OverrideWithoutAllowance.check({ blueprint: bp, manifests: [es(['A', 'B'])], poolSecrets: { 'app-env-acme': 'acme' } })).toEqual([{
    resource: 'ExternalSecret/app-env-acme', message: "overrides the shared key B for pool acme without allowance. Add it to the pool's allowOverride or remove it.",
  }]);
});
