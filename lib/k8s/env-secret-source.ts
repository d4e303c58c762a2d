import { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import {
  AzureKeyVaultBackend, AzureWorkloadIdentity, EksPodIdentity, EnvEntry, NoxusSecretsError, SecretScope, SecretsContract, Store,
  UNSAFE_PLAINTEXT_MARK, assertDnsLabel, assertDnsSubdomain, assertKind, assertProps, assertRemovedProps,
} from '../core';
import { AzureKeyVaultProviderClass } from './azure-key-vault-provider-class';
import { KubeRole, KubeRoleBinding, KubeSecret, KubeServiceAccount } from './imports/k8s';
import { serviceAccountAnnotations } from './eso-providers';
import { ExternalSecretStore } from './external-secret-store';
import { ExternalSecretSync } from './external-secret-sync';
import { EsoDistribution, OPENSHIFT_ESO_CONTROLLER, assertEgressPorts, backendEgressPorts, externalSecretsConfig } from './openshift';

/**
 * How External Secrets Operator reads the platform's secrets. Where they live, how each
 * store authenticates and how remote names are derived are the contract's.
 */
export interface ExternalSecretsSourceProps {
  /**
   * How often ESO reads the backend again (Go duration).
   * @default '1h'
   */
  readonly refreshInterval?: string;
  /**
   * How ESO is installed and where its controller runs: the subject of the per-store token Roles.
   * @default - the Helm chart, { namespace: 'external-secrets', serviceAccount: 'external-secrets' } (the chart's defaults)
   */
  readonly esoController?: EsoControllerRef;
  /**
   * For each store ServiceAccount, a Role and RoleBinding that let the ESO controller request
   * tokens for exactly that ServiceAccount (`serviceaccounts/token`, `resourceNames`), and a
   * values fragment for the ESO chart (`helm/<chart id>.eso-values.yaml`) that turns off its
   * blanket token permission (`rbac.serviceAccountTokenCreate: false`, ESO chart 2.5.0 or later),
   * as ESO's security guide recommends. The Red Hat operator keeps the blanket permission
   * (`EsoDistribution.OPENSHIFT_OPERATOR`): there, the Roles are rendered and the admission guard
   * is what refuses a store that names another's ServiceAccount.
   * @default true
   */
  readonly scopedTokenRbac?: boolean;
  /**
   * The same values fragment turns off what the platform does not use and what lets one namespace act
   * in another: the controller then ignores ClusterSecretStores, ClusterExternalSecrets,
   * ClusterGenerators, PushSecrets and ClusterPushSecrets (`processClusterStore: false`, ...), so a
   * cross-namespace borrow has no controller to act on. Turn it off (or drop those lines) if your
   * cluster uses them for other teams.
   * @default true
   */
  readonly disableUnusedEsoFeatures?: boolean;
}

/** What the platform never uses of ESO, as the ESO chart (values.yaml) turns each off. */
export const UNUSED_ESO_FEATURES = {
  processClusterStore: false,
  processClusterExternalSecret: false,
  processClusterGenerator: false,
  processPushSecret: false,
  processClusterPushSecret: false,
};

/** How the External Secrets Operator is installed, and its controller's ServiceAccount. */
export interface EsoControllerRef {
  /**
   * How ESO is installed: the Helm chart, or the Red Hat operator on OpenShift (which fixes the
   * namespace and ServiceAccount to `external-secrets` and needs a network policy entry to reach the
   * backend; the library writes it in `openshift/<chart id>.external-secrets-config.yaml`).
   * @default EsoDistribution.HELM_CHART
   */
  readonly distribution?: EsoDistribution;
  /** @default 'external-secrets' */
  readonly namespace?: string;
  /** @default 'external-secrets' */
  readonly serviceAccount?: string;
  /**
   * With `EsoDistribution.OPENSHIFT_OPERATOR`: the TCP ports ESO's controller may reach, in the network
   * policy entry the library writes.
   * @default - from the backend: 443 for AWS, GCP and Azure, the Vault server's port
   */
  readonly egressPorts?: number[];
}

/**
 * Azure Key Vault through the Secrets Store CSI driver. The vault, the identity (with a client
 * ID per store) and the Key Vault object names are the contract's.
 */
export interface AzureKeyVaultCsiSourceProps {
  /**
   * The Azure cloud.
   * @default 'AzurePublicCloud'
   */
  readonly cloudName?: string;
}

/** What a pod needs to read its env Secrets from a source that works through the pod itself. */
export interface PodRequirements {
  /** The ServiceAccount the pod must run as. */
  readonly serviceAccountName: string;
  /** The SecretProviderClasses the pod must mount, in order. */
  readonly providerClasses: string[];
}

/** Mount path of a SecretProviderClass's volume in every container. */
export const CSI_MOUNT_ROOT = '/mnt/secrets-store';

/**
 * Values for the unsafe local-development source: plaintext, written into the
 * synthesized manifests. Each map goes from env name to value.
 */
export interface UnsafeLocalValues {
  /**
   * Values of the global keys (the shared env Secret).
   * @default - none
   */
  readonly global?: Record<string, string>;
  /**
   * Values of the worker-only keys (copied into every pool's Secret).
   * @default - none
   */
  readonly workerOnly?: Record<string, string>;
  /**
   * Values of each pool's own keys, by pool name.
   * @default - none
   */
  readonly pools?: Record<string, Record<string, string>>;
}

/** Annotation that marks a Secret whose values this library wrote in plaintext. */
export const UNSAFE_PLAINTEXT_ANNOTATION = UNSAFE_PLAINTEXT_MARK;

/** How the env Secrets come to exist in the namespace. */
export abstract class EnvSecretSource {
  /**
   * The env Secrets already exist (created by hand, by a pipeline, or by an
   * operator this library does not manage): nothing is rendered for them, and
   * workloads reference them by name. You keep each Secret's keys in line
   * with the blueprint.
   */
  public static existing(): EnvSecretSource {
    return new ExistingSource();
  }

  /**
   * UNSAFE, for a local cluster only: renders each env Secret with its
   * values in plaintext (`stringData`) in the manifests, and marks it with
   * the annotation `noxus-secrets-cdk/unsafe-plaintext: "true"`. Every
   * required key needs a value; optional keys may be left out.
   */
  public static unsafePlaintextForLocalDevelopment(values: UnsafeLocalValues): EnvSecretSource {
    const field = 'EnvSecretSource.unsafePlaintextForLocalDevelopment';
    // Never shown: what a caller passes here may be a secret value.
    const isMap = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);
    if (!isMap(values)) {
      throw new NoxusSecretsError(`${field}: values ${values === undefined ? 'are missing' : `(a ${Array.isArray(values) ? 'list' : values === null ? 'null' : typeof values}) are not an object`}. ` +
        'Pass e.g. { global: { POSTGRESQL_URL: "..." }, pools: { finance: { BANK_API_TOKEN: "..." } } }.');
    }
    for (const scope of ['global', 'workerOnly', 'pools'] as const) {
      const map = values[scope];
      if (map !== undefined && !isMap(map)) {
        throw new NoxusSecretsError(`${field}: ${scope} (a ${Array.isArray(map) ? 'list' : map === null ? 'null' : typeof map}) is not an object of env names and values. ` +
          `Pass e.g. ${scope}: { ${scope === 'pools' ? 'finance: { BANK_API_TOKEN: "..." }' : 'POSTGRESQL_URL: "..."'} }, or leave it out.`);
      }
    }
    return new UnsafePlaintextSource(values);
  }

  /**
   * External Secrets Operator syncs each env Secret from the backend: one
   * SecretStore and ServiceAccount per Secret (the shared one, each pool's),
   * so that one pool's identity cannot read another pool's secrets.
   */
  public static externalSecrets(props: ExternalSecretsSourceProps = {}): EnvSecretSource {
    assertSourceProps('EnvSecretSource.externalSecrets', props);
    assertRemovedProps('EnvSecretSource.externalSecrets', props, SOURCE_FACTS, { instead: SOURCE_INSTEAD });
    return new ExternalSecretsSource(props);
  }

  /**
   * The Secrets Store CSI driver fetches each env Secret's keys from Azure Key
   * Vault and syncs them into the Secret, with one SecretProviderClass and one
   * workload-identity ServiceAccount per Secret. The driver writes a Secret only
   * while a pod mounts its volume (and deletes it when none does): workloads
   * attached through this library mount it and run as the store's ServiceAccount.
   */
  public static azureKeyVaultCsi(props: AzureKeyVaultCsiSourceProps = {}): EnvSecretSource {
    assertSourceProps('EnvSecretSource.azureKeyVaultCsi', props);
    assertRemovedProps('EnvSecretSource.azureKeyVaultCsi', props, SOURCE_FACTS, { instead: SOURCE_INSTEAD });
    return new AzureKeyVaultCsiSource(props);
  }

  /** Whether this source writes secret values into the manifests. */
  public abstract readonly writesValues: boolean;

  /**
   * Checks the source against the contract; throws the library's error.
   * @internal
   */
  public _check(_contract: SecretsContract, _path: string): void {}

  /**
   * Renders what makes the Secret `secretName` hold the store's entries, or nothing.
   * @internal
   */
  public abstract _render(scope: Construct, secretName: string, store: Store): IConstruct | undefined;

  /**
   * What a pod that reads the Secrets of these stores (broadest first) needs, if anything.
   * @internal
   */
  public _podRequirements(_stores: Store[]): PodRequirements | undefined {
    return undefined;
  }

  /**
   * Whether External Secrets Operator writes the env Secrets through the contract's stores.
   * @internal
   */
  public _writesThroughStores(): boolean {
    return false;
  }

  /**
   * How often ESO refreshes the env Secrets, where ESO writes them (for the footprint).
   * @internal
   */
  public _refreshInterval(): string | undefined {
    return undefined;
  }

  /**
   * The values fragment for the ESO chart this source asks for, if any.
   * @internal
   */
  public _esoChartValues(): Record<string, unknown> | undefined {
    return undefined;
  }

  /**
   * The Red Hat operator's ExternalSecretsConfig this source asks for, if any.
   * @internal
   */
  public _esoOperatorConfig(_contract: SecretsContract, _at: string): Record<string, unknown> | undefined {
    return undefined;
  }
}

