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

/** Throws the library's error "required" when a value is missing. */
export function assertRequired(subject: string, field: string, value: unknown, example: string): void {
  if (value === undefined || value === null || value === '') {
    throw new NoxusSecretsError(`${subject}: ${field} is required. Pass e.g. ${example}.`);
  }
}
