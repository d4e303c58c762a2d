import { runExample } from '../shared/run';
import { App } from 'cdk8s';
import { build } from '../basic/main';
import { contract } from './platform';

/** The Kubernetes side: GCP Secret Manager through ESO, one Google service account per store. */
export function buildGcp(app: App) {
  return build(app, contract);
}

// Its own entry point: npx tsx examples/gcp/main.ts
if (require.main === module) {
  runExample(() => {
    const app = new App();
    buildGcp(app);
    app.synth();
  });
}
