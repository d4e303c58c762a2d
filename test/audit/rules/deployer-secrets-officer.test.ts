import { DeployerSecretsOfficer, UnverifiedFacts } from '../../../lib';

const assignment = (role: string) => ({ resource: { azurerm_role_assignment: { a: { role_definition_name: role, scope: 'x', principal_id: 'p' } } } });

test('NX15: Key Vault Secrets Officer warns; Secrets User does not', () => {
  expect(DeployerSecretsOfficer.check({ terraform: [assignment('Key Vault Secrets User')] })).toEqual([]);
  expect(DeployerSecretsOfficer.check({ terraform: [assignment('Key Vault Secrets Officer')] })).toEqual([{
    resource: 'azurerm_role_assignment.a',
    message: 'gives the principal that runs Terraform Key Vault Secrets Officer on the vault: it can read and change every pool\'s secret. ' +
      'It creates the secrets\' placeholders; once they exist (or when your pipeline holds its own data-plane role), set grantDeployerSecretsOfficer: false.',
  }]);
});

test('NX16: each unverified fact is a warning that says so', () => {
  expect(UnverifiedFacts.check({})).toEqual([]);
  expect(UnverifiedFacts.check({ unverified: [{ resource: 'Key Vault v', what: 'Its RBAC mode is unknown.' }] })).toEqual([
    { resource: 'Key Vault v', message: 'Its RBAC mode is unknown. The library checks none of this; verify it yourself.' },
  ]);
});
