import { VaultProvider } from '@cdktf/provider-vault/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { NoxusVaultSecrets } from '../../lib/terraform/vault';
import { backend, contract } from './platform';

/** The Vault side, from the same blueprint: the KV mount, a read policy and a Kubernetes auth role per store. */
export function buildVaultTerraform(app: App): TerraformStack {
  const stack = new TerraformStack(app, 'noxus-secrets-vault');
  new VaultProvider(stack, 'vault', { address: backend.server });
  new NoxusVaultSecrets(stack, 'secrets', { contract, createMount: true });
  return stack;
}
