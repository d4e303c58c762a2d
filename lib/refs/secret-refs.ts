import { NoxusSecretsError, NoxusService, SecretsBlueprint, shown } from '../core';

/** One `{{secret.NAME}}` in a flow or agent definition. */
export interface SecretRef {
  /** The env var name referenced. */
  readonly name: string;
  /** The file it occurs in. */
  readonly file: string;
  /** Where in the JSON: a path like `$.nodes[3].config.headers.Authorization`. */
  readonly jsonPath: string;
}

const REF = /\{\{\s*secret\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** Every `{{secret.NAME}}` in the string values (and keys) of a parsed JSON document, in document order. */
export function findSecretRefs(document: unknown, file: string): SecretRef[] {
  if (typeof file !== 'string') throw new NoxusSecretsError(`findSecretRefs: file ${shown(file)} is not a string (the name the references are reported under). Pass e.g. "flow.json".`);
  const refs: SecretRef[] = [];
  const scan = (text: string, jsonPath: string) => {
    for (const m of text.matchAll(REF)) refs.push({ name: m[1], file, jsonPath });
  };
  const walk = (node: unknown, jsonPath: string) => {
    if (typeof node === 'string') {
      scan(node, jsonPath);
    } else if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, `${jsonPath}[${i}]`));
    } else if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        const child = /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `${jsonPath}.${key}` : `${jsonPath}[${JSON.stringify(key)}]`;
        scan(key, child);
        walk(value, child);
      }
    }
  };
  walk(document, '$');
  return refs;
}

/** The result of checking references against one pool. */
export interface SecretRefCheck {
  /** The pool checked. */
  readonly pool: string;
  /** Every reference found. */
  readonly refs: SecretRef[];
  /** The references the pool cannot resolve, because its workers do not have the key. */
  readonly unresolved: SecretRef[];
}

/** Which `{{secret.NAME}}` references a pool's workers cannot resolve (the key is not in their environment). */
export function checkSecretRefs(blueprint: SecretsBlueprint, pool: string, documents: { file: string; document: unknown }[]): SecretRefCheck {
  if (!(blueprint instanceof SecretsBlueprint)) {
    throw new NoxusSecretsError(`checkSecretRefs: blueprint ${shown(blueprint)} is not a SecretsBlueprint. Pass the blueprint the pool belongs to.`);
  }
  if (typeof pool !== 'string') throw new NoxusSecretsError(`checkSecretRefs: pool ${shown(pool)} is not a string (a pool name). Pass e.g. "finance".`);
  if (!Array.isArray(documents) || !documents.every(d => d !== null && typeof d === 'object' && typeof d.file === 'string')) {
    throw new NoxusSecretsError(`checkSecretRefs: documents ${shown(documents)} is not a list of { file, document }. Pass e.g. [{ file: "flow.json", document: JSON.parse(text) }].`);
  }
  const available = new Set(blueprint.environmentOf(NoxusService.WORKER, pool).map(e => e.name));
  const refs = documents.flatMap(d => findSecretRefs(d.document, d.file));
  return { pool, refs, unresolved: refs.filter(r => !available.has(r.name)) };
}
