import { runExample } from '../shared/run';
import { build } from '../basic/main';
import { contract } from './platform';
import { NoxusApp } from 'noxus-secrets-cdk';

/** The Kubernetes side: HashiCorp Vault KV v2 through ESO, one Kubernetes auth role per store. */
export function buildVault(app: NoxusApp) {
  return build(app, contract);
}

// Its own entry point: npx tsx examples/vault/main.ts
if (require.main === module) {
  runExample(() => {
    const app = new NoxusApp();
    buildVault(app);
    app.synth();
  });
}
