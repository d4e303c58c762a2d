import { App } from 'cdk8s';
import { EnvSecretSource, SecretBackend, WorkloadIdentity } from '../../lib';
import { build } from '../basic/main';

/** AWS Secrets Manager through ESO, one IRSA role per store. */
export function buildAws(app: App) {
  return build(app, EnvSecretSource.externalSecrets({
    backend: SecretBackend.awsSecretsManager({ region: 'eu-west-1' }),
    identity: WorkloadIdentity.irsa({ accountId: '123456789012' }),
  }));
}
