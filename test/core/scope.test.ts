import { SecretScope, scopeRank } from '../../lib/core';

test('precedence: global < worker-only < pool', () => {
  expect(scopeRank(SecretScope.GLOBAL)).toBeLessThan(scopeRank(SecretScope.WORKER_ONLY));
  expect(scopeRank(SecretScope.WORKER_ONLY)).toBeLessThan(scopeRank(SecretScope.POOL));
});
