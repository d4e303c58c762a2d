import * as os from 'os';
import * as fs from 'fs';
import * as path from 'path';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ApiObject, Chart } from 'cdk8s';
import { Testing, TerraformStack, Token } from 'cdktf';
import { EnvSecretSource, NoxusPlatformSecrets, NoxusSecretsError, SecretBackend, SecretsContract, WorkloadIdentity, NoxusApp } from '../../../lib';
import { NoxusAzureSecrets } from '../../../lib/terraform/azure';
import { Cdk8sManifests } from '../../../lib/terraform/cdk8s';
import { terraformText as escapeForTerraform } from '../../../lib/terraform/references';
import { platform } from '../../support/fixtures';

const TENANT = '00000000-0000-0000-0000-000000000000';
const AKV = SecretBackend.azureKeyVault({ vaultUrl: 'https://noxus-prod.vault.azure.net/' });

test('escaping: Terraform template syntax doubled, references kept', () => {
  expect(escapeForTerraform('a ${b} %{c} $d')).toBe('a $${b} %%{c} $d');
  const ref = Token.asString({ Ref: 'x' });
  expect(escapeForTerraform(`x ${ref} \${y} ${ref}%{z}`)).toBe(`x ${ref} $\${y} ${ref}%%{z}`);
});

test('one stack: the Azure client IDs reach the ServiceAccount annotations as Terraform references', () => {
  const stack = new TerraformStack(Testing.app(), 'noxus');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  new KubernetesProvider(stack, 'kubernetes', {});
  const contract = new SecretsContract({ blueprint: platform(), backend: AKV, namespace: 'noxus', identity: WorkloadIdentity.azureWorkloadIdentity({ tenantId: TENANT }) });
  const azure = new NoxusAzureSecrets(stack, 'secrets', { contract, resourceGroupName: 'rg', location: 'westeurope', oidcIssuerUrl: 'https://oidc.example/issuer' });
  const k8s = new NoxusApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'noxus-onestack-')) });
  const identity = WorkloadIdentity.azureWorkloadIdentity({
    tenantId: TENANT,
    clientIds: Object.fromEntries(['platform', 'pool-default', 'pool-tenant-acme'].map(s => [s, azure.clientId(azure.contract.storeById(s))])),
  });
  new NoxusPlatformSecrets(k8s, 'noxus-secrets', { contract: contract.withIdentity(identity), source: EnvSecretSource.externalSecrets() });
  new ApiObject(new Chart(k8s, 'extra', { namespace: 'noxus' }), 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'literal' }, data: { tpl: 'keep ${this} literal' } });
  new Cdk8sManifests(stack, 'manifests', { cdk8sApp: k8s });

  const json = JSON.parse(Testing.synth(stack, true));
  const manifests = Object.values<any>(json.resource.kubernetes_manifest).map(r => r.manifest);
  const identities = Object.entries<any>(json.resource.azurerm_user_assigned_identity);
  const sa = manifests.find(m => m.kind === 'ServiceAccount' && m.metadata.name === 'noxus-eso-pool-tenant-acme');
  const acmeId = identities.find(([, i]) => i.name === 'noxus-pool-tenant-acme')![0];
  expect(sa.metadata.annotations['azure.workload.identity/client-id']).toBe(`\${azurerm_user_assigned_identity.${acmeId}.client_id}`);
  expect(manifests.find(m => m.kind === 'ConfigMap').data.tpl).toBe('keep $${this} literal');
  expect(manifests.filter(m => m.kind === 'ExternalSecret')).toHaveLength(3);
});

test('two objects with one name are an error', () => {
  const stack = new TerraformStack(Testing.app(), 'noxus');
  new KubernetesProvider(stack, 'kubernetes', {});
  const k8s = new NoxusApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'noxus-onestack-')) });
  for (const id of ['a', 'b']) new ApiObject(new Chart(k8s, id, { namespace: 'noxus' }), 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'same' } });
  new Cdk8sManifests(stack, 'manifests', { cdk8sApp: k8s });
  expect(() => Testing.synth(stack)).toThrow(
    '[noxus/manifests] Cdk8sManifests: two objects are ConfigMap "same" in namespace "noxus"; Kubernetes keeps one. Rename one of them.');
});

test('one object in two versions of its API group is an error: Kubernetes stores them as one', () => {
  const stackWith = (versions: string[]) => {
    const stack = new TerraformStack(Testing.app(), 'noxus');
    new KubernetesProvider(stack, 'kubernetes', {});
    const k8s = new NoxusApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'noxus-onestack-')) });
    const chart = new Chart(k8s, 'a', { namespace: 'noxus' });
    for (const v of versions) new ApiObject(chart, v, { apiVersion: `external-secrets.io/${v}`, kind: 'ExternalSecret', metadata: { name: 'app-env' } });
    // Another group, or another namespace, with the same kind and name: other objects.
    new ApiObject(chart, 'other-group', { apiVersion: 'example.com/v1', kind: 'ExternalSecret', metadata: { name: 'app-env' } });
    new ApiObject(new Chart(k8s, 'b', { namespace: 'other' }), 'es', { apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: { name: 'app-env' } });
    new Cdk8sManifests(stack, 'manifests', { cdk8sApp: k8s });
    return stack;
  };
  expect(() => Testing.synth(stackWith(['v1', 'v1beta1']))).toThrow(
    '[noxus/manifests] Cdk8sManifests: two objects are ExternalSecret "app-env" in namespace "noxus" (as external-secrets.io/v1 and ' +
    'external-secrets.io/v1beta1); Kubernetes keeps one. Rename one of them.');
  const manifests = Object.values<any>(JSON.parse(Testing.synth(stackWith(['v1']))).resource.kubernetes_manifest).map(r => r.manifest);
  expect(manifests.map(m => `${m.apiVersion} ${m.metadata.namespace}`).sort()).toEqual(['example.com/v1 noxus', 'external-secrets.io/v1 noxus', 'external-secrets.io/v1 other']);
});

describe('a JavaScript caller without a cdk8s app gets the library\'s error at construction, and the stack holds nothing of it', () => {
  test.each([
    [undefined, 'Cdk8sManifests: props are missing. Pass { cdk8sApp: new App() } (App from cdk8s).'],
    [{}, 'Cdk8sManifests: cdk8sApp is missing; its charts become the stack\'s kubernetes_manifest resources. Pass cdk8sApp: the cdk8s App that holds the charts.'],
    [{ cdk8sApp: 'dist' }, 'Cdk8sManifests: cdk8sApp "dist" is not a cdk8s App; its charts become the stack\'s kubernetes_manifest resources. Pass cdk8sApp: the cdk8s App that holds the charts.'],
  ])('%j', (props, message) => {
    const stack = new TerraformStack(Testing.app(), 'test');
    expect(() => new Cdk8sManifests(stack, 'k8s', props as any)).toThrow(new NoxusSecretsError(message, 'test/k8s'));
    expect(stack.node.tryFindChild('k8s')).toBeUndefined();
  });
});
