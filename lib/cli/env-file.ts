import { NoxusSecretsError } from '../core';

/** One value of an env file, and the line that gives it. */
export interface EnvFileValue {
  readonly value: string;
  readonly line: number;
}

/**
 * Reads an env file in the grammar of the VM env files (lib/vm, `noxus-check-secrets`): one
 * `NAME=value` a line, the value verbatim to the end of the line or single-quoted
 * (`NAME='value'`, the form systemd and Compose read alike), blank lines and `#` comments
 * skipped; `NAME=` (empty, as the VM template writes it) gives no value. Refused where a
 * reader could take another value: a carriage return, double quotes, an unclosed single quote,
 * a second line for one name. Messages name the line, never its text, which may hold a value.
 */
export function parseEnvFile(text: string, label: string): Map<string, EnvFileValue> {
  const values = new Map<string, EnvFileValue>();
  const firstLine = new Map<string, number>();
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (raw.endsWith('\r')) {
      throw new NoxusSecretsError(`${label} line ${line} ends in a carriage return (CRLF line endings), which would become part of the value. ` +
        `Convert the file to LF line endings (e.g. dos2unix).`);
    }
    if (raw.trim() === '' || raw.startsWith('#')) return;
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(raw);
    if (!m) {
      throw new NoxusSecretsError(`${label} line ${line} is not NAME=value (the VM env files' grammar: a name of A-Z a-z 0-9 _, '=', ` +
        "the value verbatim to the end of the line; '#' starts a comment line). Fix the line; it is not shown here, as it may hold a value.");
    }
    const name = m[1];
    const first = firstLine.get(name);
    if (first !== undefined) {
      throw new NoxusSecretsError(`${label} line ${line} gives ${name} again (first on line ${first}). Keep one line per name.`);
    }
    firstLine.set(name, line);
    let value = raw.slice(name.length + 1);
    if (value.startsWith('"')) {
      throw new NoxusSecretsError(`${label} line ${line}: the value of ${name} is in double quotes, which systemd EnvironmentFile= and Docker Compose ` +
        "env_file read differently (escapes, '$'). Write it single-quoted (NAME='...') or bare.");
    }
    if (value.startsWith("'")) {
      const quoted = /^'([^']*)'$/.exec(value);
      if (!quoted) {
        throw new NoxusSecretsError(`${label} line ${line}: the value of ${name} opens a single quote that does not end the line, or holds another one. ` +
          "Write NAME='...' with no single quote inside, or the value bare.");
      }
      value = quoted[1];
    }
    if (value !== '') values.set(name, { value, line });
  });
  return values;
}
