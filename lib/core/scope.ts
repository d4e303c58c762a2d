/** Who receives a secret. Precedence, lowest first: GLOBAL < WORKER_ONLY < POOL. */
export enum SecretScope {
  /** Every service: Frontend, Backend, Beat and every worker pool. */
  GLOBAL = 'global',
  /** Every worker pool, never Frontend, Backend or Beat. */
  WORKER_ONLY = 'worker-only',
  /** The workers of one pool only. */
  POOL = 'pool',
}

/** The Noxus services that read secrets from their environment. */
export enum NoxusService {
  FRONTEND = 'frontend',
  BACKEND = 'backend',
  BEAT = 'beat',
  /** A worker: which keys it sees depends on its pool. */
  WORKER = 'worker',
}

/** Rank of a scope in the precedence order; a higher rank overrides a lower one. */
export function scopeRank(scope: SecretScope): number {
  return [SecretScope.GLOBAL, SecretScope.WORKER_ONLY, SecretScope.POOL].indexOf(scope);
}
