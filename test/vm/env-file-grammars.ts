/**
 * Two readers of `KEY=value` files, written from their documentation and source, as test oracles:
 * what systemd's EnvironmentFile= and Docker Compose's env_file make of a file.
 */

/**
 * systemd.exec(5) EnvironmentFile= (and src/basic/env-file.c): lines starting with `#` or `;` and
 * lines without `=` are ignored; leading whitespace of a value is dropped; unquoted text keeps its
 * interior whitespace, loses trailing whitespace, and `\` keeps the next character (`\` + newline
 * continues the line); '...' keeps everything but `'` verbatim, "..." everything but `"` and `\`,
 * where `\` escapes `"`, `\`, `` ` `` and `$` (else it stays); after a closing quote the value goes
 * on (as in a shell). An assignment whose value is not valid UTF-8, or holds a noncharacter or
 * U+FEFF, is dropped.
 */
export function parseSystemdEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 0;
  while (i < text.length) {
    while (i < text.length && ' \t\r\n'.includes(text[i])) i++;
    if (i >= text.length) break;
    if (text[i] === '#' || text[i] === ';') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    const keyStart = i;
    while (i < text.length && text[i] !== '=' && text[i] !== '\n') i++;
    if (text[i] !== '=') continue;
    const key = text.slice(keyStart, i).trim();
    i++;
    let value = '';
    let trailing = ''; // whitespace of unquoted text, kept only if more value follows
    let state: 'pre' | 'value' = 'pre';
    for (; i < text.length && text[i] !== '\n'; i++) {
      const c = text[i];
      if (c === '\'') {
        value += trailing; trailing = '';
        const end = text.indexOf('\'', i + 1);
        if (end < 0) { value += text.slice(i + 1); i = text.length; break; }
        value += text.slice(i + 1, end); i = end; state = 'pre';
      } else if (c === '"') {
        value += trailing; trailing = '';
        for (i++; i < text.length && text[i] !== '"'; i++) {
          if (text[i] === '\\' && i + 1 < text.length) {
            const n = text[++i];
            if (n === '\n') continue;
            value += '"\\`$'.includes(n) ? n : `\\${n}`;
          } else {
            value += text[i];
          }
        }
        state = 'pre';
      } else if (c === '\\') {
        value += trailing; trailing = '';
        const n = text[++i];
        if (n === undefined) break;
        if (n !== '\n') value += n;
        state = 'value';
      } else if (' \t\r'.includes(c)) {
        if (state === 'value') trailing += c;
      } else {
        value += trailing + c; trailing = '';
        state = 'value';
      }
    }
    if (validForSystemd(value)) out[key] = value;
  }
  return out;
}

function validForSystemd(value: string): boolean {
  for (const ch of value) {
    const cp = ch.codePointAt(0)!;
    if (cp === 0 || cp === 0xfeff || (cp >= 0xd800 && cp <= 0xdfff) || (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) === 0xfffe) return false;
  }
  return true;
}

/**
 * Docker Compose env_file (docs "env_file syntax"; compose-spec/compose-go dotenv/parser.go): blank
 * lines and lines starting with `#` are skipped, `export ` is dropped, the key ends at `=`; a quoted
 * value ends at the first matching quote not preceded by `\` (the quotes are trimmed from both ends),
 * '...' is literal but for `\'`, "..." expands `\n`, `\r`, escaped characters and `$VAR`; an unquoted
 * value ends at the line break, is cut at `#` and right-trimmed, and expands `$VAR`. After a closing
 * quote the rest of the line is read as the next statement. `lookup` answers `$VAR`.
 */
export function parseComposeEnvFile(text: string, lookup: (name: string) => string | undefined = () => undefined): Record<string, string> {
  const out: Record<string, string> = {};
  let rest = text;
  for (;;) {
    rest = rest.replace(/^\s+/u, '');
    if (rest === '') break;
    if (rest[0] === '#') {
      const nl = rest.indexOf('\n');
      if (nl < 0) break;
      rest = rest.slice(nl);
      continue;
    }
    rest = rest.replace(/^export(?=\s)/, '').replace(/^[ \t\v\f\r\u0085\u00a0]+/, '');
    const m = /^([\p{L}\p{N}_.]+)[ \t]*[=:]/u.exec(rest);
    if (!m) throw new Error(`compose: unexpected character in variable name near ${JSON.stringify(rest.slice(0, 20))}`);
    rest = rest.slice(m[0].length).replace(/^[ \t\v\f\r\u0085\u00a0]+/, '');
    const key = m[1];
    const quote = rest[0];
    if (quote === '\'' || quote === '"') {
      let end = -1;
      for (let i = 1; i < rest.length; i++) {
        if (rest[i] === quote && rest[i - 1] !== '\\') { end = i; break; }
      }
      if (end < 0) throw new Error(`compose: unterminated quoted value ${rest.split('\n')[0]}`);
      const trim = new RegExp(`^${quote}+|${quote}+$`, 'g');
      let value = rest.slice(0, end).replace(trim, '');
      value = quote === '\'' ? value.replace(/\\'/g, '\'') : interpolate(unescapeDouble(value), out, lookup);
      out[key] = value;
      rest = rest.slice(end + 1);
    } else {
      const nl = rest.indexOf('\n');
      const line = nl < 0 ? rest : rest.slice(0, nl);
      out[key] = interpolate(line.split('#')[0].replace(/\s+$/u, ''), out, lookup);
      rest = nl < 0 ? '' : rest.slice(nl);
    }
  }
  return out;
}

function unescapeDouble(value: string): string {
  return value.replace(/\\(.)/gs, (_, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : c));
}

function interpolate(value: string, seen: Record<string, string>, lookup: (name: string) => string | undefined): string {
  return value.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)[^}]*\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (all, braced?: string, bare?: string) => {
    if (all === '$$') return '$';
    const name = braced ?? bare!;
    return seen[name] ?? lookup(name) ?? '';
  });
}
