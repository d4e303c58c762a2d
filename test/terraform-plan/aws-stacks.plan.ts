import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Finding, checkPlan, coverage } from './plan-checks';
import { StackPlanSetup, StackRun, inParallel, planSetup, planStack } from './plan-stack';
import { PlanTarget, synthesizeAll } from './stacks';
import { ProviderSource, findProviderSource, findTerraform, mirrorCliConfig } from './terraform-env';

// Every Terraform stack the project synthesizes (examples, the README's and guides' blocks, generated models), run
// through terraform init, validate, plan -refresh=false and show -json with the real provider,
// then checked on the planned JSON. `npm run test:terraform`; docs/development.md says how.

/** Two cores here: more plans at once only queue. */
const PARALLEL = Number(process.env.NOXUS_TF_PARALLELISM ?? 2);

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'noxus-terraform-plan-'));
const terraform = findTerraform();
let source: ProviderSource | undefined;
let sourceError: string | undefined;
try {
  source = findProviderSource();
} catch (e) {
  sourceError = (e as Error).message;
}
const { targets, failures } = synthesizeAll(path.join(work, 'synth'));
const jsonByName = Object.fromEntries(targets.map(t => [t.name, t.json]));
const dirOf = (t: PlanTarget) => path.join(work, 'plan', t.name.replace(/[^A-Za-z0-9_.-]+/g, '_'));

interface Entry {
  readonly target: PlanTarget;
  readonly setup?: StackPlanSetup;
  /** Why the stack is validated but not planned. */
  readonly validateOnly?: string;
}
const entries: Entry[] = targets.map(target => {
  if (!source) return { target };
  const setup = planSetup(target.json, dirOf(target), source, jsonByName);
  return { target, setup, validateOnly: setup.skip ? undefined : setup.noPlan ?? target.expectations.validateOnly };
});
const runnable = entries.filter(e => e.setup && !e.setup.skip);
const results = new Map<string, StackRun>();
const findings = new Map<string, Finding[]>();
let version = '';

beforeAll(async () => {
  if (!terraform || !source) return;
  version = spawnSync(terraform, ['version'], { encoding: 'utf-8' }).stdout.split('\n')[0];
  const env: NodeJS.ProcessEnv = { ...process.env, TF_IN_AUTOMATION: '1', TF_INPUT: '0', CHECKPOINT_DISABLE: '1' };
  // One plugin cache for the run, so that each provider is unpacked or downloaded once, not per stack.
  const cache = path.join(work, 'plugin-cache');
  fs.mkdirSync(cache, { recursive: true });
  if (source.mirror && !source.cliConfigFile && !source.direct) {
    const file = path.join(work, 'terraform.tfrc');
    fs.writeFileSync(file, mirrorCliConfig(source.mirror, cache));
    env.TF_CLI_CONFIG_FILE = file;
  } else {
    env.TF_PLUGIN_CACHE_DIR = cache;
  }
  const job = (e: Entry) => async () => {
    const r = await planStack(terraform, e.target.json, e.setup!, dirOf(e.target), env, e.validateOnly !== undefined);
    results.set(e.target.name, r);
    if (r.plan) findings.set(e.target.name, checkPlan(r.plan, e.target.expectations));
  };
  // The plugin cache is not safe for two inits that fill it at once: the first stack fills it alone.
  if (runnable.length) await job(runnable[0])();
  await inParallel(runnable.slice(1).map(job), PARALLEL);
}, 30 * 60_000);

