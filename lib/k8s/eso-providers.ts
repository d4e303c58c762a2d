import {
  AwsBackend, AwsIamIdentity, AwsSecretsManagerBackend, AzureKeyVaultBackend, AzureWorkloadIdentity, GcpSecretManagerBackend, GkeWorkloadIdentity,
  ISecretBackend, IWorkloadIdentity, IrsaIdentity, NoxusSecretsError, StoreContext, VaultBackend, VaultKubernetesIdentity,
} from '../core';
import { stripUndefined } from '../core/objects';

/** A ServiceAccount reference in an ESO provider's auth block. */
export interface ServiceAccountRef {
  readonly name: string;
  /** Only for a ClusterSecretStore. */
  readonly namespace?: string;
}

/**
 * A backend of your own (1Password Connect, Doppler, ...) as External Secrets Operator reads it.
 * The library renders its own backends' provider blocks; a backend it does not know implements
 * this beside `ISecretBackend`.
 */
export interface IEsoSecretBackend extends ISecretBackend {
  /**
   * The ESO `spec.provider` of one store, given the authentication fields of the store's
   * identity (`IEsoWorkloadIdentity.esoAuth`), e.g. `{ onepassword: { connectHost, vaults, ...auth } }`.
   */
  esoProvider(auth: Record<string, unknown>): Record<string, unknown>;
}

/**
 * An identity of your own as External Secrets Operator uses it. The library renders its own
 * identities' annotations and auth fields; an identity it does not know implements this beside
 * `IWorkloadIdentity`.
 */
export interface IEsoWorkloadIdentity extends IWorkloadIdentity {
  /** Annotations of the store's ServiceAccount (where `bind(store).serviceAccountName` is set). */
  serviceAccountAnnotations(store: StoreContext): Record<string, string>;
  /** The authentication fields of the store's ESO provider block. */
  esoAuth(store: StoreContext, serviceAccountRef?: ServiceAccountRef): Record<string, unknown>;
}

/**
 * The ESO `spec.provider` of a store on `backend` with the auth fields `auth`: the library's
 * backends by kind, another through its `esoProvider`.
 * @internal
 */
export function esoProvider(backend: ISecretBackend, auth: Record<string, unknown>, path?: string): Record<string, unknown> {
  if (backend instanceof AwsBackend) {
    return { aws: { service: backend instanceof AwsSecretsManagerBackend ? 'SecretsManager' : 'ParameterStore', region: backend.region, ...auth } };
  }
  if (backend instanceof GcpSecretManagerBackend) return { gcpsm: { projectID: backend.projectId, ...auth } };
  if (backend instanceof AzureKeyVaultBackend) return { azurekv: { vaultUrl: backend.vaultUrl, ...auth } };
  if (backend instanceof VaultBackend) return { vault: { server: backend.server, path: backend.mountPath, version: backend.version, ...auth } };
  const own = backend as Partial<IEsoSecretBackend>;
  if (typeof own.esoProvider !== 'function') {
    throw NoxusSecretsError.at(path, `ExternalSecretStore: backend ${JSON.stringify(backend.kind)} is not one of the library's, and has no esoProvider ` +
      'to say its ESO provider block. Implement IEsoSecretBackend on it: esoProvider(auth) returning e.g. { onepassword: { connectHost, vaults, ...auth } }.');
  }
  return own.esoProvider(auth);
}

/**
 * The annotations of a store's ServiceAccount: the library's identities by kind, another through
 * its `serviceAccountAnnotations`. Throws the library's error where an input is missing (an Azure client ID).
 * @internal
 */
export function serviceAccountAnnotations(identity: IWorkloadIdentity, store: StoreContext, path?: string): Record<string, string> {
  if (identity instanceof IrsaIdentity) return { 'eks.amazonaws.com/role-arn': identity.bind(store).roleArn };
  if (identity instanceof GkeWorkloadIdentity) {
    const gsaEmail = identity.bind(store).gsaEmail;
    return gsaEmail === undefined ? {} : { 'iam.gke.io/gcp-service-account': gsaEmail };
  }
  if (identity instanceof AzureWorkloadIdentity) {
    return { 'azure.workload.identity/client-id': identity._clientId(store.id), 'azure.workload.identity/tenant-id': identity.tenantId };
  }
  if (identity instanceof AwsIamIdentity || identity instanceof VaultKubernetesIdentity) return {};
  return ownIdentity(identity, path).serviceAccountAnnotations(store);
}

/**
 * The authentication fields of a store's ESO provider block: the library's identities by kind,
 * another through its `esoAuth`.
 * @internal
 */
export function esoAuth(identity: IWorkloadIdentity, store: StoreContext, ref: ServiceAccountRef | undefined, path?: string): Record<string, unknown> {
  if (identity instanceof IrsaIdentity) return { auth: { jwt: { serviceAccountRef: ref } } };
  // ESO (2.5.0+) tags the session with the store's namespace, name and kind; the role's trust requires them.
  if (identity instanceof AwsIamIdentity) return { role: identity.bind(store).roleArn, sessionTagsPolicy: 'Simple' };
  if (identity instanceof GkeWorkloadIdentity) {
    return {
      auth: {
        workloadIdentity: stripUndefined({
          serviceAccountRef: ref, clusterLocation: identity.clusterLocation, clusterName: identity.clusterName, clusterProjectID: identity.clusterProjectId,
        }),
      },
    };
  }
  if (identity instanceof AzureWorkloadIdentity) return { authType: 'WorkloadIdentity', serviceAccountRef: ref, tenantId: identity.tenantId };
  if (identity instanceof VaultKubernetesIdentity) {
    const role = identity.bind(store).principalName;
    // ESO's TokenRequest asks for serviceAccountRef.audiences only (none: the API server's own audience).
    return { auth: { kubernetes: { mountPath: identity.authMountPath, role, serviceAccountRef: ref && { ...ref, audiences: [identity.audience] } } } };
  }
  return ownIdentity(identity, path).esoAuth(store, ref);
}

function ownIdentity(identity: IWorkloadIdentity, path?: string): IEsoWorkloadIdentity {
  const own = identity as Partial<IEsoWorkloadIdentity>;
  if (typeof own.serviceAccountAnnotations !== 'function' || typeof own.esoAuth !== 'function') {
    throw NoxusSecretsError.at(path, `ExternalSecretStore: identity ${JSON.stringify(identity.kind)} is not one of the library's, and has no ` +
      'serviceAccountAnnotations and esoAuth to say how ESO authenticates with it. Implement IEsoWorkloadIdentity on it: ' +
      'serviceAccountAnnotations(store) and esoAuth(store, serviceAccountRef).');
  }
  return identity as IEsoWorkloadIdentity;
}
