import { IConstruct } from 'constructs';
import { NoxusSecretsError, shown } from './errors';

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
  constructor(public readonly grantee: ISecretsGrantee, public readonly addresses: string[], public readonly resources: IConstruct[]) {
    if (grantee === null || typeof grantee !== 'object' || typeof grantee.cloud !== 'string' || typeof grantee.label !== 'string') {
      throw new NoxusSecretsError(`Grant: grantee ${shown(grantee)} is not a grantee (cloud and label, strings). Grants are made by a cloud construct's grantRead.`);
    }
    if (!Array.isArray(addresses) || !addresses.every(a => typeof a === 'string')) {
      throw new NoxusSecretsError(`Grant: addresses ${shown(addresses)} is not a list of addresses. Grants are made by a cloud construct's grantRead.`);
    }
    if (!Array.isArray(resources)) {
      throw new NoxusSecretsError(`Grant: resources ${shown(resources)} is not a list of constructs. Grants are made by a cloud construct's grantRead.`);
    }
  }
}
