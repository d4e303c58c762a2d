import { NoxusSecretsError, assertKind, assertProps } from './errors';
import { isUnresolvedToken } from './references';
import { BackendKind } from './secret-backend';

/** An existing secret in the contract's backend whose JSON keys a composed value reads. */
export interface SourceSecretProps {
  /**
   * The secret in the backend, as ESO's `remoteRef.key` takes it: a Secrets Manager name or
   * ARN, a parameter name, a GCP secret name, a Key Vault secret name, a Vault path.
   * A literal or a Terraform reference (e.g. an RDS instance's `masterUserSecret.get(0).secretArn`).
   */
  readonly key: string;
  /** The JSON keys of the secret that templates may read (e.g. ['username', 'password']). */
  readonly keys: string[];
  /**
   * The backend the secret is in; it must be the contract's (a store reads one backend).
   * @default - the contract's backend
   */
  readonly backend?: BackendKind;
  /**
   * AWS: the secret's ARN, for the store role's read permission, where `key` is a name.
   * @default - `key`, where it is an ARN or a reference
   */
  readonly arn?: string;
  /**
   * AWS: the customer-managed KMS key that encrypts the secret, for the store role's
   * `kms:Decrypt` (bound to this secret by encryption context).
   * @default - none: the secret uses the AWS managed key `aws/secretsmanager`
   */
  readonly kmsKeyArn?: string;
  /** A short label for reports (e.g. 'RDS noxus-db master user'). @default - the key */
  readonly label?: string;
}

/** An existing secret of the backend that composed values read. */
export class SourceSecret {
  public readonly key: string;
  public readonly keys: string[];
  public readonly backend?: BackendKind;
  public readonly arn?: string;
  public readonly kmsKeyArn?: string;
  public readonly label: string;

  constructor(props: SourceSecretProps) {
    const subject = 'SourceSecret';
    if (props === null || typeof props !== 'object') throw new NoxusSecretsError(`${subject}: props are missing. Pass { key, keys }.`);
    if (typeof props.key !== 'string' || props.key.length === 0) {
      throw new NoxusSecretsError(`${subject}: key is required (the secret's name, ARN or path in the backend, or a Terraform reference to it).`);
    }
    if (!Array.isArray(props.keys) || props.keys.length === 0) {
      throw new NoxusSecretsError(`${subject}: keys is required: the JSON keys of ${JSON.stringify(props.key)} that templates read, e.g. ['username', 'password'].`);
    }
    for (const k of props.keys) {
      if (typeof k !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(k)) {
        throw new NoxusSecretsError(`${subject}: key ${JSON.stringify(k)} of ${JSON.stringify(props.key)} is not a JSON key the library reads ` +
          "(1-64 of A-Z a-z 0-9 _ -). Use the secret's own key, e.g. 'password'.");
      }
    }
    this.key = props.key;
    this.keys = [...new Set(props.keys)];
    this.backend = props.backend;
    this.arn = props.arn ?? (isUnresolvedToken(props.key) || /^arn:/.test(props.key) ? props.key : undefined);
    this.kmsKeyArn = props.kmsKeyArn;
    this.label = props.label ?? (isUnresolvedToken(props.key) ? 'a referenced secret' : props.key);
  }
}

/**
 * The functions a composed value may pipe a key through (`{{ .db.password | urlUserinfo }}`): the
 * library's template grammar. Each renderer says what they are in its engine (ESO: lib/k8s/eso-template.ts).
 */
export const TEMPLATE_FUNCTIONS = ['urlquery', 'urlUserinfo', 'lower', 'upper', 'trim', 'b64enc', 'b64dec'] as const;

/** One of `TEMPLATE_FUNCTIONS`. */
export type TemplateFunction = typeof TEMPLATE_FUNCTIONS[number];

/** One part of a parsed template: text, or a key of a source piped through functions. */
export type TemplatePart = { readonly text: string } | { readonly source: string; readonly key: string; readonly functions: TemplateFunction[] };

