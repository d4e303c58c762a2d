import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { deliveryProblems } from './support/eso-reconcile';

const root = path.join(__dirname, '..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf-8');
const snippets = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map(m => m[1]);

// The README's TypeScript is code users copy: every block is type-checked (strict) and run as written.
const dir = path.join(root, 'test', `.readme-snippets-${process.pid}`);
beforeAll(() => {
  fs.mkdirSync(dir, { recursive: true });
  snippets.forEach((code, i) => fs.writeFileSync(path.join(dir, `snippet-${i + 1}.ts`), code));
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ extends: '../../tsconfig.json', compilerOptions: { rootDir: '../..', types: ['node'] }, include: ['*.ts'] }));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('the README has its TypeScript blocks', () => {
  expect(snippets.length).toBeGreaterThanOrEqual(8);
});

test('every block type-checks under strict', () => {
  const r = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(dir, 'tsconfig.json')], { cwd: root, encoding: 'utf-8' });
  expect(r.stdout + r.stderr).toBe('');
  expect(r.status).toBe(0);
});

/** Runs block `n` in a folder of its own, as `npx tsx app.ts` would, and returns that folder. */
function runSnippet(n: number, files: Record<string, string> = {}): string {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), `noxus-readme-${n}-`));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(cwd, name), text);
  const r = spawnSync(process.execPath, ['-r', require.resolve('tsx/cjs'), path.join(dir, `snippet-${n}.ts`)], {
    cwd, encoding: 'utf-8',
    env: { ...process.env, TSX_TSCONFIG_PATH: path.join(root, 'tsconfig.json'), CDK8S_OUTDIR: path.join(cwd, 'dist'), CDKTF_OUTDIR: path.join(cwd, 'cdktf.out') },
  });
  expect([n, r.stderr]).toEqual([n, '']);
  expect([n, r.status]).toEqual([n, 0]);
  return cwd;
}

/** Every *.k8s.yaml below a folder. */
function manifestFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => (e.isDirectory() ? manifestFiles(path.join(dir, e.name)) : e.name.endsWith('.k8s.yaml') ? [path.join(dir, e.name)] : []));
}

test('the quick start synthesizes what it says', () => {
  const cwd = runSnippet(1);
  const manifests = manifestFiles(path.join(cwd, 'dist')).flatMap(f => parseAllDocuments(fs.readFileSync(f, 'utf-8')).map(d => d.toJS()).filter(Boolean));
  expect(deliveryProblems(manifests)).toEqual([]);
  expect(fs.readdirSync(path.join(cwd, 'dist')).sort()).toEqual(['helm', 'noxus-secrets.blast-radius.md', 'noxus-secrets.k8s.yaml', 'services.k8s.yaml']);
});

test('every other block runs as written and writes its output', () => {
  // Block 6 reads the outputs file that `cdktf deploy --outputs-file outputs.json` writes.
  const outputs = { 'noxus-secrets-azure': { secrets: { 'ClientId-platform': '11111111-1111-1111-1111-111111111111' } } };
  let externalSecrets = 0;
  for (let n = 2; n <= snippets.length; n++) {
    const cwd = runSnippet(n, { 'outputs.json': JSON.stringify(outputs) });
    const written = [path.join(cwd, 'dist'), path.join(cwd, 'cdktf.out')].filter(d => fs.existsSync(d));
    expect([n, written.length > 0]).toEqual([n, true]);
    // What ESO does with the block's ExternalSecrets: one writer per Secret, and every sync succeeds once the values are set.
    const manifests = manifestFiles(path.join(cwd, 'dist')).flatMap(f => parseAllDocuments(fs.readFileSync(f, 'utf-8')).map(d => d.toJS()).filter(Boolean));
    expect([n, deliveryProblems(manifests)]).toEqual([n, []]);
    externalSecrets += manifests.filter(m => m.kind === 'ExternalSecret').length;
  }
  expect(externalSecrets).toBeGreaterThan(0);
});
