import { runExample } from '../shared/run';
import { LocalProvider } from '@cdktf/provider-local/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { NoxusVmFiles } from 'noxus-secrets-cdk/vm';
import { bundle } from './bundle';

/** The same files written by Terraform on the VM itself (templates only: no values in the state). */
export function buildVmTerraform(app: App): TerraformStack {
  const stack = new TerraformStack(app, 'noxus-secrets-vm');
  new LocalProvider(stack, 'local');
  new NoxusVmFiles(stack, 'files', { bundle });
  return stack;
}

// Its own entry point: npx tsx examples/vm/terraform.ts
if (require.main === module) {
  runExample(() => {
    const app = new App();
    buildVmTerraform(app);
    app.synth();
  });
}