/**
 * Parses a composed value's template: text and `{{ .source.key }}` actions, each optionally
 * piped through the functions above (`{{ .db.password | urlUserinfo }}`). Nothing else of
 * Go's template language is accepted, so user text never becomes template code.
 */
export function parseTemplate(subject: string, template: string, sources: Record<string, SourceSecret>): TemplatePart[] {
  if (typeof template !== 'string' || template.length === 0) throw new NoxusSecretsError(`${subject}: template is empty. Give the value's text, e.g. 'postgresql://{{ .db.username }}@...'.`);
  const parts: TemplatePart[] = [];
  let rest = template;
  while (rest.length > 0) {
    const open = rest.indexOf('{{');
    if (open < 0) {
      parts.push({ text: rest });
      break;
    }
    if (open > 0) parts.push({ text: rest.slice(0, open) });
    const close = rest.indexOf('}}', open + 2);
    if (close < 0) throw new NoxusSecretsError(`${subject}: template has a '{{' without '}}' at character ${template.length - rest.length + open}. Close the action.`);
    const action = rest.slice(open + 2, close).trim();
    const m = /^\.([A-Za-z][A-Za-z0-9_]*)\.([A-Za-z0-9_-]+)((\s*\|\s*[A-Za-z0-9]+)*)$/.exec(action);
    if (!m) {
      throw new NoxusSecretsError(`${subject}: template action {{${rest.slice(open + 2, close)}}} is not {{ .<source>.<key> }} with optional functions ` +
        `(${TEMPLATE_FUNCTIONS.join(', ')}). Only a source's keys can be read; write other text outside {{ }}.`);
    }
    const [, source, key, pipe] = m;
    const src = sources[source];
    if (!src) {
      throw new NoxusSecretsError(`${subject}: template reads source ${JSON.stringify(source)}, which is not one of its sources ` +
        `(${Object.keys(sources).join(', ') || 'none'}). Add it to sources or fix the name.`);
    }
    if (!src.keys.includes(key)) {
      throw new NoxusSecretsError(`${subject}: template reads ${JSON.stringify(key)} of source ${JSON.stringify(source)}, which provides ` +
        `${src.keys.join(', ')}. Add the key to the source's keys, or fix the name.`);
    }
    const functions = (pipe ?? '').split('|').map(f => f.trim()).filter(f => f.length > 0);
    for (const f of functions) {
      if (!(TEMPLATE_FUNCTIONS as readonly string[]).includes(f)) {
        throw new NoxusSecretsError(`${subject}: template pipes ${JSON.stringify(f)}, which is not one of ${TEMPLATE_FUNCTIONS.join(', ')}. Use one of those.`);
      }
    }
    parts.push({ source, key, functions: functions as TemplateFunction[] });
    rest = rest.slice(close + 2);
  }
  for (const p of parts) {
    if ('text' in p && /[\x00-\x1f\x7f]/.test(p.text)) throw new NoxusSecretsError(`${subject}: template text has a control character. Remove it.`);
  }
  return parts;
}

/** A composed value: keys of existing secrets in the backend, put together by ESO's template. */
export interface FromSecretKeysProps {
  /** The source secrets, by a short name the template uses (`{{ .db.password }}`). */
  readonly sources: Record<string, SourceSecret>;
  /**
   * The value's text: `{{ .<source>.<key> }}` actions piped optionally through urlquery,
   * urlUserinfo, lower, upper, trim, b64enc or b64dec; everything else is literal text.
   */
  readonly template: string;
}

/** A PostgreSQL connection URL from a secret that holds the user and password. */
export interface PostgresUrlProps {
  /** The secret with the user and password (e.g. an RDS managed master password). */
  readonly source: SourceSecret;
  /** The server's host name: a literal or a Terraform reference (e.g. `db.address`). */
  readonly host: string;
  /** @default 5432 (a number, or a Terraform reference as a string) */
  readonly port?: number | string;
  /** The database name. */
  readonly database: string;
  /** @default 'username' */
  readonly usernameKey?: string;
  /** @default 'password' */
  readonly passwordKey?: string;
  /**
   * Query parameters.
   * @default { sslmode: 'require' }
   */
  readonly options?: Record<string, string>;
}

