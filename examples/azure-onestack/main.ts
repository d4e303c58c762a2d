import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { App as Cdk8sApp } from 'cdk8s';
import { App, TerraformStack } from 'cdktf';
import { EnvSecretSource, WorkloadIdentity, storeIds } from '../../lib';
import { NoxusAzureSecrets } from '../../lib/terraform/azure';
import { Cdk8sManifests } from '../../lib/terraform/cdk8s';
import { backend, namespace, tenantId } from '../azure/platform';
import { build } from '../basic/main';
import { blueprint } from '../shared/blueprint';

/**
 * One `cdktf deploy` for both sides: the vault and identities, and the manifests
 * whose ServiceAccounts carry the identities' client IDs as Terraform references.
 */
export function buildAzureOneStack(app: App): TerraformStack {
  const stack = new TerraformStack(app, 'noxus-secrets-azure-onestack');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  new KubernetesProvider(stack, 'kubernetes', { configPath: '~/.kube/config' });
  const azure = new NoxusAzureSecrets(stack, 'secrets', {
    blueprint, backend, namespace, tenantId, resourceGroupName: 'noxus-rg', location: 'westeurope',
    oidcIssuerUrl: 'https://westeurope.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000000/11111111-1111-1111-1111-111111111111/',
  });
  const identity = WorkloadIdentity.azureWorkloadIdentity({
    tenantId, clientIds: Object.fromEntries(storeIds(blueprint).map(store => [store, azure.clientId(store)])),
  });
  // The cdk8s app's own files (values, report) go to a scratch directory: here Terraform deploys the manifests.
  const cdk8sApp = new Cdk8sApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'noxus-onestack-')) });
  build(cdk8sApp, EnvSecretSource.externalSecrets({ backend, identity }));
  new Cdk8sManifests(stack, 'manifests', { cdk8sApp });
  return stack;
}
