import { runExample } from '../shared/run';
import { App } from 'cdk8s';
import { EnvSecretSource } from 'noxus-secrets-cdk';
import { contract } from '../azure/platform';
import { build } from '../basic/main';

/**
 * Azure Key Vault through the Secrets Store CSI driver: each workload mounts
 * its SecretProviderClasses and runs as its store's ServiceAccount.
 */
export function buildAzureCsi(app: App) {
  return build(app, contract, EnvSecretSource.azureKeyVaultCsi());
}

// Its own entry point: npx tsx examples/azure-csi/main.ts
if (require.main === module) {
  runExample(() => {
    const app = new App();
    buildAzureCsi(app);
    app.synth();
  });
}
