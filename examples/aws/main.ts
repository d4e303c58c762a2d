import { runExample } from '../shared/run';
import { build } from '../basic/main';
import { contract } from './platform';
import { NoxusApp } from 'noxus-secrets-cdk';

/** The Kubernetes side: AWS Secrets Manager through ESO, one IRSA role per store. */
export function buildAws(app: NoxusApp) {
  return build(app, contract);
}

// Its own entry point: npx tsx examples/aws/main.ts
if (require.main === module) {
  runExample(() => {
    const app = new NoxusApp();
    buildAws(app);
    app.synth();
  });
}
