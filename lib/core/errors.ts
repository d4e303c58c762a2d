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

  /** Construct path where the check ran, when it ran inside a construct. */
  public readonly constructPath?: string;

  constructor(message: string, constructPath?: string) {
    super(constructPath ? `[${constructPath}] ${message}` : message);
    this.name = 'NoxusSecretsError';
    this.constructPath = constructPath;
  }
}
