// Runs this checkout's sources as the CDK Terrain (cdktn) flavour, as the build's generated
// `noxus-secrets-cdk/cdktn/*` entries do: in this process cdktf is cdktn and @cdktf/provider-aws
// is @cdktn/provider-aws. Loading anything from cdktf itself is an error at exit.
// Use: node -r tsx/cjs -r ./scripts/cdktn-dev.js <app.ts>
'use strict';
const Module = require('module');
const path = require('path');

const root = path.join(__dirname, '..');
const ENTRIES = { 'noxus-secrets-cdk': 'lib/index.ts', 'noxus-secrets-cdk/cdktn/aws': 'lib/terraform/aws/index.ts' };
const original = Module._resolveFilename;
Module._resolveFilename = function resolveAsCdktn(request, ...rest) {
  let r = request;
  if (ENTRIES[r]) r = path.join(root, ENTRIES[r]);
  else if (r === 'cdktf' || r.startsWith('cdktf/')) r = r.replace(/^cdktf/, 'cdktn');
  else if (r.startsWith('@cdktf/provider-aws')) r = r.replace(/^@cdktf\//, '@cdktn/');
  return original.call(this, r, ...rest);
};
process.on('exit', () => {
  const leaked = Object.keys(require.cache).filter(f => /[\\/]node_modules[\\/](cdktf|@cdktf)[\\/]/.test(f));
  if (leaked.length > 0) {
    process.stderr.write(`cdktn-dev: the cdktn flavour loaded cdktf modules: ${leaked.slice(0, 3).join(', ')}\n`);
    process.exitCode = 1;
  }
});
