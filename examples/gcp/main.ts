import { App } from 'cdk8s';
import { EnvSecretSource, SecretBackend, WorkloadIdentity } from '../../lib';
import { build } from '../basic/main';

/** GCP Secret Manager through ESO, one Google service account per store. */
export function buildGcp(app: App) {
  return build(app, EnvSecretSource.externalSecrets({
    backend: SecretBackend.gcpSecretManager({ projectId: 'noxus-prod' }),
    identity: WorkloadIdentity.gkeWorkloadIdentity({ projectId: 'noxus-prod', clusterLocation: 'europe-west1', clusterName: 'noxus' }),
  }));
}
