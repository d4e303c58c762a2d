import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.join(__dirname, '..');

// The README's quick start is code users copy: run it as written, against this checkout.
test('the README quick start synthesizes what it says', () => {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf-8');
  const snippet = /```ts\n([\s\S]*?)```/.exec(readme)![1].replace(/from 'noxus-secrets-cdk'/g, "from '../lib'");
  const file = path.join(root, 'test', `.readme-snippet-${process.pid}.ts`);
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'noxus-readme-'));
  fs.writeFileSync(file, snippet);
  try {
    const run = spawnSync(process.execPath, ['-r', 'tsx/cjs', file], { cwd: root, encoding: 'utf-8', env: { ...process.env, CDK8S_OUTDIR: outdir } });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  } finally {
    fs.rmSync(file);
  }
  expect(fs.readdirSync(outdir).sort()).toEqual(['helm', 'noxus-secrets.blast-radius.md', 'noxus-secrets.k8s.yaml', 'services.k8s.yaml']);
});