/** A Redis connection URL from a secret that holds the AUTH token (and optionally a user). */
export interface RedisUrlProps {
  /** The secret with the token (e.g. the ElastiCache auth token you keep in Secrets Manager). */
  readonly source: SourceSecret;
  /** The endpoint: a literal or a Terraform reference. */
  readonly host: string;
  /** @default 6379 */
  readonly port?: number | string;
  /** @default 'password' */
  readonly passwordKey?: string;
  /** The user's key in the secret, for Redis ACL users. @default - none (AUTH token only) */
  readonly usernameKey?: string;
  /** rediss:// (TLS in transit). @default true */
  readonly tls?: boolean;
  /** The database number. @default - none */
  readonly database?: number;
}

/** ESO's Password generator settings for a generated value. */
export interface GeneratedProps {
  /** @default 48 */
  readonly length?: number;
  /** How many digits at least. @default - the generator's choice (a quarter of the length) */
  readonly digits?: number;
  /** How many symbols. @default 0 (values go into URLs and headers unquoted) */
  readonly symbols?: number;
  /**
   * The symbols to draw from; not '{' (a generated value is read as template text, see `generated`).
   * @default - ESO's set without '{': ~!@#$%^&*()_+`-=}|[]\\:"<>?,./
   */
  readonly symbolCharacters?: string;
  /** @default false */
  readonly noUpper?: boolean;
  /** @default true */
  readonly allowRepeat?: boolean;
}

/** ESO's Password generator's default symbols (generators/v1/password) without '{'. */
const ESO_SYMBOLS_WITHOUT_BRACE = '~!@#$%^&*()_+`-=}|[]\\:"<>?,./';

/** Where a secret's value comes from. */
export enum ValueOrigin {
  /** Set by hand in the backend (the default). */
  MANUAL = 'manual',
  /** Composed by ESO from keys of existing secrets. */
  FROM_SECRET_KEYS = 'from-secret-keys',
  /** Generated by ESO's Password generator in the cluster. */
  GENERATED = 'generated',
  /** Written into the backend by Terraform from a value it computes (opted in by name: the value is in Terraform state). */
  TERRAFORM = 'terraform',
}

/**
 * Where a secret's value comes from: typed in by hand (the default), composed by ESO's
 * template from keys of secrets that already exist in the backend (an RDS managed password
 * into `POSTGRESQL_URL`), or generated by ESO in the cluster. Composed and generated values
 * never pass through Terraform or a synthesized file.
 */
export class ValueSource {
  /** Set by hand in the backend: the library creates the empty container. */
  public static manual(): ValueSource {
    return new ValueSource(ValueOrigin.MANUAL);
  }

  /** Composed by ESO from keys of existing secrets, with a template of the library's grammar. */
  public static fromSecretKeys(props: FromSecretKeysProps): ValueSource {
    const subject = 'ValueSource.fromSecretKeys';
    if (props === null || typeof props !== 'object' || props.sources === null || typeof props.sources !== 'object' || Object.keys(props.sources).length === 0) {
      throw new NoxusSecretsError(`${subject}: sources is required (at least one SourceSecret, by name). Pass { sources: { db: new SourceSecret({ key, keys }) }, template }.`);
    }
    for (const [name, s] of Object.entries(props.sources)) {
      if (!/^[A-Za-z][A-Za-z0-9_]{0,31}$/.test(name)) {
        throw new NoxusSecretsError(`${subject}: source name ${JSON.stringify(name)} is not a template name (1-32 of A-Z a-z 0-9 _, a letter first). Use e.g. "db".`);
      }
      if (!(s instanceof SourceSecret)) throw new NoxusSecretsError(`${subject}: sources.${name} is not a SourceSecret. Build it with new SourceSecret({ key, keys }).`);
    }
    const parts = parseTemplate(subject, props.template, props.sources);
    return new ValueSource(ValueOrigin.FROM_SECRET_KEYS, { ...props.sources }, parts);
  }

