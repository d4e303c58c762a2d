import { App } from 'cdk8s';
import { EnvSecretSource, SecretBackend, WorkloadIdentity } from '../../lib';
import { build } from '../basic/main';

/** HashiCorp Vault KV v2 through ESO, one Kubernetes auth role per store. */
export function buildVault(app: App) {
  return build(app, EnvSecretSource.externalSecrets({
    backend: SecretBackend.vault({ server: 'https://vault.example.com:8200' }),
    identity: WorkloadIdentity.vaultKubernetes(),
  }));
}
