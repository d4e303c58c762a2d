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
  expect(Object.keys(pkg.peerDependenciesMeta).sort()).toEqual(['@cdktf/provider-aws', '@cdktf/provider-azurerm', '@cdktf/provider-google', 'cdktf']);
  for (const optional of Object.keys(pkg.peerDependenciesMeta)) expect(pkg.peerDependenciesMeta[optional]).toEqual({ optional: true });
});
