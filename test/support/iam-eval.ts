/**
 * A small evaluator of IAM policy documents, as AWS documents its logic: an explicit Deny wins,
 * else any matching Allow, else the implicit deny. It covers what the library's policies use:
 * Principal (AWS, Service, Federated), Action and Resource with '*' and '?' wildcards, and the
 * condition operators StringEquals, StringLike, ArnEquals, ArnLike and Bool (only 'true' or
 * 'false', in the policy as a string or a JSON boolean) with the ForAnyValue: and ForAllValues:
 * set prefixes. Several values of one key match if any does (OR); keys and operators all have
 * to match (AND); a missing key fails every operator but ForAllValues.
 * Anything else is refused loudly, so a test can never pass on a policy the evaluator misreads.
 */

/** One request: who asks, for what, on what, with which context keys. */
export interface IamRequest {
  readonly principal?: { readonly type: 'AWS' | 'Service' | 'Federated'; readonly id: string };
  readonly action: string;
  readonly resource?: string;
  /** Context keys (case-insensitive names, as AWS treats them); multi-valued keys are arrays. */
  readonly context?: Record<string, string | string[]>;
}

export type Decision = 'allow' | 'explicit-deny' | 'implicit-deny';

const OPERATORS = new Set(['StringEquals', 'StringLike', 'ArnEquals', 'ArnLike', 'Bool']);

function glob(pattern: string, value: string, caseInsensitive = false): boolean {
  const re = new RegExp(`^${pattern.split('').map(c => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('')}$`, caseInsensitive ? 'i' : '');
  return re.test(value);
}

function list<T>(x: T | T[] | undefined): T[] {
  return x === undefined ? [] : Array.isArray(x) ? x : [x];
}

function boolOf(where: string, value: string): boolean {
  if (value !== 'true' && value !== 'false') throw new Error(`iam-eval: Bool takes 'true' or 'false', the ${where} has ${JSON.stringify(value)}`);
  return value === 'true';
}

function matchOne(op: string, expected: string, actual: string): boolean {
  switch (op) {
    case 'StringEquals': return expected === actual;
    case 'StringLike': return glob(expected, actual);
    case 'ArnEquals': return expected === actual;
    case 'ArnLike': return glob(expected, actual);
    case 'Bool': return boolOf('policy', expected) === boolOf('request', actual);
    default: throw new Error(`iam-eval: condition operator ${op} is not supported`);
  }
}

function conditionHolds(condition: Record<string, Record<string, string | string[] | boolean>> | undefined, context: Record<string, string | string[]>): boolean {
  if (!condition) return true;
  const ctx = new Map(Object.entries(context).map(([k, v]) => [k.toLowerCase(), list(v)]));
  for (const [rawOp, keys] of Object.entries(condition)) {
    const [set, op] = rawOp.includes(':') ? rawOp.split(':') : [undefined, rawOp];
    if (!OPERATORS.has(op) || (set !== undefined && set !== 'ForAnyValue' && set !== 'ForAllValues')) throw new Error(`iam-eval: condition ${rawOp} is not supported`);
    for (const [key, expectedRaw] of Object.entries(keys)) {
      const expected = list<unknown>(expectedRaw).map(e => (typeof e === 'boolean' ? String(e) : e as string));
      const actual = ctx.get(key.toLowerCase());
      if (set === 'ForAllValues') {
        if (!(actual ?? []).every(a => expected.some(e => matchOne(op, e, a)))) return false;
        continue;
      }
      if (!actual || actual.length === 0) return false;
      if (set === undefined && actual.length > 1) throw new Error(`iam-eval: ${key} is multi-valued; use ForAnyValue/ForAllValues`);
      if (!actual.some(a => expected.some(e => matchOne(op, e, a)))) return false;
    }
  }
  return true;
}

function statementMatches(s: any, req: IamRequest, resourcePolicy: boolean): boolean {
  const known = new Set(['Sid', 'Effect', 'Principal', 'Action', 'Resource', 'Condition']);
  for (const k of Object.keys(s)) if (!known.has(k)) throw new Error(`iam-eval: statement element ${k} is not supported`);
  if (!list<string>(s.Action).some(a => glob(a, req.action, true))) return false;
  if (s.Resource !== undefined && !list<string>(s.Resource).some(r => req.resource !== undefined && glob(r, req.resource))) return false;
  if (resourcePolicy) {
    if (!req.principal) return false;
    const ids = list<string>(s.Principal?.[req.principal.type]);
    if (!ids.some(id => id === '*' || id === req.principal!.id)) return false;
  }
  return conditionHolds(s.Condition, req.context ?? {});
}

/**
 * The decision of one policy for one request. `resourcePolicy` (trust and key policies) makes
 * the Principal element count; an identity policy has none.
 */
export function evaluate(policy: any, req: IamRequest, resourcePolicy = false): Decision {
  const statements = list<any>(policy.Statement);
  if (statements.some(s => s.Effect === 'Deny' && statementMatches(s, req, resourcePolicy))) return 'explicit-deny';
  if (statements.some(s => s.Effect === 'Allow' && statementMatches(s, req, resourcePolicy))) return 'allow';
  return 'implicit-deny';
}
