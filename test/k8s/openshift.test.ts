import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { parse } from 'yaml';
import { EnvSecretSource, EsoDistribution, NoxusPlatformSecrets, SecretBackend, SecretsContract, WorkloadIdentity, NoxusApp } from '../../lib';
import { platform } from '../support/fixtures';
import { buildOpenShiftRosa } from '../../examples/openshift-rosa/main';
import { strictCrdValidator, validateAll } from '../support/schema';

// The CRDs the External Secrets Operator for Red Hat OpenShift installs (its bundle: ESO v0.20.4, and
// its own ExternalSecretsConfig), read with strict field validation as the API server does.
const crd = (file: string) => {
  const { schema } = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'support', 'crds', file), 'utf-8'));
  return { schema, validate: strictCrdValidator(schema) };
};
const OPERAND: Record<string, (o: any) => string[]> = {
  SecretStore: crd('openshift-eso-secretstore-v1.json').validate,
  ExternalSecret: crd('openshift-eso-externalsecret-v1.json').validate,
  Password: crd('openshift-eso-password-v1alpha1.json').validate,
};
const CONFIG = crd('openshift-externalsecretsconfig-v1alpha1.json');

/** The config's errors as the API server finds them: its schema, and the singleton rule (x-kubernetes-validations on the root). */
function configProblems(config: any): string[] {
  const rules = CONFIG.schema['x-kubernetes-validations'].map((v: any) => v.rule);
  expect(rules).toEqual(["self.metadata.name == 'cluster'"]);
  return [...CONFIG.validate(config), ...(config.metadata?.name === 'cluster' ? [] : ['metadata.name must be cluster'])];
}

const openshift = EnvSecretSource.externalSecrets({ esoController: { distribution: EsoDistribution.OPENSHIFT_OPERATOR } });
const rosa = () => new SecretsContract({
  blueprint: platform(), namespace: 'noxus', backend: SecretBackend.awsSecretsManager({ region: 'eu-west-1' }),
  identity: WorkloadIdentity.irsa({ accountId: '123456789012' }),
});
const vault = (server: string) => new SecretsContract({
  blueprint: platform(), namespace: 'noxus', backend: SecretBackend.vault({ server }), identity: WorkloadIdentity.vaultKubernetes(),
});
const config = (chart: NoxusPlatformSecrets) => parse(chart.extraFiles()[chart.esoConfigFile!]) as any;

test('ROSA: an ExternalSecretsConfig that lets the controller reach AWS on 443, valid against the operator\'s CRD; no Helm chart values', () => {
  const chart = new NoxusPlatformSecrets(new NoxusApp(), 'secrets', { contract: rosa(), source: openshift });
  expect(chart.esoConfigFile).toBe('openshift/secrets.external-secrets-config.yaml');
  expect(chart.esoValuesFile).toBeUndefined();
  const text = chart.extraFiles()[chart.esoConfigFile!];
  expect(text).toContain('# Apply it once the operator is installed: oc apply --server-side --field-manager=noxus-secrets-secrets -f <this file>');
  const doc = config(chart);
  expect(configProblems(doc)).toEqual([]);
  expect(doc.spec.controllerConfig.networkPolicies).toEqual([{
    name: 'noxus-backend-egress', componentName: 'ExternalSecretsCoreController', egress: [{ ports: [{ protocol: 'TCP', port: 443 }] }],
  }]);
  // The oracle refuses what the operator's API server refuses.
  expect(configProblems({ ...doc, metadata: { name: 'noxus' } })).toEqual(['metadata.name must be cluster']);
  expect(configProblems({ ...doc, spec: { controllerConfig: { networkPolicies: [{ name: 'x', componentName: 'Controller', egress: [] }] } } })).not.toEqual([]);
});

