import { runExample } from '../shared/run';
import { App } from 'cdk8s';
import { build } from '../basic/main';
import { contract } from './platform';

/** The Kubernetes side: AWS Secrets Manager through ESO, one IRSA role per store. */
export function buildAws(app: App) {
  return build(app, contract);
}

// Its own entry point: npx tsx examples/aws/main.ts
if (require.main === module) {
  runExample(() => {
    const app = new App();
    buildAws(app);
    app.synth();
  });
}
