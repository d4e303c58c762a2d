import { NoxusSecretsError, assertKind, assertProps, assertRequired } from './errors';
import { assertDnsLabel } from './names';

/** The task types a pool takes, the chart's `workerSubscribe`. */
export enum WorkerSubscribe {
  ALL = 'all',
  ALL_BUT_KB = 'all_but_kb',
  FLOW = 'flow',
  CHAT = 'chat',
  KB = 'kb',
}

/**
 * A worker pool of the Noxus chart (`worker.pools.<name>`). Only the keys the
 * docs name are modelled; each is written to the Helm values only if set.
 */
export interface WorkerPoolProps {
  /** The pool's key under `worker.pools`; a lowercase RFC 1123 label. */
  readonly name: string;
  /**
   * Env names of the secrets only this pool receives; each is declared in the blueprint's `secrets`.
   * @default - none: the pool receives the global and worker-only secrets
   */
  readonly secrets?: string[];
  /**
   * Keys this pool may take from its own secrets although a broader scope (global or worker-only) also has them.
   * @default - none: an overlap is an error
   */
  readonly allowOverride?: string[];
  /**
   * The chart's `enabled`.
   * @default - not set (the chart's default)
   */
  readonly enabled?: boolean;
  /**
   * The chart's `replicaCount`.
   * @default - not set (the chart's default, 1)
   */
  readonly replicaCount?: number;
  /**
   * The chart's `workerSubscribe`.
   * @default - not set (the chart's default, all_but_kb)
   */
  readonly workerSubscribe?: WorkerSubscribe;
  /**
   * The chart's `workerSubscribeTenants`, joined with commas.
   * @default - not set (all tenants)
   */
  readonly workerSubscribeTenants?: string[];
  /**
   * The chart's `workerSubscribeWorkspaces`, joined with commas.
   * @default - not set (all workspaces)
   */
  readonly workerSubscribeWorkspaces?: string[];
}

/** A validated pool of a blueprint. */
export class WorkerPool {
  public readonly name: string;
  /** Keys only this pool receives, sorted. */
  public readonly secrets: string[];
  /** Keys this pool may override, sorted. */
  public readonly allowOverride: string[];
  public readonly enabled?: boolean;
  public readonly replicaCount?: number;
  public readonly workerSubscribe?: WorkerSubscribe;
  public readonly workerSubscribeTenants?: string[];
  public readonly workerSubscribeWorkspaces?: string[];

  /** @internal */
  constructor(props: WorkerPoolProps) {
    assertProps('WorkerPool', props, "{ name: 'finance', secrets: ['BANK_API_TOKEN'] }");
    assertRequired('WorkerPool', 'name', props.name, '"finance"');
    const subject = `WorkerPool ${JSON.stringify(props.name)}`;
    assertDnsLabel(subject, 'pool name', props.name);
    assertKind(subject, 'secrets', props.secrets, 'list', "['BANK_API_TOKEN']");
    assertKind(subject, 'allowOverride', props.allowOverride, 'list', "['BANK_API_TOKEN']");
    assertKind(subject, 'enabled', props.enabled, 'boolean', 'false');
    this.name = props.name;
    this.secrets = uniqueSorted(subject, 'secrets', props.secrets ?? []);
    this.allowOverride = uniqueSorted(subject, 'allowOverride', props.allowOverride ?? []);
    if (props.replicaCount !== undefined && !(Number.isInteger(props.replicaCount) && props.replicaCount >= 0)) {
      throw new NoxusSecretsError(`${subject}: replicaCount ${props.replicaCount} is not a whole number of 0 or more. Use e.g. 2.`);
    }
    if (props.workerSubscribe !== undefined && !Object.values(WorkerSubscribe).includes(props.workerSubscribe)) {
      throw new NoxusSecretsError(`${subject}: workerSubscribe ${JSON.stringify(props.workerSubscribe)} is not a queue type the chart knows ` +
        `(${Object.values(WorkerSubscribe).join(', ')}). Use a WorkerSubscribe value.`);
    }
    assertIdList(subject, 'workerSubscribeTenants', props.workerSubscribeTenants);
    assertIdList(subject, 'workerSubscribeWorkspaces', props.workerSubscribeWorkspaces);
    this.enabled = props.enabled;
    this.replicaCount = props.replicaCount;
    this.workerSubscribe = props.workerSubscribe;
    this.workerSubscribeTenants = props.workerSubscribeTenants ? [...props.workerSubscribeTenants] : undefined;
    this.workerSubscribeWorkspaces = props.workerSubscribeWorkspaces ? [...props.workerSubscribeWorkspaces] : undefined;
  }
}

function uniqueSorted(subject: string, field: string, names: string[]): string[] {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) {
      throw new NoxusSecretsError(`${subject}: ${field} lists ${JSON.stringify(name)} twice (each key once). Remove the repeat.`);
    }
    seen.add(name);
  }
  return [...seen].sort();
}

function assertIdList(subject: string, field: string, ids: string[] | undefined): void {
  for (const id of ids ?? []) {
    if (id.trim() === '' || id.includes(',') || id !== id.trim()) {
      throw new NoxusSecretsError(`${subject}: ${field} entry ${JSON.stringify(id)} is not an ID ` +
        `(the chart joins the list with commas: each entry is non-empty, without commas or surrounding spaces). Give one ID per entry.`);
    }
  }
}
