import { AwsParameterStoreBackend, AwsSecretsManagerBackend, AzureKeyVaultBackend, CLOUD_LIMITS, GcpSecretManagerBackend, NoxusSecretsError, SecretsContract, VaultBackend, VaultKvVersion, isUnresolvedToken } from '../core';
import { grouped } from '../core/numbers';

/** A cloud CLI call as its argv: the value is never part of it, it goes to the call's standard input. */
export type Argv = string[];

/** What a check call's output says of one remote key. */
export enum KeyState {
  SET = 'set',
  NOT_SET = 'not set',
  MISSING = 'does not exist',
}

/** One library backend as the cloud CLIs address it. */
export interface BackendCommands {
  /** The backend, as messages name it, e.g. 'aws-secrets-manager (region eu-west-1)'. */
  readonly label: string;
  /** The CLI program: aws, gcloud, az, vault. */
  readonly program: string;
  /** The largest value the backend takes, in bytes, and where that figure comes from. */
  readonly maxBytes?: { readonly bytes: number; readonly what: string };
  /**
   * The call that sets `key` from standard input: `json` when the value is a JSON object of a
   * scope's keys (RemoteKeyLayout.PER_STORE), which Vault stores as one field per key.
   */
  set(key: string, options?: { bytes?: number; overwrite?: boolean; json?: boolean }): Argv;
  /** Lines printed above the commands: what the backend does with them. */
  readonly notes: string[];
  /** The call that asks whether `key` has a value, reading metadata only. */
  check(key: string): Argv;
  /** How a person reads a check call's output. */
  readonly checkHint: string;
  /** Reads a check call's result; undefined when the output is not understood. */
  stateOf(code: number, stdout: string, stderr: string, key: string): KeyState | undefined;
  /** A call that succeeds only where the CLI has credentials (it prints no credential), and how to read its result. */
  readonly whoami: { readonly argv: Argv; ok(code: number, stdout: string): boolean };
}

// Parameter Store tiers: standard up to 4 KB, advanced up to 8 KB (CLOUD_LIMITS, with the source).
const SSM_STANDARD_MAX = CLOUD_LIMITS.parameterStoreStandardValue.value;

/** Who the AWS CLI runs as, in the backend's Region. */
function awsWhoami(region: string): BackendCommands['whoami'] {
  return { argv: ['aws', 'sts', 'get-caller-identity', '--region', region, '--output', 'json'], ok: exitOk };
}

