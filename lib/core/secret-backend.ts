import { NoxusSecretsError, assertProps, assertRequired } from './errors';
import { assertVaultPath } from './names';
import { isUnresolvedToken } from './references';

/** The secret managers the platform's secrets can live in. */
export enum BackendKind {
  AWS_SECRETS_MANAGER = 'aws-secrets-manager',
  AWS_PARAMETER_STORE = 'aws-parameter-store',
  GCP_SECRET_MANAGER = 'gcp-secret-manager',
  AZURE_KEY_VAULT = 'azure-key-vault',
  VAULT = 'vault',
}

/** HashiCorp Vault KV engine version. */
export enum VaultKvVersion {
  V1 = 'v1',
  V2 = 'v2',
}

/** AWS Secrets Manager or Parameter Store in one region. */
export interface AwsBackendProps {
  /** The AWS region, e.g. 'eu-west-1'. */
  readonly region: string;
}

/** GCP Secret Manager in one project. */
export interface GcpSecretManagerProps {
  /** The project that holds the secrets. */
  readonly projectId: string;
}

/** One Azure Key Vault. */
export interface AzureKeyVaultProps {
  /** The vault URL, `https://<vault-name>.vault.azure.net/`. */
  readonly vaultUrl: string;
}

/** A HashiCorp Vault KV mount. */
export interface VaultBackendProps {
  /** The Vault address, e.g. 'https://vault.example.com:8200'. */
  readonly server: string;
  /**
   * The KV engine's mount path.
   * @default 'secret'
   */
  readonly mountPath?: string;
  /**
   * The KV engine version.
   * @default VaultKvVersion.V2
   */
  readonly version?: VaultKvVersion;
}

interface KeyRule {
  readonly pattern: RegExp;
  readonly max: number;
  readonly text: string;
  readonly separator: string;
  readonly caseInsensitive: boolean;
}

const AWS_REGION = /^([a-z]{2}|eusc-[a-z]{2})(-gov|-iso[a-z]?)?-[a-z]+-\d$/;
const GCP_PROJECT = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
// Key Vault names (learn.microsoft.com, Key Vault naming): 3-24 letters, digits and '-', a letter first, a letter or digit last, no '--'.
const KEY_VAULT_NAME = /^[A-Za-z](?!.*--)[A-Za-z0-9-]{1,22}[A-Za-z0-9]$/;
const AZURE_VAULT_URL = /^https:\/\/([^./]+)\.vault\.(azure\.net|azure\.cn|usgovcloudapi\.net)\/?$/;

/** Whether Azure takes `name` as a Key Vault's name: 3-24 of letters, digits and '-', a letter first, a letter or digit last, no '--'. */
export function isKeyVaultName(name: string): boolean {
  return typeof name === 'string' && KEY_VAULT_NAME.test(name);
}

// Mounts Vault reserves for itself: a KV engine cannot be mounted there.
const VAULT_RESERVED_MOUNTS = ['sys', 'auth', 'identity', 'cubbyhole'];

/**
 * A secret manager that the stores read: how it names secrets. The library's
 * backends are made by `SecretBackend`'s factories; implement this interface
 * to add another (1Password Connect, Doppler, ...) without changing the
 * library, and `IEsoSecretBackend` (noxus-secrets-cdk's Kubernetes side) for
 * its ESO provider block.
 */
export interface ISecretBackend {
  /** A short name for messages and reports, e.g. 'aws-secrets-manager'. */
  readonly kind: string;
  /** Whether two names that differ only in case are the same secret. */
  readonly caseInsensitiveKeys: boolean;
  /** The field that holds the value inside each remote secret, where the backend stores maps. */
  readonly valueProperty?: string | undefined;
  /** The backend's name for a logical key path, e.g. ['noxus', 'pools', 'acme', 'OPENAI_API_KEY']. */
  remoteKey(segments: string[]): string;
  /** Throws the library's error unless the backend accepts `key`; `subject` and `where` go into the message. */
  assertRemoteKey(subject: string, key: string, where?: string): void;
}

