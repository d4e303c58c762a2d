import { createHash } from 'crypto';
import { readFileSync } from 'fs';
import { NoxusSecretsError } from './errors';
import { isGuid, isUnresolvedToken } from './names';
import { BackendKind, SecretBackend } from './secret-backend';
import { NoxusService } from './scope';
import { EnvEntry, SecretsBlueprint } from './secrets-blueprint';

/** How a store's ServiceAccount proves who it is to the backend. */
export enum IdentityKind {
  IRSA = 'irsa',
  EKS_POD_IDENTITY = 'eks-pod-identity',
  GKE_WORKLOAD_IDENTITY = 'gke-workload-identity',
  AZURE_WORKLOAD_IDENTITY = 'azure-workload-identity',
  VAULT_KUBERNETES = 'vault-kubernetes',
}

/** One IAM role per store in one AWS account. */
export interface AwsIdentityProps {
  /** The 12-digit AWS account ID that owns the roles. */
  readonly accountId: string;
  /**
   * Role names are '<prefix>-<store>' (hashed down to 64 characters if longer).
   * @default 'noxus-eso'
   */
  readonly roleNamePrefix?: string;
  /**
   * The AWS partition.
   * @default 'aws'
   */
  readonly partition?: string;
}

/** One Google service account per store. */
export interface GkeWorkloadIdentityProps {
  /** The project that owns the Google service accounts (and the cluster's workload pool, PROJECT.svc.id.goog). */
  readonly projectId: string;
  /**
   * GSA account IDs are '<prefix>-<store>' (hashed down to 30 characters if longer).
   * @default 'noxus'
   */
  readonly gsaPrefix?: string;
  /**
   * Grant secrets directly to the Kubernetes ServiceAccount's principal
   * (`principal://.../subject/ns/NS/sa/KSA`), with no Google service account and no annotation.
   * @default false
   */
  readonly direct?: boolean;
  /**
   * The cluster's location, for ESO's token exchange when it does not run on GKE metadata.
   * @default - not set
   */
  readonly clusterLocation?: string;
  /**
   * The cluster's name.
   * @default - not set
   */
  readonly clusterName?: string;
  /**
   * The cluster's project.
   * @default - not set
   */
  readonly clusterProjectId?: string;
}

/** User-assigned managed identities, one per store, made by the Azure Terraform. */
export interface AzureWorkloadIdentityProps {
  /** The Entra ID tenant. */
  readonly tenantId: string;
  /** Client ID of each store's managed identity, by store ID ('platform', 'pool-<name>'): Terraform outputs. */
  readonly clientIds: Record<string, string>;
}

/** Where `cdktf deploy --outputs-file` wrote the Azure side's client IDs. */
export interface AzureOutputsFileProps {
  /** The Entra ID tenant. */
  readonly tenantId: string;
  /** The JSON file that `cdktf deploy <stack> --outputs-file <file>` wrote. */
  readonly outputsFile: string;
  /** The cdktf stack's name. */
  readonly stackName: string;
  /**
   * Construct IDs from the stack down to the NoxusAzureSecrets construct.
   * @default ['secrets']
   */
  readonly constructPath?: string[];
}

/** Vault's Kubernetes auth method, one role per store. */
export interface VaultKubernetesProps {
  /**
   * Mount path of the Kubernetes auth method.
   * @default 'kubernetes'
   */
  readonly authMountPath?: string;
  /**
   * Role names are '<prefix>-<store>'.
   * @default 'noxus-eso'
   */
  readonly roleNamePrefix?: string;
}

/** The store IDs of a blueprint: 'platform' for the shared Secret (if it has keys), 'pool-<name>' per pool. */
export function storeIds(blueprint: SecretsBlueprint): string[] {
  return [...(blueprint.globalKeys.length > 0 ? [storeIdOf()] : []), ...blueprint.pools.map(p => storeIdOf(p.name))];
}

/** The store ID of a pool, or of the shared Secret when no pool is given. */
export function storeIdOf(pool?: string): string {
  return pool === undefined ? 'platform' : `pool-${pool}`;
}

/**
 * `<prefix>-<id>` cut to `max` characters: a longer name keeps its start and
 * ends in a hash of the whole, so that it stays unique and deterministic.
 */
export function boundedName(prefix: string, id: string, max: number): string {
  const full = `${prefix}-${id}`;
  if (full.length <= max) return full;
  const hash = createHash('sha256').update(full).digest('hex').slice(0, 6);
  return `${full.slice(0, max - 7).replace(/-+$/, '')}-${hash}`;
}

