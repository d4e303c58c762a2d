import { UNSAFE_PLAINTEXT_MARK } from '../../core/unsafe';
import { AuditInput, AuditLevel, AuditRule, manifestName, terraformResources } from '../audit-rule';

/**
 * Placeholders the library writes where a backend cannot hold an empty secret; they are no values:
 * 'unset' for a key's own secret, '{}' (the empty object) for a scope's (RemoteKeyLayout.PER_STORE).
 */
const PLACEHOLDERS = new Set(['unset', '{}']);

/**
 * Terraform resources that hold a secret's value, the field, and whether the state keeps it:
 * a write-only field (value_wo, Terraform 1.11+) is in the configuration only.
 */
const VALUED: [string, string, 'configuration and state' | 'configuration'][] = [
  ['aws_secretsmanager_secret_version', 'secret_string', 'configuration and state'],
  ['aws_secretsmanager_secret_version', 'secret_binary', 'configuration and state'],
  ['aws_secretsmanager_secret_version', 'secret_string_wo', 'configuration'],
  ['google_secret_manager_secret_version', 'secret_data', 'configuration and state'],
  ['aws_ssm_parameter', 'value', 'configuration and state'],
  ['aws_ssm_parameter', 'value_wo', 'configuration'],
  ['azurerm_key_vault_secret', 'value', 'configuration and state'],
  ['azurerm_key_vault_secret', 'value_wo', 'configuration'],
  ['vault_kv_secret_v2', 'data_json', 'configuration and state'],
];

/** Each Terraform resource that holds a value (not the library's placeholder): `type.id`, the field and where it is kept. */
function valuedResources(input: AuditInput): { resource: string; field: string; kept: string }[] {
  return VALUED.flatMap(([type, field, kept]) => terraformResources(input, type)
    .filter(([, r]) => r[field] !== undefined && !PLACEHOLDERS.has(r[field]))
    .map(([id]) => ({ resource: `${type}.${id}`, field, kept })));
}

/** A secret value in a synthesized file: in a Kubernetes Secret, or in Terraform configuration (and so in its state). */
export const SecretValueInOutput: AuditRule = {
  id: 'NX3',
  level: AuditLevel.ERROR,
  description: 'A secret value appears in a synthesized manifest or Terraform configuration without an explicit opt-in.',
  check(input) {
    const findings: { resource: string; message: string }[] = [];
    for (const m of input.manifests ?? []) {
      if (m.kind !== 'Secret' || m.apiVersion !== 'v1') continue;
      const keys = [...Object.keys(m.data ?? {}), ...Object.keys(m.stringData ?? {})];
      if (keys.length === 0) continue;
      if (m.metadata?.annotations?.[UNSAFE_PLAINTEXT_MARK] === 'true') continue;
      findings.push({ resource: manifestName(m), message: `the Secret carries values (${keys.sort().join(', ')}) in the manifest. Deliver them through a secret manager (EnvSecretSource.externalSecrets), or opt in by name with EnvSecretSource.unsafePlaintextForLocalDevelopment for a local cluster.` });
    }
    if (input.optedInValue === undefined) {
      for (const { resource, field, kept } of valuedResources(input)) {
        findings.push({ resource, message: `${field} puts a secret value into the Terraform ${kept}. Set values outside Terraform (CLI, console, Vault Agent).` });
      }
    }
    return findings;
  },
};

/** Values a user opted into by name: reported as warnings, so that the audit says so. */
export const OptedInPlaintext: AuditRule = {
  id: 'NX3a',
  level: AuditLevel.WARNING,
  description: 'Secret values written in plaintext because the user opted in by name.',
  check(input) {
    const findings: { resource: string; message: string }[] = [];
    for (const m of input.manifests ?? []) {
      if (m.kind === 'Secret' && m.metadata?.annotations?.[UNSAFE_PLAINTEXT_MARK] === 'true') {
        findings.push({ resource: manifestName(m), message: 'holds plaintext values (unsafePlaintextForLocalDevelopment): for a local cluster only.' });
      }
    }
    if (input.optedInValue !== undefined) {
      for (const { resource, field, kept } of valuedResources(input)) {
        findings.push({ resource, message: `holds the value of ${input.optedInValue} from Terraform (ValueSource.fromTerraform): through ${field}, it is in the Terraform ${kept}.` });
      }
    }
    for (const [id, r] of terraformResources(input, 'local_sensitive_file')) {
      findings.push({ resource: `local_sensitive_file.${id}`, message: `writes ${r.filename} with values from sensitive variables (valuesFromVariables): they are in the Terraform state.` });
    }
    return findings;
  },
};
