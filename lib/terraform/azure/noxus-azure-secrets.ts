import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { FederatedIdentityCredential } from '@cdktf/provider-azurerm/lib/federated-identity-credential';
import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { KeyVaultSecret } from '@cdktf/provider-azurerm/lib/key-vault-secret';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { ITerraformDependable, TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import {
  BackendKind, CLOUD_LIMITS, IdentityKind, NoxusSecretsError, SecretBackend, Store, WorkloadIdentity, isUnresolvedToken, terraformText, terraformTextMap,
} from '../../core';
import { idOf } from '../construct-id';
import { CloudSideProps, NoxusCloudSecrets } from '../noxus-cloud-secrets';
import { checkOnSynth } from '../../core/synth-checks';

/** Where each store's identity is granted "Key Vault Secrets User". */
export enum KeyVaultRoleScope {
  /** On each of the store's secrets: pools stay isolated. */
  SECRET = 'secret',
  /** On the whole vault: every store reads every secret. Only as an explicit choice. */
  VAULT = 'vault',
}

/** How pods reach Key Vault: it decides which ServiceAccounts the identities trust. */
export enum AzureDelivery {
  /** External Secrets Operator: each store's ServiceAccount `noxus-eso-<store>`. */
  EXTERNAL_SECRETS = 'external-secrets',
  /**
   * The Secrets Store CSI driver: pods run as `noxus-csi-<store>`; the platform identity also
   * trusts every pool's ServiceAccount, because worker pods mount the shared class too.
   */
  CSI_DRIVER = 'csi-driver',
}

/** Network rules of a vault the construct creates. */
export interface KeyVaultNetworkRules {
  /** 'Allow' or 'Deny' for traffic no rule matches. */
  readonly defaultAction: string;
  /** @default 'AzureServices' */
  readonly bypass?: string;
  /** @default - none */
  readonly ipRules?: string[];
  /** @default - none */
  readonly virtualNetworkSubnetIds?: string[];
}

/** Props of the Azure side of the platform's secrets. */
export interface NoxusAzureSecretsProps extends CloudSideProps {
  /** Resource group of the vault and identities. */
  readonly resourceGroupName: string;
  /** Azure region of the vault and identities. */
  readonly location: string;
  /**
   * The Entra ID tenant (shorthand without a contract; with one, the identity's tenant).
   * @default - the contract identity's
   */
  readonly tenantId?: string;
  /** The AKS cluster's OIDC issuer URL. */
  readonly oidcIssuerUrl: string;
  /**
   * How pods reach Key Vault.
   * @default AzureDelivery.EXTERNAL_SECRETS
   */
  readonly delivery?: AzureDelivery;
  /**
   * An existing vault's resource ID; none is created then.
   * @default - a new vault with RBAC authorization and purge protection
   */
  readonly existingVaultId?: string;
  /**
   * Soft-delete retention of a new vault, 7 to 90 days.
   * @default 90
   */
  readonly softDeleteRetentionDays?: number;
  /**
   * Network rules of a new vault.
   * @default - none (public access)
   */
  readonly networkRules?: KeyVaultNetworkRules;
  /**
   * Where "Key Vault Secrets User" is granted.
   * @default KeyVaultRoleScope.SECRET
   */
  readonly roleScope?: KeyVaultRoleScope;
  /**
   * Identity names are '<prefix>-<store>' (shorthand without a contract; with one, set it on the identity).
   * @default - the contract's name prefix
   */
  readonly identityNamePrefix?: string;
  /**
   * Grant the principal that runs Terraform "Key Vault Secrets Officer" on the vault, so that it
   * can create the secrets' placeholders (a data-plane operation). A bootstrap convenience: the
   * role also reads and changes every secret, so the audit warns (NX15). Turn it off once the
   * secrets exist, or when the Terraform principal holds a data-plane role on the vault already.
   * @default true
   */
  readonly grantDeployerSecretsOfficer?: boolean;
  /** @default - only the library's own tags */
  readonly tags?: Record<string, string>;
}

/** The role that reads secret values. */
export const KEY_VAULT_SECRETS_USER = 'Key Vault Secrets User';
/** The audience of federated credentials for Kubernetes workload identity. */
export const AZURE_TOKEN_EXCHANGE_AUDIENCE = 'api://AzureADTokenExchange';
/** A user-assigned identity takes at most this many federated credentials (CLOUD_LIMITS, with its source). */
export const MAX_FEDERATED_CREDENTIALS = CLOUD_LIMITS.azureFederatedCredentialsPerIdentity.value;

/**
 * The Azure side: a Key Vault with RBAC authorization and purge protection
 * (or an existing one), one secret per entry of the blueprint (named by the
 * scheme the cluster reads; created empty, values set outside Terraform), and
 * per store a user-assigned identity with federated credentials for exactly its
 * ServiceAccounts and "Key Vault Secrets User" on exactly its secrets.
 */
export class NoxusAzureSecrets extends NoxusCloudSecrets {
  /** The vault's resource ID. */
  public readonly vaultId: string;
  private readonly identities = new Map<string, UserAssignedIdentity>();
  private readonly secrets = new Map<string, KeyVaultSecret>();
  private grantCount = 0;

  constructor(scope: Construct, id: string, props: NoxusAzureSecretsProps) {
    super(scope, id, 'NoxusAzureSecrets', withAzureIdentity(props));
    const path = this.node.path;
    const subject = this.subject;
    const fail = (message: string): never => {
      throw NoxusSecretsError.at(path, `${subject}: ${message}`);
    };
    const { contract } = this;
    const backend = contract.backend;
    if (!(backend instanceof SecretBackend) || backend.kind !== BackendKind.AZURE_KEY_VAULT) {
      fail(`backend ${JSON.stringify(backend?.kind)} is not Azure Key Vault. Use SecretBackend.azureKeyVault(...).`);
    }
    const identity = contract.identity;
    if (!(identity instanceof WorkloadIdentity) || identity.kind !== IdentityKind.AZURE_WORKLOAD_IDENTITY) {
      fail(`identity ${JSON.stringify(identity?.kind)} is not Azure workload identity. Use WorkloadIdentity.azureWorkloadIdentity({ tenantId }).`);
    }
    const vaultBackend = backend as SecretBackend;
    const tenantId = (identity as WorkloadIdentity).tenantId!;
    contract._assertSame(subject, 'tenantId', props.tenantId, tenantId, path);
    if (props.oidcIssuerUrl === undefined) {
      fail('oidcIssuerUrl is required, because each federated credential trusts the cluster\'s issuer. Pass it: a literal, or a reference such as cluster.oidcIssuerUrl.');
    }
    if (!isUnresolvedToken(props.oidcIssuerUrl) && !/^https:\/\/\S+$/.test(props.oidcIssuerUrl)) {
      fail(`oidcIssuerUrl ${JSON.stringify(props.oidcIssuerUrl)} is not an https URL, and federated credentials trust that issuer. ` +
        'Use the cluster\'s issuer (az aks show --query oidcIssuerProfile.issuerUrl).');
    }
    const retention = props.softDeleteRetentionDays ?? 90;
    if (!Number.isInteger(retention) || retention < 7 || retention > 90) fail(`softDeleteRetentionDays ${retention} is out of range (7 to 90). Use e.g. 90.`);
    const delivery = props.delivery ?? AzureDelivery.EXTERNAL_SECRETS;
    const stores = contract.stores;
    const accountOf = (store: Store) => delivery === AzureDelivery.CSI_DRIVER ? store.csiServiceAccountName : store.serviceAccountName;
    const trusted = (store: Store): string[] => delivery === AzureDelivery.CSI_DRIVER && store.pool === undefined
      ? stores.map(accountOf)
      : [accountOf(store)];
    for (const store of stores) {
      const count = trusted(store).length;
      if (count > MAX_FEDERATED_CREDENTIALS) {
        fail(`the platform identity would need ${count} federated credentials (its own ServiceAccount and one per pool, because worker pods ` +
          `mount the shared class with the CSI driver), but an identity takes at most ${MAX_FEDERATED_CREDENTIALS}. ` +
          `Use AzureDelivery.EXTERNAL_SECRETS, or at most ${MAX_FEDERATED_CREDENTIALS - 1} pools.`);
      }
    }
    // Azure tags (Azure Resource Manager limits): at most 50, names up to 512 characters without < > % & \\ ? /, values up to 256.
    for (const [k, v] of Object.entries(props.tags ?? {})) {
      if (!isUnresolvedToken(k) && (k.length === 0 || k.length > 512 || /[<>%&\\?/]/.test(k))) fail(`tag name ${JSON.stringify(k)} is not an Azure tag name (1-512 characters, none of < > % & \\ ? /). Rename it.`);
      if (!isUnresolvedToken(v) && v.length > 256) fail(`tag ${JSON.stringify(k)} has a value of ${v.length} characters, and Azure allows 256. Shorten it.`);
    }
    if (Object.keys(props.tags ?? {}).length + 3 > 50) fail(`tags has ${Object.keys(props.tags ?? {}).length} tags, and with the library's 3 an Azure resource would exceed 50. Remove some.`);
    const tags = terraformTextMap({ ...(props.tags ?? {}), 'noxus-managed-by': 'noxus-secrets-cdk' });

    let officer: ITerraformDependable | undefined;
    if (props.existingVaultId !== undefined) {
      this.vaultId = props.existingVaultId;
      this.unverified.push({
        resource: `Key Vault ${isUnresolvedToken(props.existingVaultId) ? '(a Terraform reference)' : props.existingVaultId}`,
        what: 'The vault is not created here: whether it uses RBAC authorization (access policies would bypass the per-secret roles), ' +
          'has purge protection and network rules, and who else holds a role on it (a vault-wide Secrets User or Officer reads every pool\'s secrets) are not known to the library.',
      });
    } else {
      const vault = new KeyVault(this, 'Vault', {
        name: vaultBackend.vaultName!,
        location: props.location,
        resourceGroupName: props.resourceGroupName,
        tenantId,
        skuName: 'standard',
        rbacAuthorizationEnabled: true,
        purgeProtectionEnabled: true,
        softDeleteRetentionDays: retention,
        ...(props.networkRules ? {
          networkAcls: {
            defaultAction: props.networkRules.defaultAction,
            bypass: props.networkRules.bypass ?? 'AzureServices',
            ipRules: props.networkRules.ipRules?.map(terraformText),
            virtualNetworkSubnetIds: props.networkRules.virtualNetworkSubnetIds,
          },
        } : {}),
        tags,
      });
      this.vaultId = vault.id;
    }
    if (props.grantDeployerSecretsOfficer ?? true) {
      const deployer = new DataAzurermClientConfig(this, 'Deployer', {});
      officer = new RoleAssignment(this, 'DeployerSecretsOfficer', {
        scope: this.vaultId, roleDefinitionName: 'Key Vault Secrets Officer', principalId: deployer.objectId,
        description: 'Lets the Terraform principal create the Noxus secrets',
      });
    }

    this.build(({ address, key, entry, fields }) => {
      // Key Vault has no empty secret: the placeholder is no secret, and it is write-only (value_wo,
      // azurerm 4.23+, Terraform 1.11+). With `value`, every refresh read the real value set later back
      // into the state; with value_wo_version set, azurerm's read leaves `value` out of it.
      // Both are ignored after creation: a secret created by an earlier version holds `value` in state,
      // and a change of either would make azurerm write the placeholder over the real value.
      const secret = new KeyVaultSecret(this, `Secret-${idOf(address)}`, {
        name: key,
        keyVaultId: this.vaultId,
        // A scope's secret (RemoteKeyLayout.PER_STORE) starts as the empty object: ESO extracts no key from it,
        // so an optional key stays out and a required one fails the sync by name until its value is set.
        valueWo: fields ? '{}' : 'unset',
        valueWoVersion: 1,
        contentType: fields ? 'application/json' : 'text/plain',
        tags: fields
          ? { ...tags, 'noxus-scope': address }
          : { ...tags, 'noxus-env-name': entry.name, 'noxus-scope': address.split('/').slice(0, -1).join('/') },
        lifecycle: { ignoreChanges: ['value', 'value_wo_version'] },
        dependsOn: officer ? [officer] : undefined,
      });
      this.secrets.set(address, secret);
      return { id: secret.resourceVersionlessId, description: `Key Vault secret ${key}` };
    }, store => {
      const managed = new UserAssignedIdentity(this, `Identity-${store.id}`, {
        name: store.identity.principalName!,
        location: props.location,
        resourceGroupName: props.resourceGroupName,
        tags,
      });
      for (const account of trusted(store)) {
        new FederatedIdentityCredential(this, `Federation-${store.id}-${account}`, {
          name: account,
          resourceGroupName: props.resourceGroupName,
          parentId: managed.id,
          issuer: props.oidcIssuerUrl,
          subject: `system:serviceaccount:${this.namespace}:${account}`,
          audience: [AZURE_TOKEN_EXCHANGE_AUDIENCE],
        });
      }
      if ((props.roleScope ?? KeyVaultRoleScope.SECRET) === KeyVaultRoleScope.VAULT) {
        new RoleAssignment(this, `SecretsUser-${store.id}-vault`, {
          scope: this.vaultId, roleDefinitionName: KEY_VAULT_SECRETS_USER, principalId: managed.principalId, principalType: 'ServicePrincipal',
        });
      } else {
        this.secretsUser(`SecretsUser-${store.id}`, store.remoteKeys.map(k => k.address), managed.principalId, 'ServicePrincipal');
      }
      this.identities.set(store.id, managed);
      new TerraformOutput(this, `ClientId-${store.id}`, { value: managed.clientId, description: `Client ID of the ${store.id} store's identity` });
    });
    // Azure allows 4,000 role assignments per subscription, fixed: counted at synth, grants made after construction included.
    checkOnSynth(this, () => roleAssignmentProblems(this, subject), { firstChecksAll: true });
  }

  /** A store's user-assigned managed identity: a pool name, or a Store of the contract. */
  public identity(store: Store | string): UserAssignedIdentity {
    return this.identities.get(this.storeOf(store).id)!;
  }

  /** The client ID of a store's managed identity (a Terraform reference). */
  public clientId(store: Store | string): string {
    return this.identity(store).clientId;
  }

  /**
   * Every store's client ID by store ID (Terraform references), for the Kubernetes side in one
   * stack: `contract.withIdentity(identity.withClientIds(azure.clientIds))`.
   */
  public get clientIds(): Record<string, string> {
    return Object.fromEntries([...this.identities].map(([id, managed]) => [id, managed.clientId]));
  }

  /**
   * Lets another principal you own (its object ID) read exactly the secrets of a store (a Store, or a
   * pool name) or one address: "Key Vault Secrets User" on each of those secrets, never the vault.
   * Listed in the report.
   * @param principalType 'ServicePrincipal', 'User' or 'Group'
   */
  public grantRead(target: Store | string, principalId: string, principalType = 'ServicePrincipal'): RoleAssignment[] {
    const addresses = this.addressesOf(target);
    this.grants.push({ addresses, grantee: `principal ${principalId.includes('${') ? '(Terraform reference)' : principalId}` });
    return this.secretsUser(`Grant-${this.grantCount++}`, addresses, principalId, principalType);
  }

  private secretsUser(idPrefix: string, addresses: string[], principalId: string, principalType: string): RoleAssignment[] {
    return addresses.map(a => new RoleAssignment(this, `${idPrefix}-${idOf(a)}`, {
      scope: this.secrets.get(a)!.resourceVersionlessId, roleDefinitionName: KEY_VAULT_SECRETS_USER, principalId, principalType,
    }));
  }
}

/** The construct's role assignments past the subscription's limit, as a message (none under it). */
function roleAssignmentProblems(construct: Construct, subject: string): string[] {
  const count = construct.node.findAll().filter(c => c instanceof RoleAssignment).length;
  const limit = CLOUD_LIMITS.azureRoleAssignmentsPerSubscription;
  if (count <= limit.value) return [];
  return [`${subject}: this construct makes ${count.toLocaleString('en-US')} role assignments (one per secret a store or a grant reads), ` +
    `and Azure allows ${limit.value.toLocaleString('en-US')} ${limit.what}, fixed, the subscription's other assignments included; apply would fail part-way. ` +
    `To fit, ${limit.fix}.`];
}

/** The shorthand's identity: Azure names its identities from the tenant and prefix given to this construct. */
function withAzureIdentity(props: NoxusAzureSecretsProps): NoxusAzureSecretsProps {
  if (props?.contract !== undefined || props?.identity !== undefined || props?.tenantId === undefined) return props;
  return { ...props, identity: WorkloadIdentity.azureWorkloadIdentity({ tenantId: props.tenantId, identityNamePrefix: props.identityNamePrefix }) };
}
