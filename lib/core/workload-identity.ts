import { NoxusSecretsError, assertKind, assertProps, assertRequired } from './errors';
import { assertNoTemplate } from './inert';
import { assertVaultPath, boundedText, isGuid } from './names';
import { isUnresolvedToken } from './references';
import { AwsBackend, AzureKeyVaultBackend, BackendKind, GcpSecretManagerBackend, ISecretBackend, VaultBackend } from './secret-backend';

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
   * @default - '<contract prefix>-eso': 'noxus-eso', or 'noxus-<environment>-eso'
   */
  readonly roleNamePrefix?: string;
  /**
   * The AWS partition, a literal: that of the backend's Region ('aws-cn' for cn-north-1,
   * 'aws-us-gov' for us-gov-west-1, ...), which the contract checks.
   * @default 'aws'
   */
  readonly partition?: string;
  /**
   * The IAM path of every role (e.g. '/noxus/'): it is part of each role's ARN, which the
   * ServiceAccount annotation (IRSA) or the store (Pod Identity) names, so both sides take it here.
   * A literal: the admission guard writes the role ARNs and splits them by length.
   * @default '/'
   */
  readonly rolePath?: string;
}

/** One Google service account per store. */
export interface GkeWorkloadIdentityProps {
  /** The project that owns the Google service accounts (and the cluster's workload pool, PROJECT.svc.id.goog). */
  readonly projectId: string;
  /**
   * GSA account IDs are '<prefix>-<store>' (hashed down to 30 characters if longer).
   * @default - the contract's name prefix: 'noxus', or 'noxus-<environment>'
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
  /**
   * Client ID of each store's managed identity, by store ID ('platform', 'pool-<name>'):
   * the Azure side's outputs. Only the Kubernetes side reads them.
   * @default - none yet (the Kubernetes side then says which are missing)
   */
  readonly clientIds?: Record<string, string>;
  /**
   * Managed identity names are '<prefix>-<store>'.
   * @default - the contract's name prefix ('noxus' or 'noxus-<environment>')
   */
  readonly identityNamePrefix?: string;
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
   * @default - '<contract prefix>-eso': 'noxus-eso', or 'noxus-<environment>-eso'
   */
  readonly roleNamePrefix?: string;
  /**
   * The audience of the ServiceAccount tokens the stores log in with: each SecretStore asks for
   * it (`serviceAccountRef.audiences`, which ESO puts in its TokenRequest) and each Vault role
   * requires it (`audience`), so a token minted for another audience (the API server's) is
   * refused. Vault checks it in its TokenReview too, which needs a reviewer JWT (Vault's own
   * ServiceAccount or `token_reviewer_jwt`); where Vault reviews with the client's JWT, give
   * the API server's audience (e.g. "https://kubernetes.default.svc").
   * @default 'vault'
   */
  readonly audience?: string;
}

/**
 * `<prefix>-<id>` cut to `max` characters: a longer name keeps its start and
 * ends in a hash of the whole, so that it stays unique and deterministic.
 */
export function boundedName(prefix: string, id: string, max: number): string {
  return boundedText(`${prefix}-${id}`, max);
}

/** What an identity knows of the store it binds to: the contract's names for it. */
export interface StoreContext {
  /** 'platform' or 'pool-<name>'. */
  readonly id: string;
  /** The contract's name prefix: 'noxus', or 'noxus-<environment>'. */
  readonly namePrefix: string;
  /** The Kubernetes namespace of the store's ServiceAccount, where the contract has one. */
  readonly namespace?: string;
  /** The ServiceAccount ESO authenticates the store as (where the identity uses one). */
  readonly serviceAccountName: string;
}

/** What an identity means for one store, on both sides: the names they must agree on. */
export interface IdentityBinding {
  /**
   * The ServiceAccount the store authenticates as; undefined where ESO authenticates
   * otherwise (its controller's identity, a credential Secret).
   */
  readonly serviceAccountName?: string;
  /**
   * The name of the principal the cloud side creates for the store: IAM role name, GSA
   * account ID, managed identity name or Vault role; undefined where none is created.
   */
  readonly principalName?: string;
  /** Who reads the store's secrets, as the blast-radius report shows it. */
  readonly principal: string;
}

/** An AWS identity's store: its IAM role. */
export interface AwsRoleBinding extends IdentityBinding {
  /** The store's IAM role name. */
  readonly principalName: string;
  /** The store's IAM role ARN. */
  readonly roleArn: string;
}

