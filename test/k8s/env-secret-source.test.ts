import { EnvSecretSource } from '../../lib';

test('only the unsafe source writes values', () => {
  expect(EnvSecretSource.existing().writesValues).toBe(false);
  expect(EnvSecretSource.unsafePlaintextForLocalDevelopment({}).writesValues).toBe(true);
});
