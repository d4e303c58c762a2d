/**
 * Every Terraform reference in a synthesized stack (`${...}` in any string, `$${` being an
 * escaped literal) whose target is not a resource, data source, variable or local of the
 * same stack. Empty means every reference resolves.
 */
export function danglingReferences(json: any): string[] {
  const dangling: string[] = [];
  const exists = (ref: string): boolean => {
    const parts = ref.split('.');
    if (parts[0] === 'var') return json.variable?.[parts[1]] !== undefined;
    if (parts[0] === 'local') return json.locals?.[parts[1]] !== undefined;
    if (parts[0] === 'data') return json.data?.[parts[1]]?.[parts[2]] !== undefined;
    return json.resource?.[parts[0]]?.[parts[1]] !== undefined;
  };
  const visit = (node: unknown) => {
    if (typeof node === 'string') {
      for (const m of node.matchAll(/(?<!\$)\$\{((?:[^{}"]|"(?:[^"\\]|\\.)*")*)\}/g)) {
        // String literals inside the expression are no references; function names are followed by '('.
        const expr = m[1].replace(/"(?:[^"\\]|\\.)*"/g, '""');
        // Each traversal from its start (not a later attribute of it); Terraform's own names are no references.
        for (const r of expr.matchAll(/(?<![\w.\]-])((?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z_][A-Za-z0-9_-]*)(?:\.[A-Za-z_][A-Za-z0-9_-]*|\[[^\]]*\])*/g)) {
          if (/^(terraform|path|self|count|each)\./.test(r[1])) continue;
          if (!exists(r[1])) dangling.push(r[1]);
        }
      }
    } else if (Array.isArray(node)) {
      node.forEach(visit);
    } else if (node !== null && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) if (k !== '//') visit(v);
    }
  };
  visit({ resource: json.resource, data: json.data, output: json.output, locals: json.locals, provider: json.provider });
  return dangling;
}