/** A GKE Workload Identity store: its ServiceAccount and, unless direct, its Google service account. */
export interface GkeIdentityBinding extends IdentityBinding {
  /** The Kubernetes ServiceAccount the store authenticates as. */
  readonly serviceAccountName: string;
  /**
   * The email of the store's Google service account.
   * @default - none: secrets are granted to the ServiceAccount's principal (direct)
   */
  readonly gsaEmail?: string;
}

/**
 * How each store authenticates to the backend. The library's identities are
 * made by `WorkloadIdentity`'s factories; implement this interface to add
 * another, and `IEsoWorkloadIdentity` (the Kubernetes side) for its ESO auth.
 */
export interface IWorkloadIdentity {
  /** A short name for messages and reports, e.g. 'irsa'. */
  readonly kind: string;
  /** Throws the library's error unless this identity can authenticate to `backend`. */
  assertCompatible(backend: ISecretBackend, path?: string): void;
  /** What this identity is for one store. */
  bind(store: StoreContext): IdentityBinding;
}

/** The AWS partitions (botocore's partitions.json): the second field of every ARN. */
export const AWS_PARTITIONS = ['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc'] as const;

/** The partition of an AWS Region code (botocore's regionRegex of each partition). */
export function awsPartitionOf(region: string): string {
  if (/^cn-/.test(region)) return 'aws-cn';
  if (/^us-gov-/.test(region)) return 'aws-us-gov';
  if (/^us-iso-/.test(region)) return 'aws-iso';
  if (/^us-isob-/.test(region)) return 'aws-iso-b';
  if (/^eu-isoe-/.test(region)) return 'aws-iso-e';
  if (/^us-isof-/.test(region)) return 'aws-iso-f';
  if (/^eusc-/.test(region)) return 'aws-eusc';
  return 'aws';
}

/**
 * The cloud identity of each store's ServiceAccount: one class per kind, each
 * made by its factory here (`WorkloadIdentity.irsa({ accountId })` returns an
 * `IrsaIdentity`). Narrow an identity with `instanceof`. Names are derived from
 * the store ID, so the Kubernetes and the cloud side agree without a lookup
 * (Azure client IDs, which the cloud assigns, are inputs).
 */
export abstract class WorkloadIdentity implements IWorkloadIdentity {
  /** EKS IAM Roles for Service Accounts: the ServiceAccount is annotated with its role ARN. */
  public static irsa(props: AwsIdentityProps): IrsaIdentity {
    return new IrsaIdentity(props);
  }

  /**
   * EKS Pod Identity: ESO authenticates as its own controller (associated with a
   * role by Terraform) and assumes one role per store, named in the store's `role`.
   */
  public static eksPodIdentity(props: AwsIdentityProps): EksPodIdentity {
    return new EksPodIdentity(props);
  }

  /** GKE Workload Identity through one Google service account per store. */
  public static gkeWorkloadIdentity(props: GkeWorkloadIdentityProps): GkeWorkloadIdentity {
    return new GkeWorkloadIdentity(props);
  }

  /** Azure Workload Identity: the ServiceAccount carries its managed identity's client ID. */
  public static azureWorkloadIdentity(props: AzureWorkloadIdentityProps): AzureWorkloadIdentity {
    return new AzureWorkloadIdentity(props);
  }

  /** Vault's Kubernetes auth: each store logs in with its ServiceAccount's token to its own role. */
  public static vaultKubernetes(props: VaultKubernetesProps = {}): VaultKubernetesIdentity {
    return new VaultKubernetesIdentity(props);
  }

  /** Which of the library's identities this is. */
  public abstract readonly kind: IdentityKind;

  /** @internal */
  protected constructor(private readonly backendKinds: readonly BackendKind[]) {}

  /** Throws unless this identity can read `backend`. */
  public assertCompatible(backend: ISecretBackend, path?: string): void {
    if (!this.reads(backend)) {
      throw NoxusSecretsError.at(path, `WorkloadIdentity: identity ${JSON.stringify(this.kind)} cannot authenticate to backend ${JSON.stringify(backend.kind)} ` +
        `(it works with ${this.backendKinds.join(', ')}). Choose the identity of your backend's cloud.`);
    }
  }

  /** What this identity is for one store: its ServiceAccount and cloud principal. */
  public abstract bind(store: StoreContext): IdentityBinding;

  /** Whether this identity authenticates to `backend`. */
  protected abstract reads(backend: ISecretBackend): boolean;
}

