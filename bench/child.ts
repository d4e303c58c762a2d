// One measurement in a fresh process:
//   load <json module list>   require the modules in order, time it
//   modules <entry>           print the modules the entry loads (require.cache, in load order)
//   synth <workload> <pools>  build and synthesize a workload, time it
// Prints JSON.
const [mode, arg, poolsArg] = process.argv.slice(2);

if (mode === 'load') {
  const modules: string[] = JSON.parse(arg);
  const start = process.hrtime.bigint();
  for (const m of modules) require(m);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  process.stdout.write(JSON.stringify({ ms, rssMb: process.resourceUsage().maxRSS / 1024 }));
} else if (mode === 'modules') {
  const before = new Set(Object.keys(require.cache));
  require(arg);
  process.stdout.write(JSON.stringify(Object.keys(require.cache).filter(m => !before.has(m))));
} else if (mode === 'synth') {
  // Modules load before the clock starts: this measures building and synthesizing only.
  const { WORKLOADS } = require('./workloads');
  const pools = Number(poolsArg);
  const start = process.hrtime.bigint();
  const bytes: number = WORKLOADS[arg](pools);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  process.stdout.write(JSON.stringify({ ms, rssMb: process.resourceUsage().maxRSS / 1024, bytes }));
} else {
  process.stderr.write('usage: child.ts load <json module list> | modules <entry> | synth <workload> <pools>\n');
  process.exit(2);
}
