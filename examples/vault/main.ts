import { runExample } from '../shared/run';
import { App } from 'cdk8s';
import { build } from '../basic/main';
import { contract } from './platform';

/** The Kubernetes side: HashiCorp Vault KV v2 through ESO, one Kubernetes auth role per store. */
export function buildVault(app: App) {
  return build(app, contract);
}

// Its own entry point: npx tsx examples/vault/main.ts
if (require.main === module) {
  runExample(() => {
    const app = new App();
    buildVault(app);
    app.synth();
  });
}