/**
 * The cloud identity of each store's ServiceAccount. Names are derived from
 * the store ID, so the Kubernetes and the cloud side agree without a lookup
 * (Azure client IDs, which the cloud assigns, are inputs).
 */
export class WorkloadIdentity {
  /** EKS IAM Roles for Service Accounts: the ServiceAccount is annotated with its role ARN. */
  public static irsa(props: AwsIdentityProps): WorkloadIdentity {
    return WorkloadIdentity.aws(IdentityKind.IRSA, 'WorkloadIdentity.irsa', props);
  }

  /**
   * EKS Pod Identity: ESO authenticates as its own controller (associated with a
   * role by Terraform) and assumes one role per store, named in the store's `role`.
   */
  public static eksPodIdentity(props: AwsIdentityProps): WorkloadIdentity {
    return WorkloadIdentity.aws(IdentityKind.EKS_POD_IDENTITY, 'WorkloadIdentity.eksPodIdentity', props);
  }

  /** GKE Workload Identity through one Google service account per store. */
  public static gkeWorkloadIdentity(props: GkeWorkloadIdentityProps): WorkloadIdentity {
    const subject = 'WorkloadIdentity.gkeWorkloadIdentity';
    if (!/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/.test(props.projectId ?? '')) {
      throw new NoxusSecretsError(`${subject}: projectId ${JSON.stringify(props.projectId)} is not a GCP project ID ` +
        "(6-30 of a-z, 0-9, '-', starting with a letter). Use e.g. \"noxus-prod\".");
    }
    const prefix = props.gsaPrefix ?? 'noxus';
    if (!/^[a-z][a-z0-9-]{0,14}$/.test(prefix)) {
      throw new NoxusSecretsError(`${subject}: gsaPrefix ${JSON.stringify(prefix)} is not a GSA prefix ` +
        "(1-15 of a-z, 0-9, '-', starting with a letter). Use e.g. \"noxus\".");
    }
    return new WorkloadIdentity(IdentityKind.GKE_WORKLOAD_IDENTITY, {
      projectId: props.projectId, prefix, direct: props.direct ?? false,
      clusterLocation: props.clusterLocation, clusterName: props.clusterName, clusterProjectId: props.clusterProjectId,
    });
  }

  /** Azure Workload Identity: the ServiceAccount carries its managed identity's client ID. */
  public static azureWorkloadIdentity(props: AzureWorkloadIdentityProps): WorkloadIdentity {
    const subject = 'WorkloadIdentity.azureWorkloadIdentity';
    if (!isGuid(props.tenantId)) {
      throw new NoxusSecretsError(`${subject}: tenantId ${JSON.stringify(props.tenantId)} is not a tenant ID (a GUID). ` +
        'Use the directory (tenant) ID, e.g. "00000000-0000-0000-0000-000000000000".');
    }
    for (const [store, clientId] of Object.entries(props.clientIds ?? {}).sort()) {
      if (!isGuid(clientId) && !isUnresolvedToken(clientId)) {
        throw new NoxusSecretsError(`${subject}: clientIds[${JSON.stringify(store)}] ${JSON.stringify(clientId)} is not a client ID (a GUID). ` +
          "Use the managed identity's client ID (the Azure Terraform's output), not its principal or resource ID.");
      }
    }
    return new WorkloadIdentity(IdentityKind.AZURE_WORKLOAD_IDENTITY, { tenantId: props.tenantId, clientIds: { ...props.clientIds } });
  }

