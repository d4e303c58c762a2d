import { runExample } from '../shared/run';
import { build } from '../basic/main';
import { contractOf, terraformStackName } from './platform';
import { NoxusApp } from 'noxus-secrets-cdk';

/** Azure Key Vault through ESO, one managed identity per store. */
export function buildAzure(app: NoxusApp) {
  return build(app, contractOf(terraformStackName));
}

// Its own entry point: npx tsx examples/azure/main.ts
if (require.main === module) {
  runExample(() => {
    const app = new NoxusApp();
    buildAzure(app);
    app.synth();
  });
}
