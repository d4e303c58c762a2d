import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { KubeServiceAccount } from './imports/k8s';
import { NoxusSecretsError, Store, assertDnsLabel, assertDnsSubdomain, assertProps, childPath, shown } from '../core';
import { ServiceAccountRef, esoAuth, esoProvider, serviceAccountAnnotations } from './eso-providers';

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
  /** The contract's store (`contract.sharedStore`, `contract.poolStore('acme')`): its backend, identity and names. */
  readonly store: Store;
  /**
   * The store's name.
   * @default store.storeName ('noxus-<store id>')
   */
  readonly name?: string;
  /**
   * SecretStore or ClusterSecretStore.
   * @default StoreKind.SECRET_STORE
   */
  readonly kind?: StoreKind;
  /**
   * Namespace of the ServiceAccount, required for a ClusterSecretStore.
   * @default - the contract's namespace
   */
  readonly serviceAccountNamespace?: string;
}

/**
 * An External Secrets Operator store (`external-secrets.io/v1`) for one
 * contract store, and the ServiceAccount it authenticates as, annotated for its
 * workload identity. One store per ServiceAccount keeps stores isolated.
 */
export class ExternalSecretStore extends Construct implements IExternalSecretStore {
  /** A store that exists outside this app. */
  public static fromStoreName(storeName: string, storeKind: StoreKind = StoreKind.SECRET_STORE): IExternalSecretStore {
    const store = { storeName, storeKind };
    assertStoreRef('ExternalSecretStore.fromStoreName', store);
    return store;
  }

  public readonly storeName: string;
  public readonly storeKind: StoreKind;
  /** The ServiceAccount's name; undefined where the identity uses none (EKS Pod Identity). */
  public readonly serviceAccountName?: string;
  /** The rendered store. */
  public readonly resource: ApiObject;
  /** The rendered ServiceAccount; undefined where the identity uses none. */
  public readonly serviceAccount?: ApiObject;

  constructor(scope: Construct, id: string, props: ExternalSecretStoreProps) {
    assertProps('ExternalSecretStore', props, "{ store: contract.sharedStore }", childPath(scope, id));
    super(scope, id);
    const path = this.node.path;
    const store = props.store;
    if (!(store instanceof Store)) {
      throw NoxusSecretsError.at(path, 'ExternalSecretStore: store is required (a Store of a SecretsContract). Pass store: contract.sharedStore or contract.poolStore("<pool>").');
    }
    const subject = `ExternalSecretStore ${JSON.stringify(store.id)}`;
    const backend = store.contract.backend;
    if (!backend) {
      throw NoxusSecretsError.at(path, `${subject}: the contract has no backend, so the store has nothing to read. Give the SecretsContract a backend and identity.`);
    }
    this.storeName = props.name ?? store.storeName;
    this.storeKind = props.kind ?? StoreKind.SECRET_STORE;
    if (!Object.values(StoreKind).includes(this.storeKind)) {
      throw NoxusSecretsError.at(path, `${subject}: kind ${shown(this.storeKind)} is not a StoreKind (${Object.values(StoreKind).join(', ')}). Use StoreKind.SECRET_STORE, or leave it out.`);
    }
    assertDnsSubdomain(subject, 'name', this.storeName, path);
    assertStoreKind(subject, 'kind', this.storeKind, path);
    if (props.serviceAccountNamespace !== undefined) assertDnsLabel(subject, 'serviceAccountNamespace', props.serviceAccountNamespace, path);
    const binding = NoxusSecretsError.within(path, () => store.identity);

    let saRef: ServiceAccountRef | undefined;
    if (binding.serviceAccountName !== undefined) {
      this.serviceAccountName = binding.serviceAccountName;
      assertDnsSubdomain(subject, 'serviceAccountName', this.serviceAccountName, path);
      const namespace = props.serviceAccountNamespace ?? store.namespace ?? Chart.of(this).namespace;
      if (this.storeKind === StoreKind.CLUSTER_SECRET_STORE && namespace === undefined) {
        throw NoxusSecretsError.at(path, `${subject}: a ClusterSecretStore needs the namespace of its ServiceAccount, and neither ` +
          'serviceAccountNamespace nor the contract\'s namespace is set. Set serviceAccountNamespace.');
      }
      const annotations = NoxusSecretsError.within(path, () => serviceAccountAnnotations(store.contract.identity!, store, path));
      this.serviceAccount = new KubeServiceAccount(this, 'ServiceAccount', {
        metadata: { name: this.serviceAccountName, namespace: props.serviceAccountNamespace, annotations },
        automountServiceAccountToken: false,
      });
      saRef = { name: this.serviceAccountName, ...(this.storeKind === StoreKind.CLUSTER_SECRET_STORE ? { namespace: namespace! } : {}) };
    }

    this.resource = new ApiObject(this, 'Resource', {
      apiVersion: 'external-secrets.io/v1',
      kind: this.storeKind,
      metadata: { name: this.storeName },
      spec: { provider: esoProvider(backend, esoAuth(store.contract.identity!, store, saRef, path), path) },
    });
  }
}

/**
 * Throws the library's error unless `store` names an ESO store as an ExternalSecret's `secretStoreRef`
 * takes it (ESO's CRD: name a lowercase RFC 1123 subdomain, kind SecretStore or ClusterSecretStore).
 * @internal
 */
export function assertStoreRef(subject: string, store: IExternalSecretStore, path?: string, field = 'store'): void {
  assertDnsSubdomain(subject, `${field} name`, store.storeName, path);
  assertStoreKind(subject, `${field} kind`, store.storeKind, path);
}

function assertStoreKind(subject: string, field: string, kind: StoreKind, path?: string): void {
  const kinds = Object.values(StoreKind) as string[];
  if (!kinds.includes(kind)) {
    throw NoxusSecretsError.at(path, `${subject}: ${field} ${shown(kind)} is not an ESO store kind (${kinds.join(', ')}). Use StoreKind.SECRET_STORE.`);
  }
}
