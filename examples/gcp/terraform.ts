import { runExample } from '../shared/run';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { NoxusGcpSecrets } from 'noxus-secrets-cdk/gcp';
import { backend, contract } from './platform';

/** The cloud side, from the same blueprint: the secrets and one GSA per store with per-secret access. */
export function buildGcpTerraform(app: App): TerraformStack {
  const stack = new TerraformStack(app, 'noxus-secrets-gcp');
  new GoogleProvider(stack, 'google', { project: backend.projectId, region: 'europe-west1' });
  new NoxusGcpSecrets(stack, 'secrets', { contract });
  return stack;
}

// Its own entry point: npx tsx examples/gcp/terraform.ts
if (require.main === module) {
  runExample(() => {
    const app = new App();
    buildGcpTerraform(app);
    app.synth();
  });
}
