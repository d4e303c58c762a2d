import { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import {
  BackendKind, BlastRadiusOptions, EnvEntry, UNSAFE_PLAINTEXT_MARK, IdentityKind, NoxusSecretsError, RemoteKeyScheme, RemoteKeySchemeProps, SecretBackend, SecretScope, SecretsBlueprint,
  WorkloadIdentity, csiServiceAccountName, storeIds,
} from '../core';
import { AzureKeyVaultProviderClass } from './azure-key-vault-provider-class';
import { ExternalSecretStore } from './external-secret-store';
import { ExternalSecretSync } from './external-secret-sync';

/** Where and how External Secrets Operator reads the platform's secrets. */
export interface ExternalSecretsSourceProps {
  /** Where the secrets live. */
  readonly backend: SecretBackend;
  /** How each store authenticates; it must fit the backend. */
  readonly identity: WorkloadIdentity;
  /**
   * How remote secret names are derived.
   * @default - prefix 'noxus', no overrides
   */
  readonly remoteKeys?: RemoteKeySchemeProps;
  /**
   * How often ESO reads the backend again (Go duration).
   * @default '1h'
   */
  readonly refreshInterval?: string;
}

/** Azure Key Vault through the Secrets Store CSI driver. */
export interface AzureKeyVaultCsiSourceProps {
  /** The vault: `SecretBackend.azureKeyVault(...)`. */
  readonly backend: SecretBackend;
  /** `WorkloadIdentity.azureWorkloadIdentity(...)` with a client ID per store. */
  readonly identity: WorkloadIdentity;
  /**
   * How Key Vault object names are derived.
   * @default - prefix 'noxus', no overrides
   */
  readonly remoteKeys?: RemoteKeySchemeProps;
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
    return new UnsafePlaintextSource(values);
  }

  /**
   * External Secrets Operator syncs each env Secret from the backend: one
   * SecretStore and ServiceAccount per Secret (the shared one, each pool's),
   * so that one pool's identity cannot read another pool's secrets.
   */
  public static externalSecrets(props: ExternalSecretsSourceProps): EnvSecretSource {
    props.identity.assertCompatible(props.backend);
    return new ExternalSecretsSource(props);
  }

  /**
   * The Secrets Store CSI driver fetches each env Secret's keys from Azure Key
   * Vault and syncs them into the Secret, with one SecretProviderClass and one
   * workload-identity ServiceAccount per Secret. The driver writes a Secret only
   * while a pod mounts its volume (and deletes it when none does): workloads
   * attached through this library mount it and run as the store's ServiceAccount.
   */
  public static azureKeyVaultCsi(props: AzureKeyVaultCsiSourceProps): EnvSecretSource {
    if (props.backend.kind !== BackendKind.AZURE_KEY_VAULT) {
      throw new NoxusSecretsError(`EnvSecretSource.azureKeyVaultCsi: backend ${JSON.stringify(props.backend.kind)} is not Azure Key Vault ` +
        '(the CSI source reads Key Vault only). Use SecretBackend.azureKeyVault(...), or EnvSecretSource.externalSecrets for other backends.');
    }
    if (props.identity.kind !== IdentityKind.AZURE_WORKLOAD_IDENTITY) {
      throw new NoxusSecretsError(`EnvSecretSource.azureKeyVaultCsi: identity ${JSON.stringify(props.identity.kind)} is not Azure workload identity. ` +
        'Use WorkloadIdentity.azureWorkloadIdentity({ tenantId, clientIds }).');
    }
    return new AzureKeyVaultCsiSource(props);
  }

  /** Whether this source writes secret values into the manifests. */
  public abstract readonly writesValues: boolean;

  private readonly checked = new WeakSet<SecretsBlueprint>();

  /**
   * Checks the source against the blueprint, once per blueprint.
   * @internal
   */
  public _checkAgainst(blueprint: SecretsBlueprint, path: string): void {
    if (this.checked.has(blueprint)) return;
    this.check(blueprint, path);
    this.checked.add(blueprint);
  }

  protected abstract check(blueprint: SecretsBlueprint, path: string): void;

  /**
   * Renders what makes the Secret `secretName` hold `entries`, or nothing.
   * @internal
   */
  public abstract _render(scope: Construct, secretName: string, entries: EnvEntry[], storeId: string, blueprint: SecretsBlueprint): IConstruct | undefined;

  /**
   * The backend and identity, for the blast-radius report.
   * @internal
   */
  public _reportOptions(): BlastRadiusOptions {
    return {};
  }

  /**
   * What a pod that reads the Secrets of these stores (broadest first) needs, if anything.
   * @internal
   */
  public _podRequirements(_storeIds: string[]): PodRequirements | undefined {
    return undefined;
  }
}

