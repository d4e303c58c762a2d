import { NoxusSecretsError, shown } from '../core';

/*
 * One form of `KEY=value` that systemd's EnvironmentFile= (systemd.exec(5), env-file.c) and
 * Docker Compose's env_file (compose-go dotenv/parser.go; docs "env_file syntax") read back as
 * the same value: single-quoted. Both keep the text between single quotes verbatim: systemd
 * ("may contain any character verbatim other than single quote"), Compose (no escapes and no
 * `$` interpolation in '...'). What the two cannot carry the same way is refused:
 * - a single quote: systemd has no escape for it inside '...' (it ends the quote and
 *   concatenates what follows, shell-like), Compose ends the value there;
 * - a backslash at the end: Compose takes `\'` as an escaped quote, so the value never ends;
 * - a line break or other control character: a line is one assignment (STYLE: Output is data);
 * - what systemd drops the assignment for (not valid UTF-8, U+FEFF, Unicode noncharacters).
 */

/** The rule, as error messages and the generated files state it. */
export const ENV_VALUE_RULE = 'values are written single-quoted (KEY=\'...\'), the one form that systemd EnvironmentFile= and ' +
  'Docker Compose env_file read the same way; inside it they can hold no single quote, no line break or other control character, ' +
  'no byte-order mark (U+FEFF) or Unicode noncharacter, and no backslash at the end';

const FIX = 'Store the value base64-encoded (and decode it in the service), or choose one without that character.';

/** Code point ranges an env value may not hold anywhere (the trailing backslash is checked apart). */
const FORBIDDEN: ReadonlyArray<readonly [number, number]> = [
  [0x00, 0x1f], [0x27, 0x27], [0x7f, 0x7f], [0xd800, 0xdfff], [0xfdd0, 0xfdef], [0xfeff, 0xfeff],
  ...Array.from({ length: 17 }, (_, plane) => [plane * 0x10000 + 0xfffe, plane * 0x10000 + 0xffff] as const),
];

function describe(cp: number): string {
  if (cp === 0x27) return 'a single quote';
  if (cp === 0x0a || cp === 0x0d) return 'a line break';
  if (cp < 0x20 || cp === 0x7f) return `a control character (U+${hex(cp)})`;
  if (cp >= 0xd800 && cp <= 0xdfff) return `a lone surrogate (U+${hex(cp)}, not valid UTF-8)`;
  if (cp === 0xfeff) return 'a byte-order mark (U+FEFF)';
  return `a Unicode noncharacter (U+${hex(cp)})`;
}

function hex(cp: number): string {
  return cp.toString(16).toUpperCase().padStart(4, '0');
}

/** What makes `value` unwritable (where, and which character), or undefined when it can be written. */
export function envValueProblem(value: string): string | undefined {
  // The value is a secret: its type is named, never the value.
  if (typeof value !== 'string') {
    throw new NoxusSecretsError(`envValueProblem: the value is a ${value === null ? 'null' : Array.isArray(value) ? 'list' : typeof value}, not a string. Pass the value as a string.`);
  }
  let position = 0;
  for (const ch of value) {
    position++;
    const cp = ch.codePointAt(0)!;
    if (FORBIDDEN.some(([lo, hi]) => cp >= lo && cp <= hi)) return `${describe(cp)} at character ${position}`;
  }
  if (value.endsWith('\\')) return 'a backslash at the end';
  return undefined;
}

/**
 * `KEY='value'`, or an error naming the key, what in the value breaks the rule and where, the
 * rule and the fix. The value itself is not repeated: it is a secret, and errors reach logs.
 */
export function envFileLine(subject: string, key: string, value: string): string {
  if (typeof subject !== 'string' || typeof key !== 'string') {
    throw new NoxusSecretsError(`envFileLine: subject ${shown(subject)} and key ${shown(key)} must be strings. Pass e.g. envFileLine("VmBundle", "REDIS_URL", value).`);
  }
  if (typeof value !== 'string') {
    throw new NoxusSecretsError(`${subject}: the value of ${key} is a ${value === null ? 'null' : Array.isArray(value) ? 'list' : typeof value}, not a string; ${ENV_VALUE_RULE}. Give the value as a string.`);
  }
  const problem = envValueProblem(value);
  if (problem !== undefined) {
    throw new NoxusSecretsError(`${subject}: the value of ${key} (${[...value].length} characters) has ${problem}; ${ENV_VALUE_RULE}. ${FIX}`);
  }
  return `${key}='${value}'`;
}

/**
 * The rule as an RE2 pattern (Terraform's `regex`, consul-template's `regexMatch`), which
 * matches exactly the values `envFileLine` writes.
 */
export function envValuePattern(): string {
  const ranges = FORBIDDEN.filter(([lo]) => lo < 0xd800 || lo > 0xdfff) // RE2 strings are UTF-8: no surrogates to exclude
    .map(([lo, hi]) => (lo === hi ? re2(lo) : `${re2(lo)}-${re2(hi)}`)).join('');
  return `^(?:[^${ranges}]*[^${ranges}\\\\])?$`;
}

function re2(cp: number): string {
  return `\\x{${cp.toString(16)}}`;
}
