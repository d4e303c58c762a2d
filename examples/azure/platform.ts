import * as fs from 'fs';
import { AzureWorkloadIdentity, SecretBackend, SecretsContract, WorkloadIdentity } from 'noxus-secrets-cdk';
import { blueprint } from '../shared/blueprint';
import { azureWorkloadIdentityFromOutputs } from 'noxus-secrets-cdk/azure';

/** The Azure examples' vault. */
export const backend = SecretBackend.azureKeyVault({ vaultUrl: 'https://noxus-prod.vault.azure.net/' });
export const namespace = 'noxus';
export const tenantId = '00000000-0000-0000-0000-000000000000';
/** The cdktf stack that creates the vault and the identities. */
export const terraformStackName = 'noxus-secrets-azure';

/** The stand-in client IDs the examples synthesize with offline. */
const standInClientIds = {
  'platform': '11111111-1111-1111-1111-111111111111',
  'pool-default': '22222222-2222-2222-2222-222222222222',
  'pool-tenant-acme': '33333333-3333-3333-3333-333333333333',
};

/**
 * Client IDs are assigned by Azure. After `cdktf deploy <stack> --outputs-file outputs.json`,
 * set NOXUS_AZURE_OUTPUTS=outputs.json and the cdk8s app reads them from there for the stack that
 * file holds (`noxus-secrets-azure` for ESO, `noxus-secrets-azure-csi` for the CSI driver); an
 * example whose stack the file does not hold, and every example without it, uses stand-in IDs so
 * that it synthesizes offline.
 */
export function identityOf(stackName: string): AzureWorkloadIdentity {
  const outputsFile = process.env.NOXUS_AZURE_OUTPUTS;
  if (outputsFile !== undefined && stackName in JSON.parse(fs.readFileSync(outputsFile, 'utf-8'))) {
    return azureWorkloadIdentityFromOutputs({ tenantId, outputsFile, stackName });
  }
  return WorkloadIdentity.azureWorkloadIdentity({ tenantId, clientIds: standInClientIds });
}

/**
 * The contract both apps of a stack take. Only the Kubernetes side reads the client IDs; the
 * Terraform side creates the identities they belong to.
 */
export function contractOf(stackName: string): SecretsContract {
  return new SecretsContract({ blueprint, backend, identity: identityOf(stackName), namespace });
}

/** The ESO example's contract. */
export const contract = contractOf(terraformStackName);
