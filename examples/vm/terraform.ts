import { LocalProvider } from '@cdktf/provider-local/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { NoxusVmFiles } from '../../lib/terraform/vm';
import { bundle } from './bundle';

/** The same files written by Terraform on the VM itself (templates only: no values in the state). */
export function buildVmTerraform(app: App): TerraformStack {
  const stack = new TerraformStack(app, 'noxus-secrets-vm');
  new LocalProvider(stack, 'local');
  new NoxusVmFiles(stack, 'files', { bundle });
  return stack;
}