test('examples/openshift-rosa: what the library renders is valid against the ESO version the operator ships (v0.20.4), and the token Roles bind its ServiceAccount', () => {
  const app = new NoxusApp();
  const { secrets } = buildOpenShiftRosa(app);
  const manifests = Testing.synth(secrets);
  validateAll(manifests);
  const checked = manifests.filter(m => OPERAND[m.kind] !== undefined && m.apiVersion.includes('external-secrets.io'));
  // A composed value (a template over a source secret) and a generated one are in the example.
  expect(new Set(checked.map(m => m.kind))).toEqual(new Set(['SecretStore', 'ExternalSecret', 'Password']));
  expect(checked.some(m => m.kind === 'ExternalSecret' && m.spec.target.template !== undefined)).toBe(true);
  for (const m of checked) expect([m.kind, m.metadata.name, OPERAND[m.kind]({ ...m, metadata: {} })]).toEqual([m.kind, m.metadata.name, []]);
  const subjects = manifests.filter(m => m.kind === 'RoleBinding').map(b => b.subjects);
  expect(subjects.length).toBeGreaterThan(0);
  for (const s of subjects) expect(s).toEqual([{ kind: 'ServiceAccount', name: 'external-secrets', namespace: 'external-secrets' }]);
  expect(manifests.some(m => m.kind === 'ValidatingAdmissionPolicy')).toBe(true);
  expect(configProblems(config(secrets))).toEqual([]);
});

test('the strict oracle catches a field v0.20.4 does not know', () => {
  const store = Testing.synth(new NoxusPlatformSecrets(new NoxusApp(), 'secrets', { contract: rosa(), source: openshift })).find(m => m.kind === 'SecretStore');
  const withTags = JSON.parse(JSON.stringify(store));
  withTags.spec.provider.aws.auth = { ...withTags.spec.provider.aws.auth, sessionTagsPolicy: 'x' };
  expect(OPERAND.SecretStore({ ...withTags, metadata: {} }).join()).toContain('must NOT have additional properties');
});

test('Vault: the port is the server\'s, 443 for https and 80 for http without one; egressPorts overrides it', () => {
  const ports = (server: string, egressPorts?: number[]) => config(new NoxusPlatformSecrets(new NoxusApp(), 'secrets', {
    contract: vault(server),
    source: EnvSecretSource.externalSecrets({ esoController: { distribution: EsoDistribution.OPENSHIFT_OPERATOR, egressPorts } }),
  })).spec.controllerConfig.networkPolicies[0].egress[0].ports.map((p: any) => p.port);
  expect(ports('https://vault.example.com:8200')).toEqual([8200]);
  expect(ports('https://vault.example.com')).toEqual([443]);
  expect(ports('http://vault.vault.svc')).toEqual([80]);
  expect(ports('https://vault.example.com:8200', [8443, 443, 8443])).toEqual([443, 8443]);
});

test('app.synth writes the config beside the manifests, one entry per chart under its own name', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'openshift-'));
  try {
    const app = new NoxusApp({ outdir });
    new NoxusPlatformSecrets(app, 'prod', { contract: rosa(), source: openshift });
    new NoxusPlatformSecrets(app, 'lab', {
      contract: new SecretsContract({ ...vaultProps(), environment: 'lab' }),
      source: openshift,
    });
    app.synth();
    const read = (id: string) => parse(fs.readFileSync(path.join(outdir, 'openshift', `${id}.external-secrets-config.yaml`), 'utf-8')) as any;
    expect(read('prod').spec.controllerConfig.networkPolicies[0].name).toBe('noxus-backend-egress');
    expect(read('lab').spec.controllerConfig.networkPolicies[0].name).toBe('noxus-lab-backend-egress');
    expect(fs.existsSync(path.join(outdir, 'helm', 'prod.eso-values.yaml'))).toBe(false);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
});
const vaultProps = () => ({ blueprint: platform(), namespace: 'lab', backend: SecretBackend.vault({ server: 'https://vault.example.com:8200' }), identity: WorkloadIdentity.vaultKubernetes() });

