/** A copy of `o` without its undefined fields, so that rendered objects carry only what is set. */
export function stripUndefined<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(o)) {
    const value = (o as Record<string, unknown>)[key];
    if (value !== undefined) out[key] = value;
  }
  return out as T;
}

/**
 * What Kubernetes knows a manifest by: API group, kind, namespace and name. Two versions of
 * one group (external-secrets.io/v1 and v1beta1) are one resource, so one object.
 */
export function objectIdentity(manifest: any): string {
  const apiVersion = String(manifest.apiVersion ?? '');
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  return `${group}|${manifest.kind}|${manifest.metadata?.namespace ?? ''}|${manifest.metadata?.name}`;
}
