import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { FederatedIdentityCredential } from '@cdktf/provider-azurerm/lib/federated-identity-credential';
import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { KeyVaultSecret } from '@cdktf/provider-azurerm/lib/key-vault-secret';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { ITerraformDependable, TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import {
  BackendKind, NoxusSecretsError, RemoteKeyScheme, addressOf, assertDnsLabel, csiServiceAccountName, esoServiceAccountName, isGuid, storeEntries,
} from '../../core';
import { idOf } from '../construct-id';
import { auditStackOnSynth } from '../audit-on-synth';
import { CloudSideProps } from '../cloud-side-props';

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
  /** The Entra ID tenant. */
  readonly tenantId: string;
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
   * Identity names are '<prefix>-<store>'.
   * @default 'noxus'
   */
  readonly identityNamePrefix?: string;
  /**
   * Grant the principal that runs Terraform "Key Vault Secrets Officer" on the vault, so it can create the secrets.
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
/** A user-assigned identity takes at most this many federated credentials. */
export const MAX_FEDERATED_CREDENTIALS = 20;

/**
 * The Azure side: a Key Vault with RBAC authorization and purge protection
 * (or an existing one), one secret per entry of the blueprint (named by the
 * scheme the cluster reads; created empty, values set outside Terraform), and
 * per store a user-assigned identity with federated credentials for exactly its
 * ServiceAccounts and "Key Vault Secrets User" on exactly its secrets.
 */
export class NoxusAzureSecrets extends Construct {
  /** The vault's resource ID. */
  public readonly vaultId: string;
  private readonly identities = new Map<string, UserAssignedIdentity>();

  constructor(scope: Construct, id: string, props: NoxusAzureSecretsProps) {
    super(scope, id);
    auditStackOnSynth(this, props.blueprint, props.audit);
    const path = this.node.path;
    const subject = 'NoxusAzureSecrets';
    const { backend, blueprint } = props;
    const fail = (message: string): never => {
      throw NoxusSecretsError.at(path, `${subject}: ${message}`);
    };
    if (backend.kind !== BackendKind.AZURE_KEY_VAULT) fail(`backend ${JSON.stringify(backend.kind)} is not Azure Key Vault. Use SecretBackend.azureKeyVault(...).`);
    assertDnsLabel(subject, 'namespace', props.namespace, path);
    if (!isGuid(props.tenantId)) fail(`tenantId ${JSON.stringify(props.tenantId)} is not a tenant ID (a GUID). Use the directory (tenant) ID.`);
    if (!/^https:\/\/\S+$/.test(props.oidcIssuerUrl ?? '')) {
      fail(`oidcIssuerUrl ${JSON.stringify(props.oidcIssuerUrl)} is not an https URL, and federated credentials trust that issuer. ` +
        'Use the cluster\'s issuer (az aks show --query oidcIssuerProfile.issuerUrl).');
    }
    const retention = props.softDeleteRetentionDays ?? 90;
    if (!Number.isInteger(retention) || retention < 7 || retention > 90) fail(`softDeleteRetentionDays ${retention} is out of range (7 to 90). Use e.g. 90.`);
    const prefix = props.identityNamePrefix ?? 'noxus';
    if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/.test(prefix)) {
      fail(`identityNamePrefix ${JSON.stringify(prefix)} is not an identity name prefix (1-40 of letters, digits, '-' and '_', starting with a letter or digit). Use e.g. "noxus".`);
    }
    const delivery = props.delivery ?? AzureDelivery.EXTERNAL_SECRETS;
    const stores = storeEntries(blueprint);
    const accountOf = (storeId: string) => delivery === AzureDelivery.CSI_DRIVER ? csiServiceAccountName(storeId) : esoServiceAccountName(storeId);
    const trusted = (storeId: string): string[] => delivery === AzureDelivery.CSI_DRIVER && storeId === 'platform'
      ? stores.map(s => accountOf(s.storeId))
      : [accountOf(storeId)];
    for (const store of stores) {
      const count = trusted(store.storeId).length;
      if (count > MAX_FEDERATED_CREDENTIALS) {
        fail(`the platform identity would need ${count} federated credentials (its own ServiceAccount and one per pool, because worker pods ` +
          `mount the shared class with the CSI driver), but an identity takes at most ${MAX_FEDERATED_CREDENTIALS}. ` +
          `Use AzureDelivery.EXTERNAL_SECRETS, or at most ${MAX_FEDERATED_CREDENTIALS - 1} pools.`);
      }
    }
    const scheme = NoxusSecretsError.within(path, () => new RemoteKeyScheme(blueprint, backend, props.remoteKeys));
    const tags = { ...(props.tags ?? {}), 'noxus-managed-by': 'noxus-secrets-cdk' };

    let officer: ITerraformDependable | undefined;
    if (props.existingVaultId !== undefined) {
      this.vaultId = props.existingVaultId;
    } else {
      const vault = new KeyVault(this, 'Vault', {
        name: backend.vaultName!,
        location: props.location,
        resourceGroupName: props.resourceGroupName,
        tenantId: props.tenantId,
        skuName: 'standard',
        rbacAuthorizationEnabled: true,
        purgeProtectionEnabled: true,
        softDeleteRetentionDays: retention,
        ...(props.networkRules ? {
          networkAcls: {
            defaultAction: props.networkRules.defaultAction,
            bypass: props.networkRules.bypass ?? 'AzureServices',
            ipRules: props.networkRules.ipRules,
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

    const secrets = new Map<string, KeyVaultSecret>();
    for (const { address, key, entry } of scheme.all()) {
      // Key Vault has no empty secret: the placeholder is no secret, and Terraform ignores the real value set later.
      secrets.set(address, new KeyVaultSecret(this, `Secret-${idOf(address)}`, {
        name: key,
        keyVaultId: this.vaultId,
        value: 'unset',
        contentType: 'text/plain',
        tags: { ...tags, 'noxus-env-name': entry.name, 'noxus-scope': address.split('/').slice(0, -1).join('/') },
        lifecycle: { ignoreChanges: ['value'] },
        dependsOn: officer ? [officer] : undefined,
      }));
    }

    for (const store of stores) {
      const identity = new UserAssignedIdentity(this, `Identity-${store.storeId}`, {
        name: `${prefix}-${store.storeId}`,
        location: props.location,
        resourceGroupName: props.resourceGroupName,
        tags,
      });
      for (const account of trusted(store.storeId)) {
        new FederatedIdentityCredential(this, `Federation-${store.storeId}-${account}`, {
          name: account,
          resourceGroupName: props.resourceGroupName,
          parentId: identity.id,
          issuer: props.oidcIssuerUrl,
          subject: `system:serviceaccount:${props.namespace}:${account}`,
          audience: [AZURE_TOKEN_EXCHANGE_AUDIENCE],
        });
      }
      const scopes = (props.roleScope ?? KeyVaultRoleScope.SECRET) === KeyVaultRoleScope.VAULT
        ? [{ id: 'vault', scope: this.vaultId }]
        : [...new Set(store.entries.map(addressOf))].map(a => ({ id: idOf(a), scope: secrets.get(a)!.resourceVersionlessId }));
      for (const s of scopes) {
        new RoleAssignment(this, `SecretsUser-${store.storeId}-${s.id}`, {
          scope: s.scope, roleDefinitionName: KEY_VAULT_SECRETS_USER, principalId: identity.principalId, principalType: 'ServicePrincipal',
        });
      }
      this.identities.set(store.storeId, identity);
      new TerraformOutput(this, `ClientId-${store.storeId}`, { value: identity.clientId, description: `Client ID of the ${store.storeId} store's identity` });
    }
  }

  /** The client ID of a store's managed identity (a Terraform reference). */
  public clientId(storeId: string): string {
    const identity = this.identities.get(storeId);
    if (!identity) {
      throw NoxusSecretsError.at(this.node.path, `NoxusAzureSecrets: no store ${JSON.stringify(storeId)} ` +
        `(stores: ${[...this.identities.keys()].join(', ')}). Use 'platform' or 'pool-<name>'.`);
    }
    return identity.clientId;
  }
}
