import { runExample } from '../shared/run';
import { App } from 'cdk8s';
import { build } from '../basic/main';
import { contractOf, terraformStackName } from './platform';

/** Azure Key Vault through ESO, one managed identity per store. */
export function buildAzure(app: App) {
  return build(app, contractOf(terraformStackName));
}

// Its own entry point: npx tsx examples/azure/main.ts
if (require.main === module) {
  runExample(() => {
    const app = new App();
    buildAzure(app);
    app.synth();
  });
}
