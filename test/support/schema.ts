import { Deployment, StatefulSet, DaemonSet } from 'kubernetes-models/apps/v1';
import { Pod, Secret, ServiceAccount } from 'kubernetes-models/v1';
import { validateSecretProviderClass } from './secret-provider-class-schema';
import { ClusterSecretStore, ExternalSecret, SecretStore } from '@kubernetes-models/external-secrets/external-secrets.io/v1';

// One upstream model per kind this library or its examples emit; an unknown
// kind fails the check, so nothing reaches a cluster unvalidated.
const MODELS: Record<string, new (data: any) => any> = {
  'v1/Secret': Secret,
  'v1/ServiceAccount': ServiceAccount,
  'v1/Pod': Pod,
  'apps/v1/Deployment': Deployment,
  'apps/v1/StatefulSet': StatefulSet,
  'apps/v1/DaemonSet': DaemonSet,
  'external-secrets.io/v1/ExternalSecret': ExternalSecret,
  'external-secrets.io/v1/SecretStore': SecretStore,
  'external-secrets.io/v1/ClusterSecretStore': ClusterSecretStore,
};

/** Validates one manifest against the upstream Kubernetes schema; throws on the first violation. */
export function validateManifest(manifest: any): void {
  const key = `${manifest.apiVersion}/${manifest.kind}`;
  if (key === 'secrets-store.csi.x-k8s.io/v1/SecretProviderClass') {
    validateSecretProviderClass(manifest);
    return;
  }
  const Model = MODELS[key];
  if (!Model) {
    throw new Error(`no schema registered for ${key}; add its kubernetes-models class to test/support/schema.ts`);
  }
  new Model(manifest).validate();
}

/** Validates every manifest. */
export function validateAll(manifests: any[]): void {
  for (const m of manifests) validateManifest(m);
}
