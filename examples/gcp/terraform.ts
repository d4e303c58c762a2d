import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { NoxusGcpSecrets } from '../../lib/terraform/gcp';
import { blueprint } from '../shared/blueprint';
import { backend, identity, namespace } from './platform';

/** The cloud side, from the same blueprint: the secrets and one GSA per store with per-secret access. */
export function buildGcpTerraform(app: App): TerraformStack {
  const stack = new TerraformStack(app, 'noxus-secrets-gcp');
  new GoogleProvider(stack, 'google', { project: backend.projectId, region: 'europe-west1' });
  new NoxusGcpSecrets(stack, 'secrets', { blueprint, backend, identity, namespace });
  return stack;
}
