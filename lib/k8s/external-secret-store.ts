import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { BackendKind, IdentityKind, NoxusSecretsError, SecretBackend, WorkloadIdentity, assertDnsSubdomain, esoServiceAccountName } from '../core';
import { stripUndefined } from '../core/objects';

/** The ESO store kinds. */
export enum StoreKind {
  /** A store in one namespace. */
  SECRET_STORE = 'SecretStore',
  /** A store every namespace can reference. */
  CLUSTER_SECRET_STORE = 'ClusterSecretStore',
}

/** A store an ExternalSecret can read from. */
export interface IExternalSecretStore {
  /** The store's name. */
  readonly storeName: string;
  /** SecretStore or ClusterSecretStore. */
  readonly storeKind: StoreKind;
}

/** Props of an ESO store with its workload identity. */
export interface ExternalSecretStoreProps {
  /** Where the secrets live. */
  readonly backend: SecretBackend;
  /** How the store authenticates; it must fit the backend. */
  readonly identity: WorkloadIdentity;
  /** The store's ID in the blueprint ('platform', 'pool-<name>'): it names the cloud role, GSA or client ID. */
  readonly storeId: string;
  /**
   * The store's name.
   * @default 'noxus-<storeId>'
   */
  readonly name?: string;
  /**
   * SecretStore or ClusterSecretStore.
   * @default StoreKind.SECRET_STORE
   */
  readonly kind?: StoreKind;
  /**
   * The ServiceAccount the store authenticates as; rendered with the identity's annotations.
   * Not allowed with EKS Pod Identity, where ESO uses its controller's identity.
   * @default 'noxus-eso-<storeId>' (none with EKS Pod Identity)
   */
  readonly serviceAccountName?: string;
  /**
   * Namespace of the ServiceAccount, required for a ClusterSecretStore.
   * @default - the chart's namespace
   */
  readonly serviceAccountNamespace?: string;
}

/**
 * An External Secrets Operator store (`external-secrets.io/v1`) for one
 * backend, and the ServiceAccount it authenticates as, annotated for its
 * workload identity. One store per ServiceAccount keeps stores isolated.
 */
export class ExternalSecretStore extends Construct implements IExternalSecretStore {
  /** A store that exists outside this app. */
  public static fromStoreName(storeName: string, storeKind: StoreKind = StoreKind.SECRET_STORE): IExternalSecretStore {
    return { storeName, storeKind };
  }

  public readonly storeName: string;
  public readonly storeKind: StoreKind;
  /** The ServiceAccount's name; undefined with EKS Pod Identity. */
  public readonly serviceAccountName?: string;
  /** The rendered store. */
  public readonly resource: ApiObject;
  /** The rendered ServiceAccount; undefined with EKS Pod Identity. */
  public readonly serviceAccount?: ApiObject;

  constructor(scope: Construct, id: string, props: ExternalSecretStoreProps) {
    super(scope, id);
    const path = this.node.path;
    const subject = `ExternalSecretStore ${JSON.stringify(props.storeId)}`;
    props.identity.assertCompatible(props.backend, path);
    this.storeName = props.name ?? `noxus-${props.storeId}`;
    this.storeKind = props.kind ?? StoreKind.SECRET_STORE;
    assertDnsSubdomain(subject, 'name', this.storeName, path);

    if (!props.identity.usesStoreServiceAccount && props.serviceAccountName !== undefined) {
      throw NoxusSecretsError.at(path, `${subject}: serviceAccountName ${JSON.stringify(props.serviceAccountName)} is set, but EKS Pod Identity ` +
        "cannot use a store serviceAccountRef (ESO authenticates as its own controller and assumes the store's role). " +
        'Remove serviceAccountName, or use WorkloadIdentity.irsa.');
    }
    let saRef: Record<string, string> | undefined;
    if (props.identity.usesStoreServiceAccount) {
      this.serviceAccountName = props.serviceAccountName ?? esoServiceAccountName(props.storeId);
      assertDnsSubdomain(subject, 'serviceAccountName', this.serviceAccountName, path);
      const namespace = props.serviceAccountNamespace ?? Chart.of(this).namespace;
      if (this.storeKind === StoreKind.CLUSTER_SECRET_STORE && namespace === undefined) {
        throw NoxusSecretsError.at(path, `${subject}: a ClusterSecretStore needs the namespace of its ServiceAccount, and neither ` +
          'serviceAccountNamespace nor the chart\'s namespace is set. Set serviceAccountNamespace.');
      }
      const annotations = props.identity.serviceAccountAnnotations(props.storeId, path);
      this.serviceAccount = new ApiObject(this, 'ServiceAccount', {
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: { name: this.serviceAccountName, namespace: props.serviceAccountNamespace, annotations },
        automountServiceAccountToken: false,
      });
      saRef = { name: this.serviceAccountName, ...(this.storeKind === StoreKind.CLUSTER_SECRET_STORE ? { namespace: namespace! } : {}) };
    }

    this.resource = new ApiObject(this, 'Resource', {
      apiVersion: 'external-secrets.io/v1',
      kind: this.storeKind,
      metadata: { name: this.storeName },
      spec: { provider: providerSpec(props.backend, props.identity, props.storeId, saRef) },
    });
  }
}

function providerSpec(backend: SecretBackend, identity: WorkloadIdentity, storeId: string, saRef?: Record<string, string>): Record<string, unknown> {
  switch (backend.kind) {
    case BackendKind.AWS_SECRETS_MANAGER:
    case BackendKind.AWS_PARAMETER_STORE:
      return {
        aws: {
          service: backend.kind === BackendKind.AWS_SECRETS_MANAGER ? 'SecretsManager' : 'ParameterStore',
          region: backend.region,
          ...(identity.kind === IdentityKind.IRSA ? { auth: { jwt: { serviceAccountRef: saRef } } } : { role: identity.roleArn(storeId) }),
        },
      };
    case BackendKind.GCP_SECRET_MANAGER:
      return {
        gcpsm: {
          projectID: backend.projectId,
          auth: {
            workloadIdentity: stripUndefined({
              serviceAccountRef: saRef,
              clusterLocation: identity.clusterLocation,
              clusterName: identity.clusterName,
              clusterProjectID: identity.clusterProjectId,
            }),
          },
        },
      };
    case BackendKind.AZURE_KEY_VAULT:
      return { azurekv: { vaultUrl: backend.vaultUrl, authType: 'WorkloadIdentity', serviceAccountRef: saRef, tenantId: identity.tenantId } };
    case BackendKind.VAULT:
      return {
        vault: {
          server: backend.server,
          path: backend.mountPath,
          version: backend.version,
          auth: { kubernetes: { mountPath: identity.authMountPath, role: identity.vaultRole(storeId), serviceAccountRef: saRef } },
        },
      };
  }
}
