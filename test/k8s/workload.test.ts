import { Chart, Testing } from 'cdk8s';
import * as kplus28 from 'cdk8s-plus-28';
import * as kplus33 from 'cdk8s-plus-33';
import { Construct } from 'constructs';
import { EnvSecretSource, NoxusPlatformSecrets, NoxusService, SecretBackend, SecretsContract, WorkloadIdentity, NoxusApp } from '../../lib';
import { Cdk8sPlusApi } from '../../lib/k8s/workload';
import { platform } from '../support/fixtures';

const contract = () => new SecretsContract({ blueprint: platform(), namespace: 'noxus' });

/** The chart of a contract on Azure Key Vault over the CSI driver, whose pods mount one class per store. */
function csiSecrets(app: NoxusApp): NoxusPlatformSecrets {
  const az = WorkloadIdentity.azureWorkloadIdentity({
    tenantId: '00000000-0000-0000-0000-000000000000',
    clientIds: { 'platform': '11111111-1111-1111-1111-111111111111', 'pool-default': '22222222-2222-2222-2222-222222222222', 'pool-tenant-acme': '33333333-3333-3333-3333-333333333333' },
  });
  const c = new SecretsContract({ blueprint: platform(), namespace: 'noxus', backend: SecretBackend.azureKeyVault({ vaultUrl: 'https://noxus-prod.vault.azure.net/' }), identity: az });
  return new NoxusPlatformSecrets(app, 'secrets', { contract: c, source: EnvSecretSource.azureKeyVaultCsi() });
}

test.each([
  ['cdk8s-plus-28', (c: Chart) => new kplus28.Deployment(c, 'w', { containers: [{ image: 'x' }] })],
  ['cdk8s-plus-33', (c: Chart) => new kplus33.Deployment(c, 'w', { containers: [{ image: 'x' }] })],
  ['cdk8s-plus-33 StatefulSet', (c: Chart) => new kplus33.StatefulSet(c, 'w', { containers: [{ image: 'x' }], service: new kplus33.Service(c, 'svc', { ports: [{ port: 80 }] }) })],
])('a %s workload type-checks and gets the pool\'s envFrom, in order, and the annotations', (_, make) => {
  const app = new NoxusApp();
  const secrets = new NoxusPlatformSecrets(app, 'secrets', { contract: contract() });
  const chart = new Chart(app, 'apps', { namespace: 'noxus' });
  const w = make(chart);
  secrets.attachPool(w, 'tenant-acme');
  const manifest = Testing.synth(chart).find(m => m.kind !== 'Service');
  expect(manifest.spec.template.spec.containers[0].envFrom).toEqual([{ secretRef: { name: 'app-env' } }, { secretRef: { name: 'app-env-tenant-acme' } }]);
  expect(manifest.metadata.annotations['noxus-secrets-cdk/pool']).toBe('tenant-acme');
});

test('a cdk8s-plus-33 workload mounts the CSI classes read-only', () => {
  const app = new NoxusApp();
  const secrets = csiSecrets(app);
  const chart = new Chart(app, 'apps', { namespace: 'noxus' });
  const sa = kplus33.ServiceAccount.fromServiceAccountName(chart, 'sa', secrets.podServiceAccountName(NoxusService.BACKEND)!);
  const d = new kplus33.Deployment(chart, 'backend', { containers: [{ image: 'x' }], serviceAccount: sa });
  secrets.attachService(d, NoxusService.BACKEND);
  const spec = Testing.synth(chart)[0].spec.template.spec;
  expect(spec.volumes).toEqual([{ name: 'noxus-platform', csi: { driver: 'secrets-store.csi.k8s.io', readOnly: true, volumeAttributes: { secretProviderClass: 'noxus-platform' } } }]);
  expect(spec.containers[0].volumeMounts).toEqual([{ name: 'noxus-platform', mountPath: '/mnt/secrets-store/noxus-platform', readOnly: true }]);
});

test('anything else is the library\'s error', () => {
  const secrets = new NoxusPlatformSecrets(new NoxusApp(), 'secrets', { contract: contract() });
  expect(() => secrets.attachService({ containers: 'no' } as any, NoxusService.BACKEND)).toThrow(
    '[secrets] NoxusPlatformSecrets: attachService got an Object, which is not a cdk8s-plus workload (containers, metadata, addVolume). ' +
    'Pass a Deployment, StatefulSet, DaemonSet, Job or Pod of cdk8s-plus 2.x (cdk8s-plus-28 to -33).');
  expect(() => secrets.attachPool(undefined as any, 'default')).toThrow('[secrets] NoxusPlatformSecrets: attachPool got undefined, which is not a cdk8s-plus workload');
});

// Compile-time: every installed major has the public API the wiring calls, with these signatures.
const majors: Cdk8sPlusApi[] = [kplus28, kplus33];

test('the wiring goes through the public API of the workload\'s own major: an imported Secret and a CSI Volume under the workload', () => {
  expect(majors.map(m => typeof m.AbstractPod)).toEqual(['function', 'function']);
  const app = new NoxusApp();
  const secrets = csiSecrets(app);
  const chart = new Chart(app, 'apps', { namespace: 'noxus' });
  const sa = kplus28.ServiceAccount.fromServiceAccountName(chart, 'sa', secrets.podServiceAccountName(NoxusService.WORKER, 'tenant-acme')!);
  const d = new kplus28.Deployment(chart, 'worker', { containers: [{ image: 'x' }], serviceAccount: sa });
  secrets.attachPool(d, 'tenant-acme');
  const secretsOf = d.node.children.filter(ch => ch instanceof Construct && ch.node.id.startsWith('NoxusSecretsEnv-'));
  expect(secretsOf.map(s => [s.node.id, (s as kplus28.ISecret).name])).toEqual([['NoxusSecretsEnv-app-env', 'app-env'], ['NoxusSecretsEnv-app-env-tenant-acme', 'app-env-tenant-acme']]);
  expect(d.volumes.map(v => v instanceof kplus28.Volume && v.name)).toEqual(['noxus-platform', 'noxus-pool-tenant-acme']);
  expect(d.containers[0].env.sources).toHaveLength(2);
  expect(Testing.synth(chart)[0].spec.template.spec.volumes.map((v: { name: string }) => v.name)).toEqual(['noxus-platform', 'noxus-pool-tenant-acme']);
});

test('a workload of no cdk8s-plus the library loads is the library\'s error, naming the majors installed', () => {
  const secrets = new NoxusPlatformSecrets(new NoxusApp(), 'secrets', { contract: contract() });
  // Shaped like a workload, and not one: a copy of cdk8s-plus the library does not share, or a hand-made object.
  const scope = new Construct(undefined as any, 'look-alike');
  const lookAlike = Object.assign(scope, {
    containers: [{ env: { copyFrom: () => undefined }, mount: () => undefined }],
    metadata: { addAnnotation: () => undefined, toJson: () => ({}) },
    addVolume: () => undefined,
  });
  expect(() => secrets.attachService(lookAlike, NoxusService.BACKEND)).toThrow(
    '[secrets] NoxusPlatformSecrets: attachService got a Construct "look-alike", which is not a workload of the cdk8s-plus this library loads ' +
    '(cdk8s-plus-28 to -33; installed beside it: cdk8s-plus-33, cdk8s-plus-28). Create the workload with one of them, installed once, ' +
    'so that your app and this library load the same copy.');
});
