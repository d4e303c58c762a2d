#!/usr/bin/env node
// Builds the CDK Terrain (cdktn) entry points from the one compiled tree. The Terraform layer takes
// cdktf and its providers only through its seam (build/terraform/flavour/: core.js, aws.js, ...), and
// tsc compiles the seam's cdktn variants beside it (core.cdktn.js, aws.cdktn.js from lib/terraform/
// flavour/*.cdktn.ts). A cdktn entry is the modules of build/terraform/ that it loads, copied as they
// are to build/cdktn/ (the same depth, so their imports of the shared core, Kubernetes side and audit
// reach the same files, not copies), with each seam module replaced by its cdktn variant. No emitted
// file is rewritten; a module outside the seam that names cdktf, or a seam module the entry loads that
// has no cdktn variant, stops the build. Run after tsc.
'use strict';
const fs = require('fs');
const path = require('path');

/** The cdktn entries (those whose providers exist as @cdktn/provider-*), under build/terraform/. */
const ENTRIES = { aws: 'aws/index.js' };

const build = path.resolve(process.argv[2] || 'build');
const tree = path.join(build, 'terraform');
const seam = path.join(tree, 'flavour');
const out = path.join(build, 'cdktn');
const REQUIRE = /require\((['"])(\.[^'"]*)\1\)/g;
// cdktf or one of its providers named as a module: by require, import or an inline import("...") type.
const NAMES_CDKTF = /(['"])(cdktf|@cdktf\/[^'"]+)(\/[^'"]*)?\1/;

function resolveRelative(from, spec) {
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [`${base}.js`, path.join(base, 'index.js'), base]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  throw new Error(`flavour-cdktn: ${spec} from ${path.relative(build, from)} does not resolve`);
}

const inTree = file => !path.relative(tree, file).startsWith('..');
const inSeam = file => path.dirname(file) === seam;

// The modules of build/terraform/ each entry loads (the shared core and the rest stay where they are).
const reached = new Set();
const visit = file => {
  if (reached.has(file)) return;
  reached.add(file);
  for (const [, , spec] of fs.readFileSync(file, 'utf-8').matchAll(REQUIRE)) {
    const dep = resolveRelative(file, spec);
    if (inTree(dep)) visit(dep);
  }
};
Object.values(ENTRIES).forEach(e => visit(path.join(tree, e)));

fs.rmSync(out, { recursive: true, force: true });
for (const js of reached) {
  const variant = inSeam(js) ? js.replace(/\.js$/, '.cdktn.js') : js;
  if (!fs.existsSync(variant)) {
    const name = path.basename(js, '.js');
    throw new Error(`flavour-cdktn: a cdktn entry loads the seam's ${name} module, which has no cdktn variant (lib/terraform/flavour/${name}.cdktn.ts): ` +
      'its packages do not exist for cdktn, so that entry cannot be a cdktn entry');
  }
  for (const [from, suffix] of [[variant, '.js'], [variant.replace(/\.js$/, '.d.ts'), '.d.ts']]) {
    if (!fs.existsSync(from)) continue;
    const text = fs.readFileSync(from, 'utf-8');
    const named = NAMES_CDKTF.exec(text);
    if (named && !inSeam(js)) {
      throw new Error(`flavour-cdktn: ${path.relative(build, from)} names ${named[2]}${named[3] || ''} outside the seam (lib/terraform/flavour): import it from there`);
    }
    const to = path.join(out, path.relative(tree, js).replace(/\.js$/, suffix));
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.writeFileSync(to, text);
  }
}
// The cdktf tree keeps its own seam only.
for (const f of fs.readdirSync(seam)) {
  if (/\.cdktn\.(js|d\.ts)$/.test(f)) fs.rmSync(path.join(seam, f));
}
process.stdout.write(`flavour-cdktn: ${reached.size} modules under ${path.relative(process.cwd(), out)} (entries: ${Object.keys(ENTRIES).join(', ')})\n`);
