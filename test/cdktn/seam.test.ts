import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { IamRole } from '@cdktn/provider-aws/lib/iam-role';
import { TerraformStack, Testing } from 'cdktn';
import { NoxusAwsSecrets } from 'noxus-secrets-cdk/cdktn/aws';
import { contract, oidcProviderArn } from '../../examples/aws/platform';

// The Terraform layer takes cdktf and its providers through one seam (lib/terraform/flavour); this
// project loads the seam's cdktn variants, as the build's cdktn entry does.

const root = path.join(__dirname, '..', '..');

test('the library\'s resources are @cdktn/provider-aws classes, not @cdktf/provider-aws ones', () => {
  const stack = new TerraformStack(Testing.app(), 'noxus');
  const aws = new NoxusAwsSecrets(stack, 'secrets', { valueWriters: ['arn:aws:iam::123456789012:role/noxus-secrets-admin'], contract, oidcProviderArn });
  const roles = aws.node.findAll().filter(c => c instanceof IamRole);
  expect(roles).toHaveLength(3);
  // The cdktf package itself, past this project's mapping of the tests' own imports.
  const { IamRole: CdktfIamRole } = jest.requireActual(path.join(root, 'node_modules/@cdktf/provider-aws/lib/iam-role'));
  expect(roles.filter(r => r instanceof CdktfIamRole)).toEqual([]);
});

test('the cdktn entry without its provider installed names the cdktn package and entry', () => {
  // The child runs the sources as the cdktn entry (scripts/cdktn-dev.js) and hides @cdktn/provider-aws, as where it is not installed.
  const script = `
    const Module = require('module');
    const resolve = Module._resolveFilename;
    Module._resolveFilename = function (request, ...rest) {
      if (request.startsWith('@cdktn/provider-aws')) { const e = new Error('Cannot find module ' + request); e.code = 'MODULE_NOT_FOUND'; throw e; }
      return resolve.call(this, request, ...rest);
    };
    try { require('noxus-secrets-cdk/cdktn/aws'); } catch (e) { process.stdout.write(e.message); }`;
  const run = spawnSync(process.execPath, ['-r', 'tsx/cjs', '-r', './scripts/cdktn-dev.js', '-e', script], { cwd: root, encoding: 'utf-8' });
  expect(run.stdout).toBe('noxus-secrets-cdk/cdktn/aws needs @cdktn/provider-aws, which is not installed (optional peer dependencies: only the clouds you use need theirs). ' +
    'Install: npm install @cdktn/provider-aws');
});

describe('scripts/flavour-cdktn.js', () => {
  const tree = (files: Record<string, string>) => {
    const build = fs.mkdtempSync(path.join(os.tmpdir(), 'noxus-flavour-'));
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(build, file)), { recursive: true });
      fs.writeFileSync(path.join(build, file), text);
    }
    const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'flavour-cdktn.js'), build], { encoding: 'utf-8' });
    const listing = fs.existsSync(path.join(build, 'cdktn')) ? fs.readdirSync(path.join(build, 'cdktn'), { recursive: true }).map(String).sort() : [];
    const left = fs.readdirSync(path.join(build, 'terraform', 'flavour')).sort();
    fs.rmSync(build, { recursive: true, force: true });
    return { status: r.status, stderr: r.stderr, listing, left };
  };
  const seam = {
    'terraform/flavour/core.js': "module.exports = require('cdktf');",
    'terraform/flavour/core.cdktn.js': "module.exports = require('cdktn');",
    'terraform/flavour/core.d.ts': "export { Fn } from 'cdktf';",
    'terraform/flavour/core.cdktn.d.ts': "export { Fn } from 'cdktn';",
    'terraform/flavour/aws.js': "require('@cdktf/provider-aws/lib/iam-role');",
    'terraform/flavour/aws.cdktn.js': "require('@cdktn/provider-aws/lib/iam-role');",
    'core/index.js': '',
  };

  test('copies the modules the entry loads as they are, the seam\'s cdktn variants in place of the seam, and leaves the cdktf tree its own seam', () => {
    const r = tree({
      ...seam,
      'terraform/aws/index.js': "require('../flavour/aws'); require('./x'); require('../../core');",
      'terraform/aws/x.js': "const core_1 = require(\"../flavour/core\");",
      'terraform/gcp/index.js': "require('../flavour/google');",
    });
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(r.listing).toEqual(['aws', 'aws/index.js', 'aws/x.js', 'flavour', 'flavour/aws.js', 'flavour/core.d.ts', 'flavour/core.js']);
    expect(r.left).toEqual(['aws.js', 'core.d.ts', 'core.js']);
  });

  test('refuses a module outside the seam that names cdktf, and a seam module without a cdktn variant', () => {
    expect(tree({ ...seam, 'terraform/aws/index.js': "require('../flavour/aws'); require('cdktf/lib/_tokens');" }).stderr)
      .toContain('flavour-cdktn: terraform/aws/index.js names cdktf/lib/_tokens outside the seam (lib/terraform/flavour): import it from there');
    expect(tree({ ...seam, 'terraform/aws/index.js': "require('../flavour/google');", 'terraform/flavour/google.js': '' }).stderr)
      .toContain("flavour-cdktn: a cdktn entry loads the seam's google module, which has no cdktn variant (lib/terraform/flavour/google.cdktn.ts)");
  });
});
