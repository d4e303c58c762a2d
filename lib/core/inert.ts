import { NoxusSecretsError } from './errors';

/**
 * The first Terraform template sequence (`${` or `%{`) of a literal, where a receiver reads the
 * value as written and no escape would keep its meaning: an ARN, a resource ID, a name. Undefined
 * when there is none.
 */
export function templateSequence(value: string): string | undefined {
  return /[$%]\{/.exec(value)?.[0];
}

/**
 * Throws the library's error where a literal identifier holds `${` or `%{`: Terraform would
 * evaluate it (a template is no part of any ARN, ID or name the clouds accept; IAM also reads
 * `${...}` in a policy as a policy variable). A reference is given as a Terraform token instead.
 */
export function assertNoTemplate(subject: string, field: string, value: string, path?: string): void {
  const seq = templateSequence(value);
  if (seq === undefined) return;
  throw NoxusSecretsError.at(path, `${subject}: ${field} ${JSON.stringify(value)} holds ${JSON.stringify(seq)}, which Terraform would evaluate as a template ` +
    '(the value would not reach the cloud as written). Write the literal value, or pass a reference as a token (e.g. role.arn, new TerraformVariable(...).stringValue), not "${...}" text.');
}

/**
 * A double-quoted HCL string (Vault Agent's config): `\` and `"` escaped, line breaks as
 * `\n`, and template sequences doubled, since HCL evaluates `${` and `%{` inside quotes.
 */
export function hclString(value: string): string {
  const body = value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    .replace(/\$\{/g, () => '$${')
    .replace(/%\{/g, '%%{');
  return `"${body}"`;
}

/** Comment lines of an env file or unit: one `# ` line per line of the text, so a comment never becomes a variable. */
export function commentLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/).map(line => `# ${line}`.trimEnd());
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * Throws the library's error when free text holds a control character that no output
 * can represent (NUL, escape sequences, ...); tabs and line breaks are allowed.
 */
export function assertPrintable(subject: string, field: string, value: string): void {
  const m = CONTROL.exec(value);
  if (m) {
    throw new NoxusSecretsError(`${subject}: ${field} holds the control character U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} ` +
      `at position ${m.index} (env files, units and Terraform cannot carry it as text). Remove it.`);
  }
}
