import { AuditLevel, AuditRule, terraformResources } from '../audit-rule';

/** secretAccessor on the project reads every secret in it, other pools' and other teams'. */
export const SecretManagerProjectWide: AuditRule = {
  id: 'NX8',
  level: AuditLevel.ERROR,
  description: 'Secret Manager access is granted on the whole project.',
  check(input) {
    return ['google_project_iam_member', 'google_project_iam_binding']
      .flatMap(type => terraformResources(input, type).filter(([, r]) => r.role === 'roles/secretmanager.secretAccessor').map(([id]) => `${type}.${id}`))
      .map(resource => ({ resource, message: 'grants roles/secretmanager.secretAccessor on the project. Grant it per secret (google_secret_manager_secret_iam_member).' }));
  },
};
