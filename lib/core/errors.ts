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

/** Throws the library's error "required" when a value is missing. */
export function assertRequired(subject: string, field: string, value: unknown, example: string): void {
  if (value === undefined || value === null || value === '') {
    throw new NoxusSecretsError(`${subject}: ${field} is required. Pass e.g. ${example}.`);
  }
}
