import { Token } from '../flavour/core';
import { NoxusSecretsError, SourceSecret, ValueSource, assertProps, shown } from '../../core';
import { isReference } from '../references';

/**
 * An RDS DB instance or Aurora cluster whose master password RDS manages in Secrets Manager
 * (`manageMasterUserPassword: true`): a `DbInstance` or `RdsCluster` of `@cdktf/provider-aws`.
 */
export interface IRdsWithManagedPassword {
  readonly node: { readonly path: string };
  /**
   * The configured `manageMasterUserPassword` (the binding's `...Input` getter).
   * @default - not set: the library's error, as RDS then keeps no password in Secrets Manager
   */
  readonly manageMasterUserPasswordInput?: boolean | unknown;
  readonly masterUserSecret: { get(index: number): { readonly secretArn: string; readonly kmsKeyId: string } };
  readonly port: number;
  /**
   * A DbInstance's host.
   * @default - none (an RdsCluster has endpoint)
   */
  readonly address?: string;
  /**
   * An RdsCluster's writer endpoint.
   * @default - none (a DbInstance has address)
   */
  readonly endpoint?: string;
}

/** How the URL of an RDS database is composed. */
export interface RdsPostgresUrlProps {
  /** The database name in the URL. */
  readonly database: string;
  /**
   * Query parameters.
   * @default { sslmode: 'require' }
   */
  readonly options?: Record<string, string>;
}

function assertManaged(subject: string, db: IRdsWithManagedPassword): void {
  const shape = db as Partial<IRdsWithManagedPassword> | undefined | null;
  if (shape === null || typeof shape !== 'object' || typeof shape.node?.path !== 'string' || typeof shape.masterUserSecret?.get !== 'function') {
    throw new NoxusSecretsError(`${subject}: db ${shown(db)} is not an RDS instance or cluster (a DbInstance or RdsCluster of the AWS provider). ` +
      'Pass the resource, e.g. new DbInstance(stack, "db", { manageMasterUserPassword: true, ... }).');
  }
  const managed = db.manageMasterUserPasswordInput;
  if (managed !== true && !(typeof managed === 'object' && managed !== null)) {
    throw new NoxusSecretsError(`${subject}: ${db.node.path} does not set manageMasterUserPassword: true, so RDS keeps no master password in ` +
      'Secrets Manager to compose from (and a password you set would be in Terraform state). Set manageMasterUserPassword: true and no password.');
  }
}

/**
 * The secret in which RDS keeps the master user and password (`master_user_secret`): its ARN
 * and KMS key come from the resource, so the store role reads exactly it and nothing wider.
 */
export function rdsMasterUserSecret(db: IRdsWithManagedPassword): SourceSecret {
  assertManaged('rdsMasterUserSecret', db);
  const secret = db.masterUserSecret.get(0);
  return new SourceSecret({ key: secret.secretArn, keys: ['username', 'password'], kmsKeyArn: secret.kmsKeyId, label: `RDS ${db.node.path} master user secret` });
}

/**
 * `POSTGRESQL_URL` (or `VECTOR_POSTGRESQL_URL`) composed by ESO from an RDS instance's or Aurora
 * cluster's managed master password, its host and port: when RDS rotates the password, ESO's
 * next refresh writes the new URL. The value is never in Terraform state or a synthesized file.
 */
export function postgresUrlFromRds(db: IRdsWithManagedPassword, props: RdsPostgresUrlProps): ValueSource {
  const subject = 'postgresUrlFromRds';
  assertManaged(subject, db);
  const host = db.address ?? db.endpoint;
  if (host === undefined) throw new NoxusSecretsError(`${subject}: ${db.node.path} has neither address (DbInstance) nor endpoint (RdsCluster).`);
  assertProps(subject, props, "{ database: 'noxus' }");
  if (!isReference(props.database) && typeof props.database !== 'string') {
    throw new NoxusSecretsError(`${subject}: database ${props.database === undefined ? 'is missing' : `${shown(props.database)} is not a string`}, ` +
      'and it is the name in the URL. Pass e.g. database: "noxus".');
  }
  return ValueSource.postgresUrl({ source: rdsMasterUserSecret(db), host, port: Token.asString(db.port), database: props.database, options: props.options });
}
