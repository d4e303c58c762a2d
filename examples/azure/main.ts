import { App } from 'cdk8s';
import { build } from '../basic/main';
import { contract } from './platform';

/** Azure Key Vault through ESO, one managed identity per store. */
export function buildAzure(app: App) {
  return build(app, contract);
}
