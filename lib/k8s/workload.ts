import { IConstruct } from 'constructs';
import { NoxusSecretsError } from '../core';

/**
 * A container as the library uses it: its env sources and its mounts. The parameters are
 * `unknown` because each cdk8s-plus major has its own (nominally distinct) Env and Volume
 * classes; what the library passes is what every 2.x major renders.
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

/** Throws the library's error unless `x` is a cdk8s-plus workload as `IWorkload` describes it. */
export function assertWorkload(path: string, method: string, x: unknown): asserts x is IWorkload {
  const w = x as Partial<IWorkload> | undefined;
  const ok = w !== null && typeof w === 'object' && Array.isArray(w.containers) && typeof w.addVolume === 'function'
    && typeof w.metadata?.addAnnotation === 'function' && typeof w.node?.path === 'string'
    && w.containers.every(c => typeof c?.env?.copyFrom === 'function' && typeof c.mount === 'function');
  if (!ok) {
    const cls = (w as object | undefined)?.constructor?.name ?? 'value';
    const what = w === null || typeof w !== 'object' ? JSON.stringify(w) : `${/^[AEIOU]/.test(cls) ? 'an' : 'a'} ${cls}`;
    throw NoxusSecretsError.at(path, `NoxusPlatformSecrets: ${method} got ${what}, which is not a cdk8s-plus workload ` +
      '(containers, metadata, addVolume). Pass a Deployment, StatefulSet, DaemonSet, Job or Pod of cdk8s-plus 2.x (cdk8s-plus-28 to -33).');
  }
}

/** An `envFrom` source of one Secret, in the shape every cdk8s-plus 2.x Env renders. */
export function envFromSecret(name: string): unknown {
  return { _toKube: () => ({ secretRef: { name } }) };
}

/** A CSI volume, in the shape every cdk8s-plus 2.x pod renders and mounts. */
export function csiVolume(name: string, driver: string, attributes: Record<string, string>): unknown {
  const volume = {
    name,
    asVolume: () => volume,
    _toKube: () => ({ name, csi: { driver, readOnly: true, volumeAttributes: attributes } }),
  };
  return volume;
}
