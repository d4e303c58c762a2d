/**
 * The one error class of the library. Every message names the field, shows
 * the bad value, states the rule and says how to fix it.
 */
export class NoxusSecretsError extends Error {
  /**
   * Prefix a message with the construct path, where the check ran in a construct.
   */
  public static at(path: string | undefined, message: string): NoxusSecretsError {
    return new NoxusSecretsError(message, path);
  }

  /**
   * Runs a core check from inside a construct: a failure is thrown again with
   * the construct's path, so the message says where as well as what.
   */
  public static within<T>(path: string, check: () => T): T {
    try {
      return check();
    } catch (e) {
      if (e instanceof NoxusSecretsError && e.constructPath !== undefined) throw e;
      throw NoxusSecretsError.at(path, (e as Error).message);
    }
  }

  /** Construct path where the check ran, when it ran inside a construct. */
  declare public readonly constructPath?: string;

  constructor(message: string, constructPath?: string) {
    super(constructPath ? `[${constructPath}] ${message}` : message);
    this.name = 'NoxusSecretsError';
    // Not enumerable: Node prints an uncaught error's own enumerable fields after its stack.
    Object.defineProperty(this, 'constructPath', { value: constructPath, enumerable: false });
  }
}

/**
 * Throws the library's error unless a JavaScript caller passed a props object; `example` shows one.
 * `constructPath` is the construct's path, for constructs.
 */
export function assertProps(subject: string, props: unknown, example: string, constructPath?: string): void {
  if (props === null || typeof props !== 'object' || Array.isArray(props)) {
    throw NoxusSecretsError.at(constructPath, `${subject}: props ${props === undefined ? 'are missing' : `${JSON.stringify(props)} is not an object`}. Pass ${example}.`);
  }
}

/** What a construct takes instead of the facts it no longer takes one by one. */
export const CONTRACT_INSTEAD = 'contract: new SecretsContract({ blueprint, backend, identity, namespace })';

/**
 * Throws the library's error when a JavaScript caller passes a prop that the contract now holds
 * (`removed`, prefixed with `prefix` in the message), so that it is never silently ignored.
 */
export function assertRemovedProps(
  subject: string, props: unknown, removed: readonly string[], options: { prefix?: string; instead?: string; path?: string } = {},
): void {
  if (props === null || typeof props !== 'object') return;
  const given = removed.filter(name => (props as Record<string, unknown>)[name] !== undefined).map(name => `${options.prefix ?? ''}${name}`);
  if (given.length === 0) return;
  const names = given.length === 1 ? given[0] : `${given.slice(0, -1).join(', ')} and ${given[given.length - 1]}`;
  const [are, props_, them] = given.length === 1 ? ['is', 'a prop', 'it'] : ['are', 'props', 'them'];
  throw NoxusSecretsError.at(options.path, `${subject}: ${names} ${are} no longer ${props_}: the SecretsContract holds ${them}, so that every side reads one value. ` +
    `Pass ${options.instead ?? CONTRACT_INSTEAD}.`);
}

/**
 * A value as a message shows it: JSON where JSON can show it, its kind otherwise.
 * Not for secret values: a message never shows one.
 */
export function shown(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'function') return `a function${value.name ? ` (${value.name})` : ''}`;
  if (typeof value === 'bigint' || typeof value === 'symbol') return String(value);
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) {
    return `a ${value.constructor?.name || 'object'}`;
  }
  try {
    const text = JSON.stringify(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  } catch {
    return 'an object';
  }
}

/** Throws the library's error "required" when a value is missing, with what was given. */
export function assertRequired(subject: string, field: string, value: unknown, example: string, constructPath?: string): void {
  if (value === undefined || value === null || value === '') {
    throw NoxusSecretsError.at(constructPath, `${subject}: ${field} is required, and it is ${value === undefined ? 'missing' : shown(value)}. Pass e.g. ${field}: ${example}.`);
  }
}

/** The kinds of value a JavaScript caller may pass where TypeScript would have checked the type. */
export type ValueKind = 'string' | 'number' | 'boolean' | 'list' | 'object';

const KIND_TEXT: Record<ValueKind, string> = {
  string: 'a string', number: 'a number', boolean: 'a boolean (true or false, not a string or number)', list: 'a list', object: 'an object',
};

/** Whether `value` is of `kind`. */
export function isKind(value: unknown, kind: ValueKind): boolean {
  switch (kind) {
    case 'list': return Array.isArray(value);
    case 'object': return value !== null && typeof value === 'object' && !Array.isArray(value);
    case 'number': return typeof value === 'number' && !Number.isNaN(value);
    default: return typeof value === kind;
  }
}

/**
 * Throws the library's error unless an optional `value` is undefined or of `kind`: a JavaScript caller
 * (or a JSON file) can pass `"false"` for a boolean, which `if (value)` would take as true.
 */
export function assertKind(subject: string, field: string, value: unknown, kind: ValueKind, example: string, constructPath?: string): void {
  if (value === undefined || isKind(value, kind)) return;
  throw NoxusSecretsError.at(constructPath, `${subject}: ${field} ${shown(value)} is not ${KIND_TEXT[kind]}. Pass e.g. ${field}: ${example}, or leave it out.`);
}

/** As assertKind, for a value that must be given. */
export function assertRequiredKind(subject: string, field: string, value: unknown, kind: ValueKind, example: string, constructPath?: string): void {
  assertRequired(subject, field, value, example, constructPath);
  if (isKind(value, kind)) return;
  throw NoxusSecretsError.at(constructPath, `${subject}: ${field} ${shown(value)} is not ${KIND_TEXT[kind]}. Pass e.g. ${field}: ${example}.`);
}

/** The path a construct with `id` will have under `scope`: a check before `super()` names it. */
export function childPath(scope: { readonly node: { readonly path: string } }, id: string): string {
  return scope?.node?.path ? `${scope.node.path}/${id}` : id;
}
