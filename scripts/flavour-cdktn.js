#!/usr/bin/env node
// Generates the CDK Terrain (cdktn) entry points from the one compiled source tree: every module
// an entry loads that depends on cdktf (directly or through another such module) is copied under
// build/cdktn/ with its cdktf and @cdktf/provider-* specifiers renamed to cdktn and
// @cdktn/provider-*; every other module (the core, the audit) is shared, not copied. Run after tsc.
'use strict';
const fs = require('fs');
const path = require('path');

/** The cdktn entries: those whose providers exist as @cdktn/provider-* on the registry. */
const ENTRIES = { aws: 'terraform/aws/index.js' };
const PROVIDERS = new Set(['aws']);

const build = path.resolve(process.argv[2] || 'build');
const SPEC = /(require\(|from |import\()(['"])([^'"]+)\2/g;

function flavourOf(spec) {
  if (spec === 'cdktf' || spec.startsWith('cdktf/')) return spec.replace(/^cdktf/, 'cdktn');
  const m = /^@cdktf\/provider-([a-z0-9-]+)(\/.*)?$/.exec(spec);
  if (m) {
    if (!PROVIDERS.has(m[1])) throw new Error(`flavour-cdktn: a cdktn entry loads ${spec}, and no @cdktn/provider-${m[1]} exists; it cannot be a cdktn entry`);
    return `@cdktn/provider-${m[1]}${m[2] || ''}`;
  }
  return undefined;
}

function resolveRelative(from, spec) {
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [base, `${base}.js`, path.join(base, 'index.js')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  throw new Error(`flavour-cdktn: ${spec} from ${from} does not resolve`);
}

function specsOf(file) {
  return [...fs.readFileSync(file, 'utf-8').matchAll(SPEC)].map(m => m[3]);
}

// The modules each entry loads, and which of them depend on cdktf.
const graph = new Map();
const visit = file => {
  if (graph.has(file)) return;
  const specs = specsOf(file);
  const local = specs.filter(s => s.startsWith('.')).map(s => resolveRelative(file, s));
  // A module names cdktf by import, or as a string (the peer check of an entry).
  const named = /(['"])(cdktf|@cdktf\/provider-[^'"]+)\1/.test(fs.readFileSync(file, 'utf-8'));
  graph.set(file, { direct: named || specs.some(s => flavourOf(s) !== undefined), local });
  local.forEach(visit);
};
Object.values(ENTRIES).forEach(e => visit(path.join(build, e)));
const flavoured = new Set([...graph].filter(([, n]) => n.direct).map(([f]) => f));
for (let changed = true; changed;) {
  changed = false;
  for (const [file, node] of graph) {
    if (!flavoured.has(file) && node.local.some(l => flavoured.has(l))) {
      flavoured.add(file);
      changed = true;
    }
  }
}

const target = file => path.join(build, 'cdktn', path.relative(build, file));
const rel = (fromFile, toFile) => {
  let r = path.relative(path.dirname(fromFile), toFile).split(path.sep).join('/').replace(/(\/index)?\.(js|d\.ts)$/, '');
  if (!r.startsWith('.')) r = `./${r}`;
  return r;
};

fs.rmSync(path.join(build, 'cdktn'), { recursive: true, force: true });
for (const js of flavoured) {
  for (const [from, suffix] of [[js, '.js'], [js.replace(/\.js$/, '.d.ts'), '.d.ts']]) {
    if (!fs.existsSync(from)) continue;
    const to = target(from);
    const text = fs.readFileSync(from, 'utf-8').replace(SPEC, (all, head, quote, spec) => {
      const renamed = flavourOf(spec);
      if (renamed !== undefined) return `${head}${quote}${renamed}${quote}`;
      if (!spec.startsWith('.')) return all;
      const dep = resolveRelative(js, spec);
      const depTarget = flavoured.has(dep) ? target(dep) : dep;
      return `${head}${quote}${rel(to, suffix === '.d.ts' ? depTarget.replace(/\.js$/, '.d.ts') : depTarget)}${quote}`;
    })
      // The peer check names the cdktn packages and the cdktn entry.
      .replace(/(['"])(cdktf)\1/g, '$1cdktn$1')
      .replace(/(['"])@cdktf\/provider-/g, '$1@cdktn/provider-')
      .replace(/(['"])noxus-secrets-cdk\/(aws)\1/g, '$1noxus-secrets-cdk/cdktn/$2$1');
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.writeFileSync(to, text);
  }
}
process.stdout.write(`flavour-cdktn: ${flavoured.size} modules under ${path.relative(process.cwd(), path.join(build, 'cdktn'))} (entries: ${Object.keys(ENTRIES).join(', ')})\n`);
