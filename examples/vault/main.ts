import { App } from 'cdk8s';
import { EnvSecretSource } from '../../lib';
import { build } from '../basic/main';
import { backend, identity } from './platform';

/** The Kubernetes side: HashiCorp Vault KV v2 through ESO, one Kubernetes auth role per store. */
export function buildVault(app: App) {
  return build(app, EnvSecretSource.externalSecrets({ backend, identity }));
}
