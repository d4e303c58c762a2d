import { spawnSync, SpawnSyncReturns } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// A user's view of the package: pack it as npm publish would, install the tarball beside
// cdk8s-plus-33 from the registry, type-check an app under every module resolution a user
// may have (CommonJS and ESM), run it and read its output.
jest.setTimeout(600_000);

const root = path.join(__dirname, '..', '..');
const pkg = require('../../package.json');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'noxus-consumer-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function run(cmd: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf-8', env: { ...process.env, npm_config_update_notifier: 'false' } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd} (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r;
}

// One model for every app below, so that their outputs can be compared.
const MODEL = `
const openai = PlatformSecret.custom({ name: 'OPENAI_API_KEY', category: SecretCategory.AI_PROVIDER });
const blueprint = new SecretsBlueprint({
  secrets: [...NoxusCatalog.all(), openai], global: NoxusCatalog.all().map(s => s.name), workerOnly: ['OPENAI_API_KEY'], pools: [{ name: 'default' }],
});
const contract = new SecretsContract({
  blueprint, namespace: 'noxus',
  backend: SecretBackend.awsSecretsManager({ region: 'eu-west-1' }),
  identity: WorkloadIdentity.irsa({ accountId: '123456789012' }),
});
`;

const APP = `
import { App as K8sApp, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-33';
import { App as TfApp, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider/index.js';
import { NoxusCatalog, NoxusPlatformSecrets, NoxusService, PlatformSecret, SecretBackend, SecretCategory, SecretsBlueprint, SecretsContract, WorkloadIdentity, NoxusApp } from 'noxus-secrets-cdk';
import { NoxusAwsSecrets } from 'noxus-secrets-cdk/aws';

${MODEL}
const k8s = new NoxusApp({ outdir: 'out/k8s' });
const secrets = new NoxusPlatformSecrets(k8s, 'noxus-secrets', { contract });
const backend = new kplus.Deployment(new Chart(k8s, 'services', { namespace: 'noxus' }), 'backend', { containers: [{ image: 'example/backend:1' }] });
secrets.attachService(backend, NoxusService.BACKEND);
k8s.synth();

const tf = new TfApp({ outdir: 'out/tf' });
const stack = new TerraformStack(tf, 'noxus');
new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
new NoxusAwsSecrets(stack, 'secrets', { valueWriters: ['arn:aws:iam::123456789012:role/noxus-secrets-admin'], contract, oidcProviderArn: 'arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/X' });
tf.synth();
`;

const VARIANTS: Record<string, Record<string, string | boolean>> = {
  'node10 (cdktf init)': { module: 'commonjs', moduleResolution: 'node10' },
  // `tsc --init` (TypeScript 5.9 and later) turns on exactOptionalPropertyTypes: the library's classes must fit its interfaces there too.
  'exact (tsc --init)': { module: 'nodenext', moduleResolution: 'nodenext', exactOptionalPropertyTypes: true },
  'node16': { module: 'node16', moduleResolution: 'node16' },
  'nodenext': { module: 'nodenext', moduleResolution: 'nodenext' },
  'bundler': { module: 'esnext', moduleResolution: 'bundler' },
};

let tarFiles: string[] = [];

beforeAll(() => {
  const packed = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], root).stdout.replace(/^[^[]*/, ''))[0];
  tarFiles = packed.files.map((f: { path: string }) => f.path);
  const tarball = path.join(work, packed.filename);
  fs.writeFileSync(path.join(work, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
  const devVersion = (name: string) => pkg.devDependencies[name];
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball,
    `cdk8s@${devVersion('cdk8s')}`, 'cdk8s-plus-33@^2.5', `constructs@${devVersion('constructs')}`, 'typescript@~5.9',
    `cdktf@${devVersion('cdktf')}`, `@cdktf/provider-aws@${devVersion('@cdktf/provider-aws')}`], work);
  for (const [flavour, type] of [['cjs', 'commonjs'], ['esm', 'module']]) {
    const dir = path.join(work, flavour);
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: `consumer-${flavour}`, version: '1.0.0', private: true, type }));
    fs.writeFileSync(path.join(dir, 'app.ts'), APP);
  }
});

