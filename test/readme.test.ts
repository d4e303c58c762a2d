import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { DocBlock, docBlocks } from './support/doc-blocks';
import { deliveryProblems } from './support/eso-reconcile';

const root = path.join(__dirname, '..');
const blocks = docBlocks();
const quickStart = blocks.find(b => b.origin === 'README.md block 1')!;

// The TypeScript of the README and the guides is code users copy: every block is type-checked (strict) and run as written.
const dir = path.join(root, 'test', `.readme-snippets-${process.pid}`);
beforeAll(() => {
  fs.mkdirSync(dir, { recursive: true });
  blocks.forEach(b => fs.writeFileSync(path.join(dir, b.fileName), b.code));
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ extends: '../../tsconfig.json', compilerOptions: { rootDir: '../..', types: ['node'] }, include: ['*.ts'] }));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('the README and the guides have their TypeScript blocks', () => {
  expect(blocks.length).toBeGreaterThanOrEqual(8);
  expect(quickStart).toBeDefined();
});

test('every block type-checks under strict', () => {
  const r = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(dir, 'tsconfig.json')], { cwd: root, encoding: 'utf-8' });
  expect(r.stdout + r.stderr).toBe('');
  expect(r.status).toBe(0);
});

/** Runs a block in a folder of its own, as `npx tsx app.ts` would, and returns that folder. */
function runBlock(block: DocBlock, files: Record<string, string> = {}): string {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), `noxus-${block.fileName.replace(/\.ts$/, '')}-`));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(cwd, name), text);
  const r = spawnSync(process.execPath, ['-r', require.resolve('tsx/cjs'), path.join(dir, block.fileName)], {
    cwd, encoding: 'utf-8',
    env: { ...process.env, TSX_TSCONFIG_PATH: path.join(root, 'tsconfig.json'), CDK8S_OUTDIR: path.join(cwd, 'dist'), CDKTF_OUTDIR: path.join(cwd, 'cdktf.out') },
  });
  expect([block.origin, r.stderr]).toEqual([block.origin, '']);
  expect([block.origin, r.status]).toEqual([block.origin, 0]);
  return cwd;
}

/** Every *.k8s.yaml below a folder. */
function manifestFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => (e.isDirectory() ? manifestFiles(path.join(dir, e.name)) : e.name.endsWith('.k8s.yaml') ? [path.join(dir, e.name)] : []));
}

test('the quick start synthesizes what it says', () => {
  const cwd = runBlock(quickStart);
  const manifests = manifestFiles(path.join(cwd, 'dist')).flatMap(f => parseAllDocuments(fs.readFileSync(f, 'utf-8')).map(d => d.toJS()).filter(Boolean));
  expect(deliveryProblems(manifests)).toEqual([]);
  expect(fs.readdirSync(path.join(cwd, 'dist')).sort()).toEqual(['helm', 'noxus-secrets.blast-radius.md', 'noxus-secrets.k8s.yaml', 'services.k8s.yaml']);
});

test('every other block runs as written and writes its output', () => {
  // The block that reads Azure's client IDs reads the file `cdktf deploy --outputs-file outputs.json` writes; each block gets one.
  const outputs = { 'noxus-secrets-azure': { secrets: { 'ClientId-platform': '11111111-1111-1111-1111-111111111111' } } };
  let externalSecrets = 0;
  for (const block of blocks.filter(b => b !== quickStart)) {
    const cwd = runBlock(block, { 'outputs.json': JSON.stringify(outputs) });
    const written = [path.join(cwd, 'dist'), path.join(cwd, 'cdktf.out')].filter(d => fs.existsSync(d));
    expect([block.origin, written.length > 0]).toEqual([block.origin, true]);
    // What ESO does with the block's ExternalSecrets: one writer per Secret, and every sync succeeds once the values are set.
    const manifests = manifestFiles(path.join(cwd, 'dist')).flatMap(f => parseAllDocuments(fs.readFileSync(f, 'utf-8')).map(d => d.toJS()).filter(Boolean));
    expect([block.origin, deliveryProblems(manifests)]).toEqual([block.origin, []]);
    externalSecrets += manifests.filter(m => m.kind === 'ExternalSecret').length;
  }
  expect(externalSecrets).toBeGreaterThan(0);
});
