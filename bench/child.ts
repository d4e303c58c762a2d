// One synth measurement in a fresh process: `synth <workload> <pools>`. Prints JSON { ms, rssMb, bytes }.
// (Load measurements run in plain Node: load-child.js.)
const [mode, arg, poolsArg] = process.argv.slice(2);

if (mode === 'synth') {
  // Modules load before the clock starts: this measures building and synthesizing only.
  const { WORKLOADS } = require('./workloads');
  const pools = Number(poolsArg);
  const start = process.hrtime.bigint();
  const bytes: number = WORKLOADS[arg](pools);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  process.stdout.write(JSON.stringify({ ms, rssMb: process.resourceUsage().maxRSS / 1024, bytes }));
} else {
  process.stderr.write('usage: child.ts synth <workload> <pools>\n');
  process.exit(2);
}
