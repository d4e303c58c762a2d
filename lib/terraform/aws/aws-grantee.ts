import { IamRole } from '../flavour/aws';
import { ISecretsGrantee, NoxusSecretsError, shown } from '../../core';

/** An IAM role of yours that `NoxusAwsSecrets.grantRead` lets read: the read statements go into its policies. */
export class AwsGrantee implements ISecretsGrantee {
  /** The role, e.g. a migration Job's or a rotation function's. */
  public static role(role: IamRole): AwsGrantee {
    if (!(role instanceof IamRole)) {
      throw new NoxusSecretsError(`AwsGrantee.role: ${shown(role)} is not an IamRole of your stack. ` +
        'Pass the role construct (new IamRole(...)): the grant adds a policy to it.');
    }
    return new AwsGrantee(role);
  }

  public readonly cloud = 'aws';
  public readonly label: string;

  private constructor(public readonly role: IamRole) {
    this.label = `IAM role ${role.node.path}`;
  }
}