/** One IAM role per store in one AWS account: IRSA or EKS Pod Identity. */
export abstract class AwsIamIdentity extends WorkloadIdentity {
  /** The 12-digit AWS account ID that owns the roles. */
  public readonly accountId: string;
  /** The AWS partition of the roles' ARNs. */
  public readonly partition: string;
  /** The IAM path of every role. */
  public readonly rolePath: string;
  /**
   * The role name prefix given.
   * @default - '<contract prefix>-eso'
   */
  public readonly roleNamePrefix?: string;

  /** @internal */
  protected constructor(subject: string, props: AwsIdentityProps) {
    assertProps(subject, props, "{ accountId: '123456789012' }");
    assertRequired(subject, 'accountId', props.accountId, '"123456789012"');
    if (!isUnresolvedToken(props.accountId) && !/^\d{12}$/.test(props.accountId ?? '')) {
      throw new NoxusSecretsError(`${subject}: accountId ${JSON.stringify(props.accountId)} is not an AWS account ID (12 digits). Use e.g. "123456789012".`);
    }
    const prefix = props.roleNamePrefix;
    if (prefix !== undefined && !/^[A-Za-z0-9+=,.@_-]{1,32}$/.test(prefix)) {
      throw new NoxusSecretsError(`${subject}: roleNamePrefix ${JSON.stringify(prefix)} is not a role name prefix ` +
        '(1-32 of A-Z a-z 0-9 + = , . @ _ -). Use e.g. "noxus-eso".');
    }
    // The path is part of every store role's ARN, which the admission guard writes into CEL and splits by
    // length: a reference resolved at apply could be up to 512 characters, and no split can allow for it.
    if (props.rolePath !== undefined && isUnresolvedToken(props.rolePath)) {
      throw new NoxusSecretsError(`${subject}: rolePath is a Terraform reference (${props.rolePath}); it must be a literal, as the admission guard ` +
        'writes the role ARNs it is part of and splits them by length. Write the path, e.g. "/noxus/".');
    }
    // IAM (CreateRole): a path is '/' or '/', 1-510 printable ASCII, '/'. Its '${' would be a Terraform template on the
    // role and an IAM policy variable in every policy that names the role's ARN: refused, as is '%{'.
    if (props.rolePath !== undefined) assertNoTemplate(subject, 'rolePath', props.rolePath);
    if (props.rolePath !== undefined && !/^\/([\x21-\x7e]{1,510}\/)?$/.test(props.rolePath)) {
      throw new NoxusSecretsError(`${subject}: rolePath ${JSON.stringify(props.rolePath)} is not an IAM path (starts and ends with '/', 1-512 printable ASCII). Use e.g. "/noxus/".`);
    }
    if (props.partition !== undefined && isUnresolvedToken(props.partition)) {
      throw new NoxusSecretsError(`${subject}: partition is a Terraform reference (${props.partition}); it must be a literal, as the admission guard ` +
        'and the ServiceAccounts write the role ARNs it is part of. Write it, e.g. "aws-cn".');
    }
    if (props.partition !== undefined && !(AWS_PARTITIONS as readonly string[]).includes(props.partition)) {
      throw new NoxusSecretsError(`${subject}: partition ${JSON.stringify(props.partition)} is not an AWS partition ` +
        `(${AWS_PARTITIONS.map(p => JSON.stringify(p)).join(', ')}). Use the partition of the account's Region, e.g. "aws-cn" for cn-north-1.`);
    }
    super([BackendKind.AWS_SECRETS_MANAGER, BackendKind.AWS_PARAMETER_STORE]);
    this.accountId = props.accountId;
    this.roleNamePrefix = prefix;
    this.partition = props.partition ?? 'aws';
    this.rolePath = props.rolePath ?? '/';
  }

  public assertCompatible(backend: ISecretBackend, path?: string): void {
    super.assertCompatible(backend, path);
    // An ARN names its partition: a role in 'aws' does not exist in a China or GovCloud account, and IAM refuses the ARN.
    const region = (backend as AwsBackend).region;
    if (!isUnresolvedToken(region)) {
      const expected = awsPartitionOf(region);
      if (expected !== this.partition) {
        throw NoxusSecretsError.at(path, `WorkloadIdentity: the backend's region ${JSON.stringify(region)} is in the AWS partition ${JSON.stringify(expected)}, ` +
          `but the identity's partition is ${JSON.stringify(this.partition)}: every role ARN would name a partition the account is not in. ` +
          `Set partition: ${JSON.stringify(expected)} on the identity.`);
      }
    }
  }

