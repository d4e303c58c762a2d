import { App } from 'cdk8s';
import { EnvSecretSource, SecretBackend, WorkloadIdentity } from '../../lib';
import { build } from '../basic/main';

// Client IDs of the stores' managed identities: outputs of the Azure Terraform.
const CLIENT_IDS = {
  'platform': '11111111-1111-1111-1111-111111111111',
  'pool-default': '22222222-2222-2222-2222-222222222222',
  'pool-tenant-acme': '33333333-3333-3333-3333-333333333333',
};

/**
 * Azure Key Vault through the Secrets Store CSI driver: each workload mounts
 * its SecretProviderClasses and runs as its store's ServiceAccount.
 */
export function buildAzureCsi(app: App) {
  return build(app, EnvSecretSource.azureKeyVaultCsi({
    backend: SecretBackend.azureKeyVault({ vaultUrl: 'https://noxus-prod.vault.azure.net/' }),
    identity: WorkloadIdentity.azureWorkloadIdentity({ tenantId: '00000000-0000-0000-0000-000000000000', clientIds: CLIENT_IDS }),
  }));
}
