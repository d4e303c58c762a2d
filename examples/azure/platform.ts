import { SecretBackend, SecretsContract, WorkloadIdentity } from 'noxus-secrets-cdk';
import { blueprint } from '../shared/blueprint';

/** The Azure examples' vault. */
export const backend = SecretBackend.azureKeyVault({ vaultUrl: 'https://noxus-prod.vault.azure.net/' });
export const namespace = 'noxus';
export const tenantId = '00000000-0000-0000-0000-000000000000';
/** The cdktf stack that creates the vault and the identities. */
export const terraformStackName = 'noxus-secrets-azure';

/**
 * Client IDs are assigned by Azure. After `cdktf deploy noxus-secrets-azure --outputs-file outputs.json`,
 * set NOXUS_AZURE_OUTPUTS=outputs.json and the cdk8s app reads them from there; without it,
 * the example uses stand-in IDs so that it synthesizes offline.
 */
export const identity = process.env.NOXUS_AZURE_OUTPUTS
  ? WorkloadIdentity.azureWorkloadIdentityFromOutputs({ tenantId, outputsFile: process.env.NOXUS_AZURE_OUTPUTS, stackName: terraformStackName })
  : WorkloadIdentity.azureWorkloadIdentity({
    tenantId,
    clientIds: {
      'platform': '11111111-1111-1111-1111-111111111111',
      'pool-default': '22222222-2222-2222-2222-222222222222',
      'pool-tenant-acme': '33333333-3333-3333-3333-333333333333',
    },
  });

/**
 * The contract both apps take. Only the Kubernetes side reads the client IDs; the
 * Terraform side creates the identities they belong to.
 */
export const contract = new SecretsContract({ blueprint, backend, identity, namespace });