class ExistingSource extends EnvSecretSource {
  public readonly writesValues = false;
  public _render(): undefined {
    return undefined;
  }
}

/** The facts a source no longer takes: the contract holds them. */
const SOURCE_FACTS = ['backend', 'identity', 'remoteKeys'];
const SOURCE_INSTEAD = 'contract: new SecretsContract({ blueprint, backend, identity, namespace }) to the construct that takes this source';

/** What the sources that read a secret manager share: the check that the contract has one. */
abstract class BackendSource extends EnvSecretSource {
  public readonly writesValues = false;
  protected abstract readonly name: string;

  public _check(contract: SecretsContract, path: string): void {
    if (!contract.backend) {
      throw NoxusSecretsError.at(path, `${this.name}: the contract has no backend, so there is nothing to read. ` +
        'Give the SecretsContract a backend and identity, or use EnvSecretSource.existing().');
    }
  }
}

class ExternalSecretsSource extends BackendSource {
  protected readonly name = 'EnvSecretSource.externalSecrets';

  constructor(private readonly props: ExternalSecretsSourceProps) {
    super();
    const controller = props.esoController ?? {};
    // A namespace's name is a DNS label (63 at most); a ServiceAccount's a subdomain.
    if (controller.namespace !== undefined) assertDnsLabel('EnvSecretSource.externalSecrets', 'esoController.namespace', controller.namespace);
    if (controller.serviceAccount !== undefined) assertDnsSubdomain('EnvSecretSource.externalSecrets', 'esoController.serviceAccount', controller.serviceAccount);
    const distributions = Object.values(EsoDistribution) as string[];
    if (controller.distribution !== undefined && !distributions.includes(controller.distribution)) {
      throw new NoxusSecretsError(`EnvSecretSource.externalSecrets: esoController.distribution ${JSON.stringify(controller.distribution)} is not an ESO distribution ` +
        `(${distributions.map(d => JSON.stringify(d)).join(', ')}). Use EsoDistribution.HELM_CHART or EsoDistribution.OPENSHIFT_OPERATOR.`);
    }
    if (controller.distribution === EsoDistribution.OPENSHIFT_OPERATOR) {
      for (const field of ['namespace', 'serviceAccount'] as const) {
        const value = controller[field];
        if (value !== undefined && value !== OPENSHIFT_ESO_CONTROLLER[field]) {
          throw new NoxusSecretsError(`EnvSecretSource.externalSecrets: esoController.${field} is ${JSON.stringify(value)}, but the External Secrets Operator for Red Hat OpenShift ` +
            `always runs ESO's controller in the namespace "external-secrets" as the ServiceAccount "external-secrets". Leave ${field} out with EsoDistribution.OPENSHIFT_OPERATOR.`);
        }
      }
    } else if (controller.egressPorts !== undefined) {
      throw new NoxusSecretsError('EnvSecretSource.externalSecrets: esoController.egressPorts is for the network policy the library writes for the Red Hat operator; ' +
        'with the Helm chart nothing reads it. Set distribution: EsoDistribution.OPENSHIFT_OPERATOR, or leave egressPorts out.');
    }
    assertEgressPorts('EnvSecretSource.externalSecrets', controller.egressPorts);
  }

