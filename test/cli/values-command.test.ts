import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../lib/cli/noxus-secrets';
import { CliIo } from '../../lib/cli/values-command';
import { contract as awsContract } from '../../examples/aws/platform';

const root = path.join(__dirname, '..', '..');
const aws = path.join(root, 'examples/aws/platform.ts');
const parameterStore = path.join(__dirname, 'fixtures/parameter-store.ts');

const temps: string[] = [];
afterEach(() => {
  for (const d of temps.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'noxus-values-'));
  temps.push(d);
  return d;
}

interface Call { program: string; argv: string[]; stdin: string; env: Record<string, string> }
interface Response { match: string; stdout?: string; stderr?: string; code?: number }

/**
 * Stand-ins for the cloud CLIs, alone on PATH (this machine has real ones): each records its
 * argv, standard input and environment, and answers with the first response whose `match`
 * is in its command line.
 */
function fakeCli(programs: string[], responses: Response[] = []) {
  const bin = tempDir();
  fs.writeFileSync(path.join(bin, 'responses.json'), JSON.stringify(responses));
  const script = `#!${process.execPath}
const fs = require('fs');
const path = require('path');
const stdin = fs.readFileSync(0, 'utf-8');
const program = path.basename(process.argv[1]);
const argv = process.argv.slice(2);
fs.appendFileSync(path.join(__dirname, 'calls.jsonl'), JSON.stringify({ program, argv, stdin, env: process.env }) + '\\n');
const line = [program, ...argv].join(' ');
const r = JSON.parse(fs.readFileSync(path.join(__dirname, 'responses.json'), 'utf-8')).find(r => line.includes(r.match)) || {};
if (r.stdout) process.stdout.write(r.stdout);
if (r.stderr) process.stderr.write(r.stderr);
process.exit(r.code || 0);
`;
  for (const p of programs) fs.writeFileSync(path.join(bin, p), script, { mode: 0o755 });
  const log = path.join(bin, 'calls.jsonl');
  return {
    io: { env: { PATH: bin }, readStdin: () => '' } as CliIo,
    calls: (): Call[] => (fs.existsSync(log) ? fs.readFileSync(log, 'utf-8').trim().split('\n').map(l => JSON.parse(l)) : []),
  };
}

