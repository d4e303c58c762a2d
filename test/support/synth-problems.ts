import { NoxusSecretsError } from '../../lib';

/**
 * The messages of the library's problems that `validate` throws (a construct's `node.validate()`),
 * without their construct paths; none when it returns. Anything else it throws is thrown again.
 */
export function synthProblems(validate: () => unknown): string[] {
  try {
    validate();
    return [];
  } catch (e) {
    if (!(e instanceof NoxusSecretsError)) throw e;
    if (e.constructPath !== undefined) return [e.message.slice(e.constructPath.length + 3)];
    return e.message.split('\n').slice(1).map(line => line.replace(/^ {2}\[[^\]]*\] /, ''));
  }
}