  /** @internal */
  public _esoOperatorConfig(contract: SecretsContract, at: string): Record<string, unknown> | undefined {
    const controller = this.props.esoController ?? {};
    if (controller.distribution !== EsoDistribution.OPENSHIFT_OPERATOR) return undefined;
    const backend = contract.backend!;
    if (contract.identity instanceof EksPodIdentity) {
      throw NoxusSecretsError.at(at, 'EnvSecretSource.externalSecrets: EKS Pod Identity works on EKS only (its agent runs on EKS nodes), not on OpenShift. ' +
        'On ROSA, use WorkloadIdentity.irsa({ accountId }): STS trusts the cluster\'s OIDC provider as it does on EKS.');
    }
    return externalSecretsConfig(`${contract.namePrefix}-backend-egress`, controller.egressPorts ?? backendEgressPorts(backend, at));
  }

  public _writesThroughStores(): boolean {
    return true;
  }

  public _refreshInterval(): string | undefined {
    return this.props.refreshInterval ?? '1h';
  }

  public _esoChartValues(): Record<string, unknown> | undefined {
    if (this.props.esoController?.distribution === EsoDistribution.OPENSHIFT_OPERATOR) return undefined;
    const values = {
      ...((this.props.scopedTokenRbac ?? true) ? { rbac: { serviceAccountTokenCreate: false } } : {}),
      ...((this.props.disableUnusedEsoFeatures ?? true) ? UNUSED_ESO_FEATURES : {}),
    };
    return Object.keys(values).length > 0 ? values : undefined;
  }

