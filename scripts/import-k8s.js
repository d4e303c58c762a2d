#!/usr/bin/env node
// Generates lib/k8s/imports/k8s.ts: the typed classes of the core Kubernetes kinds the library
// emits, by cdk8s-cli's own code path (what `cdk8s import k8s@1.30.0` runs), restricted to those
// kinds so that the file holds them and the types they reach, not the whole API. 1.30 is the
// oldest Kubernetes the library supports (ValidatingAdmissionPolicy is admissionregistration/v1
// from 1.30), so a field it may set exists on every supported cluster.
//
//   node scripts/import-k8s.js [path-or-url of _definitions.json]
//
// Without an argument it downloads the schema cdk8s import would download.
'use strict';
const fs = require('fs');
const path = require('path');
// cdk8s-cli (a dev dependency) exports none of these: they are loaded from its files, as its import command loads them.
const cli = path.dirname(require.resolve('cdk8s-cli/package.json'));
const cliRequire = require('module').createRequire(path.join(cli, 'package.json'));
const { CodeMaker } = cliRequire('codemaker');
const { TypeGenerator } = cliRequire('json2jsii');
const { emitHeader, generateConstruct, getPropsTypeName, getTypeName } = require(path.join(cli, 'lib/import/codegen'));
const { findApiObjectDefinitions } = require(path.join(cli, 'lib/import/k8s'));
const { parseApiTypeName, safeParseJsonSchema } = require(path.join(cli, 'lib/import/k8s-util'));
const { download } = require(path.join(cli, 'lib/util'));

const VERSION = '1.30.0';
/** The kinds the library emits, by the schema's type name. */
const KINDS = [
  'io.k8s.api.core.v1.Namespace',
  'io.k8s.api.core.v1.Secret',
  'io.k8s.api.core.v1.ServiceAccount',
  'io.k8s.api.rbac.v1.Role',
  'io.k8s.api.rbac.v1.RoleBinding',
  'io.k8s.api.admissionregistration.v1.ValidatingAdmissionPolicy',
  'io.k8s.api.admissionregistration.v1.ValidatingAdmissionPolicyBinding',
];
const OUT = path.join(__dirname, '..', 'lib', 'k8s', 'imports', 'k8s.ts');

/** cdk8s import's filter of undefined fields (of a props type, or of a map such as labels), which copies the object once per field kept. */
const GENERATED_FILTER = /Object\.entries\(([\w.]+)\)\.reduce\(\(r, i\) => \(i\[1\] === undefined\) \? r : \(\{ \.\.\.r, \[i\[0\]\]: i\[1\] \}\), \{\}\)/g;
/** The same filter without the copies, the library's own (the same fields, in the same order), imported after the generated imports. */
const FILTER_IMPORT = "import { stripUndefined } from '../../core/objects';\n";

/**
 * The generated code with its filter of undefined fields replaced: it runs for every object and
 * nested type at each synth (3,000 objects at 1,000 pools). Run again on its own output, it changes nothing.
 */
function slim(code) {
  const slimmed = code.replace(GENERATED_FILTER, 'stripUndefined($1)');
  if (slimmed === code) return code;
  const imports = "import { Construct } from 'constructs';\n";
  if (!code.includes(imports)) throw new Error('import-k8s: the generated code has no constructs import to put the filter\'s import after');
  return slimmed.replace(imports, `${imports}${FILTER_IMPORT}`);
}

module.exports = { slim };
if (require.main === module) main().catch(e => { console.error(e); process.exit(1); });
