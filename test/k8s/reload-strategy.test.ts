import { ReloadStrategy } from '../../lib';
import { reloaderAnnotations } from '../../lib/k8s/reload-strategy';

test.each([
  [ReloadStrategy.NONE, {}],
  [ReloadStrategy.AUTO, { 'reloader.stakater.com/auto': 'true' }],
  [ReloadStrategy.NAMED_SECRETS, { 'secret.reloader.stakater.com/reload': 'a,b' }],
])('%s', (strategy, expected) => {
  expect(reloaderAnnotations(strategy, ['a', 'b'])).toEqual(expected);
});