test('the tarball holds the compiled JS and types of every entry point, README and LICENSE, and nothing else', () => {
  const targets = Object.values<any>(pkg.exports).flatMap(e => (typeof e === 'string' ? [e] : Object.values<string>(e))).map(p => p.replace(/^\.\//, ''));
  const typesVersions = Object.values<string[]>(pkg.typesVersions['*']).flat();
  for (const file of [...targets, ...typesVersions, pkg.main, pkg.types, pkg.bin['noxus-secrets'], 'README.md', 'LICENSE']) {
    expect([file, tarFiles.includes(file)]).toEqual([file, true]);
  }
  expect(tarFiles.filter(f => !/^(build\/.*\.(js|d\.ts)|README\.md|LICENSE|package\.json)$/.test(f))).toEqual([]);
});

test.each(Object.keys(VARIANTS))('a CommonJS app type-checks under strict with moduleResolution %s', variant => {
  const dir = path.join(work, 'cjs');
  const config = { compilerOptions: { strict: true, noEmit: true, skipLibCheck: true, target: 'ES2022', types: [], ...VARIANTS[variant] }, files: ['app.ts'] };
  fs.writeFileSync(path.join(dir, `tsconfig.${variant.split(' ')[0]}.json`), JSON.stringify(config));
  run(process.execPath, [path.join(work, 'node_modules/typescript/bin/tsc'), '-p', `tsconfig.${variant.split(' ')[0]}.json`], dir);
});

test.each(['cjs', 'esm'])('the %s app compiles under nodenext, runs, and writes both sides', flavour => {
  const dir = path.join(work, flavour);
  const config = { compilerOptions: { strict: true, skipLibCheck: true, target: 'ES2022', types: [], module: 'nodenext', moduleResolution: 'nodenext', outDir: 'js' }, files: ['app.ts'] };
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(config));
  run(process.execPath, [path.join(work, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], dir);
  const r = run(process.execPath, ['js/app.js'], dir);
  expect(r.stderr).toBe('');
  const manifests = fs.readFileSync(path.join(dir, 'out/k8s/noxus-secrets.k8s.yaml'), 'utf-8');
  expect(manifests).toContain('eks.amazonaws.com/role-arn: arn:aws:iam::123456789012:role/noxus-eso-platform');
  expect(fs.readFileSync(path.join(dir, 'out/k8s/services.k8s.yaml'), 'utf-8')).toContain('name: app-env');
  expect(fs.existsSync(path.join(dir, 'out/k8s/helm/noxus-secrets.values.yaml'))).toBe(true);
  const stack = JSON.parse(fs.readFileSync(path.join(dir, 'out/tf/stacks/noxus/cdk.tf.json'), 'utf-8'));
  expect(Object.values<any>(stack.resource.aws_iam_role).map(r => r.name).sort()).toEqual(['noxus-eso-platform', 'noxus-eso-pool-default']);
});

// CDK Terrain: a project with cdktn and @cdktn/provider-aws and no cdktf at all, as the migration
// guide leaves one (cdktf renamed to cdktn in package.json and imports).
const CDKTN_APP = `
import { AwsProvider } from '@cdktn/provider-aws/lib/provider/index.js';
import { App, TerraformStack } from 'cdktn';
import { NoxusCatalog, PlatformSecret, SecretBackend, SecretCategory, SecretsBlueprint, SecretsContract, WorkloadIdentity } from 'noxus-secrets-cdk';
import { NoxusAwsSecrets } from 'noxus-secrets-cdk/cdktn/aws';

declare const require: { cache: Record<string, unknown> };

${MODEL}const tf = new App({ outdir: 'cdktn.out' });
const stack = new TerraformStack(tf, 'noxus');
new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
new NoxusAwsSecrets(stack, 'secrets', { valueWriters: ['arn:aws:iam::123456789012:role/noxus-secrets-admin'], contract, oidcProviderArn: 'arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/X' });
tf.synth();
const leaked = Object.keys(require.cache).filter(f => /node_modules[\\\\/](cdktf|@cdktf)[\\\\/]/.test(f));
if (leaked.length > 0) throw new Error('cdktf loaded: ' + leaked[0]);
`;

test('cdktn: a CDK Terrain app without cdktf installed type-checks, runs, loads nothing of cdktf, and writes the Terraform JSON of the cdktf app', () => {
  const dir = path.join(work, 'cdktn');
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'consumer-cdktn', version: '1.0.0', private: true }));
  const tarball = fs.readdirSync(work).find(f => f.endsWith('.tgz'))!;
  const devVersion = (name: string) => pkg.devDependencies[name];
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', path.join(work, tarball),
    `cdk8s@${devVersion('cdk8s')}`, `constructs@${devVersion('constructs')}`, 'typescript@~5.9',
    `cdktn@${devVersion('cdktn')}`, `@cdktn/provider-aws@${devVersion('@cdktn/provider-aws')}`], dir);
  expect(fs.existsSync(path.join(dir, 'node_modules', 'cdktf'))).toBe(false);
  fs.writeFileSync(path.join(dir, 'app.ts'), CDKTN_APP);
  const config = { compilerOptions: { strict: true, skipLibCheck: true, target: 'ES2022', types: [], module: 'nodenext', moduleResolution: 'nodenext', outDir: 'js' }, files: ['app.ts'] };
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(config));
  run(process.execPath, [path.join(dir, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], dir);
  const r = run(process.execPath, ['js/app.js'], dir);
  expect(r.stderr).toBe('');
  const cdktn = JSON.parse(fs.readFileSync(path.join(dir, 'cdktn.out/stacks/noxus/cdk.tf.json'), 'utf-8'));
  expect(cdktn['//'].metadata.version).toMatch(/^0\.24\./);
  // The cdktf app of the test above, same model: the same JSON but for the flavour's metadata, its
  // provider pin and the local state file's path (each app's own folder).
  const cdktfFile = path.join(work, 'cjs', 'out/tf/stacks/noxus/cdk.tf.json');
  const strip = (json: any) => {
    const { ['//']: _meta, ...rest } = json;
    return { ...rest, terraform: { ...rest.terraform, required_providers: undefined, backend: undefined } };
  };
  expect(strip(cdktn)).toEqual(strip(JSON.parse(fs.readFileSync(cdktfFile, 'utf-8'))));
});
