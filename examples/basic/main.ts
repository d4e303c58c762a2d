import { runExample } from '../shared/run';
import { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { EnvSecretSource, NoxusApp, NoxusPlatformSecrets, NoxusService, ReloadStrategy, SecretsContract } from 'noxus-secrets-cdk';
import { blueprint } from '../shared/blueprint';

// Stand-in images: the example shows the secret wiring of your own workloads.
const IMAGE = 'registry.example.com/noxus';

/**
 * Builds the example into `app`: the env Secrets' chart and the services wired
 * to it. The cloud examples pass their contract (and the CSI one its source); this one reads Secrets that exist.
 */
export function build(app: NoxusApp, contract = new SecretsContract({ blueprint, namespace: 'noxus' }), source?: EnvSecretSource): { secrets: NoxusPlatformSecrets; services: Chart } {
  const secrets = new NoxusPlatformSecrets(app, 'noxus-secrets', { contract, reload: ReloadStrategy.NAMED_SECRETS, source });

  const services = new Chart(app, 'noxus-services', { namespace: 'noxus' });
  const deployment = (id: string, image: string, service: NoxusService, pool?: string) => {
    // Sources that work through the pod (the CSI driver) name the ServiceAccount it must run as.
    const account = secrets.podServiceAccountName(service, pool);
    const d = new kplus.Deployment(services, id, {
      replicas: 1,
      metadata: { name: `noxus-${id}` },
      serviceAccount: account ? kplus.ServiceAccount.fromServiceAccountName(services, `${id}-sa`, account) : undefined,
    });
    d.addContainer({ name: id, image: `${IMAGE}/${image}:1.0.0` });
    return d;
  };
  secrets.attachService(deployment('frontend', 'frontend', NoxusService.FRONTEND), NoxusService.FRONTEND);
  secrets.attachService(deployment('backend', 'backend', NoxusService.BACKEND), NoxusService.BACKEND);
  secrets.attachService(deployment('beat', 'backend', NoxusService.BEAT), NoxusService.BEAT);
  for (const pool of contract.blueprint.pools) {
    secrets.attachPool(deployment(`worker-${pool.name}`, 'worker', NoxusService.WORKER, pool.name), pool.name);
  }
  return { secrets, services };
}

// Its own entry point: npx tsx examples/basic/main.ts
if (require.main === module) {
  runExample(() => {
    const app = new NoxusApp();
    build(app);
    app.synth();
  });
}
