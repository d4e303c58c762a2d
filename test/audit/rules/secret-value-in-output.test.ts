import { OptedInPlaintext, SecretValueInOutput } from '../../../lib';

const secret = (annotations?: Record<string, string>) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'app-env', annotations }, stringData: { K: 'v' } });

test('compliant: no values anywhere; placeholders are no values', () => {
  expect(SecretValueInOutput.check({
    manifests: [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'empty' } }],
    terraform: [{ resource: {
      aws_ssm_parameter: { p: { value: 'unset' }, wo: { value_wo: 'unset', value_wo_version: 1 } },
      azurerm_key_vault_secret: { s: { value: 'unset' }, wo: { value_wo: 'unset', value_wo_version: 1 } },
    } }],
  })).toEqual([]);
});

test('non-compliant: a Secret with values and no opt-in, a secret version in Terraform', () => {
  const findings = SecretValueInOutput.check({ manifests: [secret()], terraform: [{ resource: { aws_secretsmanager_secret_version: { v: { secret_string: 'x' } } } }] });
  expect(findings.map(f => f.resource)).toEqual(['Secret/app-env', 'aws_secretsmanager_secret_version.v']);
  expect(findings[1].message).toBe('secret_string puts a secret value into the Terraform configuration and state. Set values outside Terraform (CLI, console, Vault Agent).');
});

test('non-compliant: a value in a write-only field is in the synthesized configuration, though not in the state', () => {
  const findings = SecretValueInOutput.check({ terraform: [{ resource: {
    aws_ssm_parameter: { p: { value_wo: 'hunter2', value_wo_version: 1 } }, azurerm_key_vault_secret: { s: { value_wo: 'hunter2', value_wo_version: 1 } },
  } }] });
  expect(findings).toEqual(['aws_ssm_parameter.p', 'azurerm_key_vault_secret.s'].map(resource => ({
    resource, message: 'value_wo puts a secret value into the Terraform configuration. Set values outside Terraform (CLI, console, Vault Agent).',
  })));
});

test('an opt-in by name is not an error, and the warning rule says so', () => {
  const optedIn = secret({ 'noxus-secrets-cdk/unsafe-plaintext': 'true' });
  expect(SecretValueInOutput.check({ manifests: [optedIn] })).toEqual([]);
  expect(OptedInPlaintext.check({ manifests: [optedIn], terraform: [{ resource: { local_sensitive_file: { f: { filename: '/etc/noxus/platform.env' } } } }] })).toEqual([
    { resource: 'Secret/app-env', message: 'holds plaintext values (unsafePlaintextForLocalDevelopment): for a local cluster only.' },
    { resource: 'local_sensitive_file.f', message: 'writes /etc/noxus/platform.env with values from sensitive variables (valuesFromVariables): they are in the Terraform state.' },
  ]);
  expect(OptedInPlaintext.check({ manifests: [secret()] })).toEqual([]);
});