  /**
   * `postgresql://<user>:<password>@<host>:<port>/<database>?sslmode=require`, the user and
   * password read from the source and percent-encoded, composed by ESO.
   */
  public static postgresUrl(props: PostgresUrlProps): ValueSource {
    const subject = 'ValueSource.postgresUrl';
    assertProps(subject, props, "{ source, host: 'db.internal', database: 'noxus' }");
    const host = hostOf(subject, props.host);
    const port = portOf(subject, props.port ?? 5432);
    if (!isUnresolvedToken(props.database) && !/^[A-Za-z0-9_$-]{1,63}$/.test(props.database ?? '')) {
      throw new NoxusSecretsError(`${subject}: database ${JSON.stringify(props.database)} is not a database name the library writes into a URL (1-63 of A-Z a-z 0-9 _ $ -).`);
    }
    const user = props.usernameKey ?? 'username';
    const password = props.passwordKey ?? 'password';
    const query = queryOf(subject, props.options ?? { sslmode: 'require' });
    return ValueSource.fromSecretKeys({
      sources: { db: props.source },
      template: `postgresql://{{ .db.${user} | urlUserinfo }}:{{ .db.${password} | urlUserinfo }}@${host}:${port}/${props.database}${query}`,
    });
  }

  /** `rediss://[<user>]:<token>@<host>:<port>[/<db>]`, the token read from the source, composed by ESO. */
  public static redisUrl(props: RedisUrlProps): ValueSource {
    const subject = 'ValueSource.redisUrl';
    assertProps(subject, props, "{ source, host: 'cache.internal' }");
    assertKind(subject, 'tls', props.tls, 'boolean', 'false');
    const host = hostOf(subject, props.host);
    const port = portOf(subject, props.port ?? 6379);
    if (props.database !== undefined && !(Number.isInteger(props.database) && props.database >= 0 && props.database <= 15)) {
      throw new NoxusSecretsError(`${subject}: database ${props.database} is not a Redis database number (0-15).`);
    }
    const user = props.usernameKey ? `{{ .cache.${props.usernameKey} | urlUserinfo }}` : '';
    return ValueSource.fromSecretKeys({
      sources: { cache: props.source },
      template: `${props.tls === false ? 'redis' : 'rediss'}://${user}:{{ .cache.${props.passwordKey ?? 'password'} | urlUserinfo }}@${host}:${port}` +
        `${props.database !== undefined ? `/${props.database}` : ''}`,
    });
  }

  /**
   * Generated in the cluster by ESO's Password generator, into the one env Secret that holds
   * the key, and generated again on the secret's rotation period (never, without one).
   */
  public static generated(props: GeneratedProps = {}): ValueSource {
    const subject = 'ValueSource.generated';
    assertProps(subject, props, '{ length: 48 }, or nothing');
    assertKind(subject, 'symbolCharacters', props.symbolCharacters, 'string', '"-_"');
    const length = props.length ?? 48;
    if (!Number.isInteger(length) || length < 16 || length > 256) throw new NoxusSecretsError(`${subject}: length ${length} is not 16 to 256. Use e.g. 48.`);
    for (const [field, v] of [['digits', props.digits], ['symbols', props.symbols]] as const) {
      if (v !== undefined && !(Number.isInteger(v) && v >= 0 && v <= length)) throw new NoxusSecretsError(`${subject}: ${field} ${v} is not 0 to the length (${length}).`);
    }
    if (props.symbolCharacters !== undefined && !/^[\x21-\x7e]{1,64}$/.test(props.symbolCharacters)) {
      throw new NoxusSecretsError(`${subject}: symbolCharacters ${JSON.stringify(props.symbolCharacters)} is not 1-64 printable ASCII characters without spaces.`);
    }
    if (props.symbolCharacters?.includes('{')) {
      throw new NoxusSecretsError(`${subject}: symbolCharacters ${JSON.stringify(props.symbolCharacters)} has '{': the env Secret's ExternalSecret reads a generated ` +
        "value as template text (ESO's templateFrom), where '{{' would start an action. Leave '{' out.");
    }
    const symbols = props.symbols ?? 0;
    return new ValueSource(ValueOrigin.GENERATED, {}, [], {
      length, digits: props.digits, symbols,
      symbolCharacters: props.symbolCharacters ?? (symbols > 0 ? ESO_SYMBOLS_WITHOUT_BRACE : undefined),
      noUpper: props.noUpper ?? false, allowRepeat: props.allowRepeat ?? true,
    });
  }

