import { App } from 'cdk8s';
import { EnvSecretSource } from '../../lib';
import { build } from '../basic/main';
import { backend, identity } from './platform';

/** The Kubernetes side: GCP Secret Manager through ESO, one Google service account per store. */
export function buildGcp(app: App) {
  return build(app, EnvSecretSource.externalSecrets({ backend, identity }));
}
