import { NoxusSecretsError, shown } from '../core';

/** Whether and how Stakater Reloader restarts workloads when their env Secrets change. */
export enum ReloadStrategy {
  /** No Reloader annotations: pods keep the values they started with until restarted. */
  NONE = 'none',
  /**
   * `secret.reloader.stakater.com/reload: "<the workload's env Secrets>"`:
   * restart only when one of the Secrets this library wired changes.
   */
  NAMED_SECRETS = 'named-secrets',
  /** `reloader.stakater.com/auto: "true"`: restart on a change to any Secret or ConfigMap the workload references. */
  AUTO = 'auto',
}

/** Throws the library's error unless `strategy` is a ReloadStrategy (a JavaScript caller may pass any string). */
export function assertReloadStrategy(subject: string, strategy: unknown, path?: string): void {
  if (!(Object.values(ReloadStrategy) as unknown[]).includes(strategy)) {
    throw NoxusSecretsError.at(path, `${subject}: reload ${shown(strategy)} is not a ReloadStrategy (${Object.values(ReloadStrategy).map(s => JSON.stringify(s)).join(', ')}). ` +
      'Use e.g. ReloadStrategy.NAMED_SECRETS, or leave it out.');
  }
}

/** The workload annotations for a strategy and the Secrets a workload reads. */
export function reloaderAnnotations(strategy: ReloadStrategy, secretNames: string[]): Record<string, string> {
  switch (strategy) {
    case ReloadStrategy.NONE: return {};
    case ReloadStrategy.AUTO: return { 'reloader.stakater.com/auto': 'true' };
    case ReloadStrategy.NAMED_SECRETS: return { 'secret.reloader.stakater.com/reload': secretNames.join(',') };
  }
}
