import { SecretBackend, WorkloadIdentity } from '../../lib';

/** The Azure examples' vault. */
export const backend = SecretBackend.azureKeyVault({ vaultUrl: 'https://noxus-prod.vault.azure.net/' });

/** Client IDs of the stores' managed identities: outputs of the Azure Terraform. */
export const identity = WorkloadIdentity.azureWorkloadIdentity({
  tenantId: '00000000-0000-0000-0000-000000000000',
  clientIds: {
    'platform': '11111111-1111-1111-1111-111111111111',
    'pool-default': '22222222-2222-2222-2222-222222222222',
    'pool-tenant-acme': '33333333-3333-3333-3333-333333333333',
  },
});
