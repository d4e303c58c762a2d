import { SecretManagerProjectWide } from '../../../lib';

test('compliant: per-secret members', () => {
  expect(SecretManagerProjectWide.check({ terraform: [{ resource: { google_secret_manager_secret_iam_member: { m: { role: 'roles/secretmanager.secretAccessor' } } } }] })).toEqual([]);
});

test('non-compliant: project-wide accessor', () => {
  expect(SecretManagerProjectWide.check({ terraform: [{ resource: { google_project_iam_member: { m: { role: 'roles/secretmanager.secretAccessor' } } } }] })).toEqual([{
    resource: 'google_project_iam_member.m', message: 'grants roles/secretmanager.secretAccessor on the project. Grant it per secret (google_secret_manager_secret_iam_member).',
  }]);
});