/** The commands of the contract's backend; throws the library's error where the CLI cannot address it. */
export function backendCommands(contract: SecretsContract, options: { kmsKeyId?: string } = {}): BackendCommands {
  const backend = contract.backend;
  if (!backend) {
    throw new NoxusSecretsError('the contract has no backend, so it has no remote keys to set (its env Secrets exist already). ' +
      'Give the contract a backend, e.g. SecretBackend.awsSecretsManager({ region }).');
  }
  const literal = (field: string, value: string): string => {
    if (isUnresolvedToken(value)) {
      throw new NoxusSecretsError(`the contract's backend ${field} ${JSON.stringify(value)} is a Terraform reference, which only Terraform resolves, ` +
        'so no command can name it. Export a contract whose backend has a literal (as examples/aws/platform.ts does).');
    }
    return value;
  };
  if (options.kmsKeyId !== undefined && !(backend instanceof AwsParameterStoreBackend)) {
    throw new NoxusSecretsError(`--kms-key-id is given, but the backend is ${backend.kind}: only Parameter Store parameters are created with a key by this command. Remove --kms-key-id.`);
  }
  const prefix = contract.remoteKeyScheme.prefix;
  if (backend instanceof AwsSecretsManagerBackend) {
    const region = literal('region', backend.region);
    return {
      label: `aws-secrets-manager (region ${region})`,
      program: 'aws',
      maxBytes: { bytes: CLOUD_LIMITS.secretsManagerValue.value, what: 'Secrets Manager (SecretString, 64 KiB)' },
      // The library creates each secret without a value (NoxusAwsSecrets); put-secret-value adds its AWSCURRENT version.
      // file:// makes the AWS CLI read the parameter from a file (AWS CLI user guide, "Loading a parameter from a file").
      set: key => ['aws', 'secretsmanager', 'put-secret-value', '--region', region, '--secret-id', key, '--secret-string', 'file:///dev/stdin'],
      notes: ['The library created each secret without a value; each command adds its current version.'],
      check: key => ['aws', 'secretsmanager', 'describe-secret', '--region', region, '--secret-id', key, '--output', 'json'],
      checkHint: 'a value is set when VersionIdsToStages lists a version in AWSCURRENT',
      stateOf: (code, stdout, stderr) => {
        if (code !== 0) return /ResourceNotFoundException/.test(stderr) ? KeyState.MISSING : undefined;
        const described = parseJson(stdout) as { VersionIdsToStages?: Record<string, string[]> } | undefined;
        if (described === undefined) return undefined;
        return Object.values(described.VersionIdsToStages ?? {}).some(stages => stages.includes('AWSCURRENT')) ? KeyState.SET : KeyState.NOT_SET;
      },
      whoami: awsWhoami(region),
    };
  }
  if (backend instanceof AwsParameterStoreBackend) {
    const region = literal('region', backend.region);
    const keyId = options.kmsKeyId ?? `alias/${prefix}-secrets`;
    // An account and Region holds 10,000 standard parameters (fixed): past that, every parameter is advanced.
    // The parameters the contract keeps, as NoxusAwsSecrets counts them (one per scope with RemoteKeyLayout.PER_STORE).
    const parameters = contract.remoteSecrets.length;
    const standardLimit = CLOUD_LIMITS.parameterStoreStandardParameters;
    const allAdvanced = parameters > standardLimit.value;
    return {
      label: `aws-parameter-store (region ${region})`,
      program: 'aws',
      maxBytes: { bytes: CLOUD_LIMITS.parameterStoreAdvancedValue.value, what: 'Parameter Store (advanced tier, 8 KB)' },
      // The library creates no parameter for a value set by hand: this call creates it, with the key NoxusAwsSecrets made.
      set: (key, o = {}) => [
        'aws', 'ssm', 'put-parameter', '--region', region, '--name', key, '--type', 'SecureString', '--key-id', keyId,
        '--tier', allAdvanced || (o.bytes ?? 0) > SSM_STANDARD_MAX ? 'Advanced' : 'Standard', '--value', 'file:///dev/stdin', ...(o.overwrite ? ['--overwrite'] : []),
      ],
      notes: [
        `Each command creates its parameter (the library creates none for a value set by hand), encrypted with ${keyId}` +
          `${options.kmsKeyId === undefined ? ' (the key NoxusAwsSecrets creates; pass --kms-key-id for your own)' : ''}.`,
        `Add --overwrite to change a value later; use --tier Advanced for a value over ${SSM_STANDARD_MAX} bytes (up to ${CLOUD_LIMITS.parameterStoreAdvancedValue.value}).`,
        ...(allAdvanced ? [`The contract keeps ${grouped(parameters)} parameters, and an account and Region holds ${grouped(standardLimit.value)} ` +
          'standard ones (fixed): every command creates its parameter in the advanced tier (charged per parameter-month).'] : []),
      ],
      check: key => ['aws', 'ssm', 'describe-parameters', '--region', region, '--parameter-filters', `Key=Name,Option=Equals,Values=${key}`, '--output', 'json'],
      checkHint: 'a value is set when Parameters lists the parameter',
      stateOf: (code, stdout) => {
        if (code !== 0) return undefined;
        const described = parseJson(stdout) as { Parameters?: unknown[] } | undefined;
        if (described === undefined) return undefined;
        return (described.Parameters ?? []).length > 0 ? KeyState.SET : KeyState.NOT_SET;
      },
      whoami: awsWhoami(region),
    };
  }
  if (backend instanceof GcpSecretManagerBackend) {
    const project = literal('projectId', backend.projectId);
    return {
      label: `gcp-secret-manager (project ${project})`,
      program: 'gcloud',
      maxBytes: { bytes: CLOUD_LIMITS.gcpSecretPayload.value, what: 'Secret Manager (a version\'s payload, 64 KiB)' },
      // gcloud secrets versions add: "--data-file=-" reads the data from standard input.
      set: key => ['gcloud', 'secrets', 'versions', 'add', key, '--project', project, '--data-file=-'],
      notes: ['The library created each secret without a version; each command adds one.'],
      check: key => ['gcloud', 'secrets', 'versions', 'list', key, '--project', project, '--filter=state:ENABLED', '--limit=1', '--format=value(name)'],
      checkHint: 'a value is set when it prints an enabled version',
      stateOf: (code, stdout, stderr) => {
        if (code !== 0) return /NOT_FOUND/.test(stderr) ? KeyState.MISSING : undefined;
        return stdout.trim().length > 0 ? KeyState.SET : KeyState.NOT_SET;
      },
      whoami: { argv: ['gcloud', 'auth', 'list', '--filter=status:ACTIVE', '--format=value(account)'], ok: (code, stdout) => code === 0 && stdout.trim().length > 0 },
    };
  }
  if (backend instanceof AzureKeyVaultBackend) {
    const vault = literal('vaultName', backend.vaultName);
    return {
      label: `azure-key-vault (vault ${vault})`,
      program: 'az',
      maxBytes: { bytes: CLOUD_LIMITS.keyVaultSecretValue.value, what: 'Key Vault (a secret value, 25 KB)' },
      // --file reads the value from a file, --encoding utf-8 keeps it as text; the output holds the value, so none is printed.
      set: key => ['az', 'keyvault', 'secret', 'set', '--vault-name', vault, '--name', key, '--file', '/dev/stdin', '--encoding', 'utf-8', '--output', 'none'],
      notes: ['Each secret\'s first version is the library\'s placeholder "unset" (Key Vault has no empty secret); each command adds the real one.'],
      // list-versions returns attributes only, never a value.
      check: key => ['az', 'keyvault', 'secret', 'list-versions', '--vault-name', vault, '--name', key, '--query', 'length(@)', '--output', 'tsv'],
      checkHint: 'a value is set when it prints more than 1 (the first version is the placeholder)',
      stateOf: (code, stdout, stderr) => {
        if (code !== 0) return /SecretNotFound|not found/i.test(stderr) ? KeyState.MISSING : undefined;
        const versions = Number(stdout.trim());
        if (!Number.isInteger(versions)) return undefined;
        return versions > 1 ? KeyState.SET : KeyState.NOT_SET;
      },
      whoami: { argv: ['az', 'account', 'show', '--output', 'none'], ok: exitOk },
    };
  }
  if (backend instanceof VaultBackend) {
    const server = literal('server', backend.server);
    const mount = backend.mountPath;
    const field = backend.valueProperty ?? 'value';
    const v1 = backend.version === VaultKvVersion.V1;
    return {
      label: `vault (${server}, KV ${v1 ? 'v1' : 'v2'} mount ${mount})`,
      program: 'vault',
      // vault kv put: a value of "-" is read from standard input; the stores read the field `value` (SecretBackend.valueProperty).
      // A lone "-" reads the whole secret as a JSON object (the CLI's parseArgsData): a scope's keys, one field each.
      set: (key, o = {}) => ['vault', 'kv', 'put', `-address=${server}`, `-mount=${mount}`, key, o.json ? '-' : `${field}=-`],
      notes: [`Each command writes the field "${field}", which the stores' ExternalSecrets read; it replaces the whole secret at its path.`],
      // KV v2 keeps metadata apart from data; KV v1 has none, so its folder is listed (names only).
      check: key => (v1
        ? ['vault', 'kv', 'list', `-address=${server}`, `-mount=${mount}`, '-format=json', key.split('/').slice(0, -1).join('/')]
        : ['vault', 'kv', 'metadata', 'get', `-address=${server}`, `-mount=${mount}`, '-format=json', key]),
      checkHint: v1 ? "a value is set when the list holds the key's last segment" : 'a value is set when current_version is above 0 and that version is neither deleted nor destroyed',
      stateOf: (code, stdout, stderr, key) => {
        if (code !== 0) return /No value found/.test(stderr) ? (v1 ? KeyState.NOT_SET : KeyState.MISSING) : undefined;
        const out = parseJson(stdout);
        if (v1) return Array.isArray(out) ? (out.includes(key.split('/').pop()) ? KeyState.SET : KeyState.NOT_SET) : undefined;
        const data = (out as { data?: { current_version?: number; versions?: Record<string, { deletion_time?: string; destroyed?: boolean }> } } | undefined)?.data;
        if (data === undefined) return undefined;
        const current = data.versions?.[String(data.current_version ?? 0)];
        return current !== undefined && !current.destroyed && !current.deletion_time ? KeyState.SET : KeyState.NOT_SET;
      },
      whoami: { argv: ['vault', 'token', 'lookup', `-address=${server}`, '-field=accessor'], ok: exitOk },
    };
  }
  throw new NoxusSecretsError(`the contract's backend ${JSON.stringify(backend.kind)} is not one of the library's (aws-secrets-manager, aws-parameter-store, ` +
    'gcp-secret-manager, azure-key-vault, vault), so the CLI knows no command that sets its values. Set them with that backend\'s own tools.');
}

const exitOk = (code: number) => code === 0;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** An argv as one shell line: arguments outside a safe alphabet in single quotes. */
export function shellLine(argv: Argv): string {
  return argv.map(a => (/^[A-Za-z0-9_/:.=@%+,-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}
