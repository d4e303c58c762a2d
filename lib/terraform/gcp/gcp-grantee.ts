import { ISecretsGrantee, NoxusSecretsError } from '../../core';
import { isReference } from '../references';

// IAM principal identifiers (cloud.google.com/iam/docs/principal-identifiers): the kinds an allow policy binds.
const MEMBER = /^(serviceAccount|user|group|principal|principalSet|domain):.+$/;

/** An IAM member that `NoxusGcpSecrets.grantRead` binds `roles/secretmanager.secretAccessor` to, on each secret. */
export class GcpGrantee implements ISecretsGrantee {
  /** `serviceAccount:...`, `user:...`, `group:...`, `domain:...`, `principal://...` or `principalSet://...`; a reference is taken as it is. */
  public static member(member: string): GcpGrantee {
    if (typeof member !== 'string' || (!isReference(member) && !MEMBER.test(member))) {
      throw new NoxusSecretsError(`GcpGrantee.member: ${JSON.stringify(member)} is not an IAM member (serviceAccount:, user:, group:, domain:, ` +
        'principal:// or principalSet://). Use e.g. `serviceAccount:${gsa.email}`.');
    }
    return new GcpGrantee(member);
  }

  public readonly cloud = 'gcp';
  public readonly label: string;

  private constructor(public readonly member: string) {
    this.label = isReference(member) ? 'IAM member (Terraform reference)' : member;
  }
}
