import { DataAzurermClientConfig, FederatedIdentityCredential, KeyVault, KeyVaultSecret, RoleAssignment, UserAssignedIdentity } from '../flavour/azurerm';
import { ITerraformDependable, TerraformOutput } from '../flavour/core';
import { Construct, IConstruct } from 'constructs';
import {
  AzureKeyVaultBackend, AzureWorkloadIdentity, ISecretsGrantee, CLOUD_LIMITS, FootprintOptions, NoxusSecretsError, RemoteKeyLayout, Store, assertNoTemplate, assertRemovedProps, isGuid,
} from '../../core';
import { idOf } from '../construct-id';
import { isReference, terraformText, terraformTextMap } from '../references';
import { AzureGrantee } from './azure-grantee';
import { CloudSideProps, NoxusCloudSecrets } from '../noxus-cloud-secrets';
import { checkOnSynth } from '../../core/synth-checks';
import { grouped } from '../../core/numbers';

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

// Azure naming rules (learn.microsoft.com, resource-name-rules, Microsoft.Resources/resourcegroups): 1-90 of letters, digits,
// '_', '(', ')', '-', '.', not ending in '.'.
const RESOURCE_GROUP = /^[\p{L}\p{N}_().-]{0,89}[\p{L}\p{N}_()-]$/u;
// Azure region names ('westeurope', 'eastus2'): lowercase letters and digits; azurerm also takes the display name
// ('West Europe'), which it lowercases without spaces.
const AZURE_LOCATION = /^[a-z][a-z0-9]*$/;
// A Key Vault's resource ID, as azurerm parses key_vault_id (case-sensitive segments).
const KEY_VAULT_ID = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.KeyVault\/vaults\/([^/]+)$/;
// Key Vault network rules (key-vault/general/network-security): IPv4 addresses or IPv4 CIDR ranges.
const IPV4 = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IP_RULE = new RegExp(`^${IPV4}(\\.${IPV4}){3}(\\/(3[0-2]|[12]?\\d))?$`);
// Key Vault: at most 15 tags on a secret.
const MAX_SECRET_TAGS = 15;
/** The tags the library sets on each secret (with the user's). */
const OWN_SECRET_TAGS = ['noxus-managed-by', 'noxus-env-name', 'noxus-scope'];

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
  private readsByCsi = false;

  protected footprintOptions(): FootprintOptions {
    // The CSI driver reads at each pod's mount and rotation poll: not counted from the contract.
    return { ...super.footprintOptions(), ...(this.readsByCsi ? { readsCounted: false } : {}) };
  }

  constructor(scope: Construct, id: string, props: NoxusAzureSecretsProps) {
    assertRemovedProps('NoxusAzureSecrets', props, ['tenantId', 'identityNamePrefix'], {
      path: scope.node.path ? `${scope.node.path}/${id}` : id,
      instead: 'contract: new SecretsContract({ ..., identity: WorkloadIdentity.azureWorkloadIdentity({ tenantId, identityNamePrefix }) })',
    });
    super(scope, id, 'NoxusAzureSecrets', props);
    const path = this.node.path;
    const subject = this.subject;
    const fail: (message: string) => never = message => {
      throw NoxusSecretsError.at(path, `${subject}: ${message}`);
    };
    const { contract } = this;
    const backend = contract.backend;
    if (!(backend instanceof AzureKeyVaultBackend)) {
      fail(`backend ${JSON.stringify(backend?.kind)} is not Azure Key Vault. Use SecretBackend.azureKeyVault(...).`);
    }
    const identity = contract.identity;
    if (!(identity instanceof AzureWorkloadIdentity)) {
      fail(`identity ${JSON.stringify(identity?.kind)} is not Azure workload identity. Use WorkloadIdentity.azureWorkloadIdentity({ tenantId }).`);
    }
    const tenantId = identity.tenantId;
    if (props.oidcIssuerUrl === undefined) {
      fail('oidcIssuerUrl is required, because each federated credential trusts the cluster\'s issuer. Pass it: a literal, or a reference such as cluster.oidcIssuerUrl.');
    }
    if (!isReference(props.oidcIssuerUrl) && !/^https:\/\/\S+$/.test(props.oidcIssuerUrl)) {
      fail(`oidcIssuerUrl ${JSON.stringify(props.oidcIssuerUrl)} is not an https URL, and federated credentials trust that issuer. ` +
        'Use the cluster\'s issuer (az aks show --query oidcIssuerProfile.issuerUrl).');
    }
    // Literals only: each may be a reference to the user's resource group, vault or network.
    for (const [field, value] of [['resourceGroupName', props.resourceGroupName], ['location', props.location], ['existingVaultId', props.existingVaultId]] as const) {
      if (typeof value === 'string' && !isReference(value)) assertNoTemplate(subject, field, value, path);
    }
    if (!isReference(props.resourceGroupName) && !RESOURCE_GROUP.test(props.resourceGroupName ?? '')) {
      fail(`resourceGroupName ${JSON.stringify(props.resourceGroupName)} is not an Azure resource group name (1-90 of letters, digits, '_', '(', ')', '-' ` +
        "and '.', not ending in '.'). Use the group's name, e.g. \"noxus-prod\", not its ID.");
    }
    if (!isReference(props.location) && !AZURE_LOCATION.test((props.location ?? '').toLowerCase().replace(/ /g, ''))) {
      fail(`location ${JSON.stringify(props.location)} is not an Azure region (its name, e.g. "westeurope", or display name, e.g. "West Europe"; ` +
        'az account list-locations lists them). Use the region of the resource group.');
    }
    if (props.existingVaultId !== undefined && !isReference(props.existingVaultId)) {
      const m = KEY_VAULT_ID.exec(props.existingVaultId);
      if (!m || !isGuid(m[1]) || !RESOURCE_GROUP.test(m[2])) {
        fail(`existingVaultId ${JSON.stringify(props.existingVaultId)} is not a Key Vault resource ID ` +
          '(/subscriptions/<subscription GUID>/resourceGroups/<group>/providers/Microsoft.KeyVault/vaults/<name>). Pass the vault\'s id attribute.');
      }
      // The ExternalSecrets and the SecretProviderClass read the backend's vault: the secrets must be created in it.
      if (m![3].toLowerCase() !== backend.vaultName.toLowerCase()) {
        fail(`existingVaultId names vault ${JSON.stringify(m![3])}, but the backend's vaultUrl is ${JSON.stringify(backend.vaultUrl)}, ` +
          'which the cluster reads: the secrets would be created in another vault. Make them the same vault.');
      }
    }
    const rules = props.networkRules;
    if (rules !== undefined) {
      // Key Vault network ACLs (azurerm network_acls): default_action Allow or Deny, bypass AzureServices or None.
      if (!isReference(rules.defaultAction) && !['Allow', 'Deny'].includes(rules.defaultAction)) {
        fail(`networkRules.defaultAction ${JSON.stringify(rules.defaultAction)} is not a network rule action ("Allow" or "Deny"). Use "Deny" to allow only the rules' networks.`);
      }
      if (rules.bypass !== undefined && !isReference(rules.bypass) && !['AzureServices', 'None'].includes(rules.bypass)) {
        fail(`networkRules.bypass ${JSON.stringify(rules.bypass)} is not a Key Vault bypass ("AzureServices" or "None"). Use "AzureServices" or "None".`);
      }
      for (const [i, rule] of (rules.ipRules ?? []).entries()) {
        if (!isReference(rule) && !IP_RULE.test(rule)) {
          fail(`networkRules.ipRules[${i}] ${JSON.stringify(rule)} is not an IPv4 address or CIDR range, which is what Key Vault's IP rules take ` +
            '(no IPv6, no host names). Use e.g. "203.0.113.7" or "203.0.113.0/24".');
        }
      }
    }
    const retention = props.softDeleteRetentionDays ?? 90;
    if (!isReference(retention) && (!Number.isInteger(retention) || retention < 7 || retention > 90)) fail(`softDeleteRetentionDays ${retention} is out of range (7 to 90). Use e.g. 90.`);
    const delivery = props.delivery ?? AzureDelivery.EXTERNAL_SECRETS;
    this.readsByCsi = delivery === AzureDelivery.CSI_DRIVER;
    if (this.readsByCsi && contract.remoteKeyScheme.layout === RemoteKeyLayout.PER_STORE) {
      fail('delivery is AzureDelivery.CSI_DRIVER, but the contract lays its keys out per store (RemoteKeyLayout.PER_STORE), and the CSI driver\'s Azure provider ' +
        'mounts whole secrets only, never one field of a JSON object. Use RemoteKeyLayout.PER_KEY with the CSI driver, or AzureDelivery.EXTERNAL_SECRETS.');
    }
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
      if (!isReference(k) && (k.length === 0 || k.length > 512 || /[<>%&\\?/]/.test(k))) fail(`tag name ${JSON.stringify(k)} is not an Azure tag name (1-512 characters, none of < > % & \\ ? /). Rename it.`);
      if (!isReference(v) && v.length > 256) fail(`tag ${JSON.stringify(k)} has a value of ${v.length} characters, and Azure allows 256. Shorten it.`);
    }
    const userTags = Object.keys(props.tags ?? {}).length;
    if (userTags + OWN_SECRET_TAGS.length > MAX_SECRET_TAGS) {
      fail(`tags has ${userTags} tags, and with the library's ${OWN_SECRET_TAGS.length} (${OWN_SECRET_TAGS.join(', ')}) each Key Vault secret would have ` +
        `${userTags + OWN_SECRET_TAGS.length}, over the ${MAX_SECRET_TAGS} Key Vault allows on a secret. Keep at most ${MAX_SECRET_TAGS - OWN_SECRET_TAGS.length} tags.`);
    }
    const tags = terraformTextMap({ ...(props.tags ?? {}), 'noxus-managed-by': 'noxus-secrets-cdk' });

    let officer: ITerraformDependable | undefined;
    if (props.existingVaultId !== undefined) {
      this.vaultId = props.existingVaultId;
      this.unverified.push({
        resource: `Key Vault ${isReference(props.existingVaultId) ? '(a Terraform reference)' : props.existingVaultId}`,
        what: 'The vault is not created here: whether it uses RBAC authorization (access policies would bypass the per-secret roles), ' +
          'has purge protection and network rules, and who else holds a role on it (a vault-wide Secrets User or Officer reads every pool\'s secrets) are not known to the library.',
      });
    } else {
      const vault = new KeyVault(this, 'Vault', {
        name: backend.vaultName,
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
        name: identity.bind(store).principalName,
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

  /** A store's user-assigned managed identity. */
  public identity(store: Store): UserAssignedIdentity {
    return this.identities.get(this.storeArg('identity', store).id)!;
  }

  /** The client ID of a store's managed identity (a Terraform reference). */
  public clientId(store: Store): string {
    return this.identities.get(this.storeArg('clientId', store).id)!.clientId;
  }

  /**
   * Every store's client ID by store ID (Terraform references), for the Kubernetes side in one
   * stack: `contract.withIdentity(identity.withClientIds(azure.clientIds))`.
   */
  public get clientIds(): Record<string, string> {
    return Object.fromEntries([...this.identities].map(([id, managed]) => [id, managed.clientId]));
  }

  protected readonly grantCloud = 'azure';

  /** "Key Vault Secrets User" on each of the secrets for the grantee's principal, never the vault. */
  protected grantTo(_target: Store | string, addresses: string[], grantee: ISecretsGrantee): IConstruct[] {
    const { objectId, type } = grantee as AzureGrantee;
    return this.secretsUser(`Grant-${this.grantCount++}`, addresses, objectId, type);
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
  return [`${subject}: this construct makes ${grouped(count)} role assignments (one per secret a store or a grant reads), ` +
    `and Azure allows ${grouped(limit.value)} ${limit.what}, fixed, the subscription's other assignments included; apply would fail part-way. ` +
    `To fit, ${limit.fix}.`];
}
