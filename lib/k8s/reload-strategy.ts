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

/** The workload annotations for a strategy and the Secrets a workload reads. */
export function reloaderAnnotations(strategy: ReloadStrategy, secretNames: string[]): Record<string, string> {
  switch (strategy) {
    case ReloadStrategy.NONE: return {};
    case ReloadStrategy.AUTO: return { 'reloader.stakater.com/auto': 'true' };
    case ReloadStrategy.NAMED_SECRETS: return { 'secret.reloader.stakater.com/reload': secretNames.join(',') };
  }
}
