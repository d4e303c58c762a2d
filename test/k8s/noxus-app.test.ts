import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, Chart, Testing, Yaml } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { NoxusApp, NoxusPlatformSecrets, NoxusSecretsError, NoxusService, SecretBackend, SecretsContract, WorkloadIdentity } from '../../lib';
import { platform } from '../support/fixtures';

let dir: string;
beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'noxus-app-')); });
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function files(root: string): string[] {
  return fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter(e => e.isFile()).map(e => path.relative(root, path.join(e.parentPath, e.name))).sort();
}

function platformApp(app: NoxusApp) {
  const contract = new SecretsContract({
    blueprint: platform(), namespace: 'noxus',
    backend: SecretBackend.awsSecretsManager({ region: 'eu-west-1' }), identity: WorkloadIdentity.irsa({ accountId: '123456789012' }),
  });
  const secrets = new NoxusPlatformSecrets(app, 'noxus-secrets', { contract });
  const services = new Chart(app, 'services', { namespace: 'noxus' });
  const backend = new kplus.Deployment(services, 'backend', { containers: [{ image: 'x' }] });
  secrets.attachService(backend, NoxusService.BACKEND);
  return { secrets, services, backend };
}

test('synth() writes the manifests and every Noxus chart\'s files, those extraFiles() lists', () => {
  const app = new NoxusApp({ outdir: path.join(dir, 'dist') });
  const { secrets } = platformApp(app);
  expect(Object.keys(app.extraFiles()).sort()).toEqual(['helm/noxus-secrets.eso-values.yaml', 'helm/noxus-secrets.values.yaml', 'noxus-secrets.blast-radius.md']);
  app.synth();
  expect(files(path.join(dir, 'dist'))).toEqual(['helm/noxus-secrets.eso-values.yaml', 'helm/noxus-secrets.values.yaml', 'noxus-secrets.blast-radius.md', 'noxus-secrets.k8s.yaml', 'services.k8s.yaml']);
  expect(fs.readFileSync(path.join(dir, 'dist', 'noxus-secrets.blast-radius.md'), 'utf-8')).toBe(secrets.blastRadiusReport());
  expect(app.outdir).toBe(path.join(dir, 'dist'));
});

test('nothing of cdk8s or of the user\'s objects is reassigned: the app\'s synth, the workloads\' toJson are the same before and after', () => {
  const app = new NoxusApp({ outdir: path.join(dir, 'dist') });
  const ownKeys = (o: object) => Object.getOwnPropertyNames(o).sort();
  const appKeys = ownKeys(app);
  const { backend, services } = platformApp(app);
  const obj = ApiObject.of(backend);
  const before = { synth: app.synth, synthYaml: app.synthYaml, toJson: obj.toJson, chartToJson: services.toJson, objKeys: ownKeys(obj), chartKeys: ownKeys(services) };
  app.synth();
  app.synthYaml();
  expect(app.synth).toBe(before.synth);
  expect(app.synth).toBe(NoxusApp.prototype.synth);
  expect(app.synthYaml).toBe(before.synthYaml);
  expect(obj.toJson).toBe(before.toJson);
  expect(Object.prototype.hasOwnProperty.call(obj, 'toJson')).toBe(false);
  expect(services.toJson).toBe(before.chartToJson);
  expect(ownKeys(app)).toEqual(appKeys);
  expect(ownKeys(obj)).toEqual(before.objKeys);
  expect(ownKeys(services)).toEqual(before.chartKeys);
});

test('in one synth, each object of the Noxus chart renders once; a wired workload twice (the audit, then cdk8s writing its chart)', () => {
  const app = new NoxusApp({ outdir: path.join(dir, 'dist') });
  const { secrets, backend } = platformApp(app);
  const renders = new Map<ApiObject, number>();
  // Counted through the prototype's own function, called as cdk8s calls it.
  const original = ApiObject.prototype.toJson;
  const counting = jest.spyOn(ApiObject.prototype, 'toJson').mockImplementation(function (this: ApiObject) {
    renders.set(this, (renders.get(this) ?? 0) + 1);
    return original.call(this);
  });
  try {
    app.synth();
  } finally {
    counting.mockRestore();
  }
  const own = secrets.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject);
  expect(own.length).toBeGreaterThan(3);
  expect(own.map(o => renders.get(o))).toEqual(own.map(() => 1));
  expect(renders.get(ApiObject.of(backend))).toBe(2);
});

