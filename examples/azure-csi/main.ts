import { App } from 'cdk8s';
import { EnvSecretSource } from '../../lib';
import { contract } from '../azure/platform';
import { build } from '../basic/main';

/**
 * Azure Key Vault through the Secrets Store CSI driver: each workload mounts
 * its SecretProviderClasses and runs as its store's ServiceAccount.
 */
export function buildAzureCsi(app: App) {
  return build(app, contract, EnvSecretSource.azureKeyVaultCsi());
}
