import { ReloadStrategy, reloaderAnnotations } from '../../lib';

test.each([
  [ReloadStrategy.NONE, {}],
  [ReloadStrategy.AUTO, { 'reloader.stakater.com/auto': 'true' }],
  [ReloadStrategy.NAMED_SECRETS, { 'secret.reloader.stakater.com/reload': 'a,b' }],
])('%s', (strategy, expected) => {
  expect(reloaderAnnotations(strategy, ['a', 'b'])).toEqual(expected);
});