  public _render(scope: Construct, secretName: string, store: Store): IConstruct {
    const storeConstruct = new ExternalSecretStore(scope, 'Store', { store });
    if ((this.props.scopedTokenRbac ?? true) && storeConstruct.serviceAccountName !== undefined) {
      tokenRole(scope, storeConstruct.serviceAccountName, this.props.esoController ?? {});
    }
    // Generated values come with the env Secret's ExternalSecret: each in a Secret of its own that it reads.
    return new ExternalSecretSync(scope, 'Resource', {
      store: storeConstruct,
      contractStore: store,
      targetSecretName: secretName,
      refreshInterval: this.props.refreshInterval,
    });
  }
}

class AzureKeyVaultCsiSource extends BackendSource {
  protected readonly name = 'EnvSecretSource.azureKeyVaultCsi';

  constructor(private readonly props: AzureKeyVaultCsiSourceProps) {
    super();
  }

  public _check(contract: SecretsContract, path: string): void {
    this.azureOf(contract, path);
    super._check(contract, path);
  }

  public _render(scope: Construct, secretName: string, store: Store): IConstruct {
    const contract = store.contract;
    const { backend, identity } = this.azureOf(contract, scope.node.path);
    const scoped = store.entries.filter(e => contract.remoteKeyScheme.fieldOf(e) !== undefined);
    if (scoped.length > 0) {
      // The Azure provider mounts each object whole: it cannot take one field of a JSON object.
      throw NoxusSecretsError.at(scope.node.path, `EnvSecretSource.azureKeyVaultCsi: the contract lays its keys out per store (RemoteKeyLayout.PER_STORE), ` +
        `so ${scoped[0].name} is one field of the Key Vault secret ${JSON.stringify(contract.remoteKeyScheme.keyOf(scoped[0]))}, and the CSI driver's Azure ` +
        'provider mounts whole secrets only. Use RemoteKeyLayout.PER_KEY with the CSI driver, or read the store through External Secrets Operator.');
    }
    const annotations = NoxusSecretsError.within(scope.node.path, () => serviceAccountAnnotations(identity, store));
    new KubeServiceAccount(scope, 'ServiceAccount', {
      metadata: { name: store.csiServiceAccountName, annotations },
      automountServiceAccountToken: false,
    });
    return new AzureKeyVaultProviderClass(scope, 'Resource', {
      name: store.storeName,
      keyvaultName: backend.vaultName,
      tenantId: identity.tenantId,
      clientId: annotations['azure.workload.identity/client-id'],
      cloudName: this.props.cloudName,
      objects: store.entries.map(e => ({ objectName: contract.remoteKeyScheme.keyOf(e), objectAlias: e.name })),
      secretObjects: [{ secretName, data: store.entries.map(e => ({ objectName: e.name, key: e.name })) }],
    });
  }

