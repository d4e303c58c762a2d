import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Yaml } from 'cdk8s';
import { synthAll } from '../../examples/synth-all';

/** Synthesizes every example once (in beforeAll) into fresh directories, and reads them back. */
export function synthesizedExamples() {
  const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'noxus-dist-'));
  const tfOut = fs.mkdtempSync(path.join(os.tmpdir(), 'noxus-tf-'));
  beforeAll(() => synthAll(dist, tfOut));
  return {
    dist,
    tfOut,
    /** Every manifest an example wrote. */
    k8s: (example: string): any[] =>
      fs.readdirSync(path.join(dist, example)).filter(f => f.endsWith('.k8s.yaml')).sort().flatMap(f => Yaml.load(path.join(dist, example, f))),
    /** The Terraform JSON of an example's stack `noxus-secrets-<example>`. */
    terraform: (example: string): any =>
      JSON.parse(fs.readFileSync(path.join(tfOut, 'stacks', `noxus-secrets-${example}`, 'cdk.tf.json'), 'utf-8')),
  };
}
