// Rewrites the README's Performance tables from bench/results.json (run by `npm run bench`).
import * as fs from 'fs';
import * as path from 'path';

const root = path.join(__dirname, '..');
const r = JSON.parse(fs.readFileSync(path.join(__dirname, 'results.json'), 'utf-8'));
const rows = (head: string[], body: (string | number)[][]) => [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...body.map(b => `| ${b.join(' | ')} |`)].join('\n');
const tf = r.synth.filter((s: any) => s.side === 'terraform');
const largestTf = tf[tf.length - 1];

const text = `Last run: ${r.machine}, ${r.date}. Every figure is the median of alternating fresh-process runs of
the library and its floor or baseline; machines here are shared and noisy, so only the ratios mean something.

Cold load of each entry point. The ratio compares loading the entry with loading exactly the modules a
run of the entry loads (read from \`require.cache\`) minus the library's own files; the floor is a subset of
what the entry loads, so a ratio under 1 is noise:

${rows(['entry', 'ms', 'floor ms', 'floor modules', 'ratio (target ≤ 1.3)'], r.load.map((l: any) => [`\`${l.name}\``, l.ms, l.floorMs, l.floorModules, l.ratio]))}

Synth of what a user runs: \`app.synth()\` to a folder with every default on (the Kubernetes side: the
bundled example's shape, ESO for AWS Secrets Manager with IRSA, Frontend, Backend, Beat and one worker
Deployment per pool wired, the Helm values file, the blast-radius report and the audit; the Terraform side:
\`NoxusAwsSecrets\` with its audit). The model has the 11 catalog secrets and N pools of 20 secrets each.
The ratio compares it with a baseline that writes the same objects and files by hand, with no model
(the run fails if the sizes differ, and \`npm test\` compares the contents object for object at small sizes;
Kubernetes target ≤ 1.2, Terraform ≤ 1.5):

${rows(['side', 'pools', 'ms', 'baseline ms', 'ratio', 'peak RSS MB', 'baseline RSS MB'], r.synth.map((s: any) => [s.side, s.pools, s.ms, s.baselineMs, s.ratio, s.rssMb, s.baselineRssMb]))}

Warm, once V8 has compiled the code (the fourth synth in one process), one pool takes ${r.warm.ms} ms against the
baseline's ${r.warm.baselineMs} ms (ratio ${r.warm.ratio}, for information: users run the first synth).

The marginal cost of a pool: the slope between two sizes (ms per pool), library against baseline.
Between consecutive sizes it is computed from the medians above, for information. The gated slope, from
1,000 pools straight to the largest size (target ≤ 1.1), is measured in rounds: each round runs both sizes,
library and baseline, one after the other, so that a drift of the machine's load over the minutes a size
takes weighs on all four alike. Run-to-run noise remains (here a run of one workload can take 50% longer
than the next), which the median of the rounds' ratios (listed) damps; the ms per pool are the medians of
the rounds' slopes:

${rows(['side', 'from', 'to', 'ms per pool', 'baseline ms per pool', 'ratio', 'computed from'], r.slopes.map((s: any) => [
  s.side, s.from, s.to, s.msPerPool, s.baselineMsPerPool, s.gated ? `**${s.ratio}**` : s.ratio, s.gated ? `rounds: ${s.roundRatios.join(', ')}` : 'medians',
]))}

Memory: at ${largestTf.pools} pools the Terraform side peaks at ${largestTf.rssMb} MB against the cdktf baseline's
${largestTf.baselineRssMb} MB (ratio ${largestTf.rssRatio}, target ≤ 1.5): most of it is cdktf's own, which holds the whole
stack while it synthesizes. To keep each stack small, split the contract's stores across stacks
(\`stores\`, \`examples/aws-split\`).

${r.targets.missed.length === 0 ? 'All targets met.' : `Targets missed in this run: ${r.targets.missed.join('; ')}.`}`;

const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf-8');
const start = '<!-- bench:start -->';
const end = '<!-- bench:end -->';
if (!readme.includes(start) || !readme.includes(end)) throw new Error('README.md has no bench markers');
fs.writeFileSync(path.join(root, 'README.md'), readme.replace(new RegExp(`${start}[\\s\\S]*${end}`), `${start}\n${text}\n${end}`));
