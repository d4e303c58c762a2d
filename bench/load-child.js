// Load measurements in a fresh, plain Node process (no TypeScript loader, which would
// change what `require` resolves):
//   load <json module list>   require the modules in order; prints { ms, rssMb }
//   modules <entry>           the modules a run of the entry loads, in load order
const [mode, arg] = process.argv.slice(2);
if (mode === 'load') {
  const modules = JSON.parse(arg);
  const start = process.hrtime.bigint();
  for (const m of modules) require(m);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  process.stdout.write(JSON.stringify({ ms, rssMb: process.resourceUsage().maxRSS / 1024 }));
} else if (mode === 'modules') {
  const before = new Set(Object.keys(require.cache));
  require(arg);
  process.stdout.write(JSON.stringify(Object.keys(require.cache).filter(m => !before.has(m))));
} else {
  process.stderr.write('usage: load-child.js load <json module list> | modules <entry>\n');
  process.exit(2);
}
