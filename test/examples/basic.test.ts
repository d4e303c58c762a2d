import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Yaml } from 'cdk8s';
import { NoxusApp } from '../../lib';
import { build } from '../../examples/basic/main';
import { validateAll } from '../support/schema';

function synthExample(): { dir: string; manifests: any[] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'noxus-basic-'));
  const app = new NoxusApp({ outdir: dir });
  build(app);
  app.synth();
  const manifests = fs.readdirSync(dir).filter(f => f.endsWith('.k8s.yaml')).sort()
    .flatMap(f => Yaml.load(path.join(dir, f)));
  return { dir, manifests };
}

function deployment(manifests: any[], id: string): any {
  return manifests.find(m => m.kind === 'Deployment' && m.metadata.name === `noxus-${id}`);
}

test('writes the manifests, the Helm values file and the blast-radius report', () => {
  const { dir } = synthExample();
  expect(fs.readdirSync(dir).sort()).toEqual(['helm', 'noxus-secrets.blast-radius.md', 'noxus-secrets.k8s.yaml', 'noxus-services.k8s.yaml']);
  expect(Yaml.load(path.join(dir, 'helm', 'noxus-secrets.values.yaml'))[0].worker.pools['tenant-acme']).toEqual({
    replicaCount: 2, workerSubscribe: 'flow', workerSubscribeTenants: 'acme', envSecretRef: 'app-env-tenant-acme',
  });
});

test('every manifest is valid against the upstream schema', () => {
  const { manifests } = synthExample();
  expect(manifests.map(m => m.kind)).toEqual(['Namespace', ...Array(5).fill('Deployment')]);
  validateAll(manifests);
});

test('Frontend, Backend and Beat read only the shared Secret; each worker pool its own after it', () => {
  const { manifests } = synthExample();
  const envFrom = (id: string) => deployment(manifests, id).spec.template.spec.containers[0].envFrom.map((e: any) => e.secretRef.name);
  expect(envFrom('frontend')).toEqual(['app-env']);
  expect(envFrom('backend')).toEqual(['app-env']);
  expect(envFrom('beat')).toEqual(['app-env']);
  expect(envFrom('worker-default')).toEqual(['app-env', 'app-env-default']);
  expect(envFrom('worker-tenant-acme')).toEqual(['app-env', 'app-env-tenant-acme']);
});

test('every workload is in the noxus namespace and reloads on its own Secrets only', () => {
  const { manifests } = synthExample();
  expect(manifests.filter(m => m.kind !== 'Namespace').every(m => m.metadata.namespace === 'noxus')).toBe(true);
  expect(deployment(manifests, 'worker-tenant-acme').metadata.annotations).toEqual({
    'secret.reloader.stakater.com/reload': 'app-env,app-env-tenant-acme', 'noxus-secrets-cdk/service': 'worker', 'noxus-secrets-cdk/pool': 'tenant-acme',
  });
});
