import { spawnSync } from 'child_process';
import * as path from 'path';

const root = path.join(__dirname, '..');

test('loading the main entry loads neither cdktf nor any Terraform provider', () => {
  const script = `
    require('./lib');
    const loaded = Object.keys(require.cache).filter(f => /node_modules[\\\\/](cdktf|@cdktf)[\\\\/]/.test(f));
    const k8s = Object.keys(require.cache).some(f => /node_modules[\\\\/]cdk8s-plus-28[\\\\/]/.test(f));
    process.stdout.write(JSON.stringify({ loaded, k8s }));`;
  const run = spawnSync(process.execPath, ['-r', 'tsx/cjs', '-e', script], { cwd: root, encoding: 'utf-8' });
  expect(run.stderr).toBe('');
  expect(JSON.parse(run.stdout)).toEqual({ loaded: [], k8s: true });
});

test('package.json exports the main entry and nothing that is not built', () => {
  const pkg = require('../package.json');
  expect(pkg.exports['.']).toEqual({ types: './build/index.d.ts', default: './build/index.js' });
  expect(pkg.exports['./aws']).toEqual({ types: './build/terraform/aws/index.d.ts', default: './build/terraform/aws/index.js' });
  expect(Object.keys(pkg.peerDependenciesMeta).sort()).toEqual(['@cdktf/provider-aws', '@cdktf/provider-azurerm', '@cdktf/provider-google', 'cdktf']);
  for (const optional of Object.keys(pkg.peerDependenciesMeta)) expect(pkg.peerDependenciesMeta[optional]).toEqual({ optional: true });
});

test('loading the aws entry loads deep provider modules only, never a provider barrel, and no other cloud', () => {
  const script = `
    require('./lib/terraform/aws');
    const files = Object.keys(require.cache);
    const barrels = files.filter(f => /@cdktf[\\/]provider-[a-z]+[\\/]lib[\\/]index\.js$/.test(f));
    const others = files.filter(f => /@cdktf[\\/]provider-(google|azurerm)[\\/]/.test(f));
    const deep = files.filter(f => /@cdktf[\\/]provider-aws[\\/]lib[\\/]iam-role[\\/]/.test(f)).length > 0;
    process.stdout.write(JSON.stringify({ barrels, others, deep }));`;
  const run = spawnSync(process.execPath, ['-r', 'tsx/cjs', '-e', script], { cwd: root, encoding: 'utf-8' });
  expect(run.stderr).toBe('');
  expect(JSON.parse(run.stdout)).toEqual({ barrels: [], others: [], deep: true });
});
