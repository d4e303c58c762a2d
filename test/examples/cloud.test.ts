import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Yaml } from 'cdk8s';
import { EXAMPLES, FILE_EXAMPLES, synthAll } from '../../examples/synth-all';
import { validateAll } from '../support/schema';

const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'noxus-examples-'));
beforeAll(() => synthAll(outdir, fs.mkdtempSync(path.join(os.tmpdir(), 'noxus-tf-'))));

function manifests(example: string): any[] {
  const dir = path.join(outdir, example);
  return fs.readdirSync(dir).filter(f => f.endsWith('.k8s.yaml')).sort().flatMap(f => Yaml.load(path.join(dir, f)));
}

test('every example writes its folder', () => {
  expect(fs.readdirSync(outdir).sort()).toEqual([...Object.keys(EXAMPLES), ...Object.keys(FILE_EXAMPLES)].sort());
});

test.each(['aws', 'gcp', 'azure', 'vault'])('%s: every object is schema-valid, ESO kinds included', example => {
  const all = manifests(example);
  validateAll(all);
  expect(all.filter(m => m.kind === 'ExternalSecret')).toHaveLength(3);
  expect(all.filter(m => m.kind === 'SecretStore')).toHaveLength(3);
});

test.each(['aws', 'gcp', 'azure', 'vault'])('%s: every store authenticates as its own ServiceAccount, and that ServiceAccount exists', example => {
  const all = manifests(example);
  const accounts = new Set(all.filter(m => m.kind === 'ServiceAccount').map(m => m.metadata.name));
  const refs = all.filter(m => m.kind === 'SecretStore').map(m => JSON.stringify(m.spec.provider).match(/"serviceAccountRef":\{"name":"([^"]+)"/)![1]);
  expect(new Set(refs).size).toBe(3);
  for (const ref of refs) expect(accounts.has(ref)).toBe(true);
});

test('no example writes a secret value', () => {
  for (const example of Object.keys(EXAMPLES)) {
    expect(manifests(example).filter(m => m.kind === 'Secret')).toEqual([]);
  }
});

test('azure-csi: every object is valid, each workload runs as its store\'s ServiceAccount and mounts its classes', () => {
  const all = manifests('azure-csi');
  validateAll(all);
  expect(all.filter(m => m.kind === 'SecretProviderClass')).toHaveLength(3);
  const accounts = new Set(all.filter(m => m.kind === 'ServiceAccount').map(m => m.metadata.name));
  const classes = new Set(all.filter(m => m.kind === 'SecretProviderClass').map(m => m.metadata.name));
  for (const d of all.filter(m => m.kind === 'Deployment')) {
    const spec = d.spec.template.spec;
    expect(accounts.has(spec.serviceAccountName)).toBe(true);
    for (const v of spec.volumes) expect(classes.has(v.csi.volumeAttributes.secretProviderClass)).toBe(true);
  }
});