/**
 * Where the secrets live: one class per kind, each made by its factory here
 * (`SecretBackend.awsSecretsManager({ region })` returns an
 * `AwsSecretsManagerBackend`), which checks what that backend requires.
 * Narrow a backend with `instanceof`. `remoteKey` turns the library's logical
 * key path into a name the backend accepts.
 */
export abstract class SecretBackend implements ISecretBackend {
  /** AWS Secrets Manager: one secret per env var, its SecretString the value. */
  public static awsSecretsManager(props: AwsBackendProps): AwsSecretsManagerBackend {
    return new AwsSecretsManagerBackend(props);
  }

  /** AWS Systems Manager Parameter Store: one SecureString parameter per env var. */
  public static awsParameterStore(props: AwsBackendProps): AwsParameterStoreBackend {
    return new AwsParameterStoreBackend(props);
  }

  /** GCP Secret Manager: one secret per env var. */
  public static gcpSecretManager(props: GcpSecretManagerProps): GcpSecretManagerBackend {
    return new GcpSecretManagerBackend(props);
  }

  /** Azure Key Vault: one secret per env var. */
  public static azureKeyVault(props: AzureKeyVaultProps): AzureKeyVaultBackend {
    return new AzureKeyVaultBackend(props);
  }

  /** HashiCorp Vault KV: one secret per env var at `<mount>/<path>`, its value in the field `value`. */
  public static vault(props: VaultBackendProps): VaultBackend {
    return new VaultBackend(props);
  }

  /** Which of the library's backends this is. */
  public abstract readonly kind: BackendKind;

  /** @internal */
  protected constructor(private readonly rule: KeyRule) {}

  /** The field that holds the value inside each remote secret, where the backend stores maps. */
  public get valueProperty(): string | undefined {
    return undefined;
  }

  /** Whether two names that differ only in case are the same secret. */
  public get caseInsensitiveKeys(): boolean {
    return this.rule.caseInsensitive;
  }

  /** The backend's name for a logical key path, e.g. ['noxus', 'pools', 'acme', 'OPENAI_API_KEY']. */
  public remoteKey(segments: string[]): string {
    return segments.join(this.rule.separator);
  }

  /** Throws unless the backend accepts `key` as a secret name; `where` (an address) is added to the subject. */
  public assertRemoteKey(subject: string, key: string, where?: string): void {
    const rule = this.rule;
    const at = `${subject}${where ? ` ${where}` : ''}`;
    if (key.length === 0 || key.length > rule.max || !rule.pattern.test(key)) {
      throw new NoxusSecretsError(`${at}: remote key ${JSON.stringify(key)} is not a valid ${this.kind} secret name ` +
        `(${rule.text}). Shorten or rename it${this.renameHint}.`);
    }
    this.assertKeyRules(at, key);
  }

  /** Advice appended to the message of a key outside the alphabet. */
  protected get renameHint(): string {
    return '';
  }

  /** The backend's own rules beyond the alphabet and length; `at` starts each message. */
  protected assertKeyRules(_at: string, _key: string): void {
    return;
  }
}

/** An AWS backend (Secrets Manager or Parameter Store) in one region. */
export abstract class AwsBackend extends SecretBackend {
  /** The AWS region, e.g. 'eu-west-1'. */
  public readonly region: string;

  /** @internal */
  protected constructor(subject: string, props: AwsBackendProps, rule: KeyRule) {
    assertProps(subject, props, "{ region: 'eu-west-1' }");
    assertRequired(subject, 'region', props.region, '"eu-west-1"');
    if (!isUnresolvedToken(props.region) && !AWS_REGION.test(props.region)) {
      throw new NoxusSecretsError(`${subject}: region ${JSON.stringify(props.region)} is not an AWS region code. Use e.g. "eu-west-1".`);
    }
    super(rule);
    this.region = props.region;
  }
}

/** AWS Secrets Manager in one region: one secret per env var. Made by `SecretBackend.awsSecretsManager`. */
export class AwsSecretsManagerBackend extends AwsBackend {
  public readonly kind = BackendKind.AWS_SECRETS_MANAGER;

