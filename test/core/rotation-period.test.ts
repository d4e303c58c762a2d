import { RotationPeriod } from '../../lib/core';

test('a period keeps its days and prints them', () => {
  expect(RotationPeriod.days(45).days).toBe(45);
  expect(String(RotationPeriod.days(45))).toBe('45 days');
});

test('the bounds follow the Noxus guidance', () => {
  expect([RotationPeriod.MIN_DAYS, RotationPeriod.MAX_DAYS]).toEqual([1, 365]);
  expect([RotationPeriod.HIGH_RISK_MIN_DAYS, RotationPeriod.HIGH_RISK_MAX_DAYS]).toEqual([30, 90]);
});