  /** The contract's Key Vault and Azure identity; throws the library's error for another backend or identity. */
  private azureOf(contract: SecretsContract, path: string): { backend: AzureKeyVaultBackend; identity: AzureWorkloadIdentity } {
    const { backend, identity } = contract;
    if (!(backend instanceof AzureKeyVaultBackend)) {
      throw NoxusSecretsError.at(path, `${this.name}: backend ${JSON.stringify(backend?.kind)} is not Azure Key Vault ` +
        '(the CSI source reads Key Vault only). Use SecretBackend.azureKeyVault(...), or EnvSecretSource.externalSecrets for other backends.');
    }
    if (!(identity instanceof AzureWorkloadIdentity)) {
      throw NoxusSecretsError.at(path, `${this.name}: identity ${JSON.stringify(identity?.kind)} is not Azure workload identity. ` +
        'Use WorkloadIdentity.azureWorkloadIdentity({ tenantId, clientIds }).');
    }
    return { backend, identity };
  }

  public _podRequirements(stores: Store[]): PodRequirements {
    return { serviceAccountName: stores[stores.length - 1].csiServiceAccountName, providerClasses: stores.map(s => s.storeName) };
  }
}

class UnsafePlaintextSource extends EnvSecretSource {
  public readonly writesValues = true;

  constructor(private readonly values: UnsafeLocalValues) {
    super();
  }

