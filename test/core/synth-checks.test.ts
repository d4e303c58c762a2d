import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App as Cdk8sApp, Chart } from 'cdk8s';
import { App as TfApp, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { NoxusSecretsError } from '../../lib';
import { checkOnSynth } from '../../lib/core/synth-checks';

let dir: string;
beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'noxus-synth-checks-')); });
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Every file under `root`, relative to it. */
function files(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  return fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter(e => e.isFile()).map(e => path.relative(root, path.join(e.parentPath, e.name)));
}

describe('what the library checks at synth is its error, not the plain Error of cdk8s or cdktf', () => {
  test('cdk8s: synthYaml and synth throw NoxusSecretsError with the construct path, and write nothing', () => {
    const app = new Cdk8sApp({ outdir: path.join(dir, 'dist') });
    const chart = new Chart(app, 'c');
    checkOnSynth(new Construct(chart, 'checked'), () => ['Thing: size 5 is over 4. Make it smaller.']);
    expect(() => app.synthYaml()).toThrow(new NoxusSecretsError('Thing: size 5 is over 4. Make it smaller.', 'c/checked'));
    expect(() => app.synthYaml()).toThrow(NoxusSecretsError);
    expect(() => app.synth()).toThrow(NoxusSecretsError);
    expect(files(path.join(dir, 'dist'))).toEqual([]);
  });

  test('one synth lists every problem of the app once, each with its path', () => {
    const app = new Cdk8sApp({ outdir: path.join(dir, 'dist') });
    const chart = new Chart(app, 'c');
    checkOnSynth(new Construct(chart, 'a'), () => ['A: first.', 'Both: the same problem.']);
    checkOnSynth(new Construct(chart, 'b'), () => []);
    checkOnSynth(new Construct(chart, 'z'), () => ['Both: the same problem.', 'Z: last.']);
    expect(() => app.synthYaml()).toThrow(new NoxusSecretsError('The synth stopped on 3 problems:\n  [c/a] A: first.\n  [c/a] Both: the same problem.\n  [c/z] Z: last.'));
  });

  test('without problems the validation returns nothing, and the synth writes', () => {
    const app = new Cdk8sApp({ outdir: path.join(dir, 'dist') });
    const checked = new Construct(new Chart(app, 'c'), 'checked');
    checkOnSynth(checked, () => []);
    expect(checked.node.validate()).toEqual([]);
    expect(() => app.synth()).not.toThrow();
  });

  test('cdktf: a problem in a later stack stops the synth before the first stack is written', () => {
    const app = new TfApp({ outdir: path.join(dir, 'cdktf.out') });
    const first = new TerraformStack(app, 'first');
    new TerraformOutput(first, 'o', { value: 'x' });
    checkOnSynth(new Construct(first, 'ok'), () => [], { firstChecksAll: true });
    const second = new TerraformStack(app, 'second');
    checkOnSynth(new Construct(second, 'bad'), () => ['Thing: count 4,001 is over 4,000. Split it.'], { firstChecksAll: true });
    expect(() => app.synth()).toThrow(new NoxusSecretsError('Thing: count 4,001 is over 4,000. Split it.', 'second/bad'));
    expect(files(path.join(dir, 'cdktf.out')).filter(f => f.startsWith('stacks'))).toEqual([]);
  });
});
