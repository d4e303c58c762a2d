import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { EnvSecretSource, NoxusPlatformSecrets, SecretBackend, SecretsContract, WorkloadIdentity, NoxusApp } from '../../lib';
import { platform } from '../support/fixtures';
import { validateAll } from '../support/schema';

const SM = SecretBackend.awsSecretsManager({ region: 'eu-west-1' });
const contract = (identity: WorkloadIdentity = WorkloadIdentity.irsa({ accountId: '123456789012' })) =>
  new SecretsContract({ blueprint: platform(), backend: SM, identity, namespace: 'noxus' });

test('a token Role and RoleBinding per store ServiceAccount: exactly that ServiceAccount, for the ESO controller', () => {
  const manifests = Testing.synth(new NoxusPlatformSecrets(new NoxusApp(), 'secrets', { contract: contract() }));
  validateAll(manifests);
  const roles = manifests.filter(m => m.kind === 'Role');
  expect(roles.map(r => r.metadata.name).sort()).toEqual(['noxus-eso-platform-token', 'noxus-eso-pool-default-token', 'noxus-eso-pool-tenant-acme-token']);
  expect(roles.find(r => r.metadata.name === 'noxus-eso-pool-tenant-acme-token')).toEqual({
    apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'noxus-eso-pool-tenant-acme-token', namespace: 'noxus' },
    rules: [{ apiGroups: [''], resources: ['serviceaccounts/token'], resourceNames: ['noxus-eso-pool-tenant-acme'], verbs: ['create'] }],
  });
  expect(manifests.find(m => m.kind === 'RoleBinding' && m.metadata.name === 'noxus-eso-pool-tenant-acme-token')).toEqual({
    apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'noxus-eso-pool-tenant-acme-token', namespace: 'noxus' },
    subjects: [{ kind: 'ServiceAccount', name: 'external-secrets', namespace: 'external-secrets' }],
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'noxus-eso-pool-tenant-acme-token' },
  });
});

test('the controller is configurable; scopedTokenRbac: false renders no Roles and no ESO values', () => {
  const source = EnvSecretSource.externalSecrets({ esoController: { namespace: 'eso', serviceAccount: 'eso-controller' } });
  const manifests = Testing.synth(new NoxusPlatformSecrets(new NoxusApp(), 'secrets', { contract: contract(), source }));
  expect(manifests.filter(m => m.kind === 'RoleBinding').every(b => b.subjects[0].name === 'eso-controller' && b.subjects[0].namespace === 'eso')).toBe(true);
  const off = new NoxusPlatformSecrets(new NoxusApp(), 'secrets', { contract: contract(), source: EnvSecretSource.externalSecrets({ scopedTokenRbac: false }) });
  expect(Testing.synth(off).some(m => m.kind === 'Role' || m.kind === 'RoleBinding')).toBe(false);
  // The fragment still turns off the ESO features the platform does not use; with both off there is none.
  expect(off.esoValuesFile).toBe('helm/secrets.eso-values.yaml');
  expect(off.extraFiles()['helm/secrets.eso-values.yaml']).toContain('processClusterStore: false');
  expect(off.extraFiles()['helm/secrets.eso-values.yaml']).not.toContain('rbac');
  const none = new NoxusPlatformSecrets(new NoxusApp(), 'secrets', {
    contract: contract(), source: EnvSecretSource.externalSecrets({ scopedTokenRbac: false, disableUnusedEsoFeatures: false }),
  });
  expect(none.esoValuesFile).toBeUndefined();
  expect(() => EnvSecretSource.externalSecrets({ esoController: { namespace: 'ESO' } })).toThrow('EnvSecretSource.externalSecrets: esoController.namespace "ESO"');
});

test('Pod Identity: no store ServiceAccount, so no token Roles', () => {
  const manifests = Testing.synth(new NoxusPlatformSecrets(new NoxusApp(), 'secrets', { contract: contract(WorkloadIdentity.eksPodIdentity({ accountId: '123456789012' })) }));
  expect(manifests.some(m => m.kind === 'Role')).toBe(false);
});

test('app.synth writes the ESO chart values beside the Noxus chart\'s: the blanket token permission off', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'eso-values-'));
  try {
    const app = new NoxusApp({ outdir });
    const chart = new NoxusPlatformSecrets(app, 'secrets', { contract: contract() });
    app.synth();
    expect(chart.esoValuesFile).toBe('helm/secrets.eso-values.yaml');
    const text = fs.readFileSync(path.join(outdir, 'helm', 'secrets.eso-values.yaml'), 'utf-8');
    expect(text.split('\n').filter(l => !l.startsWith('#'))).toEqual(['rbac:', '  serviceAccountTokenCreate: false', 'processClusterStore: false',
      'processClusterExternalSecret: false', 'processClusterGenerator: false', 'processPushSecret: false', 'processClusterPushSecret: false', '']);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
});

test('the report says, per store, what enforces its isolation', () => {
  const pod = new NoxusPlatformSecrets(new NoxusApp(), 'secrets', { contract: contract(WorkloadIdentity.eksPodIdentity({ accountId: '123456789012' })) });
  const report = pod.blastRadiusReport();
  expect(report).toContain("## What enforces each store's isolation");
  expect(report).toContain('| pool-tenant-acme | IAM trust: the ESO controller\'s role, in a session ESO (2.5.0+) tagged esoNamespace=noxus, esoStoreName=noxus-pool-tenant-acme, ' +
    'esoStoreKind=SecretStore; admission guard: no other namespace may name its role or ServiceAccount, and only this store writes its env Secret |');
  const irsa = new NoxusPlatformSecrets(new NoxusApp(), 'secrets', { contract: contract(), admissionGuard: false, audit: { enabled: false } });
  expect(irsa.blastRadiusReport()).toContain('| platform | IAM trust: web identity of system:serviceaccount:noxus:noxus-eso-platform only; no admission guard (turned off) |');
});
