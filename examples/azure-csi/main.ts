import { runExample } from '../shared/run';
import { EnvSecretSource, NoxusApp } from 'noxus-secrets-cdk';
import { contractOf } from '../azure/platform';
import { build } from '../basic/main';

/**
 * Azure Key Vault through the Secrets Store CSI driver: each workload mounts
 * its SecretProviderClasses and runs as its store's ServiceAccount.
 */
/** The cdktf stack that creates the CSI path's vault and identities (examples/azure/terraform.ts with AzureDelivery.CSI_DRIVER). */
export const AZURE_CSI_STACK = 'noxus-secrets-azure-csi';

export function buildAzureCsi(app: NoxusApp) {
  return build(app, contractOf(AZURE_CSI_STACK), EnvSecretSource.azureKeyVaultCsi());
}

// Its own entry point: npx tsx examples/azure-csi/main.ts
if (require.main === module) {
  runExample(() => {
    const app = new NoxusApp();
    buildAzureCsi(app);
    app.synth();
  });
}
