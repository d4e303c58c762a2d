import { AdmissionGuardOff } from '../../../lib';

test('silent when the guard is on, or there is nothing to guard', () => {
  expect(AdmissionGuardOff.check({ admissionGuard: true })).toEqual([]);
  expect(AdmissionGuardOff.check({})).toEqual([]);
});

test('a warning when it is off', () => {
  const [finding] = AdmissionGuardOff.check({ admissionGuard: false });
  expect(finding.resource).toBe('ValidatingAdmissionPolicy');
  expect(finding.message).toMatch(/^admissionGuard is off: nothing in the cluster stops a SecretStore in another namespace/);
});
