import { IConstruct } from 'constructs';
import { NoxusSecretsError } from '../core';

/**
 * A container as the library uses it: its env sources and its mounts. The parameters are
 * `unknown` because each cdk8s-plus major has its own (nominally distinct) EnvFrom and Volume
 * classes; the library passes those of the workload's own major (`Env.fromSecret`, `Volume.fromCsi`).
 */
export interface IWorkloadContainer {
  readonly env: { copyFrom(from: unknown): void };
  mount(path: string, storage: unknown, options?: unknown): void;
}

/**
 * What the library needs of a workload: its pod template's containers, its metadata for
 * annotations, its ServiceAccount and volumes. Every cdk8s-plus 2.x workload (Deployment,
 * StatefulSet, DaemonSet, Job, Pod of cdk8s-plus-28 through -33) is one.
 */
export interface IWorkload extends IConstruct {
  readonly containers: readonly IWorkloadContainer[];
  readonly metadata: { addAnnotation(key: string, value: string): void; toJson(): { annotations?: Record<string, string> } };
  readonly serviceAccount?: { readonly name: string };
  addVolume(volume: unknown): void;
}

/** Throws the library's error unless `x` is a cdk8s-plus workload as `IWorkload` describes it, of a major the library loads. */
export function assertWorkload(path: string, method: string, x: unknown): asserts x is IWorkload {
  const w = x as Partial<IWorkload> | undefined;
  const ok = w !== null && typeof w === 'object' && Array.isArray(w.containers) && typeof w.addVolume === 'function'
    && typeof w.metadata?.addAnnotation === 'function' && typeof w.node?.path === 'string'
    && w.containers.every(c => typeof c?.env?.copyFrom === 'function' && typeof c.mount === 'function');
  if (!ok) {
    throw NoxusSecretsError.at(path, `NoxusPlatformSecrets: ${method} got ${described(w)}, which is not a cdk8s-plus workload ` +
      `(containers, metadata, addVolume). Pass a Deployment, StatefulSet, DaemonSet, Job or Pod of cdk8s-plus 2.x (${MAJORS_TEXT}).`);
  }
  cdk8sPlusOf(path, method, w as IWorkload);
}

/**
 * The public cdk8s-plus API the wiring calls: `Secret.fromSecretName`, `Env.fromSecret` and
 * `Volume.fromCsi` are the same in every 2.x major, and each major's objects go to its own workloads.
 * @internal
 */
export interface Cdk8sPlusApi {
  readonly AbstractPod: Function;
  readonly Secret: { fromSecretName(scope: IConstruct, id: string, name: string): unknown };
  readonly Env: { fromSecret(secret: unknown): unknown };
  readonly Volume: { fromCsi(scope: IConstruct, id: string, driver: string, options?: { readonly name?: string; readonly readOnly?: boolean; readonly attributes?: Record<string, string> }): unknown };
}

/**
 * The cdk8s-plus majors the library wires, newest first (optional peer dependencies: a user
 * installs one). Literal requires, each loaded only when a workload is attached and only if installed.
 */
const MAJORS: ReadonlyArray<readonly [string, () => Cdk8sPlusApi]> = [
  ['cdk8s-plus-33', () => require('cdk8s-plus-33')],
  ['cdk8s-plus-32', () => require('cdk8s-plus-32')],
  ['cdk8s-plus-31', () => require('cdk8s-plus-31')],
  ['cdk8s-plus-30', () => require('cdk8s-plus-30')],
  ['cdk8s-plus-29', () => require('cdk8s-plus-29')],
  ['cdk8s-plus-28', () => require('cdk8s-plus-28')],
];
const MAJORS_TEXT = `${MAJORS[MAJORS.length - 1][0]} to -${MAJORS[0][0].split('-').pop()}`;

/**
 * The cdk8s-plus module whose workload `workload` is, as this library resolves it; the library's error if none.
 * @internal
 */
export function cdk8sPlusOf(path: string, method: string, workload: IWorkload): Cdk8sPlusApi {
  const installed: string[] = [];
  for (const [name, load] of MAJORS) {
    const plus = loadIfInstalled(name, load);
    if (plus === undefined) continue;
    if (workload instanceof plus.AbstractPod) return plus;
    installed.push(name);
  }
  throw NoxusSecretsError.at(path, `NoxusPlatformSecrets: ${method} got ${described(workload)} ${JSON.stringify(workload.node.path)}, which is not a ` +
    `workload of the cdk8s-plus this library loads (${MAJORS_TEXT}; installed beside it: ${installed.join(', ') || 'none'}). Create the workload ` +
    'with one of them, installed once, so that your app and this library load the same copy.');
}

/** Each major once, as found (null: not installed): a require per attached workload costs its resolution each time. */
const LOADED = new Map<string, Cdk8sPlusApi | null>();

function loadIfInstalled(name: string, load: () => Cdk8sPlusApi): Cdk8sPlusApi | undefined {
  const known = LOADED.get(name);
  if (known !== undefined) return known ?? undefined;
  try {
    const plus = load();
    LOADED.set(name, plus);
    return plus;
  } catch (e) {
    // Not installed: the package itself is missing (a missing dependency of it is a broken install, and is thrown).
    if ((e as { code?: unknown }).code === 'MODULE_NOT_FOUND' && String((e as Error).message).includes(`'${name}'`)) {
      LOADED.set(name, null);
      return undefined;
    }
    throw e;
  }
}

function described(w: unknown): string {
  if (w === null || typeof w !== 'object') return JSON.stringify(w);
  const cls = w.constructor?.name ?? 'value';
  return `${/^[AEIOU]/.test(cls) ? 'an' : 'a'} ${cls}`;
}