test('the chart\'s manifests are written in cdk8s\'s own order, without dependencies between its objects and with them', () => {
  const kinds = (docs: any[]) => docs.map(d => `${d.kind}/${d.metadata?.name}`);
  const written = () => {
    const app = new NoxusApp({ outdir: path.join(dir, 'dist') });
    const { secrets } = platformApp(app);
    return { app, secrets };
  };
  // Outside a NoxusApp's synth, the chart's toJson is cdk8s's own (its dependency graph's topology): the oracle.
  const plain = written();
  const order = kinds(plain.secrets.toJson());
  plain.app.synth();
  expect(kinds(Yaml.load(path.join(dir, 'dist', 'noxus-secrets.k8s.yaml')))).toEqual(order);
  expect(order[0]).toBe('Namespace/noxus');

  // A dependency reorders: an object added last that the Namespace depends on comes first.
  const dependent = written();
  const late = new ApiObject(dependent.secrets, 'late', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'late' } });
  const ns = dependent.secrets.node.findAll().find(c => c instanceof ApiObject && c.kind === 'Namespace') as ApiObject;
  ns.node.addDependency(late);
  const reordered = kinds(dependent.secrets.toJson());
  expect(reordered.slice(0, 2)).toEqual(['ConfigMap/late', 'Namespace/noxus']);
  dependent.app.synth();
  expect(kinds(Yaml.load(path.join(dir, 'dist', 'noxus-secrets.k8s.yaml')))).toEqual(reordered);
});

test('a second synth after a change shows the change (nothing is kept between synths)', () => {
  const app = new NoxusApp({ outdir: path.join(dir, 'dist') });
  const { secrets } = platformApp(app);
  const first = app.synthYaml();
  const es = secrets.node.findAll().find(c => c instanceof ApiObject && c.kind === 'ExternalSecret') as ApiObject | undefined;
  const ns = secrets.node.findAll().find(c => c instanceof ApiObject && c.kind === 'Namespace') as ApiObject;
  (es ?? ns).metadata.addLabel('changed', 'yes');
  expect(app.synthYaml()).not.toBe(first);
  expect(app.synthYaml()).toContain('changed: "yes"');
});

test('a Noxus chart in a plain cdk8s App fails the synth, naming NoxusApp (its files would be left out)', () => {
  const app = Testing.app();
  new NoxusPlatformSecrets(app, 'noxus-secrets', { contract: new SecretsContract({ blueprint: platform(), namespace: 'noxus' }) });
  expect(() => app.synthYaml()).toThrow(new NoxusSecretsError('NoxusPlatformSecrets: the chart is in a plain cdk8s App, whose synth would leave out the files ' +
    'the chart writes beside its manifests (helm/noxus-secrets.values.yaml, noxus-secrets.blast-radius.md) and not check the manifests for Terraform references. ' +
    'Create the app with new NoxusApp() (from noxus-secrets-cdk) instead of new App().', 'noxus-secrets'));
});

test('with its files off, a chart in a plain App still names NoxusApp (the Terraform reference check)', () => {
  const app = Testing.app();
  new NoxusPlatformSecrets(app, 'noxus-secrets', { contract: new SecretsContract({ blueprint: platform(), namespace: 'noxus' }), writeHelmValues: false, writeBlastRadius: false });
  expect(() => app.synthYaml()).toThrow('NoxusPlatformSecrets: the chart is in a plain cdk8s App, whose synth would not check the manifests for Terraform references. ' +
    'Create the app with new NoxusApp() (from noxus-secrets-cdk) instead of new App().');
});

test('isNoxusApp tells a NoxusApp from a cdk8s App', () => {
  expect(NoxusApp.isNoxusApp(new NoxusApp())).toBe(true);
  expect(NoxusApp.isNoxusApp(Testing.app())).toBe(false);
  expect(NoxusApp.isNoxusApp(undefined)).toBe(false);
});
