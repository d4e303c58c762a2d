import { IConstruct } from 'constructs';

/**
 * Who a read grant is for. Each cloud has its own: `AwsGrantee.role(role)` (an IAM role),
 * `GcpGrantee.member('serviceAccount:...')` (an IAM member), `AzureGrantee.principal(objectId)`
 * (a principal) and `VaultGrantee.policy(name)` (a Vault policy to attach), and each cloud's
 * `grantRead` takes its own.
 */
export interface ISecretsGrantee {
  /** The cloud whose constructs take this grantee: 'aws', 'gcp', 'azure' or 'vault'. */
  readonly cloud: string;
  /** The principal as the blast-radius report names it, e.g. 'IAM role migrations'. */
  readonly label: string;
}

/** What a `grantRead` or `grantReadKey` did: for whom, on which secrets, through which resources. */
export class Grant {
  /**
   * @param grantee who may read
   * @param addresses the secrets it may read ('platform/NAME', 'workers/NAME', 'pools/<pool>/NAME'; a scope's
   * secret under RemoteKeyLayout.PER_STORE is 'platform', 'workers' or 'pools/<pool>')
   * @param resources the resources that grant it (an IAM policy, role assignments, IAM members, a
   * Vault policy): depend on them where the grantee must not run before the grant exists
   */
  constructor(public readonly grantee: ISecretsGrantee, public readonly addresses: string[], public readonly resources: IConstruct[]) {}
}
