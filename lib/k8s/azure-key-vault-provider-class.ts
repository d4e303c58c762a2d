import { ApiObject, Yaml } from 'cdk8s';
import { Construct } from 'constructs';
import {
  NoxusSecretsError, SECRET_KEY_RULE, SecretBackend, assertDnsSubdomain, assertProps, childPath, isGuid, isKeyVaultName, isSecretKey, isUnresolvedToken,
} from '../core';

/** What a Key Vault object is. */
export enum KeyVaultObjectType {
  SECRET = 'secret',
  KEY = 'key',
  CERT = 'cert',
}

/** One Key Vault object the driver fetches into the mount. */
export interface KeyVaultObject {
  /** The object's name in the vault: 1-127 of 0-9 A-Z a-z -. */
  readonly objectName: string;
  /** @default KeyVaultObjectType.SECRET */
  readonly objectType?: KeyVaultObjectType;
  /** @default - the latest version */
  readonly objectVersion?: string;
  /**
   * The file name in the mount, and the name `secretObjects` refer to.
   * @default - the object name
   */
  readonly objectAlias?: string;
}

/** One key of a synced Kubernetes Secret. */
export interface SyncedSecretKey {
  /** The object's alias, or its name if it has none. */
  readonly objectName: string;
  /** The key in the Kubernetes Secret. */
  readonly key: string;
}

/** A Kubernetes Secret the driver writes from mounted objects, while a pod mounts the volume. */
export interface SyncedSecret {
  /** The Secret's name. */
  readonly secretName: string;
  /** @default 'Opaque' */
  readonly type?: string;
  /** Its keys. */
  readonly data: SyncedSecretKey[];
}

/** Props of a SecretProviderClass for Azure Key Vault with workload identity. */
export interface AzureKeyVaultProviderClassProps {
  /**
   * The SecretProviderClass's name.
   * @default - the construct's generated name
   */
  readonly name?: string;
  /** The vault's name: 3-24 of letters, digits and hyphens, starting with a letter. */
  readonly keyvaultName: string;
  /** The Entra ID tenant (a GUID). */
  readonly tenantId: string;
  /** Client ID of the managed identity the pods' ServiceAccount federates with (a GUID). */
  readonly clientId: string;
  /**
   * The Azure cloud.
   * @default 'AzurePublicCloud'
   */
  readonly cloudName?: string;
  /** The objects to fetch. */
  readonly objects: KeyVaultObject[];
  /**
   * Kubernetes Secrets to sync from the objects.
   * @default - none (files in the mount only)
   */
  readonly secretObjects?: SyncedSecret[];
}

/**
 * A SecretProviderClass's `spec` (secrets-store.csi.x-k8s.io/v1, the Secrets Store CSI driver's
 * CRD, which publishes no TypeScript package) with the Azure provider's parameters, all strings.
 */
interface AzureSecretProviderClassSpec {
  readonly provider: 'azure';
  readonly parameters: {
    readonly usePodIdentity: 'false';
    readonly clientID: string;
    readonly keyvaultName: string;
    readonly cloudName: string;
    /** YAML: `array:` of YAML strings, one per object. */
    readonly objects: string;
    readonly tenantID: string;
  };
  readonly secretObjects?: ReadonlyArray<{
    readonly secretName: string;
    readonly type: string;
    readonly data: ReadonlyArray<{ readonly objectName: string; readonly key: string }>;
  }>;
}

const ALIAS = /^[A-Za-z0-9_.-]{1,253}$/;
const TYPES = Object.values(KeyVaultObjectType) as string[];
const OBJECT_RULES = SecretBackend.azureKeyVault({ vaultUrl: 'https://rules.vault.azure.net/' });

/**
 * A Secrets Store CSI driver `SecretProviderClass` (`secrets-store.csi.x-k8s.io/v1`)
 * for Azure Key Vault with workload identity. The driver writes `secretObjects`
 * only while a pod mounts the volume, and deletes them when none does.
 */
export class AzureKeyVaultProviderClass extends Construct {
  /** The SecretProviderClass's name, for `volumeAttributes.secretProviderClass`. */
  public readonly providerClassName: string;
  /** The rendered object. */
  public readonly resource: ApiObject;