  /**
   * Azure Workload Identity with the client IDs read from the outputs file of
   * `cdktf deploy --outputs-file`, where NoxusAzureSecrets wrote one
   * `ClientId-<store>` output per store (cdktf nests outputs by stack, then construct IDs).
   */
  public static azureWorkloadIdentityFromOutputs(props: AzureOutputsFileProps): WorkloadIdentity {
    const subject = 'WorkloadIdentity.azureWorkloadIdentityFromOutputs';
    let outputs: any;
    try {
      outputs = JSON.parse(readFileSync(props.outputsFile, 'utf-8'));
    } catch (e) {
      throw new NoxusSecretsError(`${subject}: outputsFile ${JSON.stringify(props.outputsFile)} cannot be read as JSON (${(e as Error).message}). ` +
        `Deploy the Azure side first: cdktf deploy ${props.stackName} --outputs-file ${props.outputsFile}.`);
    }
    const trail = [props.stackName, ...(props.constructPath ?? ['secrets'])];
    let node = outputs;
    for (const [i, key] of trail.entries()) {
      node = node?.[key];
      if (node === undefined || typeof node !== 'object') {
        throw new NoxusSecretsError(`${subject}: ${JSON.stringify(props.outputsFile)} has no ${JSON.stringify(trail.slice(0, i + 1).join('.'))} ` +
          `(the outputs of stack ${JSON.stringify(props.stackName)} under construct path ${JSON.stringify(trail.slice(1).join('/'))}). ` +
          'Check stackName and constructPath against the cdktf app.');
      }
    }
    const clientIds: Record<string, string> = {};
    for (const [key, value] of Object.entries<unknown>(node)) {
      const m = /^ClientId-(.+)$/.exec(key);
      if (m && typeof value === 'string') clientIds[m[1]] = value;
    }
    if (Object.keys(clientIds).length === 0) {
      throw new NoxusSecretsError(`${subject}: ${JSON.stringify(props.outputsFile)} has no ClientId-<store> outputs under ${JSON.stringify(trail.join('.'))}. ` +
        'Point constructPath at the NoxusAzureSecrets construct.');
    }
    return WorkloadIdentity.azureWorkloadIdentity({ tenantId: props.tenantId, clientIds });
  }

  /** Vault's Kubernetes auth: each store logs in with its ServiceAccount's token to its own role. */
  public static vaultKubernetes(props: VaultKubernetesProps = {}): WorkloadIdentity {
    const authMountPath = props.authMountPath ?? 'kubernetes';
    if (!/^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/.test(authMountPath)) {
      throw new NoxusSecretsError(`WorkloadIdentity.vaultKubernetes: authMountPath ${JSON.stringify(authMountPath)} is not a Vault path ` +
        "(segments of A-Z a-z 0-9 _ . - joined by '/'). Use e.g. \"kubernetes\".");
    }
    return new WorkloadIdentity(IdentityKind.VAULT_KUBERNETES, { authMountPath, prefix: props.roleNamePrefix ?? 'noxus-eso' });
  }

  private static aws(kind: IdentityKind, subject: string, props: AwsIdentityProps): WorkloadIdentity {
    if (!/^\d{12}$/.test(props.accountId ?? '')) {
      throw new NoxusSecretsError(`${subject}: accountId ${JSON.stringify(props.accountId)} is not an AWS account ID (12 digits). Use e.g. "123456789012".`);
    }
    const prefix = props.roleNamePrefix ?? 'noxus-eso';
    if (!/^[A-Za-z0-9+=,.@_-]{1,32}$/.test(prefix)) {
      throw new NoxusSecretsError(`${subject}: roleNamePrefix ${JSON.stringify(prefix)} is not a role name prefix ` +
        '(1-32 of A-Z a-z 0-9 + = , . @ _ -). Use e.g. "noxus-eso".');
    }
    return new WorkloadIdentity(kind, { accountId: props.accountId, prefix, partition: props.partition ?? 'aws' });
  }

  public readonly accountId?: string;
  public readonly partition?: string;
  public readonly projectId?: string;
  public readonly tenantId?: string;
  public readonly authMountPath?: string;
  public readonly clusterLocation?: string;
  public readonly clusterName?: string;
  public readonly clusterProjectId?: string;
  /** GKE only: secrets are granted to the Kubernetes ServiceAccount's principal, with no GSA. */
  public readonly direct: boolean = false;
  private readonly prefix?: string;
  private readonly clientIds?: Record<string, string>;

  private constructor(public readonly kind: IdentityKind, fields: Record<string, unknown>) {
    Object.assign(this, fields);
  }

  /** Throws unless this identity can read `backend`. */
  public assertCompatible(backend: SecretBackend, path?: string): void {
    const fits: Record<IdentityKind, BackendKind[]> = {
      [IdentityKind.IRSA]: [BackendKind.AWS_SECRETS_MANAGER, BackendKind.AWS_PARAMETER_STORE],
      [IdentityKind.EKS_POD_IDENTITY]: [BackendKind.AWS_SECRETS_MANAGER, BackendKind.AWS_PARAMETER_STORE],
      [IdentityKind.GKE_WORKLOAD_IDENTITY]: [BackendKind.GCP_SECRET_MANAGER],
      [IdentityKind.AZURE_WORKLOAD_IDENTITY]: [BackendKind.AZURE_KEY_VAULT],
      [IdentityKind.VAULT_KUBERNETES]: [BackendKind.VAULT],
    };
    if (!fits[this.kind].includes(backend.kind)) {
      throw NoxusSecretsError.at(path, `WorkloadIdentity: identity ${JSON.stringify(this.kind)} cannot authenticate to backend ${JSON.stringify(backend.kind)} ` +
        `(it works with ${fits[this.kind].join(', ')}). Choose the identity of your backend's cloud.`);
    }
  }

