import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart } from 'cdk8s';
import { ExternalSecretStore, ExternalSecretSync, NoxusApp, NoxusPlatformSecrets, SecretsContract } from '../../lib';
import * as sync from '../../lib/k8s/external-secret-sync';
import { platform } from '../support/fixtures';

let dir: string;
beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'noxus-app-checks-')); });
afterEach(() => { fs.rmSync(dir, { recursive: true, force: true }); jest.restoreAllMocks(); });

const contract = () => new SecretsContract({ blueprint: platform(), namespace: 'noxus' });
const STORE = ExternalSecretStore.fromStoreName('shared');

test('the app-wide checks are one construct at the app\'s root, however many charts and syncs need them', () => {
  const app = new NoxusApp();
  new NoxusPlatformSecrets(app, 'a', { contract: contract(), sharedSecretName: 'env-a', createNamespace: false });
  new NoxusPlatformSecrets(app, 'b', { contract: contract(), sharedSecretName: 'env-b' });
  new ExternalSecretSync(new Chart(app, 'mine', { namespace: 'noxus' }), 'sync', { store: STORE, targetSecretName: 'mine', data: [{ secretKey: 'A', remoteKey: 'a' }] });
  expect(app.node.findAll().filter(c => c.node.id === 'NoxusSecretsAppChecks').map(c => c.node.path)).toEqual(['NoxusSecretsAppChecks']);
  expect(app.node.children.filter(c => c.node.id === 'NoxusSecretsAppChecks')).toHaveLength(1);
});

test('with two charts, the app-wide checks run once per synth (not by the first chart, nor once per chart cdk8s writes)', () => {
  const app = new NoxusApp({ outdir: path.join(dir, 'dist') });
  new NoxusPlatformSecrets(app, 'a', { contract: contract(), sharedSecretName: 'env-a', createNamespace: false });
  new NoxusPlatformSecrets(app, 'b', { contract: contract(), sharedSecretName: 'env-b' });
  new Chart(app, 'services', { namespace: 'noxus' });
  const runs = jest.spyOn(sync, 'duplicateTargets');
  app.synth();
  expect(runs).toHaveBeenCalledTimes(1);
  app.synthYaml();
  expect(runs).toHaveBeenCalledTimes(2);
});

test('a problem across two charts is reported once, by the app\'s checks, naming both charts', () => {
  const app = new NoxusApp({ outdir: path.join(dir, 'dist') });
  new NoxusPlatformSecrets(app, 'a', { contract: contract(), helmValuesFile: 'values.yaml', sharedSecretName: 'env-a', createNamespace: false });
  new NoxusPlatformSecrets(app, 'b', { contract: contract(), helmValuesFile: 'values.yaml', sharedSecretName: 'env-b' });
  expect(() => app.synth()).toThrow('[NoxusSecretsAppChecks] NoxusPlatformSecrets: a and b both write "values.yaml" in the output directory, so one would overwrite the other. ' +
    'Give one of them another chart id or helmValuesFile.');
  expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
});
