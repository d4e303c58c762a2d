// Rewrites the Performance tables of docs/performance.md from bench/results.json (run by `npm run bench`).
import * as fs from 'fs';
import * as path from 'path';

const root = path.join(__dirname, '..');
const r = JSON.parse(fs.readFileSync(path.join(__dirname, 'results.json'), 'utf-8'));
const rows = (head: string[], body: (string | number)[][]) => [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...body.map(b => `| ${b.join(' | ')} |`)].join('\n');
const tf = r.synth.filter((s: any) => s.side === 'terraform');
const largestTf = tf[tf.length - 1];

const n = (x: number) => x.toLocaleString('en-US'); // not timed
const fp = r.footprint;
const layoutRow = (name: string, f: any) => [name, n(f.remoteSecrets), n(f.terraformResources), f.largestRolePolicy ? n(f.largestRolePolicy.characters) : 'none (granted on the secrets)', n(f.readsPerRefresh), n(f.maxReadsPerStore), n(f.readsPerMonth), `$${f.monthlyListPriceUsd.toFixed(2)}`];

const text = `Last run: ${r.machine}, ${r.date}. Each figure is taken over alternating fresh-process runs of the
library and its floor or baseline. Machines here are shared and noisy: every gated figure is the minimum over
its runs (the least-disturbed run), and the median is listed beside it for information.

Cold load of each entry point, against exactly the modules a run of the entry loads (read from
\`require.cache\`) minus the library's own files. The floor is a subset of what the entry loads; the gate is the
library's own time over it (target ≤ 30 ms):

${rows(['entry', 'ms (min)', 'median', 'floor ms (min)', 'floor median', 'floor modules', 'over the floor, ms'], r.load.map((l: any) => [`\`${l.name}\``, l.ms, l.medianMs, l.floorMs, l.floorMedianMs, l.floorModules, `**${l.overheadMs}**`]))}

Synth of what a user runs: \`app.synth()\` to a folder with every default on (the Kubernetes side: the
bundled example's shape, ESO for AWS Secrets Manager with IRSA, Frontend, Backend, Beat and one worker
Deployment per pool wired, the Helm values file, the blast-radius report and the audit; the Terraform side:
\`NoxusAwsSecrets\` with its audit). The model has the 11 catalog secrets and N pools of 20 secrets each.
It is compared with a baseline that writes the same objects and files by hand, with no model (the run
fails if the sizes differ, and \`npm test\` compares the contents object for object at small sizes). At one
pool the gate is the fixed cost, the library's time over the baseline (target ≤ 30 ms); from 10 pools up it
is the ratio (Kubernetes ≤ 1.2, Terraform ≤ 1.5):

${rows(['side', 'pools', 'ms (min)', 'median', 'baseline ms (min)', 'baseline median', 'over the baseline, ms', 'ratio', 'paired ratio (median)', 'peak RSS MB', 'baseline RSS MB'],
    r.synth.map((s: any) => [s.side, s.pools, s.ms, s.medianMs, s.baselineMs, s.baselineMedianMs, s.pools === 1 ? `**${s.overheadMs}**` : s.overheadMs, s.pools === 1 ? s.ratio : `**${s.ratio}**`,
      s.pairedRatioMedian, s.rssMb, s.baselineRssMb]))}

The paired ratio is for information: the median, over the runs, of the library's time over that of the
baseline's run taken next to it (one after the other; at 1,000 pools and up, in the same round), so that each
ratio is taken under about the same load; the gate takes the minimum runs.

Warm, once V8 has compiled the code (the fourth synth in one process), one pool takes ${r.warm.ms} ms against the
baseline's ${r.warm.baselineMs} ms (${r.warm.overheadMs} ms over it, for information: users run the first synth).
With V8's \`--no-lazy\`, which compiles every function when its module loads, before the clock starts, 10 pools
take ${r.compiledAhead.ms} ms against the baseline's ${r.compiledAhead.baselineMs} ms (ratio ${r.compiledAhead.ratio}, for information): the same
synth without the cost, on either side, of V8 compiling each function at its first call.

The marginal cost of a pool: the slope between two sizes (ms per pool), library against baseline.
Between consecutive sizes it is computed from the medians above, for information. The gated slope, from
1,000 pools straight to the largest size (target ≤ 1.1), is measured in rounds: each round runs both sizes,
library and baseline, one after the other, so that a drift of the machine's load weighs on all four alike;
the gate takes the minimum run at each end, and each round's own ratio is listed:

${rows(['side', 'from', 'to', 'ms per pool', 'baseline ms per pool', 'ratio', 'computed from'], r.slopes.map((s: any) => [
    s.side, s.from, s.to, s.msPerPool, s.baselineMsPerPool, s.gated ? '**' + s.ratio + '**' : s.ratio, s.gated ? 'minimum runs; rounds: ' + s.roundRatios.join(', ') : 'medians',
  ]))}

Memory: at ${largestTf.pools} pools the Terraform side peaks at ${largestTf.rssMb} MB against the cdktf baseline's
${largestTf.baselineRssMb} MB (ratio ${largestTf.rssRatio}, target ≤ 1.5): most of it is cdktf's own, which holds the whole
stack while it synthesizes. To keep each stack small, split the contract's stores across stacks
(\`stores\`, \`examples/aws-split\`).

The per-store layout (\`RemoteKeyLayout.PER_STORE\`) at 1,000 pools, beside the per-key library's runs (for
information: it writes other objects, so there is no baseline of its own):

${rows(['side', 'pools', 'per-store ms (min)', 'median', 'per-key ms (min)', 'per-store RSS MB', 'per-key RSS MB', 'per-store bytes', 'per-key bytes'],
    r.perStore.map((p: any) => [p.side, p.pools, p.ms, p.medianMs, p.perKeyMs, p.rssMb, p.perKeyRssMb, n(p.bytes), n(p.perKeyBytes)]))}

What each layout deploys at ${n(fp.pools)} pools of ${fp.secretsPerPool} keys (\`NoxusAwsSecrets.footprint()\`, counted from the
model; reads at ESO's default refresh of 1h; Secrets Manager's list prices as dated in \`lib/core/prices.ts\`):

${rows(['layout', 'remote secrets', 'Terraform resources', 'largest role policy (characters)', 'reads per refresh', 'most reads by one store', 'reads per month', 'monthly list price'],
    [layoutRow('per key', fp.perKey), layoutRow('per store', fp.perStore)])}

Per store: ${fp.fewerRemoteSecrets} times fewer remote secrets (target ≥ 10), ${fp.fewerTerraformResources} times fewer Terraform
resources (target ≥ 10), ${fp.fewerReadsPerRefresh} times fewer reads, at most ${fp.perStore.maxReadsPerStore} read(s) by one store per refresh (target ≤ 2).

${r.targets.missed.length === 0 ? 'All targets met.' : `Targets missed in this run: ${r.targets.missed.join('; ')}.`}`;

const page = path.join(root, 'docs', 'performance.md');
const doc = fs.readFileSync(page, 'utf-8');
const start = '<!-- bench:start -->';
const end = '<!-- bench:end -->';
if (!doc.includes(start) || !doc.includes(end)) throw new Error('docs/performance.md has no bench markers');
fs.writeFileSync(page, doc.replace(new RegExp(`${start}[\\s\\S]*${end}`), `${start}\n${text}\n${end}`));