class ExistingSource extends EnvSecretSource {
  public readonly writesValues = false;
  protected check(): void {}
  public _render(): undefined {
    return undefined;
  }
}

/** What the sources that read a secret manager share: the remote key scheme and the per-store identity check. */
abstract class BackendSource extends EnvSecretSource {
  public readonly writesValues = false;
  private readonly schemes = new WeakMap<SecretsBlueprint, RemoteKeyScheme>();

  constructor(protected readonly backendProps: { backend: SecretBackend; identity: WorkloadIdentity; remoteKeys?: RemoteKeySchemeProps }) {
    super();
  }

  protected check(blueprint: SecretsBlueprint, path: string): void {
    this.schemes.set(blueprint, NoxusSecretsError.within(path, () => new RemoteKeyScheme(blueprint, this.backendProps.backend, this.backendProps.remoteKeys)));
    // Fails early where a store lacks what its identity needs (an Azure client ID).
    for (const storeId of storeIds(blueprint)) {
      this.backendProps.identity.serviceAccountAnnotations(storeId, path);
    }
  }

  protected scheme(blueprint: SecretsBlueprint): RemoteKeyScheme {
    return this.schemes.get(blueprint)!;
  }

  public _reportOptions(): BlastRadiusOptions {
    return { backend: this.backendProps.backend, identity: this.backendProps.identity, remoteKeys: this.backendProps.remoteKeys };
  }
}

class ExternalSecretsSource extends BackendSource {
  constructor(private readonly props: ExternalSecretsSourceProps) {
    super(props);
  }

  public _render(scope: Construct, secretName: string, entries: EnvEntry[], storeId: string, blueprint: SecretsBlueprint): IConstruct {
    const scheme = this.scheme(blueprint);
    const store = new ExternalSecretStore(scope, 'Store', { backend: this.props.backend, identity: this.props.identity, storeId });
    return new ExternalSecretSync(scope, 'Resource', {
      store,
      targetSecretName: secretName,
      refreshInterval: this.props.refreshInterval,
      data: entries.map(e => ({ secretKey: e.name, remoteKey: scheme.keyOf(e), property: this.props.backend.valueProperty })),
    });
  }
}

class AzureKeyVaultCsiSource extends BackendSource {
  constructor(private readonly props: AzureKeyVaultCsiSourceProps) {
    super(props);
  }

  public _render(scope: Construct, secretName: string, entries: EnvEntry[], storeId: string, blueprint: SecretsBlueprint): IConstruct {
    const scheme = this.scheme(blueprint);
    const identity = this.props.identity;
    new ApiObject(scope, 'ServiceAccount', {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: csiServiceAccountName(storeId), annotations: identity.serviceAccountAnnotations(storeId, scope.node.path) },
      automountServiceAccountToken: false,
    });
    return new AzureKeyVaultProviderClass(scope, 'Resource', {
      name: csiProviderClassName(storeId),
      keyvaultName: this.props.backend.vaultName!,
      tenantId: identity.tenantId!,
      clientId: identity.clientId(storeId, scope.node.path),
      cloudName: this.props.cloudName,
      objects: entries.map(e => ({ objectName: scheme.keyOf(e), objectAlias: e.name })),
      secretObjects: [{ secretName, data: entries.map(e => ({ objectName: e.name, key: e.name })) }],
    });
  }

  public _podRequirements(ids: string[]): PodRequirements {
    return { serviceAccountName: csiServiceAccountName(ids[ids.length - 1]), providerClasses: ids.map(csiProviderClassName) };
  }
}

/** The SecretProviderClass of a CSI store. */
export function csiProviderClassName(storeId: string): string {
  return `noxus-${storeId}`;
}

class UnsafePlaintextSource extends EnvSecretSource {
  public readonly writesValues = true;

  constructor(private readonly values: UnsafeLocalValues) {
    super();
  }

  protected check(blueprint: SecretsBlueprint, path: string): void {
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

  public _render(scope: Construct, secretName: string, entries: EnvEntry[]): ApiObject {
    const stringData: Record<string, string> = {};
    for (const e of entries) {
      const value = this.valueOf(e);
      if (value !== undefined) stringData[e.name] = value;
    }
    return new ApiObject(scope, 'Resource', {
      apiVersion: 'v1',
      kind: 'Secret',
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
