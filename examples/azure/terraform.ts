import { runExample } from '../shared/run';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { AzureDelivery, NoxusAzureSecrets } from 'noxus-secrets-cdk/azure';
import { contract, terraformStackName } from './platform';

/** The cluster's OIDC issuer (az aks show --query oidcIssuerProfile.issuerUrl). */
const OIDC_ISSUER = 'https://westeurope.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000000/11111111-1111-1111-1111-111111111111/';

/**
 * The cloud side, from the same blueprint: the vault, its secrets, and one
 * managed identity per store. `delivery` decides which ServiceAccounts the
 * identities trust: the ESO example's, or the CSI example's pods'.
 */
export function buildAzureTerraform(app: App, delivery = AzureDelivery.EXTERNAL_SECRETS, stackName = terraformStackName): TerraformStack {
  const stack = new TerraformStack(app, stackName);
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  new NoxusAzureSecrets(stack, 'secrets', {
    contract, delivery,
    resourceGroupName: 'noxus-rg', location: 'westeurope', oidcIssuerUrl: OIDC_ISSUER,
  });
  return stack;
}

// Its own entry point: npx tsx examples/azure/terraform.ts
if (require.main === module) {
  runExample(() => {
    const app = new App();
    buildAzureTerraform(app);
    app.synth();
  });
}