  /**
   * OPT-IN: written into the secret by Terraform from a value it computes (e.g. a
   * `random_password`'s result). The value is then in Terraform state, and the audit says so by
   * name (NX3a). AWS only for now. Prefer `generated()` or a composed value.
   */
  public static fromTerraform(value: string): ValueSource {
    if (!isUnresolvedToken(value)) {
      throw new NoxusSecretsError('ValueSource.fromTerraform: value is a literal, which would put the secret into the code and the synthesized configuration. ' +
        'Pass a Terraform reference (e.g. randomPassword.result), or set the value by hand.');
    }
    return new ValueSource(ValueOrigin.TERRAFORM, {}, [], undefined, value);
  }

  /** Whether the backend holds the value in a container of the library's (set by hand, or by Terraform). */
  public get inBackend(): boolean {
    return this.origin === ValueOrigin.MANUAL || this.origin === ValueOrigin.TERRAFORM;
  }

  private constructor(
    public readonly origin: ValueOrigin,
    /** The source secrets of a composed value, by template name. */
    public readonly sources: Record<string, SourceSecret> = {},
    /** The parsed template of a composed value. */
    public readonly template: TemplatePart[] = [],
    /** The Password generator's spec of a generated value. */
    public readonly generator?: Record<string, unknown>,
    /** The Terraform reference of a value Terraform writes. */
    public readonly terraformValue?: string,
  ) {}
}

function hostOf(subject: string, host: string): string {
  if (isUnresolvedToken(host)) return host;
  if (typeof host !== 'string' || !/^[A-Za-z0-9]([A-Za-z0-9.-]{0,252})$/.test(host)) {
    throw new NoxusSecretsError(`${subject}: host ${JSON.stringify(host)} is not a host name (letters, digits, '.' and '-'). Pass the endpoint's address, e.g. db.address.`);
  }
  return host;
}

function portOf(subject: string, port: number | string): string {
  if (typeof port === 'string' && isUnresolvedToken(port)) return port;
  const n = typeof port === 'string' && /^\d+$/.test(port) ? Number(port) : port;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 65535) {
    throw new NoxusSecretsError(`${subject}: port ${JSON.stringify(port)} is not a TCP port (1-65535). For a reference, pass Token.asString(db.port).`);
  }
  return String(n);
}

function queryOf(subject: string, options: Record<string, string>): string {
  const entries = Object.entries(options);
  for (const [k, v] of entries) {
    if (!/^[A-Za-z0-9_.-]{1,64}$/.test(k) || !/^[A-Za-z0-9_./:-]{1,256}$/.test(v)) {
      throw new NoxusSecretsError(`${subject}: option ${JSON.stringify(k)}=${JSON.stringify(v)} is not a query parameter the library writes (A-Z a-z 0-9 _ . - in names; also / : in values).`);
    }
  }
  return entries.length === 0 ? '' : `?${entries.map(([k, v]) => `${k}=${v}`).join('&')}`;
}
