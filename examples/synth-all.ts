import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { App as TerraformApp } from 'cdktf';
import { buildAws } from './aws/main';
import { buildAwsTerraform } from './aws/terraform';
import { buildAwsEksOneStack } from './aws-eks-onestack/main';
import { buildAwsSplit } from './aws-split/main';
import { buildAwsRds } from './aws-rds/main';
import { buildAzure } from './azure/main';
import { AZURE_CSI_STACK, buildAzureCsi } from './azure-csi/main';
import { buildAzureOneStack } from './azure-onestack/main';
import { buildAzureTerraform } from './azure/terraform';
import { AzureDelivery } from 'noxus-secrets-cdk/azure';
import { build } from './basic/main';
import { buildGcp } from './gcp/main';
import { buildGcpTerraform } from './gcp/terraform';
import { buildGcpGkeOneStack } from './gcp-gke-onestack/main';
import { buildOpenShiftRosa } from './openshift-rosa/main';
import { buildOpenShiftRosaTerraform } from './openshift-rosa/terraform';
import { buildVault } from './vault/main';
import { buildVaultTerraform } from './vault/terraform';
import { bundle as vmBundle } from './vm/bundle';
import { runExample } from './shared/run';
import { buildVmTerraform } from './vm/terraform';
import { NoxusApp } from 'noxus-secrets-cdk';

/** Every example, by the folder it writes under the output directory. */
export const EXAMPLES: Record<string, (app: NoxusApp) => unknown> = {
  'basic': app => build(app),
  'aws': buildAws,
  'gcp': buildGcp,
  'azure': buildAzure,
  'azure-csi': buildAzureCsi,
  'vault': buildVault,
  'openshift-rosa': buildOpenShiftRosa,
};

/** The examples with a cloud side, by folder: cdktf apps over the same blueprint. */
export const TERRAFORM_EXAMPLES: Record<string, (app: TerraformApp) => unknown> = {
  'aws': buildAwsTerraform,
  'aws-eks-onestack': buildAwsEksOneStack,
  'aws-split': buildAwsSplit,
  'aws-rds': buildAwsRds,
  'gcp': buildGcpTerraform,
  'gcp-gke-onestack': buildGcpGkeOneStack,
  'azure': app => buildAzureTerraform(app),
  'azure-csi': app => buildAzureTerraform(app, AzureDelivery.CSI_DRIVER, AZURE_CSI_STACK),
  'azure-onestack': buildAzureOneStack,
  'vault': buildVaultTerraform,
  'openshift-rosa': buildOpenShiftRosaTerraform,
  'vm': buildVmTerraform,
};

/** The examples that are plain files, by folder: written under `<outdir>/<example>/` as they go on the machine. */
export const FILE_EXAMPLES: Record<string, (dir: string) => unknown> = {
  vm: dir => vmBundle.writeTo(dir),
};

/**
 * Every Terraform example as one cdktf app (each example is a stack `noxus-secrets-<example>`): what
 * `cdktf synth` / `cdktf deploy <stack>` run through cdktf.json, and what `npm run synth` writes.
 */
export function terraformApp(outdir: string): TerraformApp {
  const app = new TerraformApp({ outdir });
  for (const buildExample of Object.values(TERRAFORM_EXAMPLES)) buildExample(app);
  return app;
}

/** Synthesizes every example: Kubernetes into `<outdir>/<example>/`, Terraform JSON into `<tfOutdir>/stacks/noxus-secrets-<example>/`. */
export function synthAll(outdir: string, tfOutdir: string): void {
  for (const [name, buildExample] of Object.entries(EXAMPLES)) {
    const app = new NoxusApp({ outdir: path.join(outdir, name) });
    buildExample(app);
    app.synth();
  }
  for (const [name, writeExample] of Object.entries(FILE_EXAMPLES)) {
    const dir = path.join(outdir, name);
    fs.rmSync(dir, { recursive: true, force: true });
    writeExample(dir);
  }
  fs.mkdirSync(tfOutdir, { recursive: true });
  terraformApp(tfOutdir).synth();
  synthCdktn(path.join(tfOutdir, 'aws-cdktn'));
}

/**
 * examples/aws-cdktn as CDK Terrain: a process of its own, where this checkout's sources run as
 * the cdktn flavour (scripts/cdktn-dev.js), as the package's generated cdktn entries do.
 */
export function synthCdktn(outdir: string): void {
  const root = path.join(__dirname, '..');
  const r = spawnSync(process.execPath, [
    '-r', require.resolve('tsx/cjs'), '-r', path.join(root, 'scripts', 'cdktn-dev.js'), path.join(root, 'examples', 'aws-cdktn', 'main.ts'), outdir,
  ], { cwd: root, encoding: 'utf-8' });
  if (r.status !== 0) throw new Error(`examples/aws-cdktn failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
}

if (require.main === module) {
  runExample(() => synthAll(process.env.CDK8S_OUTDIR ?? 'dist', 'cdktf.out'));
}
