import { NoxusSecretsError } from '../core/errors';

/**
 * Throws the library's error naming the packages to install when an optional peer of a
 * cloud entry point is missing, instead of Node's "Cannot find module" from deep inside.
 * Each module is one the entry loads (a deep provider path, never a barrel).
 * @internal
 */
export function requirePeers(entry: string, modules: Record<string, string>): void {
  const missing = Object.entries(modules).filter(([, module]) => {
    try {
      require.resolve(module);
      return false;
    } catch {
      return true;
    }
  }).map(([pkg]) => pkg);
  if (missing.length > 0) {
    throw new NoxusSecretsError(`${entry} needs ${missing.join(' and ')}, which ${missing.length > 1 ? 'are' : 'is'} not installed ` +
      `(optional peer dependencies: only the clouds you use need theirs). Install: npm install ${missing.join(' ')}`);
  }
}
