import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdktf';
import { TERRAFORM_EXAMPLES, synthCdktn } from '../../examples/synth-all';
import { docBlocks } from '../support/doc-blocks';
import { ModelExpectations, generatedModels } from './models';

const root = path.join(__dirname, '..', '..');

/** One synthesized Terraform stack to plan. */
export interface PlanTarget {
  /** Unique in the run: the stack's name, prefixed by where it came from where two could clash. */
  readonly name: string;
  /** Where it comes from: 'examples', 'docs/aws.md block 1', 'generated model'. */
  readonly origin: string;
  /** cdk.tf.json */
  readonly json: any;
  readonly expectations: ModelExpectations;
}

/** A source that did not synthesize: reported as a failure, never left out silently. */
export interface SynthFailure {
  readonly origin: string;
  readonly error: string;
}

function stacksIn(outdir: string): Record<string, any> {
  const dir = path.join(outdir, 'stacks');
  if (!fs.existsSync(dir)) return {};
  return Object.fromEntries(fs.readdirSync(dir).sort()
    .filter(s => fs.existsSync(path.join(dir, s, 'cdk.tf.json')))
    .map(s => [s, JSON.parse(fs.readFileSync(path.join(dir, s, 'cdk.tf.json'), 'utf-8'))]));
}

/**
 * Synthesizes every Terraform example (as `npm run synth` does, and examples/aws-cdktn as CDK
 * Terrain), every block of the README and the guides that makes a cdktf stack (run as written with
 * tsx, as test/readme.test.ts does), and the generated models, under `workDir`.
 */
export function synthesizeAll(workDir: string): { targets: PlanTarget[]; failures: SynthFailure[] } {
  const targets: PlanTarget[] = [];
  const failures: SynthFailure[] = [];
  fs.mkdirSync(workDir, { recursive: true });
  const attempt = (origin: string, f: () => void) => {
    try {
      f();
    } catch (e) {
      failures.push({ origin, error: (e as Error).stack ?? String(e) });
    }
  };

  // Each example in an app of its own, as synth-all's terraformApp builds them: one that fails hides no other.
  for (const [example, build] of Object.entries(TERRAFORM_EXAMPLES)) {
    attempt(`examples/${example}`, () => {
      const out = path.join(workDir, 'examples', example);
      fs.mkdirSync(out, { recursive: true });
      const app = new App({ outdir: out });
      build(app);
      app.synth();
      for (const [name, json] of Object.entries(stacksIn(out))) targets.push({ name, origin: 'examples', json, expectations: {} });
    });
  }
  attempt('examples/aws-cdktn', () => {
    const out = path.join(workDir, 'examples-cdktn');
    fs.mkdirSync(out, { recursive: true });
    synthCdktn(out);
    for (const [name, json] of Object.entries(stacksIn(out))) targets.push({ name: `aws-cdktn/${name}`, origin: 'examples/aws-cdktn', json, expectations: {} });
  });

  // The blocks must live in the checkout, where tsconfig's paths map the package's name to lib/.
  const snippetDir = path.join(root, 'test', `.terraform-plan-snippets-${process.pid}`);
  fs.mkdirSync(snippetDir, { recursive: true });
  try {
    for (const block of docBlocks()) {
      if (!/from 'cdktf'/.test(block.code)) continue;
      const id = block.fileName.replace(/\.ts$/, '');
      attempt(block.origin, () => {
        const file = path.join(snippetDir, block.fileName);
        fs.writeFileSync(file, block.code);
        const cwd = path.join(workDir, id);
        fs.mkdirSync(cwd, { recursive: true });
        const r = spawnSync(process.execPath, ['-r', require.resolve('tsx/cjs'), file], {
          cwd, encoding: 'utf-8',
          env: { ...process.env, TSX_TSCONFIG_PATH: path.join(root, 'tsconfig.json'), CDK8S_OUTDIR: path.join(cwd, 'dist'), CDKTF_OUTDIR: path.join(cwd, 'cdktf.out') },
        });
        if (r.status !== 0) throw new Error(`${block.origin} exited ${r.status}:\n${r.stdout}${r.stderr}`);
        const stacks = stacksIn(path.join(cwd, 'cdktf.out'));
        if (Object.keys(stacks).length === 0) throw new Error(`${block.origin} imports cdktf but wrote no stack under CDKTF_OUTDIR`);
        for (const [name, json] of Object.entries(stacks)) targets.push({ name: `${id}/${name}`, origin: block.origin, json, expectations: {} });
      });
    }
  } finally {
    fs.rmSync(snippetDir, { recursive: true, force: true });
  }

  generatedModels().forEach((model, i) => {
    attempt(`generated model ${Object.keys(model.stacks).join(' + ')}`, () => {
      const out = path.join(workDir, 'models', String(i));
      fs.mkdirSync(out, { recursive: true });
      const app = new App({ outdir: out });
      model.build(app);
      app.synth();
      const stacks = stacksIn(out);
      for (const [name, expectations] of Object.entries(model.stacks)) {
        if (!stacks[name]) throw new Error(`model ${name} wrote no stack`);
        targets.push({ name, origin: 'generated model', json: stacks[name], expectations });
      }
    });
  });
  return { targets, failures };
}
