import { runExample } from '../shared/run';
import * as path from 'path';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { NoxusApp } from 'noxus-secrets-cdk';
import { NoxusAzureSecrets } from 'noxus-secrets-cdk/azure';
import { Cdk8sManifests } from 'noxus-secrets-cdk/cdk8s-in-terraform';
import { contract, identityOf, terraformStackName } from '../azure/platform';
import { build } from '../basic/main';

/**
 * One `cdktf deploy` for both sides: the vault and identities, and the manifests
 * whose ServiceAccounts carry the identities' client IDs as Terraform references.
 */
export function buildAzureOneStack(app: App): TerraformStack {
  const stack = new TerraformStack(app, 'noxus-secrets-azure-onestack');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  new KubernetesProvider(stack, 'kubernetes', { configPath: '~/.kube/config' });
  const azure = new NoxusAzureSecrets(stack, 'secrets', {
    contract, resourceGroupName: 'noxus-rg', location: 'westeurope',
    oidcIssuerUrl: 'https://westeurope.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000000/11111111-1111-1111-1111-111111111111/',
  });
  // The same contract, with the client IDs that this stack's identities get at apply.
  const withClientIds = contract.withIdentity(identityOf(terraformStackName).withClientIds(azure.clientIds));
  // Terraform deploys the manifests; the cdk8s app is never synthesized to a folder, so it writes nothing.
  const cdk8sApp = new NoxusApp({ outdir: path.join(app.outdir, 'cdk8s') });
  build(cdk8sApp, withClientIds);
  new Cdk8sManifests(stack, 'manifests', { cdk8sApp });
  return stack;
}

// Its own entry point: npx tsx examples/azure-onestack/main.ts
if (require.main === module) {
  runExample(() => {
    const app = new App();
    buildAzureOneStack(app);
    app.synth();
  });
}
