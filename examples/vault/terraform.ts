import { runExample } from '../shared/run';
import { VaultProvider } from '@cdktf/provider-vault/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { NoxusVaultSecrets } from 'noxus-secrets-cdk/vault';
import { backend, contract } from './platform';

/** The Vault side, from the same blueprint: the KV mount, a read policy and a Kubernetes auth role per store. */
export function buildVaultTerraform(app: App): TerraformStack {
  const stack = new TerraformStack(app, 'noxus-secrets-vault');
  new VaultProvider(stack, 'vault', { address: backend.server });
  new NoxusVaultSecrets(stack, 'secrets', { contract, createMount: true });
  return stack;
}

// Its own entry point: npx tsx examples/vault/terraform.ts
if (require.main === module) {
  runExample(() => {
    const app = new App();
    buildVaultTerraform(app);
    app.synth();
  });
}