test('refusals: an unknown distribution, a controller the operator does not run, ports that are not ports or have no reader', () => {
  const source = (esoController: any) => () => EnvSecretSource.externalSecrets({ esoController });
  expect(source({ distribution: 'operatorhub' })).toThrow('EnvSecretSource.externalSecrets: esoController.distribution "operatorhub" is not an ESO distribution ' +
    '("helm-chart", "openshift-operator"). Use EsoDistribution.HELM_CHART or EsoDistribution.OPENSHIFT_OPERATOR.');
  expect(source({ distribution: EsoDistribution.OPENSHIFT_OPERATOR, namespace: 'openshift-external-secrets' })).toThrow(
    'EnvSecretSource.externalSecrets: esoController.namespace is "openshift-external-secrets", but the External Secrets Operator for Red Hat OpenShift ' +
    'always runs ESO\'s controller in the namespace "external-secrets" as the ServiceAccount "external-secrets". Leave namespace out with EsoDistribution.OPENSHIFT_OPERATOR.');
  expect(source({ distribution: EsoDistribution.OPENSHIFT_OPERATOR, serviceAccount: 'eso' })).toThrow('esoController.serviceAccount is "eso", but');
  expect(source({ distribution: EsoDistribution.OPENSHIFT_OPERATOR, namespace: 'external-secrets', serviceAccount: 'external-secrets' })).not.toThrow();
  expect(source({ egressPorts: [443] })).toThrow('EnvSecretSource.externalSecrets: esoController.egressPorts is for the network policy the library writes for the Red Hat operator; ' +
    'with the Helm chart nothing reads it. Set distribution: EsoDistribution.OPENSHIFT_OPERATOR, or leave egressPorts out.');
  const os4 = (egressPorts: any) => source({ distribution: EsoDistribution.OPENSHIFT_OPERATOR, egressPorts });
  expect(os4([])).toThrow('EnvSecretSource.externalSecrets: esoController.egressPorts [] is not a list of TCP ports. Give e.g. [443] or [8200].');
  expect(os4('443')).toThrow('esoController.egressPorts "443" is not a list of TCP ports.');
  for (const bad of [0, 65536, 8200.5, '8200']) {
    expect(os4([bad])).toThrow(`EnvSecretSource.externalSecrets: esoController.egressPorts has ${JSON.stringify(bad)}, which is not a TCP port (an integer 1-65535). ` +
      'Give the port the backend listens on, e.g. 8200.');
  }
});

test('a Vault server given as a reference: the port must be given', () => {
  // A reference is told from a literal by the Terraform layer's check, which an app that makes references has loaded.
  require('../../lib/terraform/references');
  const server = require('cdktf').Token.asString({ Ref: 'server' });
  const contract = new SecretsContract({ ...vaultProps(), backend: SecretBackend.vault({ server }) });
  expect(() => new NoxusPlatformSecrets(new NoxusApp(), 'secrets', { contract, source: openshift })).toThrow(
    'EnvSecretSource.externalSecrets: with EsoDistribution.OPENSHIFT_OPERATOR the library writes the network policy that lets ESO reach the backend, ' +
    'and cannot tell the port of a Vault server given as a reference. Give esoController.egressPorts (e.g. [8200]).');
  const given = new NoxusPlatformSecrets(new NoxusApp(), 'secrets', {
    contract, source: EnvSecretSource.externalSecrets({ esoController: { distribution: EsoDistribution.OPENSHIFT_OPERATOR, egressPorts: [8200] } }),
  });
  expect(config(given).spec.controllerConfig.networkPolicies[0].egress[0].ports).toEqual([{ protocol: 'TCP', port: 8200 }]);
});

test('EKS Pod Identity has no agent on OpenShift: refused, with IRSA as the way', () => {
  const contract = new SecretsContract({
    blueprint: platform(), namespace: 'noxus', backend: SecretBackend.awsSecretsManager({ region: 'eu-west-1' }),
    identity: WorkloadIdentity.eksPodIdentity({ accountId: '123456789012' }),
  });
  expect(() => new NoxusPlatformSecrets(new NoxusApp(), 'secrets', { contract, source: openshift })).toThrow(
    'EnvSecretSource.externalSecrets: EKS Pod Identity works on EKS only (its agent runs on EKS nodes), not on OpenShift. ' +
    'On ROSA, use WorkloadIdentity.irsa({ accountId }): STS trusts the cluster\'s OIDC provider as it does on EKS.');
});
