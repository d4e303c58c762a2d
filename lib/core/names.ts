import { NoxusSecretsError, shown } from './errors';

const ENV_NAME = /^[A-Z_][A-Z0-9_]*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Env var names the platform reads: a C identifier in UPPER_SNAKE case. */
export function isEnvName(name: string): boolean {
  return ENV_NAME.test(name);
}

/** A lowercase RFC 1123 label: what Kubernetes requires of namespaces and what pool names become. */
export function isDnsLabel(name: string): boolean {
  return name.length <= 63 && DNS_LABEL.test(name);
}

/** A lowercase RFC 1123 subdomain: what Kubernetes requires of Secret and ServiceAccount names. */
export function isDnsSubdomain(name: string): boolean {
  return name.length <= 253 && DNS_SUBDOMAIN.test(name);
}

/**
 * Whether a string holds an unresolved cdktf token (a value Terraform knows only at
 * apply, such as a managed identity's client ID). Checks skip such values.
 */
export function isUnresolvedToken(value: string | undefined): boolean {
  return typeof value === 'string' && value.includes('${TfToken[');
}

/** A GUID, as Entra ID writes tenant and client IDs. */
export function isGuid(value: string | undefined): boolean {
  return GUID.test(value ?? '');
}

/** A suggestion of a valid label for a bad one, for error messages. */
export function suggestDnsLabel(name: string): string {
  const cleaned = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return cleaned.length > 0 ? cleaned : 'name';
}

/** A suggestion of a valid env name for a bad one, for error messages. */
export function suggestEnvName(name: string): string {
  const cleaned = name.toUpperCase().replace(/[^A-Z0-9_]+/g, '_');
  return /^[0-9]/.test(cleaned) ? `_${cleaned}` : cleaned || 'NAME';
}

/** Throws unless `value` is an UPPER_SNAKE env name. */
export function assertEnvName(subject: string, field: string, value: string, path?: string): void {
  if (typeof value !== 'string') {
    throw NoxusSecretsError.at(path, `${subject}: ${field} ${JSON.stringify(value)} is not a string (an environment variable name). Use e.g. "OPENAI_API_KEY".`);
  }
  if (!isEnvName(value)) {
    throw NoxusSecretsError.at(path,
      `${subject}: ${field} ${JSON.stringify(value)} is not a valid environment variable name ` +
      `(UPPER_SNAKE C identifier: A-Z, 0-9, '_', not starting with a digit). Use e.g. ${JSON.stringify(suggestEnvName(value))}.`);
  }
}

/** Throws unless `value` is a lowercase RFC 1123 label. */
export function assertDnsLabel(subject: string, field: string, value: string, path?: string): void {
  assertNameString(subject, field, value, "a Kubernetes name: a-z, 0-9, '-'", path);
  if (!isDnsLabel(value)) {
    throw NoxusSecretsError.at(path,
      `${subject}: ${field} ${JSON.stringify(value)} is not a valid Kubernetes name ` +
      `(lowercase RFC 1123 label: a-z, 0-9, '-'; max 63). Use e.g. ${JSON.stringify(suggestDnsLabel(value))}.`);
  }
}

/** Throws unless `value` is a lowercase RFC 1123 subdomain. */
export function assertDnsSubdomain(subject: string, field: string, value: string, path?: string): void {
  assertNameString(subject, field, value, "a Kubernetes object name: a-z, 0-9, '-', '.'", path);
  if (!isDnsSubdomain(value)) {
    throw NoxusSecretsError.at(path,
      `${subject}: ${field} ${JSON.stringify(value)} is not a valid Kubernetes object name ` +
      `(lowercase RFC 1123 subdomain: a-z, 0-9, '-', '.'; max 253). Use e.g. ${JSON.stringify(suggestDnsLabel(value))}.`);
  }
}

function assertNameString(subject: string, field: string, value: unknown, what: string, path?: string): void {
  if (typeof value !== 'string') {
    throw NoxusSecretsError.at(path, `${subject}: ${field} ${shown(value)} is not a string (${what}). Give the name as a string.`);
  }
}
