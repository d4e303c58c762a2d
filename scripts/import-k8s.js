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

async function main() {
  const source = process.argv[2]
    ?? `https://raw.githubusercontent.com/cdk8s-team/cdk8s/master/kubernetes-schemas/v${VERSION}/_definitions.json`;
  const text = /^https:\/\//.test(source) ? await download(source) : fs.readFileSync(source, 'utf8');
  const schema = safeParseJsonSchema(text);
  const all = findApiObjectDefinitions(schema, 'Kube');
  const objects = KINDS.map(fqn => {
    const o = all.find(d => d.fqn === fqn);
    if (!o) throw new Error(`import-k8s: ${fqn} is not an API object of Kubernetes ${VERSION}'s schema`);
    return o;
  });
  // As cdk8s import does (cdk8s-cli lib/import/k8s.js), for the chosen kinds only.
  const typeGenerator = new TypeGenerator({
    definitions: schema.definitions,
    renderTypeName: def => {
      const parsed = parseApiTypeName(def);
      return parsed.version ? getTypeName(false, parsed.basename, parsed.version.raw) : parsed.basename;
    },
  });
  for (const o of objects) typeGenerator.addDefinition(o.fqn, { $ref: `#/definitions/${getPropsTypeName(o)}` });
  for (const o of objects) generateConstruct(typeGenerator, o);
  const code = new CodeMaker();
  code.indentation = 2;
  code.openFile('k8s.ts');
  emitHeader(code, false);
  code.line(`// Kubernetes ${VERSION}; regenerate with: node scripts/import-k8s.js`);
  code.line('/* eslint-disable */');
  code.line();
  code.line(typeGenerator.render());
  code.closeFile('k8s.ts');
  const staging = fs.mkdtempSync(path.join(require('os').tmpdir(), 'import-k8s-'));
  try {
    await code.save(staging);
    fs.mkdirSync(path.dirname(OUT), { recursive: true });
    fs.copyFileSync(path.join(staging, 'k8s.ts'), OUT);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  console.log(`${path.relative(process.cwd(), OUT)}: ${objects.map(o => o.kind).join(', ')}`);
}

main().catch(e => { console.error(e); process.exit(1); });