function cli(args: string[], io: CliIo, cwd = root) {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(args, s => out.push(s), s => err.push(s), cwd, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function envFile(text: string, mode = 0o600): string {
  const file = path.join(tempDir(), 'secrets.env');
  fs.writeFileSync(file, text, { mode });
  fs.chmodSync(file, mode);
  return file;
}

const noCli: CliIo = { env: { PATH: '/nonexistent' }, readStdin: () => '' };

describe('printing the commands', () => {
  test('one command per remote key, in the contract order, the value on standard input', () => {
    const r = cli(['values', '--contract', aws], noCli);
    expect(r.code).toBe(0);
    const commands = r.out.split('\n').filter(l => l.startsWith('aws '));
    expect(commands).toEqual(awsContract.remoteKeyScheme.all().map(k =>
      `aws secretsmanager put-secret-value --region eu-west-1 --secret-id ${k.key} --secret-string file:///dev/stdin`));
  });

  test('each key says its address, required or optional, and high-risk', () => {
    const r = cli(['values', '--contract', aws, '--only', 'platform/REDIS_USER'], noCli);
    expect(r.out).toBe([
      "# The commands that set each remote key of aws-secrets-manager (region eu-west-1), in the contract's order.",
      '# Each reads the value from standard input to its end: type it and press Ctrl-D (twice after text',
      '# without a newline; a newline typed before Ctrl-D becomes part of the value), or pipe it in. The',
      '# value never appears in a command line, the process list or the shell history. To set them all',
      '# from a local env file instead (mode 0600): noxus-secrets values --from <file.env>',
      '# The library created each secret without a value; each command adds its current version.',
      '',
      '# platform/REDIS_USER: optional',
      'aws secretsmanager put-secret-value --region eu-west-1 --secret-id noxus/platform/REDIS_USER --secret-string file:///dev/stdin',
      '',
      '# 1 remote key(s) to set; 0 with nothing to set by hand.',
    ].join('\n'));
    expect(cli(['values', '--contract', aws, '--only', 'platform/REDIS_PASSWORD'], noCli).out).toContain('# platform/REDIS_PASSWORD: required, high-risk\n');
  });

  test('composed, generated and Terraform-written values are listed with nothing to set', () => {
    const r = cli(['values', '--contract', parameterStore, '--only', 'platform'], noCli);
    expect(r.out).toContain('# platform/POSTGRESQL_URL: required, high-risk; composed by ESO in the cluster from RDS noxus-db: no remote key to set\n');
    expect(r.out).toContain('# platform/PLUGIN_SERVER_API_KEY: required, high-risk; generated by ESO in the cluster: no remote key to set\n');
    expect(r.out).toContain('# platform/REDIS_URL: required; written by Terraform into /noxus/platform/REDIS_URL (ValueSource.fromTerraform): nothing to set by hand\n');
    expect(r.out).not.toContain('--name /noxus/platform/POSTGRESQL_URL');
    expect(r.out).toContain('# 8 remote key(s) to set; 3 with nothing to set by hand.');
  });

  test('Parameter Store: the operator creates the parameter with the library key, standard tier; --kms-key-id for another key', () => {
    const line = (extra: string[]) => cli(['values', '--contract', parameterStore, '--only', 'platform/REDIS_PASSWORD', ...extra], noCli).out.split('\n').find(l => l.startsWith('aws '));
    expect(line([])).toBe('aws ssm put-parameter --region eu-west-1 --name /noxus/platform/REDIS_PASSWORD --type SecureString --key-id alias/noxus-secrets --tier Standard --value file:///dev/stdin');
    expect(line(['--kms-key-id', 'alias/mine'])).toContain('--key-id alias/mine --tier Standard');
  });

  test('a worker-only key is listed under workers/, beside the pool that has its own', () => {
    const r = cli(['values', '--contract', aws, '--only', 'workers'], noCli);
    expect(r.out).toContain('# workers/OPENAI_API_KEY: required, high-risk\n');
  });
});

describe('--from: setting values from a local env file', () => {
  const awsOk: Response[] = [{ match: 'sts get-caller-identity', stdout: '{"Account":"123456789012"}' }];

  test('each value goes to its command on standard input, never into argv or the environment', () => {
    const fake = fakeCli(['aws'], awsOk);
    const file = envFile('# values\nREDIS_PASSWORD=s3cr3t p@ss\nREDIS_USER=\nREDIS_URL=redis.internal\n');
    const r = cli(['values', '--contract', aws, '--from', file], fake.io);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const calls = fake.calls();
    expect(calls.map(c => [c.program, ...c.argv].join(' '))).toEqual([
      'aws sts get-caller-identity --region eu-west-1 --output json',
      'aws secretsmanager put-secret-value --region eu-west-1 --secret-id noxus/platform/REDIS_PASSWORD --secret-string file:///dev/stdin',
      'aws secretsmanager put-secret-value --region eu-west-1 --secret-id noxus/platform/REDIS_URL --secret-string file:///dev/stdin',
    ]);
    expect(calls.map(c => c.stdin)).toEqual(['', 's3cr3t p@ss', 'redis.internal']);
    for (const c of calls) {
      for (const v of ['s3cr3t', 'redis.internal']) {
        expect(c.argv.join(' ')).not.toContain(v);
        expect(JSON.stringify(c.env)).not.toContain(v);
      }
    }
    expect(r.out).toContain('set noxus/platform/REDIS_PASSWORD (platform/REDIS_PASSWORD) from ' + file + ' line 2');
    expect(r.out).toContain('2 of 2 value(s) set. Not in ' + file + ': platform/PLUGIN_SERVER_API_KEY,');
    expect(r.out).not.toContain('s3cr3t');
  });

  test('Parameter Store: --overwrite, and the advanced tier for a value over 4096 bytes', () => {
    const fake = fakeCli(['aws'], awsOk);
    const big = 'x'.repeat(5000);
    const r = cli(['values', '--contract', parameterStore, '--from', envFile(`REDIS_PASSWORD=short\nREDIS_USER=${big}\n`)], fake.io);
    expect(r.code).toBe(0);
    const puts = fake.calls().filter(c => c.argv[1] === 'put-parameter');
    expect(puts.map(c => c.argv.slice(c.argv.indexOf('--tier'), c.argv.indexOf('--tier') + 2).concat(c.argv.slice(-1)))).toEqual([
      ['--tier', 'Standard', '--overwrite'], ['--tier', 'Advanced', '--overwrite'],
    ]);
    expect(puts[1].stdin).toBe(big);
  });

  test('--from - reads the env file from standard input', () => {
    const fake = fakeCli(['aws'], awsOk);
    const r = cli(['values', '--contract', aws, '--from', '-'], { ...fake.io, readStdin: () => 'REDIS_PASSWORD=from-stdin\n' });
    expect(r.code).toBe(0);
    expect(fake.calls()[1].stdin).toBe('from-stdin');
    expect(r.out).toContain('from standard input line 1');
  });

  test('--dry-run prints what would run and runs nothing', () => {
    const fake = fakeCli(['aws'], awsOk);
    const file = envFile('REDIS_PASSWORD=s3cr3t\n');
    const r = cli(['values', '--contract', aws, '--from', file, '--dry-run'], fake.io);
    expect(r.code).toBe(0);
    expect(fake.calls()).toEqual([]);
    expect(r.out).toBe(`would run: aws secretsmanager put-secret-value --region eu-west-1 --secret-id noxus/platform/REDIS_PASSWORD --secret-string file:///dev/stdin  ` +
      `# platform/REDIS_PASSWORD, the value of REDIS_PASSWORD from ${file} line 1 on its standard input`);
  });

  test('a failed command: exit 1, its error shown without the value', () => {
    const fake = fakeCli(['aws'], [...awsOk, { match: 'put-secret-value', code: 254, stderr: 'An error occurred (ValidationException): bad value s3cr3t-value here\n' }]);
    const r = cli(['values', '--contract', aws, '--from', envFile('REDIS_PASSWORD=s3cr3t-value\n')], fake.io);
    expect(r.code).toBe(1);
    expect(r.err).toBe('noxus-secrets: noxus/platform/REDIS_PASSWORD: aws secretsmanager put-secret-value --region eu-west-1 --secret-id noxus/platform/REDIS_PASSWORD ' +
      '--secret-string file:///dev/stdin exited 254: An error occurred (ValidationException): bad value [value] here');
    expect(r.out).toContain('0 of 1 value(s) set, 1 failed.');
  });

  test('without the CLI or its credentials nothing is set: exit 2', () => {
    const file = envFile('REDIS_PASSWORD=s3cr3t\n');
    expect(cli(['values', '--contract', aws, '--from', file], noCli)).toEqual({
      code: 2, out: '',
      err: 'noxus-secrets: aws is not installed (not on PATH), so no value was set. Install it, or run noxus-secrets values (without --from) and run the commands where it is.',
    });
    const fake = fakeCli(['aws'], [{ match: 'sts get-caller-identity', code: 255, stderr: 'Unable to locate credentials.\n' }]);
    expect(cli(['values', '--contract', aws, '--from', file], fake.io).err).toBe(
      'noxus-secrets: aws has no credentials here (aws sts get-caller-identity --region eu-west-1 --output json failed: Unable to locate credentials.), so no value was set. Log in, then run again.');
    expect(fake.calls()).toHaveLength(1);
  });

  test.each([
    ['REDIS_PASSWORD=x\n', 0o644, (f: string) => `noxus-secrets: --from ${f} has mode 0644, which lets its group or others read it; a file of values must be 0600 or narrower (no group or other bits). Run chmod 600 ${f}.`],
    ['REDIS_PASSWORD=x\n', 0o640, (f: string) => `noxus-secrets: --from ${f} has mode 0640, which lets its group or others read it; a file of values must be 0600 or narrower (no group or other bits). Run chmod 600 ${f}.`],
    ['REDIS_PASWORD=x\n', 0o600, (f: string) => `noxus-secrets: ${f} line 1: REDIS_PASWORD is no secret of the contract's blueprint (did you mean "REDIS_PASSWORD"?). Fix the name or remove the line.`],
    ['OPENAI_API_KEY=x\n', 0o600, (f: string) => `noxus-secrets: ${f} line 1: OPENAI_API_KEY has 2 remote keys (pools/tenant-acme/OPENAI_API_KEY, workers/OPENAI_API_KEY), which may hold different values. Set each from its own file with --only (e.g. --only pools/tenant-acme/OPENAI_API_KEY).`],
    ['REDIS_USER=\n', 0o600, (f: string) => `noxus-secrets: --from ${f} gives no value (no NAME=value line with a value). Fill in the values to set.`],
    [`REDIS_PASSWORD=${'x'.repeat(65537)}\n`, 0o600, (f: string) => `noxus-secrets: ${f} line 1: the value of REDIS_PASSWORD is 65537 bytes, and Secrets Manager (SecretString, 64 KiB) takes at most 65536. Shorten it, or keep it elsewhere and give the platform a reference to it.`],
  ])('%#: an env file the command refuses, before it runs anything', (text, mode, message) => {
    const fake = fakeCli(['aws'], awsOk);
    const file = envFile(text, mode);
    const r = cli(['values', '--contract', aws, '--from', file], fake.io);
    expect([r.code, r.err]).toEqual([2, message(file)]);
    expect(fake.calls()).toEqual([]);
  });

  test('a name outside --only, and a value ESO makes, are refused by name', () => {
    const file = envFile('POSTGRESQL_URL=postgresql://x\n');
    expect(cli(['values', '--contract', parameterStore, '--from', file], noCli).err).toBe(
      `noxus-secrets: ${file} line 1: POSTGRESQL_URL is composed by ESO in the cluster from RDS noxus-db (platform/POSTGRESQL_URL), so there is nothing to set. Remove the line.`);
    const other = envFile('REDIS_PASSWORD=x\n');
    expect(cli(['values', '--contract', aws, '--from', other, '--only', 'workers'], noCli).err).toBe(
      `noxus-secrets: ${other} line 1: REDIS_PASSWORD has no remote key in the --only selection (its keys: platform/REDIS_PASSWORD). Remove the line, or widen --only.`);
  });

  test('a missing env file', () => {
    expect(cli(['values', '--contract', aws, '--from', 'nope.env'], noCli, tempDir()).err).toBe('noxus-secrets: --from nope.env cannot be read (ENOENT).');
  });
});

describe('--check: which remote keys have no value', () => {
  const current = JSON.stringify({ Name: 'x', VersionIdsToStages: { 'v-1': ['AWSCURRENT'] } });
  const empty = JSON.stringify({ Name: 'x' });

  test('reads each key\'s metadata where the CLI has credentials; a required key unset exits 1', () => {
    const fake = fakeCli(['aws'], [
      { match: 'sts get-caller-identity', stdout: '{}' },
      { match: '--secret-id noxus/platform/REDIS_PASSWORD ', stdout: empty },
      { match: '--secret-id noxus/platform/REDIS_USER ', stdout: empty },
      { match: '--secret-id noxus/platform/REDIS_URL ', code: 254, stderr: 'An error occurred (ResourceNotFoundException) when calling the DescribeSecret operation\n' },
      { match: 'describe-secret', stdout: current },
    ]);
    const r = cli(['values', '--contract', aws, '--check', '--only', 'platform'], fake.io);
    expect(r.code).toBe(1);
    expect(r.out.split('\n')).toEqual(expect.arrayContaining([
      'NOT SET  noxus/platform/REDIS_PASSWORD (platform/REDIS_PASSWORD: required, high-risk)',
      'NOT SET  noxus/platform/REDIS_USER (platform/REDIS_USER: optional)',
      'MISSING  noxus/platform/REDIS_URL (platform/REDIS_URL: required; the secret does not exist: deploy the cloud side first)',
      'set      noxus/platform/POSTGRESQL_URL (platform/POSTGRESQL_URL: required, high-risk)',
    ]));
    expect(r.out.split('\n').pop()).toBe('3 of 11 remote key(s) have no value (2 required, 1 optional). Set them with noxus-secrets values --from <file.env>, or the commands noxus-secrets values prints.');
    expect(fake.calls().every(c => c.argv[1] !== 'get-secret-value')).toBe(true);
  });

  test('only optional keys unset: exit 0; all set: OK', () => {
    const fake = fakeCli(['aws'], [{ match: 'sts', stdout: '{}' }, { match: 'noxus/platform/REDIS_USER ', stdout: empty }, { match: 'describe-secret', stdout: current }]);
    expect(cli(['values', '--contract', aws, '--check', '--only', 'platform'], fake.io).code).toBe(0);
    const all = fakeCli(['aws'], [{ match: 'sts', stdout: '{}' }, { match: 'describe-secret', stdout: current }]);
    const r = cli(['values', '--contract', aws, '--check'], all.io);
    expect([r.code, r.out.split('\n').pop()]).toEqual([0, 'OK: all 13 remote key(s) have a value.']);
  });

  test('values ESO makes have no key to check; Terraform-written ones are checked', () => {
    const fake = fakeCli(['aws'], [{ match: 'sts', stdout: '{}' }, { match: 'describe-parameters', stdout: JSON.stringify({ Parameters: [{ Name: 'x' }] }) }]);
    const r = cli(['values', '--contract', parameterStore, '--check', '--only', 'platform'], fake.io);
    expect(r.out).toContain('-        platform/POSTGRESQL_URL (composed by ESO in the cluster from RDS noxus-db: no remote key to set)');
    expect(r.out).toContain('set      /noxus/platform/REDIS_URL (platform/REDIS_URL: required)');
    expect(fake.calls().map(c => c.argv.join(' '))).toContain('ssm describe-parameters --region eu-west-1 --parameter-filters Key=Name,Option=Equals,Values=/noxus/platform/REDIS_URL --output json');
  });

  test('an answer it cannot read: UNKNOWN, exit 3', () => {
    const fake = fakeCli(['aws'], [{ match: 'sts', stdout: '{}' }, { match: 'describe-secret', code: 254, stderr: 'An error occurred (AccessDeniedException)\n' }]);
    const r = cli(['values', '--contract', aws, '--check', '--only', 'platform/REDIS_USER'], fake.io);
    expect(r.code).toBe(3);
    expect(r.out).toContain('UNKNOWN  noxus/platform/REDIS_USER (platform/REDIS_USER: optional; aws secretsmanager describe-secret --region eu-west-1 ' +
      '--secret-id noxus/platform/REDIS_USER --output json exited 254: An error occurred (AccessDeniedException))');
  });

  test('no CLI: prints the commands that check, exit 3; --print prints them and reads nothing, exit 0', () => {
    const r = cli(['values', '--contract', aws, '--check', '--only', 'platform/REDIS_USER'], noCli);
    expect([r.code, r.out]).toEqual([3, [
      '# aws is not installed (not on PATH), so the backend was not read. The commands that check each remote key of aws-secrets-manager (region eu-west-1);',
      '# each reads metadata only, never a value: a value is set when VersionIdsToStages lists a version in AWSCURRENT.',
      '',
      '# platform/REDIS_USER: optional',
      'aws secretsmanager describe-secret --region eu-west-1 --secret-id noxus/platform/REDIS_USER --output json',
    ].join('\n')]);
    const fake = fakeCli(['aws']);
    const printed = cli(['values', '--contract', aws, '--check', '--print'], fake.io);
    expect(printed.code).toBe(0);
    expect(fake.calls()).toEqual([]);
    expect(printed.out.split('\n').filter(l => l.startsWith('aws '))).toHaveLength(13);
  });

  test('no credentials: says which call failed, prints the commands, exit 3', () => {
    const fake = fakeCli(['aws'], [{ match: 'sts', code: 255, stderr: 'Unable to locate credentials.\n' }]);
    const r = cli(['values', '--contract', aws, '--check', '--only', 'platform/REDIS_USER'], fake.io);
    expect(r.code).toBe(3);
    expect(r.out.split('\n')[0]).toBe('# aws has no credentials here (aws sts get-caller-identity --region eu-west-1 --output json failed: Unable to locate credentials.), ' +
      'so the backend was not read. The commands that check each remote key of aws-secrets-manager (region eu-west-1);');
  });
});

test('values --help prints its usage and exit codes', () => {
  const r = cli(['values', '--help'], noCli);
  expect(r.code).toBe(0);
  expect(r.out).toContain('Usage: noxus-secrets values [--contract <module>]');
  expect(r.out).toContain('Exit codes: 0 done');
  expect(cli(['--help'], noCli).out).toContain('noxus-secrets values --check [--print]');
});

test.each([
  [['values', '--contract'], 'noxus-secrets: --contract needs a value. Run noxus-secrets values --help.'],
  [['values', '--contract', aws, '--verbose'], 'noxus-secrets: unknown option --verbose. Run noxus-secrets values --help.'],
  [['values', '--contract', aws, 'secrets.env'], 'noxus-secrets: values takes no file argument ("secrets.env"). Pass the env file as --from <file>.'],
  [['values', '--contract', aws, '--check', '--from', 'x.env'], 'noxus-secrets: --check and --from cannot be used together: --check reads the backend, --from writes it. Run one, then the other.'],
  [['values', '--contract', aws, '--dry-run'], 'noxus-secrets: --dry-run needs --from (without --from, values only prints the commands).'],
  [['values', '--contract', aws, '--print'], 'noxus-secrets: --print needs --check (without --check, values only prints the commands).'],
  [['values', '--contract', aws, '--only', 'pools/acme'], 'noxus-secrets: --only "pools/acme" matches no remote key of the contract (it has platform, pools/tenant-acme, workers). ' +
    "Use 'platform', 'workers', 'pools/<pool>' or one address such as 'platform/REDIS_PASSWORD'."],
  [['values', '--contract', aws, '--kms-key-id', 'alias/x'], 'noxus-secrets: --kms-key-id is given, but the backend is aws-secrets-manager: only Parameter Store parameters are created with a key by this command. Remove --kms-key-id.'],
  [['values'], 'noxus-secrets: no --contract given and neither noxus.contract.js nor noxus.contract.ts is in the current directory. Pass --contract <module>.'],
  [['values', '--contract', 'nope.ts'], 'noxus-secrets: --contract nope.ts does not exist.'],
])('%j exits 2 with a clear error', (args, message) => {
  const cwd = tempDir();
  const r = cli(args, noCli, cwd);
  expect([r.code, r.err]).toEqual([2, message]);
});

test('a module without a contract', () => {
  const cwd = tempDir();
  fs.writeFileSync(path.join(cwd, 'noxus.contract.js'), 'module.exports = { blueprint: {} };');
  expect(cli(['values'], noCli, cwd).err).toBe(`noxus-secrets: ${path.join(cwd, 'noxus.contract.js')} exports no \`contract\` (a SecretsContract). Add: export const contract = new SecretsContract({...}).`);
});

test('as a process: --from - reads the real standard input, and the value reaches only the cloud CLI\'s', () => {
  const fake = fakeCli(['aws'], [{ match: 'sts', stdout: '{}' }]);
  const r = spawnSync(process.execPath, ['-r', require.resolve('tsx/cjs'), path.join(root, 'lib/cli/noxus-secrets.ts'), 'values', '--contract', aws, '--from', '-'], {
    cwd: root, encoding: 'utf-8', input: 'REDIS_PASSWORD=piped-value\n', env: { ...fake.io.env, TSX_TSCONFIG_PATH: path.join(root, 'tsconfig.json') },
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(r.stdout).not.toContain('piped-value');
  const put = fake.calls().find(c => c.argv[1] === 'put-secret-value')!;
  expect(put.stdin).toBe('piped-value');
  expect(put.argv).not.toContain('piped-value');
});

describe('RemoteKeyLayout.PER_STORE: one secret per scope, set as one JSON object', () => {
  const perStore = path.join(__dirname, 'fixtures/per-store.ts');
  const perStoreVault = path.join(__dirname, 'fixtures/per-store-vault.ts');
  const awsOk: Response[] = [{ match: 'sts get-caller-identity', stdout: '{"Account":"123456789012"}' }];
  const platformRequired = ['POSTGRESQL_URL', 'VECTOR_POSTGRESQL_URL', 'REDIS_PASSWORD', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY',
    'PROM_REMOTE_WRITE_USERNAME', 'PROM_REMOTE_WRITE_PASSWORD', 'PLUGIN_SERVER_API_KEY', 'PLUGIN_SERVER_PLATFORM_KEY'];

  test('one command per scope secret, with the keys it holds; a key Terraform writes keeps its own secret', () => {
    const r = cli(['values', '--contract', perStore], noCli);
    expect(r.code).toBe(0);
    expect(r.out.split('\n').filter(l => l.startsWith('aws '))).toEqual(['noxus/platform', 'noxus/pools/tenant-acme', 'noxus/workers'].map(k =>
      `aws secretsmanager put-secret-value --region eu-west-1 --secret-id ${k} --secret-string file:///dev/stdin`));
    expect(r.out).toContain('# noxus/pools/tenant-acme: one secret for the keys of pools/tenant-acme (RemoteKeyLayout.PER_STORE). Its value is one JSON object of them all,\n' +
      '# e.g. {"OPENAI_API_KEY": "..."}: a write replaces every key of it.\n#   pools/tenant-acme/OPENAI_API_KEY: required, high-risk\n');
    expect(r.out).toContain('# platform/REDIS_URL: required; written by Terraform into noxus/platform/REDIS_URL (ValueSource.fromTerraform): nothing to set by hand');
    expect(r.out.split('\n').pop()).toBe('# 3 command(s) set 12 key(s), a scope\'s keys in one (RemoteKeyLayout.PER_STORE); 1 with nothing to set by hand.');
  });

  test('--from writes each scope once, its keys as one JSON object on standard input', () => {
    const fake = fakeCli(['aws'], awsOk);
    const file = envFile(`${platformRequired.map((k, i) => `${k}=v${i} "q"`).join('\n')}\nREDIS_USER=\n`);
    const r = cli(['values', '--contract', perStore, '--from', file, '--only', 'platform'], fake.io);
    expect([r.code, r.err]).toEqual([0, '']);
    const puts = fake.calls().filter(c => c.argv[1] === 'put-secret-value');
    expect(puts.map(c => c.argv[c.argv.indexOf('--secret-id') + 1])).toEqual(['noxus/platform']);
    expect(JSON.parse(puts[0].stdin)).toEqual(Object.fromEntries(platformRequired.map((k, i) => [k, `v${i} "q"`])));
    expect(Object.keys(JSON.parse(puts[0].stdin))).toEqual([...platformRequired].sort());
    expect(r.out).toContain(`set noxus/platform (platform) from ${file} lines 1, 2, 3, 4, 5, 6, 7, 8, 9; REDIS_USER (optional) not given: unset after this write`);
    expect(r.out).toContain('1 of 1 value(s) set.');
    expect(puts[0].argv.join(' ')).not.toContain('v0');
  });

  test('a file that gives some keys of a scope is refused: the write would remove the others', () => {
    const fake = fakeCli(['aws'], awsOk);
    const file = envFile('REDIS_PASSWORD=x\nREDIS_USER=y\n');
    const r = cli(['values', '--contract', perStore, '--from', file], fake.io);
    expect([r.code, r.err]).toEqual([2, `noxus-secrets: ${file} gives REDIS_PASSWORD, REDIS_USER of platform, whose keys share one secret, noxus/platform ` +
      '(RemoteKeyLayout.PER_STORE), and a write replaces all of them: it would remove the value of PLUGIN_SERVER_API_KEY, PLUGIN_SERVER_PLATFORM_KEY, ' +
      'POSTGRESQL_URL, PROM_REMOTE_WRITE_PASSWORD, PROM_REMOTE_WRITE_USERNAME, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY, VECTOR_POSTGRESQL_URL (required). ' +
      `Give every key of platform in ${file}, or give those keys secrets of their own with remoteKeys overrides.`]);
    expect(fake.calls()).toEqual([]);
  });

  test('the JSON object of a scope is held to the backend\'s size limit', () => {
    const fake = fakeCli(['aws'], awsOk);
    const file = envFile(platformRequired.map(k => `${k}=${'x'.repeat(8000)}`).join('\n'));
    const r = cli(['values', '--contract', perStore, '--from', file], fake.io);
    expect(r.code).toBe(2);
    const bytes = JSON.stringify(Object.fromEntries(platformRequired.map(k => [k, 'x'.repeat(8000)]))).length;
    expect(r.err).toBe(`noxus-secrets: ${file}: the keys of platform (${[...platformRequired].sort().join(', ')}) are ${bytes} bytes ` +
      'as the JSON object of noxus/platform (RemoteKeyLayout.PER_STORE), and Secrets Manager (SecretString, 64 KiB) takes at most 65536. ' +
      'Give the largest keys secrets of their own with remoteKeys overrides, or use RemoteKeyLayout.PER_KEY.');
    expect(fake.calls()).toEqual([]);
  });

  test('Vault: the scope path gets one field per key, from a JSON object on standard input', () => {
    const fake = fakeCli(['vault']);
    const r = cli(['values', '--contract', perStoreVault, '--from', envFile('OPENAI_API_KEY=sk-1\n'), '--only', 'workers'], fake.io);
    expect([r.code, r.err]).toEqual([0, '']);
    const put = fake.calls().find(c => c.argv[1] === 'put')!;
    expect(put.argv).toEqual(['kv', 'put', '-address=https://vault.example.com:8200', '-mount=secret', 'noxus/workers', '-']);
    expect(JSON.parse(put.stdin)).toEqual({ OPENAI_API_KEY: 'sk-1' });
  });

  test('--check reads each scope secret once, required where any of its keys is', () => {
    const fake = fakeCli(['aws'], [{ match: 'sts', stdout: '{}' }, { match: 'describe-secret', stdout: JSON.stringify({ Name: 'x' }) }]);
    const r = cli(['values', '--contract', perStore, '--check'], fake.io);
    expect(r.code).toBe(1);
    expect(fake.calls().filter(c => c.argv[1] === 'describe-secret').map(c => c.argv[c.argv.indexOf('--secret-id') + 1]))
      .toEqual(['noxus/platform', 'noxus/platform/REDIS_URL', 'noxus/pools/tenant-acme', 'noxus/workers']);
    expect(r.out).toContain('NOT SET  noxus/pools/tenant-acme (pools/tenant-acme: one JSON object of OPENAI_API_KEY (required))');
    expect(r.out).toContain('NOT SET  noxus/platform (platform: one JSON object of PLUGIN_SERVER_API_KEY, PLUGIN_SERVER_PLATFORM_KEY, POSTGRESQL_URL, ' +
      'PROM_REMOTE_WRITE_PASSWORD, PROM_REMOTE_WRITE_USERNAME, REDIS_PASSWORD, REDIS_USER, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY, VECTOR_POSTGRESQL_URL (required))');
    expect(r.out.split('\n').slice(-2)).toEqual([
      "A scope's secret (RemoteKeyLayout.PER_STORE) counts as set when it has a current version; its keys are not read (that would read the values). " +
        "A required key missing from it fails its store's sync by name.",
      '4 of 4 remote secret(s) have no value (4 required, 0 optional). Set them with noxus-secrets values --from <file.env>, or the commands noxus-secrets values prints.',
    ]);
  });
});
