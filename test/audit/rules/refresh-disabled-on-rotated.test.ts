import { RefreshDisabledOnRotated } from '../../../lib';
import { platform } from '../../support/fixtures';

const es = (refreshInterval: string) => ({ kind: 'ExternalSecret', metadata: { name: 'app-env' }, spec: { refreshInterval, data: [{ secretKey: 'POSTGRESQL_URL' }, { secretKey: 'REDIS_URL' }] } });

test('compliant: a refresh interval', () => {
  expect(RefreshDisabledOnRotated.check({ blueprint: platform(), manifests: [es('1h')] })).toEqual([]);
});

test('non-compliant: refresh off for a rotated secret (REDIS_URL does not rotate)', () => {
  expect(RefreshDisabledOnRotated.check({ blueprint: platform(), manifests: [es('0')] })).toEqual([{
    resource: 'ExternalSecret/app-env', message: 'has refreshInterval 0 but POSTGRESQL_URL rotates, so the Secret would keep the old value. Use a refresh interval, e.g. "1h".',
  }]);
});
