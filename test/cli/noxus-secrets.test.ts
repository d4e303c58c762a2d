import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../lib/cli/noxus-secrets';

const root = path.join(__dirname, '..', '..');
const blueprintModule = path.join(root, 'examples', 'shared', 'blueprint.ts');

function dir(files: Record<string, string>): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'noxus-cli-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(d, name), text);
  return d;
}

function cli(args: string[], cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(args, s => out.push(s), s => err.push(s), cwd);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const flow = JSON.stringify({ nodes: [{ config: { key: '{{secret.OPENAI_API_KEY}}', db: '{{secret.POSTGRESQL_URL}}' } }, { config: { token: '{{secret.BANK_TOKEN}}' } }] });

test('unresolved references: each with file and path, a summary, exit 1', () => {
  const cwd = dir({ 'flow.json': flow });
  const r = cli(['check-refs', 'flow.json', '--pool', 'default', '--blueprint', blueprintModule], cwd);
  expect(r.code).toBe(1);
  expect(r.out).toBe(
    'flow.json: $.nodes[1].config.token: {{secret.BANK_TOKEN}} is not in the environment of pool "default"\n' +
    '1 of 3 reference(s) unresolved in pool "default" (BANK_TOKEN). Add the secrets to the pool, workerOnly or global in the blueprint, or run the flows in another pool.');
});

test('all resolved: exit 0', () => {
  const cwd = dir({ 'a.json': JSON.stringify({ x: '{{secret.OPENAI_API_KEY}}' }), 'b.json': '[]' });
  const r = cli(['check-refs', 'a.json', 'b.json', '--pool', 'tenant-acme', '--blueprint', blueprintModule], cwd);
  expect([r.code, r.out]).toEqual([0, 'OK: all 1 reference(s) in 2 file(s) resolve in pool "tenant-acme".']);
});

test('--help prints usage and exits 0; no arguments exits 2', () => {
  expect(cli(['--help'], root).code).toBe(0);
  expect(cli(['--help'], root).out).toContain('Usage: noxus-secrets check-refs <file.json>... --pool <name>');
  expect(cli([], root).code).toBe(2);
});

test.each([
  [['lint'], 'noxus-secrets: unknown command "lint". Run noxus-secrets --help.'],
  [['check-refs', 'f.json'], 'noxus-secrets: --pool is required (the pool whose workers run these flows). Run noxus-secrets --help.'],
  [['check-refs', '--pool', 'default'], 'noxus-secrets: no files given. Pass the exported flow or agent JSON files.'],
  [['check-refs', 'f.json', '--pool'], 'noxus-secrets: --pool needs a value. Run noxus-secrets --help.'],
  [['check-refs', 'f.json', '--pools', 'x'], 'noxus-secrets: unknown option --pools. Run noxus-secrets --help.'],
  [['check-refs', 'missing.json', '--pool', 'default', '--blueprint', blueprintModule], 'noxus-secrets: missing.json cannot be read (ENOENT).'],
  [['check-refs', 'bad.json', '--pool', 'default', '--blueprint', blueprintModule], 'noxus-secrets: bad.json is not JSON'],
  [['check-refs', 'flow.json', '--pool', 'acme', '--blueprint', blueprintModule], 'noxus-secrets: SecretsBlueprint: no worker pool named "acme" (pools: default, tenant-acme).'],
  [['check-refs', 'flow.json', '--pool', 'default'], 'noxus-secrets: no --blueprint given and neither noxus.blueprint.js nor noxus.blueprint.ts is in the current directory. Pass --blueprint <module>.'],
  [['check-refs', 'flow.json', '--pool', 'default', '--blueprint', 'nope.js'], 'noxus-secrets: --blueprint nope.js does not exist.'],
  [['check-refs', 'flow.json', '--pool', 'default', '--blueprint', 'empty.js'], 'exports no `blueprint` (a SecretsBlueprint). Add: export const blueprint = new SecretsBlueprint({...}).'],
])('%j exits 2 with a clear error', (args, message) => {
  const cwd = dir({ 'flow.json': flow, 'bad.json': '{', 'empty.js': 'module.exports = {};' });
  const r = cli(args as string[], cwd);
  expect(r.code).toBe(2);
  expect(r.err).toContain(message);
});

test('the default blueprint module is found in the current directory', () => {
  const cwd = dir({ 'flow.json': flow });
  fs.writeFileSync(path.join(cwd, 'noxus.blueprint.js'), `module.exports = require(${JSON.stringify(path.join(root, 'examples/shared/blueprint.ts'))});`);
  expect(cli(['check-refs', 'flow.json', '--pool', 'tenant-acme'], cwd).code).toBe(1);
});

test('as a process: the bin runs and its exit code is the result', () => {
  const cwd = dir({ 'flow.json': flow });
  const r = spawnSync(process.execPath, ['-r', require.resolve('tsx/cjs'), path.join(root, 'lib/cli/noxus-secrets.ts'), 'check-refs', 'flow.json', '--pool', 'default', '--blueprint', blueprintModule], {
    cwd, encoding: 'utf-8', env: { ...process.env, TSX_TSCONFIG_PATH: path.join(root, 'tsconfig.json') },
  });
  expect(r.status).toBe(1);
  expect(r.stdout).toContain('{{secret.BANK_TOKEN}} is not in the environment of pool "default"');
  const pkg = require('../../package.json');
  expect(pkg.bin).toEqual({ 'noxus-secrets': 'build/cli/noxus-secrets.js' });
});
