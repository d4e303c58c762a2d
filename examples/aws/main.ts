import { App } from 'cdk8s';
import { EnvSecretSource } from '../../lib';
import { build } from '../basic/main';
import { backend, identity } from './platform';

/** The Kubernetes side: AWS Secrets Manager through ESO, one IRSA role per store. */
export function buildAws(app: App) {
  return build(app, EnvSecretSource.externalSecrets({ backend, identity }));
}
