// Runs this checkout's sources as the CDK Terrain (cdktn) flavour, as the build's `noxus-secrets-cdk/cdktn/*`
// entries do: each module of the Terraform layer's seam (lib/terraform/flavour) that has a *.cdktn.ts
// variant loads as that variant; nothing else is changed. Loading anything from cdktf is an error at exit.
// Use: node -r tsx/cjs -r ./scripts/cdktn-dev.js <app.ts>
'use strict';
const fs = require('fs');
const Module = require('module');
const path = require('path');

const root = path.join(__dirname, '..');
const seam = path.join(root, 'lib', 'terraform', 'flavour');
const ENTRIES = { 'noxus-secrets-cdk': 'lib/index.ts', 'noxus-secrets-cdk/cdktn/aws': 'lib/terraform/aws/index.ts' };
const original = Module._resolveFilename;
Module._resolveFilename = function resolveAsCdktn(request, ...rest) {
  const resolved = original.call(this, ENTRIES[request] ? path.join(root, ENTRIES[request]) : request, ...rest);
  if (path.dirname(resolved) !== seam) return resolved;
  const variant = resolved.replace(/\.ts$/, '.cdktn.ts');
  return fs.existsSync(variant) ? variant : resolved;
};
process.on('exit', () => {
  const leaked = Object.keys(require.cache).filter(f => /[\\/]node_modules[\\/](cdktf|@cdktf)[\\/]/.test(f));
  if (leaked.length > 0) {
    process.stderr.write(`cdktn-dev: the cdktn flavour loaded cdktf modules: ${leaked.slice(0, 3).join(', ')}\n`);
    process.exitCode = 1;
  }
});