  public _check(contract: SecretsContract, path: string): void {
    const blueprint = contract.blueprint;
    const field = 'EnvSecretSource.unsafePlaintextForLocalDevelopment';
    checkKeys(path, `${field} global`, this.values.global, blueprint.globalKeys);
    checkKeys(path, `${field} workerOnly`, this.values.workerOnly, blueprint.workerOnlyKeys);
    for (const pool of Object.keys(this.values.pools ?? {}).sort()) {
      if (!blueprint.pools.some(p => p.name === pool)) {
        throw NoxusSecretsError.at(path, `${field}: pools has values for ${JSON.stringify(pool)}, which is not a pool of the blueprint ` +
          `(pools: ${blueprint.pools.map(p => p.name).join(', ') || 'none'}). Fix the pool name or remove its values.`);
      }
    }
    for (const pool of blueprint.pools) {
      checkKeys(path, `${field} pools[${JSON.stringify(pool.name)}]`, this.values.pools?.[pool.name], pool.secrets);
    }
    const missing = [
      ...blueprint.globalKeys.map(k => ({ key: k, where: 'global', map: this.values.global })),
      ...blueprint.workerOnlyKeys.map(k => ({ key: k, where: 'workerOnly', map: this.values.workerOnly })),
      ...blueprint.pools.flatMap(p => p.secrets.map(k => ({ key: k, where: `pools[${JSON.stringify(p.name)}]`, map: this.values.pools?.[p.name] }))),
    ].filter(m => !blueprint.secret(m.key).optional && m.map?.[m.key] === undefined);
    if (missing.length > 0) {
      throw NoxusSecretsError.at(path, `${field}: no value for required secret(s) ${missing.map(m => `${m.where}.${m.key}`).join(', ')} ` +
        '(every required key of a rendered Secret needs a value, or the pod starts without it). Add the values, or mark the secret optional.');
    }
  }

  public _render(scope: Construct, secretName: string, store: Store): ApiObject {
    const stringData: Record<string, string> = {};
    for (const e of store.entries) {
      const value = this.valueOf(e);
      if (value !== undefined) stringData[e.name] = value;
    }
    return new KubeSecret(scope, 'Resource', {
      metadata: { name: secretName, annotations: { [UNSAFE_PLAINTEXT_ANNOTATION]: 'true' } },
      type: 'Opaque',
      stringData,
    });
  }

  private valueOf(e: EnvEntry): string | undefined {
    switch (e.scope) {
      case SecretScope.GLOBAL: return this.values.global?.[e.name];
      case SecretScope.WORKER_ONLY: return this.values.workerOnly?.[e.name];
      case SecretScope.POOL: return this.values.pools?.[e.pool!]?.[e.name];
    }
  }
}

/** A Role and RoleBinding that let the ESO controller request tokens for one ServiceAccount only. */
function tokenRole(scope: Construct, serviceAccount: string, controller: EsoControllerRef): void {
  const name = `${serviceAccount}-token`.slice(0, 253);
  new KubeRole(scope, 'TokenRole', {
    metadata: { name },
    rules: [{ apiGroups: [''], resources: ['serviceaccounts/token'], resourceNames: [serviceAccount], verbs: ['create'] }],
  });
  new KubeRoleBinding(scope, 'TokenRoleBinding', {
    metadata: { name },
    subjects: [{ kind: 'ServiceAccount', name: controller.serviceAccount ?? 'external-secrets', namespace: controller.namespace ?? 'external-secrets' }],
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
  });
}

function checkKeys(path: string, field: string, values: Record<string, string> | undefined, allowed: string[]): void {
  for (const key of Object.keys(values ?? {}).sort()) {
    if (!allowed.includes(key)) {
      throw NoxusSecretsError.at(path, `${field} has a value for ${JSON.stringify(key)}, which the blueprint does not place there ` +
        `(keys of that scope: ${allowed.join(', ') || 'none'}). Move the value to the scope that holds the key, or remove it.`);
    }
    if (typeof values![key] !== 'string') {
      throw NoxusSecretsError.at(path, `${field}.${key} is not a string (Secret values are strings). Quote the value.`);
    }
  }
}

/** A JavaScript caller's props of a source: an object, with its own fields of the right kind. */
function assertSourceProps(subject: string, props: object & { readonly esoController?: unknown }): void {
  assertProps(subject, props, '{ refreshInterval: "1h" }, or nothing');
  assertKind(subject, 'esoController', props.esoController, 'object', '{ namespace: "external-secrets" }');
}
