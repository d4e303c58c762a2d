import { App } from 'cdk8s';
import { EnvSecretSource } from '../../lib';
import { build } from '../basic/main';
import { backend, identity } from './platform';

/** Azure Key Vault through ESO, one managed identity per store. */
export function buildAzure(app: App) {
  return build(app, EnvSecretSource.externalSecrets({ backend, identity }));
}
