// npm run bench: load time, synth time and peak memory of the library, each as a
// ratio against a floor or baseline measured in the same run (machines here are
// shared and noisy: only ratios and medians are compared). Writes bench/results.json.
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.join(__dirname, '..');
const build = path.join(root, 'build');
const child = path.join(__dirname, 'child.ts');
const quick = process.argv.includes('--quick');

interface Sample { ms: number; rssMb: number }

function run(args: string[]): Sample {
  const r = spawnSync(process.execPath, ['-r', 'tsx/cjs', child, ...args], { cwd: root, encoding: 'utf-8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`bench child ${args.join(' ')} failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

/** Runs two measurements alternately, `runs` times each, and returns their medians. */
function paired(a: string[], b: string[], runs: number): [Sample, Sample] {
  const as: Sample[] = [];
  const bs: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    as.push(run(a));
    bs.push(run(b));
  }
  const pick = (ss: Sample[]) => ({ ms: median(ss.map(s => s.ms)), rssMb: median(ss.map(s => s.rssMb)) });
  return [pick(as), pick(bs)];
}

/** The provider modules an entry point requires: the floor loads exactly these, plus cdktf. */
function providerModules(entryDir: string): string[] {
  const found = new Set<string>();
  for (const f of fs.readdirSync(entryDir).filter(n => n.endsWith('.js'))) {
    for (const m of fs.readFileSync(path.join(entryDir, f), 'utf-8').matchAll(/require\("(@cdktf\/provider-[a-z]+\/lib\/[a-z0-9-]+)"\)/g)) found.add(m[1]);
  }
  return [...found].sort();
}

console.error('building...');
execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });

const loadRuns = quick ? 3 : 9;
const loads: { name: string; modules: string[]; floor: string[] }[] = [
  { name: 'main', modules: [path.join(build, 'index.js')], floor: ['cdk8s', 'cdk8s-plus-28'] },
  ...['aws', 'gcp', 'azure', 'vault', 'vm'].map(cloud => {
    const dir = path.join(build, 'terraform', cloud);
    return { name: cloud, modules: [path.join(dir, 'index.js')], floor: ['cdktf', ...providerModules(dir)] };
  }),
];
const load = loads.map(l => {
  console.error(`load ${l.name}...`);
  const [lib, floor] = paired(['load', JSON.stringify(l.modules)], ['load', JSON.stringify(l.floor)], loadRuns);
  return { name: l.name, ms: round(lib.ms), floorMs: round(floor.ms), ratio: round(lib.ms / floor.ms) };
});

const poolCounts = quick ? [1, 10, 100] : [1, 10, 100, 1000];
const synth: { side: string; pools: number; ms: number; baselineMs: number; ratio: number; rssMb: number; baselineRssMb: number }[] = [];
for (const side of ['k8s', 'terraform']) {
  for (const pools of poolCounts) {
    // The 1,000-pool Terraform runs take ~20 s each; the others are cheap enough for more runs against the noise.
    const runs = pools >= 1000 && side === 'terraform' ? 3 : 7;
    console.error(`synth ${side} ${pools} pools...`);
    const [lib, base] = paired(['synth', `${side}Library`, String(pools)], ['synth', `${side}Baseline`, String(pools)], runs);
    synth.push({ side, pools, ms: round(lib.ms), baselineMs: round(base.ms), ratio: round(lib.ms / base.ms), rssMb: round(lib.rssMb, 0), baselineRssMb: round(base.rssMb, 0) });
  }
}

const perPool = ['k8s', 'terraform'].map(side => {
  const at = (n: number) => synth.find(s => s.side === side && s.pools === n)!;
  const small = at(10);
  const large = at(poolCounts[poolCounts.length - 1]);
  return { side, from: small.pools, to: large.pools, ratio: round((large.ms / large.pools) / (small.ms / small.pools)) };
});

const targets = {
  loadRatioMax: 1.3, synthRatioMax: 1.5, perPoolGrowthMax: 1.2, rssMbMax: 2048,
  missed: [
    ...load.filter(l => l.ratio > 1.3).map(l => `load ${l.name} ratio ${l.ratio} > 1.3`),
    ...synth.filter(s => s.ratio > 1.5).map(s => `synth ${s.side} ${s.pools} pools ratio ${s.ratio} > 1.5`),
    ...perPool.filter(p => p.ratio > 1.2).map(p => `per-pool cost ${p.side} ${p.from}->${p.to} ratio ${p.ratio} > 1.2`),
    ...synth.filter(s => s.rssMb > 2048).map(s => `synth ${s.side} ${s.pools} pools RSS ${s.rssMb} MB > 2048`),
  ],
};

const results = {
  machine: `${os.cpus()[0]?.model ?? 'unknown cpu'}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  date: new Date().toISOString().slice(0, 10),
  load,
  synth,
  perPool,
  targets,
};
if (!quick) fs.writeFileSync(path.join(__dirname, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(JSON.stringify(results, null, 2));
if (targets.missed.length > 0) {
  console.error(`targets missed:\n  ${targets.missed.join('\n  ')}`);
  process.exitCode = 1;
}
