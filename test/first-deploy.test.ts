import * as fs from 'fs';
import * as path from 'path';
import { synthesizedExamples } from './support/examples';

// The README's per-cloud checklists name files, stacks, modules and remote keys: each must be
// what `npm run synth` writes, so that a step can be followed as written.
const root = path.join(__dirname, '..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf-8');
const section = readme.slice(readme.indexOf('## Getting started per cloud'), readme.indexOf('\n## ', readme.indexOf('## Getting started per cloud') + 1));
const spans = [...section.matchAll(/`([^`]+)`/g)].map(m => m[1]);

const examples = synthesizedExamples();

test('the section is a checklist per path', () => {
  for (const path_ of ['AWS', 'GCP', 'Azure with ESO', 'Azure with the CSI driver', 'Vault', 'OpenShift', 'VM']) {
    const at = section.indexOf(`- **${path_}**`);
    expect([path_, at >= 0]).toEqual([path_, true]);
    expect([path_, /\n {2}1\. /.test(section.slice(at, at + 2000))]).toEqual([path_, true]);
  }
});

test('every dist/ file a step names is what the synth writes', () => {
  const named = [...new Set(spans.flatMap(s => [...s.matchAll(/dist\/[\w./-]+/g)].map(m => m[0].replace(/\/$/, ''))))];
  expect(named.length).toBeGreaterThan(8);
  for (const p of named) {
    const file = path.join(examples.dist, p.slice('dist/'.length));
    expect([p, fs.existsSync(file)]).toEqual([p, true]);
  }
});

test('every stack a step deploys, and every module it reads, exists', () => {
  const stacks = [...new Set(spans.flatMap(s => [...s.matchAll(/cdktf deploy ([\w-]+)/g)].map(m => m[1])))];
  expect(stacks.length).toBeGreaterThan(3);
  for (const stack of stacks) expect([stack, fs.existsSync(path.join(examples.tfOut, 'stacks', stack, 'cdk.tf.json'))]).toEqual([stack, true]);
  const outputs = [...new Set(spans.flatMap(s => [...s.matchAll(/cdktf\.out\/stacks\/([\w-]+)/g)].map(m => m[1])))];
  for (const stack of outputs) expect([stack, fs.existsSync(path.join(examples.tfOut, 'stacks', stack))]).toEqual([stack, true]);
  const modules = [...new Set(spans.flatMap(s => [...s.matchAll(/--contract ([\w./-]+)/g)].map(m => m[1])))];
  expect(modules.length).toBeGreaterThan(0);
  for (const m of modules) expect([m, fs.existsSync(path.join(root, m))]).toEqual([m, true]);
});

test('every remote key a step sets is one the example\'s ExternalSecrets read', () => {
  const keysOf = (example: string) => new Set(examples.k8s(example).filter(m => m.kind === 'ExternalSecret')
    .flatMap(m => (m.spec.data ?? []).map((d: any) => d.remoteRef.key)));
  const commands: [RegExp, string][] = [
    [/aws secretsmanager put-secret-value --secret-id (\S+)/, 'aws'],
    [/gcloud secrets versions add (\S+)/, 'gcp'],
    [/az keyvault secret set --vault-name \S+ --name (\S+)/, 'azure'],
    [/vault kv put -mount=\S+ (\S+) /, 'vault'],
  ];
  for (const [re, example] of commands) {
    const found = spans.map(s => re.exec(s)).filter((m): m is RegExpExecArray => m !== null).map(m => m[1]);
    expect([example, found.length]).toEqual([example, 1]);
    for (const key of found) expect([example, key, keysOf(example).has(key)]).toEqual([example, key, true]);
  }
  // Parameter Store's keys are the same scheme with a leading '/'.
  const parameter = spans.map(s => /aws ssm put-parameter --name (\S+)/.exec(s)).find(m => m !== null)![1];
  expect(keysOf('aws').has(parameter.slice(1))).toBe(true);
});