  public abstract bind(store: StoreContext): AwsRoleBinding;

  /** The IAM role name of `id` under the store naming: also the controller role's. @internal */
  public _roleName(namePrefix: string, id: string): string {
    return boundedName(this.roleNamePrefix ?? `${namePrefix}-eso`, id, 64);
  }

  /** @internal */
  public _storeRole(store: StoreContext): { roleName: string; roleArn: string } {
    const roleName = this._roleName(store.namePrefix, store.id);
    return { roleName, roleArn: this._roleArn(roleName) };
  }

  /** @internal */
  public _roleArn(roleName: string): string {
    return `arn:${this.partition}:iam::${this.accountId}:role${this.rolePath}${roleName}`;
  }

  protected reads(backend: ISecretBackend): boolean {
    return backend instanceof AwsBackend;
  }
}

/** EKS IAM Roles for Service Accounts: one role per store, its ServiceAccount annotated with the role ARN. Made by `WorkloadIdentity.irsa`. */
export class IrsaIdentity extends AwsIamIdentity {
  public readonly kind = IdentityKind.IRSA;

  /** @internal */
  constructor(props: AwsIdentityProps) {
    super('WorkloadIdentity.irsa', props);
  }

  public bind(store: StoreContext): AwsRoleBinding {
    const { roleName, roleArn } = this._storeRole(store);
    return { serviceAccountName: store.serviceAccountName, principalName: roleName, principal: `IAM role ${roleArn}`, roleArn };
  }
}

/**
 * EKS Pod Identity: ESO authenticates as its controller and assumes one role per store, named in
 * the store. Made by `WorkloadIdentity.eksPodIdentity`.
 */
export class EksPodIdentity extends AwsIamIdentity {
  public readonly kind = IdentityKind.EKS_POD_IDENTITY;

  /** @internal */
  constructor(props: AwsIdentityProps) {
    super('WorkloadIdentity.eksPodIdentity', props);
  }

  public bind(store: StoreContext): AwsRoleBinding {
    const { roleName, roleArn } = this._storeRole(store);
    return { principalName: roleName, principal: `IAM role ${roleArn} (assumed by the ESO controller)`, roleArn };
  }
}

/** GKE Workload Identity: one Google service account per store, or direct grants to each ServiceAccount. Made by `WorkloadIdentity.gkeWorkloadIdentity`. */
export class GkeWorkloadIdentity extends WorkloadIdentity {
  public readonly kind = IdentityKind.GKE_WORKLOAD_IDENTITY;
  /** The project that owns the Google service accounts. */
  public readonly projectId: string;
  /**
   * The GSA account ID prefix given.
   * @default - the contract's name prefix
   */
  public readonly gsaPrefix?: string;
  /** Whether secrets are granted to the Kubernetes ServiceAccount's principal, with no GSA. */
  public readonly direct: boolean;
  /**
   * The cluster's location.
   * @default - not set
   */
  public readonly clusterLocation?: string;
  /**
   * The cluster's name.
   * @default - not set
   */
  public readonly clusterName?: string;
  /**
   * The cluster's project.
   * @default - not set
   */
  public readonly clusterProjectId?: string;

