// One synth measurement in a fresh process: `synth|warm <workload> <pools>`. Prints JSON { ms, rssMb, bytes }.
// `footprint <layout> <pools>` prints the AWS side's footprint (NoxusAwsSecrets.footprint()) as JSON.
// (Load measurements run in plain Node: load-child.js.)
const [mode, arg, poolsArg] = process.argv.slice(2);

if (mode === 'synth' || mode === 'warm') {
  // Modules load before the clock starts: this measures building and synthesizing only.
  // `warm` synthesizes three times first and times the fourth: the cost without V8's first compile of the code.
  const { WORKLOADS } = require('./workloads');
  // The library measured is the build, as a user's app loads it, never the sources through tsx.
  const library = require.resolve('noxus-secrets-cdk');
  if (library !== require('path').join(__dirname, '..', 'build', 'index.js')) throw new Error(`the bench must run on the build, got ${library}`);
  const pools = Number(poolsArg);
  if (mode === 'warm') for (let i = 0; i < 3; i++) WORKLOADS[arg](pools);
  const start = process.hrtime.bigint();
  const bytes: number = WORKLOADS[arg](pools);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  process.stdout.write(JSON.stringify({ ms, rssMb: process.resourceUsage().maxRSS / 1024, bytes }));
} else if (mode === 'footprint') {
  // `footprint <layout> <pools>`: what the AWS side deploys (remote secrets, Terraform resources, reads, list price).
  const { awsFootprint } = require('./workloads');
  process.stdout.write(JSON.stringify(awsFootprint(Number(poolsArg), arg)));
} else {
  process.stderr.write('usage: child.ts synth|warm <workload> <pools> | footprint <layout> <pools>\n');
  process.exit(2);
}