  constructor(scope: Construct, id: string, props: AzureKeyVaultProviderClassProps) {
    assertProps('AzureKeyVaultProviderClass', props, "{ keyvaultName: 'noxus-prod', tenantId, clientId, objects: [{ objectName: 'OPENAI-API-KEY' }] }", childPath(scope, id));
    super(scope, id);
    const path = this.node.path;
    const subject = 'AzureKeyVaultProviderClass';
    const fail = (message: string): never => {
      throw NoxusSecretsError.at(path, `${subject}: ${message}`);
    };
    if (props.name !== undefined) assertDnsSubdomain(subject, 'name', props.name, path);
    if (!isKeyVaultName(props.keyvaultName)) {
      fail(`keyvaultName ${JSON.stringify(props.keyvaultName)} is not a Key Vault name (3-24 of letters, digits and hyphens, ` +
        'starting with a letter, not ending with a hyphen, no two hyphens in a row). Use the vault\'s name, e.g. "noxus-prod".');
    }
    // The cloud names the Azure provider of the Secrets Store CSI driver accepts.
    const clouds = ['AzurePublicCloud', 'AzureChinaCloud', 'AzureUSGovernmentCloud', 'AzureStackCloud'];
    if (props.cloudName !== undefined && !clouds.includes(props.cloudName)) {
      fail(`cloudName ${JSON.stringify(props.cloudName)} is not an Azure cloud the CSI driver knows (${clouds.join(', ')}). Use e.g. "AzurePublicCloud".`);
    }
    if (props.clientId === undefined || props.clientId === '') {
      fail('clientID is missing (the driver exchanges the pod\'s ServiceAccount token for this managed identity). ' +
        'Pass the client ID of the identity, an output of the Azure Terraform.');
    }
    if (!isGuid(props.clientId) && !isUnresolvedToken(props.clientId)) {
      fail(`clientID ${JSON.stringify(props.clientId)} is not a client ID (a GUID). Use the managed identity's client ID, not its principal or resource ID.`);
    }
    if (!isGuid(props.tenantId)) {
      fail(`tenantID ${JSON.stringify(props.tenantId)} is not a tenant ID (a GUID). Use the directory (tenant) ID.`);
    }
    if (props.objects.length === 0) {
      fail('objects is empty, so the mount would hold nothing. Add the Key Vault objects to fetch.');
    }
    const files = new Map<string, string>();
    for (const o of props.objects) {
      NoxusSecretsError.within(path, () => OBJECT_RULES.assertRemoteKey(`${subject} object`, o.objectName));
      // The Azure provider fetches only these types (secrets-store-csi-driver-provider-azure, pkg/provider/types: secret, key, cert).
      if (o.objectType !== undefined && !TYPES.includes(o.objectType)) {
        fail(`objectType ${JSON.stringify(o.objectType)} of ${JSON.stringify(o.objectName)} is not a type the Azure provider fetches (${TYPES.join(', ')}). ` +
          'Use KeyVaultObjectType.SECRET, KEY or CERT.');
      }
      // The alias is a file name in the pod's mount: '.' and '..' name the mount and its parent, not a file.
      if (o.objectAlias !== undefined && (!ALIAS.test(o.objectAlias) || o.objectAlias === '.' || o.objectAlias === '..')) {
        fail(`objectAlias ${JSON.stringify(o.objectAlias)} of ${JSON.stringify(o.objectName)} is not a file name (1-253 of A-Z a-z 0-9 _ . -, not '.' or '..'). Choose another alias.`);
      }
      const file = o.objectAlias ?? o.objectName;
      const other = files.get(file);
      if (other !== undefined) {
        fail(`objects ${JSON.stringify(other)} and ${JSON.stringify(o.objectName)} both write the file ${JSON.stringify(file)} ` +
          '(aliases, or names without an alias, must be unique in the mount). Give one of them another objectAlias.');
      }
      files.set(file, o.objectName);
    }
    for (const s of props.secretObjects ?? []) {
      assertDnsSubdomain(subject, 'secretObjects secretName', s.secretName, path);
      const keys = new Set<string>();
      for (const d of s.data) {
        if (!files.has(d.objectName)) {
          fail(`secretObjects ${JSON.stringify(s.secretName)} reads ${JSON.stringify(d.objectName)}, which no object provides ` +
            `(objects by alias or name: ${[...files.keys()].join(', ')}). Use an object's alias, or its name if it has none.`);
        }
        if (!isSecretKey(d.key)) {
          fail(`secretObjects ${JSON.stringify(s.secretName)} key ${JSON.stringify(d.key)} is not a Kubernetes Secret key (${SECRET_KEY_RULE}). ` +
            'Use the env var name.');
        }
        if (keys.has(d.key)) fail(`secretObjects ${JSON.stringify(s.secretName)} has the key ${JSON.stringify(d.key)} twice. Remove one.`);
        keys.add(d.key);
      }
    }

    this.resource = new ApiObject(this, 'Resource', {
      apiVersion: 'secrets-store.csi.x-k8s.io/v1',
      kind: 'SecretProviderClass',
      metadata: { name: props.name },
      spec: {
        provider: 'azure',
        parameters: {
          usePodIdentity: 'false',
          clientID: props.clientId,
          keyvaultName: props.keyvaultName,
          cloudName: props.cloudName ?? 'AzurePublicCloud',
          objects: renderObjects(props.objects),
          tenantID: props.tenantId,
        },
        ...(props.secretObjects && props.secretObjects.length > 0 ? {
          secretObjects: props.secretObjects.map(s => ({
            secretName: s.secretName,
            type: s.type ?? 'Opaque',
            data: s.data.map(d => ({ objectName: d.objectName, key: d.key })),
          })),
        } : {}),
      } satisfies AzureSecretProviderClassSpec,
    });
    this.providerClassName = this.resource.name;
  }
}

/** The driver's `objects` parameter: YAML with `array:` of YAML strings, one per object. */
export function renderObjects(objects: KeyVaultObject[]): string {
  return Yaml.stringify({
    array: objects.map(o => Yaml.stringify({
      objectName: o.objectName,
      objectType: o.objectType ?? KeyVaultObjectType.SECRET,
      objectVersion: o.objectVersion ?? '',
      ...(o.objectAlias !== undefined ? { objectAlias: o.objectAlias } : {}),
    })),
  });
}
