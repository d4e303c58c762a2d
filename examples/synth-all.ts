import * as path from 'path';
import { App } from 'cdk8s';
import { buildAws } from './aws/main';
import { buildAzure } from './azure/main';
import { buildAzureCsi } from './azure-csi/main';
import { build } from './basic/main';
import { buildGcp } from './gcp/main';
import { buildVault } from './vault/main';

/** Every example, by the folder it writes under the output directory. */
export const EXAMPLES: Record<string, (app: App) => unknown> = {
  'basic': app => build(app),
  'aws': buildAws,
  'gcp': buildGcp,
  'azure': buildAzure,
  'azure-csi': buildAzureCsi,
  'vault': buildVault,
};

/** Synthesizes every example into `<outdir>/<example>/`. */
export function synthAll(outdir: string): void {
  for (const [name, buildExample] of Object.entries(EXAMPLES)) {
    const app = new App({ outdir: path.join(outdir, name) });
    buildExample(app);
    app.synth();
  }
}

if (require.main === module) {
  synthAll(process.env.CDK8S_OUTDIR ?? 'dist');
}
