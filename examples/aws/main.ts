import { App } from 'cdk8s';
import { build } from '../basic/main';
import { contract } from './platform';

/** The Kubernetes side: AWS Secrets Manager through ESO, one IRSA role per store. */
export function buildAws(app: App) {
  return build(app, contract);
}