  /** @internal */
  constructor(props: GkeWorkloadIdentityProps) {
    const subject = 'WorkloadIdentity.gkeWorkloadIdentity';
    assertProps(subject, props, "{ projectId: 'noxus-prod' }");
    assertRequired(subject, 'projectId', props.projectId, '"noxus-prod"');
    if (!isUnresolvedToken(props.projectId) && !/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/.test(props.projectId ?? '')) {
      throw new NoxusSecretsError(`${subject}: projectId ${JSON.stringify(props.projectId)} is not a GCP project ID ` +
        "(6-30 of a-z, 0-9, '-', starting with a letter). Use e.g. \"noxus-prod\".");
    }
    const prefix = props.gsaPrefix;
    if (prefix !== undefined && !/^[a-z][a-z0-9-]{0,14}$/.test(prefix)) {
      throw new NoxusSecretsError(`${subject}: gsaPrefix ${JSON.stringify(prefix)} is not a GSA prefix ` +
        "(1-15 of a-z, 0-9, '-', starting with a letter). Use e.g. \"noxus\".");
    }
    // GKE cluster names: 1-40 of a-z, 0-9, '-', a letter first; locations are regions or zones (europe-west1, europe-west1-b).
    if (props.clusterName !== undefined && !isUnresolvedToken(props.clusterName) && !/^[a-z]([-a-z0-9]{0,38}[a-z0-9])?$/.test(props.clusterName)) {
      throw new NoxusSecretsError(`${subject}: clusterName ${JSON.stringify(props.clusterName)} is not a GKE cluster name (1-40 of a-z, 0-9, '-', starting with a letter). ` +
        'Use the name, not the full resource path.');
    }
    if (props.clusterLocation !== undefined && !isUnresolvedToken(props.clusterLocation) && !/^[a-z]+-[a-z]+\d+(-[a-z])?$/.test(props.clusterLocation)) {
      throw new NoxusSecretsError(`${subject}: clusterLocation ${JSON.stringify(props.clusterLocation)} is not a GCP region or zone. Use e.g. "europe-west1" or "europe-west1-b".`);
    }
    if (props.clusterProjectId !== undefined && !isUnresolvedToken(props.clusterProjectId) && !/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/.test(props.clusterProjectId)) {
      throw new NoxusSecretsError(`${subject}: clusterProjectId ${JSON.stringify(props.clusterProjectId)} is not a GCP project ID ` +
        "(6-30 of a-z, 0-9, '-', starting with a letter). Use e.g. \"noxus-prod\".");
    }
    super([BackendKind.GCP_SECRET_MANAGER]);
    this.projectId = props.projectId;
    this.gsaPrefix = prefix;
    this.direct = props.direct ?? false;
    this.clusterLocation = props.clusterLocation;
    this.clusterName = props.clusterName;
    this.clusterProjectId = props.clusterProjectId;
  }

  public bind(store: StoreContext): GkeIdentityBinding {
    if (this.direct) {
      return { serviceAccountName: store.serviceAccountName, principal: `principal of ServiceAccount ${store.serviceAccountName}` };
    }
    const accountId = boundedName(this.gsaPrefix ?? store.namePrefix, store.id, 30);
    const gsaEmail = `${accountId}@${this.projectId}.iam.gserviceaccount.com`;
    return { serviceAccountName: store.serviceAccountName, principalName: accountId, principal: `GSA ${gsaEmail}`, gsaEmail };
  }

  protected reads(backend: ISecretBackend): boolean {
    return backend instanceof GcpSecretManagerBackend;
  }
}

/** Azure Workload Identity: one user-assigned managed identity per store. Made by `WorkloadIdentity.azureWorkloadIdentity`. */
export class AzureWorkloadIdentity extends WorkloadIdentity {
  public readonly kind = IdentityKind.AZURE_WORKLOAD_IDENTITY;
  /** The Entra ID tenant. */
  public readonly tenantId: string;
  /**
   * The managed identity name prefix given.
   * @default - the contract's name prefix
   */
  public readonly identityNamePrefix?: string;
  private readonly clientIds: Record<string, string>;

  /** @internal */
  constructor(props: AzureWorkloadIdentityProps) {
    const subject = 'WorkloadIdentity.azureWorkloadIdentity';
    assertProps(subject, props, "{ tenantId: '<directory GUID>' }");
    assertRequired(subject, 'tenantId', props.tenantId, 'the directory (tenant) ID');
    if (!isUnresolvedToken(props.tenantId) && !isGuid(props.tenantId)) {
      throw new NoxusSecretsError(`${subject}: tenantId ${JSON.stringify(props.tenantId)} is not a tenant ID (a GUID). ` +
        'Use the directory (tenant) ID, e.g. "00000000-0000-0000-0000-000000000000".');
    }
    for (const [store, clientId] of Object.entries(props.clientIds ?? {}).sort()) {
      if (!isGuid(clientId) && !isUnresolvedToken(clientId)) {
        throw new NoxusSecretsError(`${subject}: clientIds[${JSON.stringify(store)}] ${JSON.stringify(clientId)} is not a client ID (a GUID). ` +
          "Use the managed identity's client ID (the Azure Terraform's output), not its principal or resource ID.");
      }
    }
    const prefix = props.identityNamePrefix;
    if (prefix !== undefined && !/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/.test(prefix)) {
      throw new NoxusSecretsError(`${subject}: identityNamePrefix ${JSON.stringify(prefix)} is not an identity name prefix ` +
        "(1-40 of letters, digits, '-' and '_', starting with a letter or digit). Use e.g. \"noxus\".");
    }
    super([BackendKind.AZURE_KEY_VAULT]);
    this.tenantId = props.tenantId;
    this.clientIds = { ...(props.clientIds ?? {}) };
    this.identityNamePrefix = prefix;
  }

