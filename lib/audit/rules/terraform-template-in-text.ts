import { AuditLevel, AuditRule } from '../audit-rule';

// Functions that read the machine Terraform runs on: text that calls them reads files at plan.
const FILE_FUNCTIONS = /^(file|filebase64|filebase64sha256|filebase64sha512|filemd5|filesha1|filesha256|filesha512|fileexists|fileset|templatefile|pathexpand|abspath)$/;

/** The `${...}` interpolations and `%{...}` directives of a string that Terraform evaluates (an escaped `$${` or `%%{` is text). */
export function liveTemplates(text: string): { kind: '$' | '%'; expression: string }[] {
  const found: { kind: '$' | '%'; expression: string }[] = [];
  for (let i = 0; i < text.length - 1; i++) {
    const c = text[i];
    if ((c !== '$' && c !== '%') || text[i + 1] !== '{') continue;
    if (text[i + 2] === undefined) break;
    // Doubled: an escape, and the pair is consumed.
    if (i > 0 && text[i - 1] === c) continue;
    let depth = 0;
    let j = i + 1;
    let quoted = false;
    for (; j < text.length; j++) {
      const d = text[j];
      if (quoted) {
        if (d === '\\') j++;
        else if (d === '"') quoted = false;
      } else if (d === '"') quoted = true;
      else if (d === '{') depth++;
      else if (d === '}' && --depth === 0) break;
    }
    found.push({ kind: c, expression: text.slice(i + 2, j) });
    i = j;
  }
  return found;
}

/** Whether an interpolation is one the library writes: a reference, or a call on references and quoted text that reads no file. */
function isReference(expression: string): boolean {
  const calls = [...expression.replace(/"(?:[^"\\]|\\.)*"/g, '""').matchAll(/([A-Za-z_][A-Za-z0-9_]*)\s*\(/g)].map(m => m[1]);
  if (calls.some(f => FILE_FUNCTIONS.test(f))) return false;
  return !/\b(path|terraform)\.(module|root|cwd|workspace)\b/.test(expression);
}

/**
 * User text that became code: a Terraform string with a `%{` directive, or a `${...}` that
 * reads the machine (a file function, path.*). The library escapes every text it writes,
 * so this finds only what got past it: defence in depth.
 */
export const TerraformTemplateInText: AuditRule = {
  id: 'NX11',
  level: AuditLevel.ERROR,
  description: 'A Terraform string holds a live template sequence that is no reference of the library.',
  check(input) {
    const findings: { resource: string; message: string }[] = [];
    for (const doc of input.terraform ?? []) {
      for (const [section, byType] of Object.entries<any>(doc ?? {})) {
        if (section !== 'resource' && section !== 'data' && section !== 'output') continue;
        for (const [type, byId] of Object.entries<any>(byType ?? {})) {
          const items = section === 'output' ? { [type]: byId } : byId;
          for (const [id, config] of Object.entries<any>(items ?? {})) {
            const resource = section === 'resource' ? `${type}.${id}` : section === 'data' ? `data.${type}.${id}` : `output.${type}`;
            const visit = (node: unknown, where: string) => {
              if (typeof node === 'string') {
                for (const t of liveTemplates(node)) {
                  if (t.kind === '%' || !isReference(t.expression)) {
                    findings.push({ resource, message: `${where} holds the live template ${t.kind}{${t.expression}}, which Terraform would evaluate at plan. ` +
                      'Escape it ($${ or %%{) where the text is written; if it came from your input, it should have been text.' });
                  }
                }
              } else if (Array.isArray(node)) {
                node.forEach((v, i) => visit(v, `${where}[${i}]`));
              } else if (node !== null && typeof node === 'object') {
                for (const [k, v] of Object.entries(node)) if (k !== '//') visit(v, where ? `${where}.${k}` : k);
              }
            };
            visit(config, '');
          }
        }
      }
    }
    return findings;
  },
};
