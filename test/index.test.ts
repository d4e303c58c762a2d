import { spawnSync } from 'child_process';
import * as path from 'path';

const root = path.join(__dirname, '..');

/** Loads `entry` in a fresh process and reports which provider files it pulled in. */
function load(entry: string): { providerFiles: string[]; cdk8sPlus: boolean; cdktf: boolean } {
  const script = `
    require(${JSON.stringify(entry)});
    const files = Object.keys(require.cache).map(f => f.split(require('path').sep).join('/'));
    process.stdout.write(JSON.stringify({
      providerFiles: files.filter(f => f.includes('/node_modules/@cdktf/provider-')).map(f => f.replace(/^.*node_modules\\//, '')),
      cdk8sPlus: files.some(f => /\\/node_modules\\/cdk8s-plus-\\d+\\//.test(f)),
      cdktf: files.some(f => f.includes('/node_modules/cdktf/')),
    }));`;
  const run = spawnSync(process.execPath, ['-r', 'tsx/cjs', '-e', script], { cwd: root, encoding: 'utf-8' });
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout);
}

test('loading the main entry loads neither cdktf, any Terraform provider nor cdk8s-plus', () => {
  expect(load('./lib')).toEqual({ providerFiles: [], cdk8sPlus: false, cdktf: false });
});

test('a cloud entry without its provider installed says which package to install', () => {
  // The child hides @cdktf/provider-google from resolution, as on a machine where it is not installed.
  const script = `
    const Module = require('module');
    const resolve = Module._resolveFilename;
    Module._resolveFilename = function (request, ...rest) {
      if (request.startsWith('@cdktf/provider-google')) { const e = new Error('Cannot find module ' + request); e.code = 'MODULE_NOT_FOUND'; throw e; }
      return resolve.call(this, request, ...rest);
    };
    try { require('./lib/terraform/gcp'); } catch (e) { process.stdout.write(e.message); }`;
  const run = spawnSync(process.execPath, ['-r', 'tsx/cjs', '-e', script], { cwd: root, encoding: 'utf-8' });
  expect(run.stdout).toBe('noxus-secrets-cdk/gcp needs @cdktf/provider-google, which is not installed (optional peer dependencies: only the clouds you use need theirs). ' +
    'Install: npm install @cdktf/provider-google');
});

test.each([
  ['aws', 'aws', 'iam-role'],
  ['gcp', 'google', 'secret-manager-secret'],
  ['azure', 'azurerm', 'key-vault'],
  ['vault', 'vault', 'kubernetes-auth-backend-role'],
  ['vm', 'local', 'sensitive-file'],
  ['cdk8s', 'kubernetes', 'manifest'],
])('loading the %s entry loads deep modules of its own provider only, never a barrel', (entry, provider, module) => {
  const { providerFiles } = load(`./lib/terraform/${entry}`);
  expect(providerFiles.filter(f => /\/lib\/index\.js$/.test(f))).toEqual([]);
  expect(providerFiles.filter(f => !f.startsWith(`@cdktf/provider-${provider}/`))).toEqual([]);
  expect(providerFiles.some(f => f.startsWith(`@cdktf/provider-${provider}/lib/${module}/`))).toBe(true);
});

test('package.json exports the main entry and one entry per cloud, all built', () => {
  const pkg = require('../package.json');
  expect(pkg.exports['.']).toEqual({ types: './build/index.d.ts', default: './build/index.js' });
  for (const cloud of ['aws', 'gcp', 'azure', 'vault', 'vm']) {
    expect(pkg.exports[`./${cloud}`]).toEqual({ types: `./build/terraform/${cloud}/index.d.ts`, default: `./build/terraform/${cloud}/index.js` });
  }
  expect(pkg.exports['./cdk8s-in-terraform']).toEqual({ types: './build/terraform/cdk8s/index.d.ts', default: './build/terraform/cdk8s/index.js' });
  // The CDK Terrain entries: the Terraform layer's modules with the seam's cdktn variants (scripts/flavour-cdktn.js).
  expect(pkg.exports['./cdktn/aws']).toEqual({ types: './build/cdktn/aws/index.d.ts', default: './build/cdktn/aws/index.js' });
  expect(Object.keys(pkg.peerDependenciesMeta).sort()).toEqual([
    '@cdktf/provider-aws', '@cdktf/provider-azurerm', '@cdktf/provider-google', '@cdktf/provider-kubernetes', '@cdktf/provider-local', '@cdktf/provider-vault',
    '@cdktn/provider-aws', 'cdk8s-plus-28', 'cdk8s-plus-29', 'cdk8s-plus-30', 'cdk8s-plus-31', 'cdk8s-plus-32', 'cdk8s-plus-33', 'cdktf', 'cdktn',
  ]);
  for (const optional of Object.keys(pkg.peerDependenciesMeta)) expect(pkg.peerDependenciesMeta[optional]).toEqual({ optional: true });
});

test('the entries export the API, not the helpers the library uses inside', () => {
  const api = require('../lib');
  for (const internal of [
    'suggestEnvName', 'suggestDnsLabel', 'assertEnvName', 'isUnresolvedToken', 'poolValues', 'helmValuesYaml', 'renderObjects', 'reloaderAnnotations',
    'terraformResources', 'manifestName', 'parsePolicy', 'scopeRank', 'kvReadPath', 'readOnlyPolicy', 'boundedName', 'addressOf', 'auditMessages',
    'stripUndefined', 'wireWorkload', 'contractOf', 'assertRemovedProps', 'UNSAFE_PLAINTEXT_MARK',
  ]) expect([internal, api[internal]]).toEqual([internal, undefined]);
  for (const name of ['SecretsContract', 'Store', 'NoxusPlatformSecrets', 'WorkerPoolSecrets', 'ExternalSecretSync', 'SecretBackend', 'WorkloadIdentity', 'runAudit', 'blastRadiusMarkdown']) {
    expect([name, typeof api[name]]).toEqual([name, 'function']);
  }
  const aws = require('../lib/terraform/aws');
  for (const internal of ['irsaTrustPolicy', 'readPolicy', 'assumeRolesPolicy', 'oidcIssuerOf']) expect([internal, aws[internal]]).toEqual([internal, undefined]);
  expect(Object.keys(require('../lib/terraform/cdk8s'))).toEqual(['Cdk8sManifests']);
});

test('core is plain data: it imports only constructs and crypto, no file system, no cdk8s, no cdktf', () => {
  const fs = require('fs') as typeof import('fs');
  const dir = path.join(root, 'lib', 'core');
  const imports = fs.readdirSync(dir).filter(f => f.endsWith('.ts')).flatMap(f =>
    [...fs.readFileSync(path.join(dir, f), 'utf-8').matchAll(/^import .* from '([^.][^']*)';$/gm)].map(m => `${f}: ${m[1]}`));
  expect(imports.filter(i => !/: (constructs|crypto)$/.test(i))).toEqual([]);
});
