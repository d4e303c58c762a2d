import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Lazy, App as TfApp, TerraformStack } from 'cdktf';
import * as fc from 'fast-check';
import { EnvSecretSource, NoxusPlatformSecrets, NoxusSecretsError, NoxusService, SecretBackend, SecretsBlueprint, SecretsContract, VmBundle, WorkloadIdentity, NoxusApp } from '../../lib';
import { NoxusAwsSecrets } from '../../lib/terraform/aws';
import { validateAll } from '../support/schema';
import { breakModel, validModel } from './models';

const SM = SecretBackend.awsSecretsManager({ region: 'eu-west-1' });
const IRSA = WorkloadIdentity.irsa({ accountId: '123456789012' });
const OIDC = 'arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/X';
const RUNS = { numRuns: 25, seed: 20261128 };

function files(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** Synthesizes both sides of a model into fresh directories; returns them. */
function synthBoth(build: () => SecretsBlueprint, source: (bp: SecretsBlueprint) => EnvSecretSource) {
  const k8sDir = fs.mkdtempSync(path.join(os.tmpdir(), 'noxus-prop-k8s-'));
  const tfDir = fs.mkdtempSync(path.join(os.tmpdir(), 'noxus-prop-tf-'));
  const vmDir = fs.mkdtempSync(path.join(os.tmpdir(), 'noxus-prop-vm-'));
  const run = () => {
    const blueprint = build();
    const contract = new SecretsContract({ blueprint, backend: SM, identity: IRSA, namespace: 'noxus' });
    const app = new NoxusApp({ outdir: k8sDir });
    new NoxusPlatformSecrets(app, 'noxus', { contract, source: source(blueprint) });
    app.synth();
    const tf = new TfApp({ outdir: tfDir });
    const stack = new TerraformStack(tf, 'noxus');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    new NoxusAwsSecrets(stack, 'secrets', { valueWriters: ['arn:aws:iam::123456789012:role/noxus-secrets-admin'], contract, oidcProviderArn: OIDC });
    tf.synth();
    if (blueprint.pools.length > 0) new VmBundle({ contract, pool: blueprint.pools[0].name }).writeTo(vmDir);
  };
  return { run, dirs: [k8sDir, tfDir, vmDir] };
}

test('a valid model always synthesizes schema-valid Kubernetes objects and a validated Terraform stack', () => {
  fc.assert(fc.property(validModel, props => {
    const { run, dirs } = synthBoth(() => new SecretsBlueprint(props), () => EnvSecretSource.externalSecrets());
    run();
    const manifests = files(dirs[0]).filter(f => f.endsWith('.k8s.yaml')).flatMap(f => require('cdk8s').Yaml.load(f));
    validateAll(manifests);
    const stacks = files(dirs[1]).filter(f => f.endsWith('cdk.tf.json'));
    expect(stacks).toHaveLength(1);
    const tf = JSON.parse(fs.readFileSync(stacks[0], 'utf-8'));
    const secretNames = new Set(Object.values<any>(tf.resource.aws_secretsmanager_secret).map(s => s.name));
    for (const es of manifests.filter(m => m.kind === 'ExternalSecret')) for (const d of es.spec.data) expect(secretNames.has(d.remoteRef.key)).toBe(true);
  }), RUNS);
});

test('an invalid model always fails with the library\'s error, before any App exists', () => {
  fc.assert(fc.property(validModel, breakModel, (props, breakIt) => {
    expect(() => new SecretsBlueprint(breakIt(props))).toThrow(NoxusSecretsError);
  }), RUNS);
});

test('a problem found only at synth (an audit error in a later chart or stack) leaves nothing written', () => {
  fc.assert(fc.property(validModel, props => {
    const blueprint = new SecretsBlueprint(props);
    const k8sDir = fs.mkdtempSync(path.join(os.tmpdir(), 'noxus-prop-late-k8s-'));
    const app = new NoxusApp({ outdir: k8sDir });
    new NoxusPlatformSecrets(app, 'noxus', { contract: new SecretsContract({ blueprint, namespace: 'noxus' }) });
    // A Frontend that also reads a pool's Secret: NX1, found by the audit at synth.
    const services = new Chart(app, 'services', { namespace: 'noxus' });
    const frontend = new kplus.Deployment(services, 'frontend', { containers: [{ image: 'x' }] });
    const secrets = app.node.findAll().find(NoxusPlatformSecrets.isNoxusPlatformSecrets)!;
    secrets.attachService(frontend, NoxusService.FRONTEND);
    frontend.containers[0].env.copyFrom(kplus.Env.fromSecret(kplus.Secret.fromSecretName(services, 'leak', secrets.poolSecrets[0].secretName)));
    expect(() => app.synth()).toThrow(/Audit NX1 error/);
    expect(files(k8sDir)).toEqual([]);

    const tfDir = fs.mkdtempSync(path.join(os.tmpdir(), 'noxus-prop-late-tf-'));
    const tf = new TfApp({ outdir: tfDir });
    for (const i of [0, 1]) {
      const stack = new TerraformStack(tf, `s${i}`);
      new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
      // The second stack's policy decrypts with any key (a reference that resolves to '*'; a literal '*' is refused at once):
      // NX5, found by the audit at synth.
      const kmsKeyArn = i === 1 ? Lazy.stringValue({ produce: () => '*' }) : undefined;
      new NoxusAwsSecrets(stack, 'secrets', {
        valueWriters: ['arn:aws:iam::123456789012:role/noxus-secrets-admin'], oidcProviderArn: OIDC, kmsKeyArn,
        contract: new SecretsContract({ blueprint, backend: SM, identity: IRSA, namespace: 'noxus', remoteKeys: { prefix: `n${i}` } }),
      });
    }
    expect(() => tf.synth()).toThrow(/Audit NX5 error/);
    expect(files(tfDir).filter(f => f.endsWith('cdk.tf.json'))).toEqual([]);
  }), { ...RUNS, numRuns: 10 });
});

test('canary values never appear in any file but the opted-in local Secrets, nor in any error', () => {
  fc.assert(fc.property(validModel, fc.uuid(), (props, uuid) => {
    const canary = `CANARY-${uuid}`;
    const blueprint = new SecretsBlueprint(props);
    const values = {
      global: Object.fromEntries(blueprint.globalKeys.map(k => [k, `${canary}-g-${k}`])),
      workerOnly: Object.fromEntries(blueprint.workerOnlyKeys.map(k => [k, `${canary}-w-${k}`])),
      pools: Object.fromEntries(blueprint.pools.map(p => [p.name, Object.fromEntries(p.secrets.map(k => [k, `${canary}-p-${k}`]))])),
    };
    // The cloud side, ESO manifests and VM files from the same blueprint: no value may reach them.
    const { run, dirs } = synthBoth(() => blueprint, () => EnvSecretSource.externalSecrets());
    run();
    for (const f of dirs.flatMap(files)) expect(fs.readFileSync(f, 'utf-8')).not.toContain(canary);
    // Misplaced values are refused without being echoed.
    const misplaced = EnvSecretSource.unsafePlaintextForLocalDevelopment({ ...values, global: { ...values.global, NOT_A_KEY: `${canary}-x` } });
    let message = '';
    try {
      new NoxusPlatformSecrets(new NoxusApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'noxus-prop-')) }), 'noxus', { contract: new SecretsContract({ blueprint }), source: misplaced });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('NOT_A_KEY');
    expect(message).not.toContain(canary);
  }), RUNS);
});
