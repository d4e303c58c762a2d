import { runExample } from '../shared/run';
import { build } from '../basic/main';
import { contract } from './platform';
import { NoxusApp } from 'noxus-secrets-cdk';

/** The Kubernetes side: GCP Secret Manager through ESO, one Google service account per store. */
export function buildGcp(app: NoxusApp) {
  return build(app, contract);
}

// Its own entry point: npx tsx examples/gcp/main.ts
if (require.main === module) {
  runExample(() => {
    const app = new NoxusApp();
    buildGcp(app);
    app.synth();
  });
}
