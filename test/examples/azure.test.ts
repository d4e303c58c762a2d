import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Yaml } from 'cdk8s';
import { parse } from 'yaml';
import { NoxusPlatformSecrets, SecretsContract, NoxusApp } from '../../lib';
import { backend, tenantId } from '../../examples/azure/platform';
import { blueprint } from '../../examples/shared/blueprint';
import { synthAll } from '../../examples/synth-all';
import { azureWorkloadIdentityFromOutputs } from '../../lib/terraform/azure';

const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'noxus-dist-'));
const tfOut = fs.mkdtempSync(path.join(os.tmpdir(), 'noxus-tf-'));
beforeAll(() => synthAll(dist, tfOut));

const k8s = (example: string): any[] => fs.readdirSync(path.join(dist, example)).filter(f => f.endsWith('.k8s.yaml')).flatMap(f => Yaml.load(path.join(dist, example, f)));
const terraform = (example: string): any =>
  JSON.parse(fs.readFileSync(path.join(tfOut, 'stacks', `noxus-secrets-${example}`, 'cdk.tf.json'), 'utf-8'));

test.each(['azure', 'azure-csi'])('%s: every Key Vault name the cluster reads is a secret the Terraform declares', example => {
  const names = new Set(Object.values<any>(terraform(example).resource.azurerm_key_vault_secret).map(s => s.name));
  const manifests = k8s(example);
  const fromEso = manifests.filter(m => m.kind === 'ExternalSecret').flatMap(m => m.spec.data.map((d: any) => d.remoteRef.key));
  const fromCsi = manifests.filter(m => m.kind === 'SecretProviderClass')
    .flatMap(m => parse(m.spec.parameters.objects).array.map((i: string) => parse(i).objectName));
  const read = [...fromEso, ...fromCsi];
  expect(read).toHaveLength(13);
  for (const name of read) expect(names.has(name)).toBe(true);
  expect(Object.values<any>(terraform(example).resource.azurerm_key_vault)[0].name).toBe(backend.vaultName);
});

test.each(['azure', 'azure-csi'])('%s: every federated subject names a ServiceAccount the manifests create, and every pod runs as a trusted one', example => {
  const manifests = k8s(example);
  const accounts = new Set(manifests.filter(m => m.kind === 'ServiceAccount').map(m => `system:serviceaccount:${m.metadata.namespace}:${m.metadata.name}`));
  const subjects = Object.values<any>(terraform(example).resource.azurerm_federated_identity_credential).map(c => c.subject);
  for (const s of subjects) expect(accounts.has(s)).toBe(true);
  for (const d of manifests.filter(m => m.kind === 'Deployment' && m.spec.template.spec.serviceAccountName)) {
    expect(subjects).toContain(`system:serviceaccount:${d.metadata.namespace}:${d.spec.template.spec.serviceAccountName}`);
  }
});

test('the hand-off: the outputs file cdktf writes from this stack gives the cdk8s app every client ID', () => {
  // cdktf deploy --outputs-file nests outputs as the stack's `//.outputs` map says; Terraform fills in the values.
  const tf = terraform('azure');
  const logicalToValue: Record<string, string> = {};
  Object.keys(tf.output).forEach((logicalId, i) => { logicalToValue[logicalId] = `${String(i + 1).padStart(8, '0')}-0000-4000-8000-000000000000`; });
  const fill = (node: any): any => typeof node === 'string' ? logicalToValue[node] : Object.fromEntries(Object.entries(node).map(([k, v]) => [k, fill(v)]));
  const outputsFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'noxus-out-')), 'outputs.json');
  fs.writeFileSync(outputsFile, JSON.stringify(fill(tf['//'].outputs)));

  const identity = azureWorkloadIdentityFromOutputs({ tenantId, outputsFile, stackName: 'noxus-secrets-azure' });
  const app = new NoxusApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'noxus-k8s-')) });
  const chart = new NoxusPlatformSecrets(app, 'noxus-secrets', { contract: new SecretsContract({ blueprint, namespace: 'noxus', backend, identity }) });
  const annotated = chart.toJson().filter((m: any) => m.kind === 'ServiceAccount').map((m: any) => m.metadata.annotations['azure.workload.identity/client-id']);
  const clientIdOutputs = Object.entries<any>(tf.output).filter(([, o]) => o.value.endsWith('.client_id}')).map(([id]) => logicalToValue[id]);
  expect(annotated.sort()).toEqual(clientIdOutputs.sort());
  expect(annotated).toHaveLength(3);
});

test('azure-onestack: one stack holds the identities and the manifests that reference their client IDs', () => {
  const tf = JSON.parse(fs.readFileSync(path.join(tfOut, 'stacks', 'noxus-secrets-azure-onestack', 'cdk.tf.json'), 'utf-8'));
  const identityIds = Object.keys(tf.resource.azurerm_user_assigned_identity);
  const accounts = Object.values<any>(tf.resource.kubernetes_manifest).map(r => r.manifest).filter(m => m.kind === 'ServiceAccount');
  expect(accounts).toHaveLength(3);
  for (const sa of accounts) {
    const ref = /^\$\{azurerm_user_assigned_identity\.([^.]+)\.client_id\}$/.exec(sa.metadata.annotations['azure.workload.identity/client-id']);
    expect(ref && identityIds.includes(ref[1])).toBe(true);
  }
  expect(Object.values<any>(tf.resource.kubernetes_manifest).filter(r => r.manifest.kind === 'Deployment')).toHaveLength(5);
});

test.each([['azure', 'azure-csi'], ['azure-csi', 'azure']])('the README step: with NOXUS_AZURE_OUTPUTS from the %s stack, that example gets its client IDs and %s keeps stand-ins', (example, other) => {
  const tf = terraform(example);
  const values = Object.fromEntries(Object.keys(tf.output).map((id, i) => [id, `${String(i + 1).padStart(8, '0')}-0000-4000-8000-0000000000aa`]));
  const fill = (node: any): any => typeof node === 'string' ? values[node] : Object.fromEntries(Object.entries(node).map(([k, v]) => [k, fill(v)]));
  const outputsFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'noxus-out-')), 'outputs.json');
  fs.writeFileSync(outputsFile, JSON.stringify(fill(tf['//'].outputs)));
  const clientIds = (name: string) => {
    const { buildAzure } = require('../../examples/azure/main');
    const { buildAzureCsi } = require('../../examples/azure-csi/main');
    const app = new NoxusApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'noxus-k8s-')) });
    const { secrets } = (name === 'azure' ? buildAzure : buildAzureCsi)(app);
    return secrets.toJson().filter((m: any) => m.kind === 'ServiceAccount').map((m: any) => m.metadata.annotations['azure.workload.identity/client-id']).sort();
  };
  process.env.NOXUS_AZURE_OUTPUTS = outputsFile;
  try {
    const clientIdOutputs = Object.entries<any>(tf.output).filter(([, o]) => o.value.endsWith('.client_id}')).map(([id]) => values[id]).sort();
    expect(clientIds(example)).toEqual(clientIdOutputs);
    expect(clientIds(example)).toHaveLength(3);
    expect(clientIds(other).every((id: string) => /^(\d)\1{7}-/.test(id))).toBe(true);
  } finally {
    delete process.env.NOXUS_AZURE_OUTPUTS;
    fs.rmSync(path.dirname(outputsFile), { recursive: true, force: true });
  }
});