  /** @internal */
  constructor(props: AwsBackendProps) {
    super('SecretBackend.awsSecretsManager', props,
      { pattern: /^[A-Za-z0-9/_+=.@-]+$/, max: 512, text: '1-512 of A-Z a-z 0-9 / _ + = . @ -', separator: '/', caseInsensitive: false });
  }
}

/** AWS Systems Manager Parameter Store in one region: one SecureString parameter per env var. Made by `SecretBackend.awsParameterStore`. */
export class AwsParameterStoreBackend extends AwsBackend {
  public readonly kind = BackendKind.AWS_PARAMETER_STORE;

  /** @internal */
  constructor(props: AwsBackendProps) {
    super('SecretBackend.awsParameterStore', props,
      { pattern: /^\/[A-Za-z0-9/_.-]+$/, max: 1011, text: "'/' then up to 1010 of A-Z a-z 0-9 / _ . -", separator: '/', caseInsensitive: false });
  }

  public remoteKey(segments: string[]): string {
    return `/${super.remoteKey(segments)}`;
  }

  // PutParameter: no name under 'aws' or 'ssm' (any case), at most 15 levels.
  protected assertKeyRules(at: string, key: string): void {
    const first = key.split('/')[1]?.toLowerCase() ?? '';
    if (first.startsWith('aws') || first.startsWith('ssm')) {
      throw new NoxusSecretsError(`${at}: remote key ${JSON.stringify(key)} starts with ${JSON.stringify(key.split('/')[1])}, and Parameter Store reserves names ` +
        "beginning with 'aws' or 'ssm'. Use another remote key prefix.");
    }
    if (key.split('/').length - 1 > 15) {
      throw new NoxusSecretsError(`${at}: remote key ${JSON.stringify(key)} has ${key.split('/').length - 1} levels, and Parameter Store allows 15. Shorten the prefix.`);
    }
  }
}

/** GCP Secret Manager in one project: one secret per env var. Made by `SecretBackend.gcpSecretManager`. */
export class GcpSecretManagerBackend extends SecretBackend {
  public readonly kind = BackendKind.GCP_SECRET_MANAGER;
  /** The project that holds the secrets. */
  public readonly projectId: string;

  /** @internal */
  constructor(props: GcpSecretManagerProps) {
    assertProps('SecretBackend.gcpSecretManager', props, "{ projectId: 'noxus-prod' }");
    assertRequired('SecretBackend.gcpSecretManager', 'projectId', props.projectId, '"noxus-prod"');
    if (!isUnresolvedToken(props.projectId) && !GCP_PROJECT.test(props.projectId ?? '')) {
      throw new NoxusSecretsError(`SecretBackend.gcpSecretManager: projectId ${JSON.stringify(props.projectId)} is not a GCP project ID ` +
        "(6-30 of a-z, 0-9, '-', starting with a letter). Use the project ID, not its name or number, e.g. \"noxus-prod\".");
    }
    super({ pattern: /^[A-Za-z0-9_-]+$/, max: 255, text: '1-255 of A-Z a-z 0-9 _ -', separator: '-', caseInsensitive: false });
    this.projectId = props.projectId;
  }
}

/** One Azure Key Vault: one secret per env var. Made by `SecretBackend.azureKeyVault`. */
export class AzureKeyVaultBackend extends SecretBackend {
  public readonly kind = BackendKind.AZURE_KEY_VAULT;
  /** The vault URL, with a trailing '/'. */
  public readonly vaultUrl: string;
  /** The vault's name, read from its URL. */
  public readonly vaultName: string;

