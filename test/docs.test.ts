import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.join(__dirname, '..');

function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => fs.readdirSync(d, { withFileTypes: true }).forEach(e => {
    const p = path.join(d, e.name);
    if (e.isDirectory()) walk(p); else out[path.relative(dir, p)] = fs.readFileSync(p, 'utf-8');
  });
  walk(dir);
  return out;
}

// The API reference is generated from the JSDoc; a change to the public API without `npm run docs` fails here.
test('docs/api is what `npm run docs` generates from the current sources', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'noxus-docs-'));
  const run = spawnSync(process.execPath, [path.join(root, 'node_modules', 'typedoc', 'bin', 'typedoc'), '--out', out, '--logLevel', 'Error'], { cwd: root, encoding: 'utf-8' });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  const generated = tree(out);
  const committed = tree(path.join(root, 'docs', 'api'));
  expect(Object.keys(committed).sort()).toEqual(Object.keys(generated).sort());
  for (const f of Object.keys(generated)) expect(committed[f]).toBe(generated[f]);
}, 60_000);