afterAll(() => {
  const planned = runnable.filter(e => !e.validateOnly);
  const passed = planned.filter(e => results.get(e.target.name)?.plan && (findings.get(e.target.name) ?? []).length === 0);
  const lines = [
    '',
    `terraform-plan: ${version || 'terraform not found'}; providers from ${source?.description ?? sourceError ?? '?'}`,
    // One line per note, with the stacks it holds for: the relaxed version is the same note for most.
    ...[...new Set(entries.flatMap(e => e.setup?.notes ?? []))].map(note => {
      const names = entries.filter(e => e.setup?.notes.includes(note)).map(e => e.target.name);
      return `  ${note}: ${names.length > 3 ? `${names.length} stacks` : names.join(', ')}`;
    }),
    ...entries.filter(e => results.get(e.target.name)?.plan).map(e => `  ${e.target.name}: ${coverage(results.get(e.target.name)!.plan)}`),
    ...entries.filter(e => e.setup?.skip).map(e => `NOT VALIDATED ${e.target.name} (${e.target.origin}): ${e.setup!.skip}`),
    ...entries.filter(e => e.validateOnly).map(e => `NOT PLANNED ${e.target.name} (${e.target.origin}): ${e.validateOnly}; ` +
      `validate ${results.get(e.target.name)?.failed ? 'FAILED' : results.has(e.target.name) ? 'passed' : 'did not run'}`),
    ...planned.filter(e => !passed.includes(e)).map(e => {
      const r = results.get(e.target.name);
      return `FAILED ${e.target.name} (${e.target.origin}): ${r?.failed ? r.failed.step : r ? `${findings.get(e.target.name)!.length} plan finding(s)` : 'did not run'}`;
    }),
    `terraform-plan: ${passed.length} stack(s) planned and checked, ${planned.length - passed.length} failed, ` +
      `${entries.filter(e => e.validateOnly).length} validated only (not counted), ${entries.filter(e => e.setup?.skip).length} not validated (not counted)`,
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  fs.rmSync(work, { recursive: true, force: true });
});

test('terraform is installed (a run without it proves nothing)', () => {
  if (!terraform) throw new Error('terraform is not on PATH (or NOXUS_TERRAFORM): install Terraform 1.11+; this suite does not pass without it.');
});

test('the provider source is usable', () => {
  if (sourceError) throw new Error(sourceError);
});

test('every source synthesizes', () => {
  expect(failures.map(f => `${f.origin}: ${f.error}`)).toEqual([]);
});

test('the run plans at least one AWS stack of each source', () => {
  const planned = runnable.filter(e => !e.validateOnly && e.setup!.providers.some(p => p.address.endsWith('/hashicorp/aws')));
  // A block is named by its document ('docs/aws.md block 1'); any document's block counts as the source 'documentation'.
  const source = (origin: string) => (/\.md block \d+$/.test(origin) ? 'documentation' : origin);
  expect([...new Set(planned.map(e => source(e.target.origin)))].sort()).toEqual(['documentation', 'examples', 'examples/aws-cdktn', 'generated model']);
});

/** The part of terraform's output that says what went wrong: its Error blocks, else its last lines. */
function errorText(output: string): string {
  const at = output.search(/^(│ )?Error:/m);
  const text = at >= 0 ? output.slice(at) : output;
  const lines = text.trimEnd().split('\n');
  return (at >= 0 ? lines.slice(0, 80) : lines.slice(-40)).join('\n');
}

describe.each(entries.map(e => [e.target.name, e] as const))('%s', (name, e) => {
  if (e.setup?.skip) {
    // Never reported as passing: jest counts it as skipped, and afterAll prints it.
    test.skip(`not validated: ${e.setup.skip}`, () => undefined);
    return;
  }
  const steps = e.validateOnly ? 'terraform init, validate' : 'terraform init, validate, plan -refresh=false, show -json';
  test(steps, () => {
    if (!terraform || !source) throw new Error(`${name}: not run: ${!terraform ? 'terraform is not installed' : sourceError}`);
    const r = results.get(name);
    if (!r) throw new Error(`${name}: did not run`);
    if (r.failed) throw new Error(`${name} (${e.target.origin}): \`${r.failed.step}\` failed (exit ${r.failed.code}):\n${errorText(r.failed.output)}`);
  });
  if (e.validateOnly) {
    test.skip(`not planned: ${e.validateOnly}`, () => undefined);
    return;
  }
  test('the plan holds no secret value or placeholder, its policies name exact resources, its trust is as intended', () => {
    const r = results.get(name);
    if (!r?.plan) throw new Error(`${name}: no plan to check (${r?.failed ? `\`${r.failed.step}\` failed` : 'did not run'})`);
    const found = findings.get(name) ?? [];
    if (found.length) throw new Error(`${name} (${e.target.origin}): ${found.length} finding(s) in the planned JSON:\n${found.map(f => `  [${f.check}] ${f.at} ${f.message}`).join('\n')}`);
  });
});
