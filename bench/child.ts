// One measurement in a fresh process: `load <entry>` or `synth <workload> <pools>`.
// Prints JSON: { ms, rssMb }.
const [mode, arg, poolsArg] = process.argv.slice(2);

if (mode === 'load') {
  const modules: string[] = JSON.parse(arg);
  const start = process.hrtime.bigint();
  for (const m of modules) require(m);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  process.stdout.write(JSON.stringify({ ms, rssMb: process.resourceUsage().maxRSS / 1024 }));
} else if (mode === 'synth') {
  // Modules load before the clock starts: this measures building and synthesizing only.
  const { WORKLOADS } = require('./workloads');
  const pools = Number(poolsArg);
  const start = process.hrtime.bigint();
  const out: string = WORKLOADS[arg](pools);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  process.stdout.write(JSON.stringify({ ms, rssMb: process.resourceUsage().maxRSS / 1024, bytes: out.length }));
} else {
  process.stderr.write('usage: child.ts load <json module list> | synth <workload> <pools>\n');
  process.exit(2);
}
