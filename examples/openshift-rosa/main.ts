import { runExample } from '../shared/run';
import { EnvSecretSource, EsoDistribution, NoxusApp } from 'noxus-secrets-cdk';
import { build } from '../basic/main';
import { contract } from './platform';

/**
 * The Kubernetes side on OpenShift: ESO as the Red Hat operator installs it (namespace and ServiceAccount
 * `external-secrets`), and the ExternalSecretsConfig entry that opens its deny-all network policy to AWS
 * (`openshift/noxus-secrets.external-secrets-config.yaml`).
 */
export function buildOpenShiftRosa(app: NoxusApp) {
  return build(app, contract, EnvSecretSource.externalSecrets({ esoController: { distribution: EsoDistribution.OPENSHIFT_OPERATOR } }));
}

// Its own entry point: npx tsx examples/openshift-rosa/main.ts
if (require.main === module) {
  runExample(() => {
    const app = new NoxusApp();
    buildOpenShiftRosa(app);
    app.synth();
  });
}
