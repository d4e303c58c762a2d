import * as fs from 'fs';
import * as path from 'path';
import { App, AppProps } from 'cdk8s';
import { IConstruct } from 'constructs';
import { assertKind, assertProps } from '../core/errors';
import { NOXUS_CHART } from './brand';

const NOXUS_APP = Symbol.for('noxus-secrets-cdk.NoxusApp');

/** What NoxusApp asks of the library's charts: the files each writes beside its manifests. */
interface FileChart extends IConstruct {
  extraFiles(): Record<string, string>;
}

/**
 * A cdk8s App that also writes, beside the manifests, the files of every NoxusPlatformSecrets chart
 * in it: the Helm values fragments, the blast-radius reports, the ESO chart values and the
 * OpenShift operator config. Use it where you would use `new App()`; `synth()` writes
 * everything or nothing.
 *
 * A NoxusPlatformSecrets chart that has files to write refuses to synthesize in a plain cdk8s App,
 * so that they are never left out unnoticed.
 */
export class NoxusApp extends App {
  /** Whether `x` is a NoxusApp (by its mark, as cdk8s does for charts: it may come from another copy of the library). */
  public static isNoxusApp(x: unknown): x is NoxusApp {
    return x !== null && typeof x === 'object' && NOXUS_APP in x;
  }

  /**
   * What the library's constructs computed during the synth under way, by construct: cdk8s
   * validates the whole app again for every chart it renders, and the tree does not change during
   * a synth, so the checks and the charts' renders are computed once. Dropped when the synth
   * ends, so a change made between two synths always shows.
   */
  private pass?: WeakMap<IConstruct, Record<string, unknown>>;

  constructor(props: AppProps = {}) {
    // A JavaScript caller's wrong-typed props are the library's error, not cdk8s's at synth.
    assertProps('NoxusApp', props, "{ outdir: 'dist' }, or nothing");
    assertKind('NoxusApp', 'outdir', props.outdir, 'string', "'dist'");
    assertKind('NoxusApp', 'outputFileExtension', props.outputFileExtension, 'string', "'.k8s.yaml'");
    assertKind('NoxusApp', 'yamlOutputType', props.yamlOutputType, 'string', 'YamlOutputType.FILE_PER_CHART');
    assertKind('NoxusApp', 'recordConstructMetadata', props.recordConstructMetadata, 'boolean', 'false');
    assertKind('NoxusApp', 'resolvers', props.resolvers, 'list', '[]');
    super(props);
    Object.defineProperty(this, NOXUS_APP, { value: true });
  }

  /**
   * Writes the manifests and every NoxusPlatformSecrets chart's files into `outdir`, all or
   * nothing: cdk8s writes chart by chart, so the synth runs into a staging folder beside `outdir`
   * and its files move into place once every chart has rendered.
   */
  public synth(): void {
    const outdir = path.resolve(this.outdir);
    fs.mkdirSync(path.dirname(outdir), { recursive: true });
    const staging = fs.mkdtempSync(path.join(path.dirname(outdir), `.${path.basename(outdir)}.noxus-synth-`));
    // This app's own output directory points at the staging folder for the length of its own synth.
    const self = this as { outdir: string };
    const given = this.outdir;
    try {
      self.outdir = staging;
      this.inPass(() => super.synth());
      for (const [name, text] of Object.entries(this.extraFiles())) {
        fs.mkdirSync(path.dirname(path.join(staging, name)), { recursive: true });
        fs.writeFileSync(path.join(staging, name), text);
      }
      moveInto(staging, outdir);
    } finally {
      self.outdir = given;
      fs.rmSync(staging, { recursive: true, force: true });
    }
  }

  /** The manifests as one YAML stream (as cdk8s's App); writes no file. */
  public synthYaml(): string {
    return this.inPass(() => super.synthYaml());
  }

  /** The files `synth()` writes beside the manifests, by path relative to `outdir`, from every NoxusPlatformSecrets chart. */
  public extraFiles(): Record<string, string> {
    const files: Record<string, string> = {};
    for (const chart of this.node.findAll().filter((c): c is FileChart => NOXUS_CHART in c)) Object.assign(files, chart.extraFiles());
    return files;
  }

  /**
   * What `construct` keeps for the synth under way, or undefined outside a synth.
   * @internal
   */
  public _synthPass(construct: IConstruct): Record<string, unknown> | undefined {
    if (this.pass === undefined) return undefined;
    let kept = this.pass.get(construct);
    if (kept === undefined) this.pass.set(construct, kept = {});
    return kept;
  }

  private inPass<T>(run: () => T): T {
    // A synth inside a synth (none in cdk8s today) keeps the outer one's.
    if (this.pass !== undefined) return run();
    this.pass = new WeakMap();
    try {
      return run();
    } finally {
      this.pass = undefined;
    }
  }
}

/**
 * What `construct` keeps for the synth under way of its NoxusApp (see NoxusApp), or undefined:
 * outside a synth, in a plain cdk8s App, or when a cdktf stack renders the charts (Cdk8sManifests).
 * @internal
 */
export function synthPass(construct: IConstruct): Record<string, any> | undefined {
  const root = construct.node.root;
  return NoxusApp.isNoxusApp(root) ? root._synthPass(construct) : undefined;
}

/** Moves every file under `from` to the same place under `to`, replacing what is there. */
function moveInto(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const e of fs.readdirSync(from, { withFileTypes: true })) {
    if (e.isDirectory()) moveInto(path.join(from, e.name), path.join(to, e.name));
    else fs.renameSync(path.join(from, e.name), path.join(to, e.name));
  }
}
