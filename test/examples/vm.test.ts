import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse as parseHcl } from '@cdktf/hcl2json';
import { Yaml } from 'cdk8s';
import { synthAll } from '../../examples/synth-all';
import { parseUnit } from '../support/systemd';

const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'noxus-dist-'));
const tfOut = fs.mkdtempSync(path.join(os.tmpdir(), 'noxus-tf-'));
beforeAll(() => synthAll(dist, tfOut));
const read = (p: string) => fs.readFileSync(path.join(dist, 'vm', p), 'utf-8');

test('the VM files are written as they go on the machine, env files 0600', () => {
  expect((fs.statSync(path.join(dist, 'vm/etc/noxus/platform.env')).mode & 0o777).toString(8)).toBe('600');
  expect(parseUnit(read('etc/systemd/system/noxus.service.d/10-secrets.conf')).Service.EnvironmentFile).toEqual(['/etc/noxus/platform.env']);
});

test('the VM reads the same Vault paths that the cluster\'s Vault stores read, for its pool', async () => {
  const policy = await parseHcl('policy.hcl', read('etc/vault-agent/noxus/policy.hcl'));
  const vaultK8s = fs.readdirSync(path.join(dist, 'vault')).filter(f => f.endsWith('.k8s.yaml')).flatMap(f => Yaml.load(path.join(dist, 'vault', f)));
  const clusterKeys = vaultK8s.filter(m => m.kind === 'ExternalSecret' && ['app-env', 'app-env-tenant-acme'].includes(m.spec.target.name))
    .flatMap(m => m.spec.data.map((d: any) => `secret/data/${d.remoteRef.key}`));
  expect(Object.keys(policy.path).sort()).toEqual(clusterKeys.sort());
});

test('the cdktf app writes the same files with the local provider', () => {
  const tf = JSON.parse(fs.readFileSync(path.join(tfOut, 'stacks', 'noxus-secrets-vm', 'cdk.tf.json'), 'utf-8'));
  const files = Object.values<any>(tf.resource.local_file).map(f => f.filename).sort();
  const written: string[] = [];
  const walk = (d: string) => fs.readdirSync(d, { withFileTypes: true }).forEach(e => e.isDirectory() ? walk(path.join(d, e.name)) : written.push(path.join(d, e.name)));
  walk(path.join(dist, 'vm'));
  expect(files).toEqual(written.map(f => f.slice(path.join(dist, 'vm').length)).sort());
});

test('the README\'s VM checklist names the units and paths the bundle writes', () => {
  const readme = fs.readFileSync(path.join(__dirname, '../../README.md'), 'utf-8');
  const at = readme.indexOf('- **VM** (`examples/vm`)');
  const steps = readme.slice(at, readme.indexOf('\n\n', at));
  expect(steps).toMatch(/\n {2}1\. /);
  const named = [...steps.matchAll(/(\/etc\/[\w./-]+\.hcl|noxus-[\w-]+\.service)/g)].map(m => m[1]);
  expect(named.length).toBeGreaterThanOrEqual(3);
  for (const name of named) {
    const p = name.startsWith('/') ? name : `etc/systemd/system/${name}`;
    expect([name, fs.existsSync(path.join(dist, 'vm', p))]).toEqual([name, true]);
  }
});
