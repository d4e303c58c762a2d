import { ISecretsGrantee, NoxusSecretsError, isGuid } from '../../core';
import { isReference } from '../references';

/** What kind of principal an Azure grantee is: the role assignment's `principal_type`. */
export enum AzurePrincipalType {
  SERVICE_PRINCIPAL = 'ServicePrincipal',
  USER = 'User',
  GROUP = 'Group',
}

/** A principal that `NoxusAzureSecrets.grantRead` assigns "Key Vault Secrets User" to, on each secret. */
export class AzureGrantee implements ISecretsGrantee {
  /**
   * A principal by its object ID (a managed identity's `principalId`, a group's object ID).
   * @param type @default AzurePrincipalType.SERVICE_PRINCIPAL
   */
  public static principal(objectId: string, type: AzurePrincipalType = AzurePrincipalType.SERVICE_PRINCIPAL): AzureGrantee {
    if (typeof objectId !== 'string' || (!isReference(objectId) && !isGuid(objectId))) {
      throw new NoxusSecretsError(`AzureGrantee.principal: objectId ${JSON.stringify(objectId)} is not an object ID (a GUID, e.g. a managed identity's principalId). ` +
        'Pass identity.principalId or the group\'s object ID.');
    }
    if (!Object.values(AzurePrincipalType).includes(type)) {
      throw new NoxusSecretsError(`AzureGrantee.principal: type ${JSON.stringify(type)} is not a principal type (${Object.values(AzurePrincipalType).join(', ')}). ` +
        'Use AzurePrincipalType.SERVICE_PRINCIPAL, USER or GROUP.');
    }
    return new AzureGrantee(objectId, type);
  }

  public readonly cloud = 'azure';
  public readonly label: string;

  private constructor(public readonly objectId: string, public readonly type: AzurePrincipalType) {
    this.label = `principal ${isReference(objectId) ? '(Terraform reference)' : objectId}`;
  }
}
