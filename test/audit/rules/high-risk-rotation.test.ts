import { HighRiskRotation } from '../../../lib';
import { platform } from '../../support/fixtures';

test('compliant: the library\'s defaults rotate high-risk secrets every 90 days', () => {
  expect(HighRiskRotation.check({ blueprint: platform() })).toEqual([]);
});

test('non-compliant: a high-risk secret that never rotates or rotates too rarely', () => {
  const blueprint = { secrets: [{ name: 'A', highRisk: true }, { name: 'B', highRisk: true, rotation: { days: 120 } }, { name: 'C', highRisk: false }] } as any;
  expect(HighRiskRotation.check({ blueprint })).toEqual([
    { resource: 'PlatformSecret/A', message: 'is high-risk and never rotates. Set rotation: RotationPeriod.days(90) or less.' },
    { resource: 'PlatformSecret/B', message: 'is high-risk and rotates every 120 days. Set rotation: RotationPeriod.days(90) or less.' },
  ]);
});
