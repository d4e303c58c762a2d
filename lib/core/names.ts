import { createHash } from 'crypto';
import { NoxusSecretsError, shown } from './errors';

const ENV_NAME = /^[A-Z_][A-Z0-9_]*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * The longest env name: each becomes a Kubernetes Secret key (apimachinery validation.IsConfigMapKey:
 * at most 253 characters), which ESO also checks after its rewrite gives it a scope prefix of up to 9
 * ('platform_', RemoteKeyLayout.PER_STORE); the AWS tag noxus:env-name (256) is then within reach too.
 */
export const ENV_NAME_MAX = 244;

/** Env var names the platform reads: a C identifier in UPPER_SNAKE case. */
export function isEnvName(name: string): boolean {
  return ENV_NAME.test(name);
}

/** A lowercase RFC 1123 label: what Kubernetes requires of namespaces and what pool names become. */
export function isDnsLabel(name: string): boolean {
  return typeof name === 'string' && name.length <= 63 && DNS_LABEL.test(name);
}

/** A lowercase RFC 1123 subdomain: what Kubernetes requires of Secret and ServiceAccount names. */
export function isDnsSubdomain(name: string): boolean {
  return typeof name === 'string' && name.length <= 253 && DNS_SUBDOMAIN.test(name);
}

/** A GUID, as Entra ID writes tenant and client IDs. */
export function isGuid(value: string | undefined): boolean {
  return GUID.test(value ?? '');
}

/** A suggestion of a valid label for a bad one, for error messages. */
export function suggestDnsLabel(name: string): string {
  const cleaned = String(name ?? '')
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
  if (value.length > ENV_NAME_MAX) {
    throw NoxusSecretsError.at(path,
      `${subject}: ${field} ${JSON.stringify(`${value.slice(0, 20)}...`)} is ${value.length} characters, and an env name is at most ${ENV_NAME_MAX} ` +
      `(it becomes a Kubernetes Secret key, max 253, with the library's scope prefix of up to 9). Shorten it.`);
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

// Kubernetes Secret data keys (apimachinery validation.IsConfigMapKey): at most 253 of A-Z a-z 0-9 - _ .,
// and not '.', '..' or anything starting with '..' (hasChDirPrefix: each key becomes a file name in a volume).
const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;

/** The rule of a Kubernetes Secret data key, as messages state it. */
export const SECRET_KEY_RULE = "1-253 of A-Z a-z 0-9 - _ ., not '.' and not starting with '..'";

/** A Kubernetes Secret data key: 1-253 of A-Z a-z 0-9 - _ ., not '.' and not starting with '..'. */
export function isSecretKey(key: string): boolean {
  return typeof key === 'string' && key.length <= 253 && SECRET_KEY.test(key) && key !== '.' && !key.startsWith('..');
}

/**
 * `full` if it has at most `max` characters; otherwise its start and a hash of the whole, so
 * that a derived name stays within its limit, unique and deterministic.
 */
export function boundedText(full: string, max: number): string {
  if (full.length <= max) return full;
  const hash = createHash('sha256').update(full).digest('hex').slice(0, 6);
  return `${full.slice(0, max - 7).replace(/-+$/, '')}-${hash}`;
}

// Vault paths as the library writes them: Vault cleans '.' and '..' out of request paths, so a
// mount or key with such a segment is read at another path than the one written.
const VAULT_PATH = /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/;

/** Throws the library's error unless `value` is a Vault mount path: segments of A-Z a-z 0-9 _ . - joined by '/', none '.' or '..'. */
export function assertVaultPath(subject: string, field: string, value: string, example: string, path?: string): void {
  if (typeof value !== 'string' || !VAULT_PATH.test(value) || value.split('/').some(s => s === '.' || s === '..')) {
    throw NoxusSecretsError.at(path, `${subject}: ${field} ${JSON.stringify(value)} is not a Vault path ` +
      `(segments of A-Z a-z 0-9 _ . - joined by '/', no leading or trailing '/', no '.' or '..' segment). Use e.g. ${JSON.stringify(example)}.`);
  }
}

function assertNameString(subject: string, field: string, value: unknown, what: string, path?: string): void {
  if (typeof value !== 'string') {
    throw NoxusSecretsError.at(path, `${subject}: ${field} ${shown(value)} is not a string (${what}). Give the name as a string.`);
  }
}