  /** IAM role name of a store (IRSA, Pod Identity). */
  public roleName(storeId: string): string {
    this.expect([IdentityKind.IRSA, IdentityKind.EKS_POD_IDENTITY], 'roleName');
    return boundedName(this.prefix!, storeId, 64);
  }

  /** IAM role ARN of a store (IRSA, Pod Identity): derived, so no lookup is needed. */
  public roleArn(storeId: string): string {
    return `arn:${this.partition}:iam::${this.accountId}:role/${this.roleName(storeId)}`;
  }

  /** Google service account email of a store. */
  public gsaEmail(storeId: string): string {
    this.expect([IdentityKind.GKE_WORKLOAD_IDENTITY], 'gsaEmail');
    if (this.direct) {
      throw new NoxusSecretsError('WorkloadIdentity: gsaEmail() has no answer with direct: true (no Google service account is used). ' +
        'Grant to the ServiceAccount principal instead.');
    }
    return `${boundedName(this.prefix!, storeId, 30)}@${this.projectId}.iam.gserviceaccount.com`;
  }

  /** Vault role name of a store. */
  public vaultRole(storeId: string): string {
    this.expect([IdentityKind.VAULT_KUBERNETES], 'vaultRole');
    return boundedName(this.prefix!, storeId, 128);
  }

  /** Managed identity client ID of a store; throws if none was given. */
  public clientId(storeId: string, path?: string): string {
    this.expect([IdentityKind.AZURE_WORKLOAD_IDENTITY], 'clientId');
    const id = this.clientIds![storeId];
    if (id === undefined) {
      throw NoxusSecretsError.at(path, `WorkloadIdentity.azureWorkloadIdentity: clientIds has no entry for store ${JSON.stringify(storeId)} ` +
        `(given: ${Object.keys(this.clientIds!).sort().join(', ') || 'none'}). Add the client ID of its managed identity ` +
        '(an output of the Azure Terraform).');
    }
    return id;
  }

  /** Annotations of a store's ServiceAccount. */
  public serviceAccountAnnotations(storeId: string, path?: string): Record<string, string> {
    switch (this.kind) {
      case IdentityKind.IRSA: return { 'eks.amazonaws.com/role-arn': this.roleArn(storeId) };
      case IdentityKind.GKE_WORKLOAD_IDENTITY: return this.direct ? {} : { 'iam.gke.io/gcp-service-account': this.gsaEmail(storeId) };
      case IdentityKind.AZURE_WORKLOAD_IDENTITY: return {
        'azure.workload.identity/client-id': this.clientId(storeId, path),
        'azure.workload.identity/tenant-id': this.tenantId!,
      };
      default: return {};
    }
  }

  /** Whether each store authenticates with a ServiceAccount of its own (all but EKS Pod Identity). */
  public get usesStoreServiceAccount(): boolean {
    return this.kind !== IdentityKind.EKS_POD_IDENTITY;
  }

  private expect(kinds: IdentityKind[], what: string): void {
    if (!kinds.includes(this.kind)) {
      throw new NoxusSecretsError(`WorkloadIdentity: ${what}() is for ${kinds.join(' or ')}, not ${this.kind}.`);
    }
  }
}

/** The ServiceAccount an ESO store authenticates as: the trust policies name it as their subject. */
export function esoServiceAccountName(storeId: string): string {
  return `noxus-eso-${storeId}`;
}

/** The ServiceAccount that pods reading a store through the CSI driver run as. */
export function csiServiceAccountName(storeId: string): string {
  return `noxus-csi-${storeId}`;
}

/** One store and the entries its Secret holds. */
export interface StoreEntries {
  /** 'platform' or 'pool-<name>'. */
  readonly storeId: string;
  /** The pool, for a pool's store. */
  readonly pool?: string;
  /** The keys of the store's Secret and where each comes from. */
  readonly entries: EnvEntry[];
}

/** Every store of a blueprint with the entries it reads: the shared Secret's, then each pool's. */
export function storeEntries(blueprint: SecretsBlueprint): StoreEntries[] {
  return [
    ...(blueprint.globalKeys.length > 0 ? [{ storeId: storeIdOf(), entries: blueprint.environmentOf(NoxusService.FRONTEND) }] : []),
    ...blueprint.pools.map(p => ({ storeId: storeIdOf(p.name), pool: p.name, entries: blueprint.poolSecretKeys(p.name) })),
  ];
}
