import { Deployment, StatefulSet, DaemonSet } from 'kubernetes-models/apps/v1';
import { Namespace, Pod, Secret, ServiceAccount } from 'kubernetes-models/v1';
import { validateSecretProviderClass } from './secret-provider-class-schema';
import { ClusterSecretStore, ExternalSecret, SecretStore } from '@kubernetes-models/external-secrets/external-secrets.io/v1';
import { Password } from '@kubernetes-models/external-secrets/generators.external-secrets.io/v1alpha1';
import { ValidatingAdmissionPolicy, ValidatingAdmissionPolicyBinding } from 'kubernetes-models/admissionregistration.k8s.io/v1';
import { Role, RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1';
import Ajv from 'ajv';
import { readFileSync } from 'fs';
import * as path from 'path';

// One upstream model per kind this library or its examples emit; an unknown
// kind fails the check, so nothing reaches a cluster unvalidated.
const MODELS: Record<string, new (data: any) => any> = {
  'v1/Namespace': Namespace,
  'v1/Secret': Secret,
  'v1/ServiceAccount': ServiceAccount,
  'v1/Pod': Pod,
  'apps/v1/Deployment': Deployment,
  'apps/v1/StatefulSet': StatefulSet,
  'apps/v1/DaemonSet': DaemonSet,
  'external-secrets.io/v1/ExternalSecret': ExternalSecret,
  'external-secrets.io/v1/SecretStore': SecretStore,
  'external-secrets.io/v1/ClusterSecretStore': ClusterSecretStore,
  'admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy': ValidatingAdmissionPolicy,
  'admissionregistration.k8s.io/v1/ValidatingAdmissionPolicyBinding': ValidatingAdmissionPolicyBinding,
  'generators.external-secrets.io/v1alpha1/Password': Password,
  'rbac.authorization.k8s.io/v1/Role': Role,
  'rbac.authorization.k8s.io/v1/RoleBinding': RoleBinding,
};

/**
 * A CRD's structural schema as the API server reads it with strict field validation
 * (`kubectl apply --validate=strict`): an unknown field is an error, not silently pruned
 * (an older ESO would prune a field it does not know, such as sessionTagsPolicy before 2.5.0).
 */
export function strictCrdValidator(schema: any): (o: any) => string[] {
  const strict = (n: any): any => {
    if (Array.isArray(n)) return n.map(strict);
    if (n === null || typeof n !== 'object') return n;
    const out: any = {};
    for (const [k, v] of Object.entries(n)) if (!k.startsWith('x-kubernetes-')) out[k] = strict(v);
    if (n.type === 'object' && n.properties && n.additionalProperties === undefined && !n['x-kubernetes-preserve-unknown-fields']) out.additionalProperties = false;
    return out;
  };
  const validate = new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(strict(schema));
  return o => (validate(o) ? [] : (validate.errors ?? []).map(e => `${e.instancePath || '/'} ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${(e.params as any).additionalProperty})` : ''}`));
}

const crd = (file: string) => strictCrdValidator(JSON.parse(readFileSync(path.join(__dirname, 'crds', file), 'utf-8')).schema);
const secretStoreSchema = crd('eso-secretstore-v1.json');
const passwordSchema = crd('eso-password-v1alpha1.json');
const externalSecretSchema = crd('eso-externalsecret-v1.json');
/** Kinds checked against ESO's own CRD with strict fields, beside the kubernetes-models check. */
const CRDS: Record<string, (o: any) => string[]> = { SecretStore: secretStoreSchema, ClusterSecretStore: secretStoreSchema, Password: passwordSchema, ExternalSecret: externalSecretSchema };

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
  const strict = manifest.apiVersion?.includes('external-secrets.io') ? CRDS[manifest.kind] : undefined;
  if (strict) {
    // The kubernetes-models ESO package predates fields the library sets (sessionTagsPolicy, refreshPolicy): check against ESO 2.9.0's CRD too.
    const { apiVersion, kind, metadata, ...rest } = manifest;
    const errors = strict({ apiVersion, kind, metadata: {}, ...rest });
    if (errors.length > 0) throw new Error(`${kind} ${metadata?.name}: not valid against ESO's CRD: ${errors.join('; ')}`);
  }
}

/** Validates every manifest. */
export function validateAll(manifests: any[]): void {
  for (const m of manifests) validateManifest(m);
}