  public bind(store: StoreContext): IdentityBinding & { readonly serviceAccountName: string; readonly principalName: string } {
    const name = `${this.identityNamePrefix ?? store.namePrefix}-${store.id}`;
    return { serviceAccountName: store.serviceAccountName, principalName: name, principal: `managed identity ${name}` };
  }

  /**
   * The same identity with the client IDs of its stores' managed identities, by store ID
   * ('platform', 'pool-<name>'): the Azure side's outputs, or its Terraform references.
   */
  public withClientIds(clientIds: Record<string, string>): AzureWorkloadIdentity {
    return new AzureWorkloadIdentity({ tenantId: this.tenantId, clientIds, identityNamePrefix: this.identityNamePrefix });
  }

  /** The client ID of the store's managed identity; throws the library's error where it is not given. @internal */
  public _clientId(storeId: string): string {
    const id = this.clientIds[storeId];
    if (id === undefined) {
      throw new NoxusSecretsError(`WorkloadIdentity.azureWorkloadIdentity: clientIds has no entry for store ${JSON.stringify(storeId)} ` +
        `(given: ${Object.keys(this.clientIds).sort().join(', ') || 'none'}). Add the client ID of its managed identity ` +
        '(an output of the Azure Terraform: in one stack, contract.withIdentity(identity.withClientIds(azure.clientIds)); in two, azureWorkloadIdentityFromOutputs).');
    }
    return id;
  }

  protected reads(backend: ISecretBackend): boolean {
    return backend instanceof AzureKeyVaultBackend;
  }
}

/** Vault's Kubernetes auth method: one role per store. Made by `WorkloadIdentity.vaultKubernetes`. */
export class VaultKubernetesIdentity extends WorkloadIdentity {
  public readonly kind = IdentityKind.VAULT_KUBERNETES;
  /** Mount path of the Kubernetes auth method. */
  public readonly authMountPath: string;
  /** The audience the stores' tokens carry and the roles require. */
  public readonly audience: string;
  /**
   * The role name prefix given.
   * @default - '<contract prefix>-eso'
   */
  public readonly roleNamePrefix?: string;

  /** @internal */
  constructor(props: VaultKubernetesProps) {
    const subject = 'WorkloadIdentity.vaultKubernetes';
    assertProps(subject, props, '{ authMountPath: "kubernetes" }, or nothing');
    assertKind(subject, 'authMountPath', props.authMountPath, 'string', '"kubernetes"');
    assertKind(subject, 'audience', props.audience, 'string', '"vault"');
    assertKind(subject, 'roleNamePrefix', props.roleNamePrefix, 'string', '"noxus"');
    const authMountPath = props.authMountPath ?? 'kubernetes';
    assertVaultPath(subject, 'authMountPath', authMountPath, 'kubernetes');
    const prefix = props.roleNamePrefix;
    // Role names match the auth method's path pattern (Vault SDK framework.GenericNameRegex: a word character
    // at both ends, word characters, '-' and '.' between); each role's policy has its name, and Vault's policy
    // store keeps policy names in lower case (PolicyStore.sanitizeName), so a capital would name another policy.
    if (prefix !== undefined && !/^[a-z0-9_][a-z0-9_.-]{0,63}$/.test(prefix)) {
      throw new NoxusSecretsError(`${subject}: roleNamePrefix ${JSON.stringify(prefix)} is not a Vault role name prefix ` +
        "(1-64 of a-z, 0-9, '_', '.', '-', starting with a letter, digit or '_'; each role's policy has its name, which Vault keeps in lower case). Use e.g. \"noxus-eso\".");
    }
    const audience = props.audience ?? 'vault';
    if (!isUnresolvedToken(audience) && !/^\S+$/.test(audience)) {
      throw new NoxusSecretsError(`${subject}: audience ${JSON.stringify(audience)} is not a token audience ` +
        '(a non-empty word without spaces; the Vault role compares it exactly). Use e.g. "vault".');
    }
    super([BackendKind.VAULT]);
    this.authMountPath = authMountPath;
    this.audience = audience;
    this.roleNamePrefix = prefix;
  }

  public bind(store: StoreContext): IdentityBinding & { readonly serviceAccountName: string; readonly principalName: string } {
    const role = boundedName(this.roleNamePrefix ?? `${store.namePrefix}-eso`, store.id, 128);
    return { serviceAccountName: store.serviceAccountName, principalName: role, principal: `Vault role ${role}` };
  }

  protected reads(backend: ISecretBackend): boolean {
    return backend instanceof VaultBackend;
  }
}