  /** @internal */
  constructor(props: AzureKeyVaultProps) {
    assertProps('SecretBackend.azureKeyVault', props, "{ vaultUrl: 'https://noxus-prod.vault.azure.net/' }");
    assertRequired('SecretBackend.azureKeyVault', 'vaultUrl', props.vaultUrl, '"https://noxus-prod.vault.azure.net/"');
    if (isUnresolvedToken(props.vaultUrl)) {
      throw new NoxusSecretsError(`SecretBackend.azureKeyVault: vaultUrl ${JSON.stringify(props.vaultUrl)} is a Terraform reference, but the vault's name ` +
        '(which the SecretProviderClass and the vault resource need) must be known when the library synthesizes. Give the URL as a literal, ' +
        'and pass an existing vault by reference with NoxusAzureSecrets existingVaultId.');
    }
    const m = AZURE_VAULT_URL.exec(props.vaultUrl ?? '');
    if (!m || !isKeyVaultName(m[1])) {
      throw new NoxusSecretsError(`SecretBackend.azureKeyVault: vaultUrl ${JSON.stringify(props.vaultUrl)} is not a Key Vault URL ` +
        '(https://<name>.vault.azure.net/, name 3-24 of letters, digits and hyphens, starting with a letter). Use e.g. "https://noxus-prod.vault.azure.net/".');
    }
    super({ pattern: /^[0-9A-Za-z-]+$/, max: 127, text: '1-127 of 0-9 A-Z a-z - (case-insensitive)', separator: '-', caseInsensitive: true });
    this.vaultUrl = props.vaultUrl.endsWith('/') ? props.vaultUrl : `${props.vaultUrl}/`;
    this.vaultName = m[1];
  }

  public remoteKey(segments: string[]): string {
    return super.remoteKey(segments).replace(/_/g, '-');
  }

  protected get renameHint(): string {
    return ", e.g. with '-' for '/' and '_'";
  }
}

/** A HashiCorp Vault KV mount: one secret per env var, its value in the field `value`. Made by `SecretBackend.vault`. */
export class VaultBackend extends SecretBackend {
  public readonly kind = BackendKind.VAULT;
  /** The Vault address. */
  public readonly server: string;
  /** The KV engine's mount path. */
  public readonly mountPath: string;
  /** The KV engine version. */
  public readonly version: VaultKvVersion;

  /** @internal */
  constructor(props: VaultBackendProps) {
    assertProps('SecretBackend.vault', props, "{ server: 'https://vault.example.com:8200' }");
    assertRequired('SecretBackend.vault', 'server', props.server, '"https://vault.example.com:8200"');
    if (!isUnresolvedToken(props.server) && !/^https?:\/\/[^\s/]+(\/.*)?$/.test(props.server ?? '')) {
      throw new NoxusSecretsError(`SecretBackend.vault: server ${JSON.stringify(props.server)} is not a Vault address ` +
        '(http:// or https:// URL). Use e.g. "https://vault.example.com:8200".');
    }
    const mountPath = props.mountPath ?? 'secret';
    assertVaultPath('SecretBackend.vault', 'mountPath', mountPath, 'secret');
    if (VAULT_RESERVED_MOUNTS.includes(mountPath.split('/')[0].toLowerCase())) {
      throw new NoxusSecretsError(`SecretBackend.vault: mountPath ${JSON.stringify(mountPath)} is under ${JSON.stringify(mountPath.split('/')[0])}, which Vault reserves ` +
        `(${VAULT_RESERVED_MOUNTS.join(', ')}). Use the KV engine's own mount, e.g. "secret".`);
    }
    const version = props.version ?? VaultKvVersion.V2;
    if (!Object.values(VaultKvVersion).includes(version)) {
      throw new NoxusSecretsError(`SecretBackend.vault: version ${JSON.stringify(version)} is not a KV version (v1, v2). Use VaultKvVersion.V2.`);
    }
    super({ pattern: /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/, max: 512, text: "path segments of A-Z a-z 0-9 _ . - joined by '/'", separator: '/', caseInsensitive: false });
    this.server = props.server;
    this.mountPath = mountPath;
    this.version = version;
  }

  /** The field that holds each secret's value: `value`. */
  public get valueProperty(): string {
    return 'value';
  }

  // Vault cleans '.' and '..' out of request paths, so a policy on the path as written would never match what is read.
  protected assertKeyRules(at: string, key: string): void {
    if (dotSegment(key)) {
      throw new NoxusSecretsError(`${at}: remote key ${JSON.stringify(key)} has a '.' or '..' segment, which Vault removes from the path it reads, ` +
        'so the store\'s policy would not match. Rename the segment.');
    }
  }
}

function dotSegment(path: string): boolean {
  return path.split('/').some(s => s === '.' || s === '..');
}
