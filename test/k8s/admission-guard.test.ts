import { run } from '@bufbuild/cel';
import { App, Testing } from 'cdk8s';
import { NoxusPlatformSecrets, SecretBackend, SecretsContract, WorkloadIdentity } from '../../lib';
import { platform } from '../support/fixtures';
import { validateAll } from '../support/schema';

// The guard's CEL is evaluated with @bufbuild/cel (cel-es, which runs the cel-spec conformance
// suite): the expressions use only standard CEL, which Kubernetes (cel-go) reads the same way.

const toCel = (v: any): any => (Array.isArray(v) ? v.map(toCel) : v !== null && typeof v === 'object' ? new Map(Object.entries(v).map(([k, x]) => [k, toCel(x)])) : v);

type Verdict = { allowed: true } | { allowed: false; message: string };

/** Admits `object` in `namespace` as the API server would run the policy: variables in order, then every validation. */
function admit(policy: any, object: any, namespace: string): Verdict {
  const bindings: Record<string, any> = { object: toCel(object), request: toCel({ namespace }) };
  const variables = new Map<string, any>();
  for (const v of policy.spec.variables) variables.set(v.name, run(v.expression, { ...bindings, variables }));
  for (const v of policy.spec.validations) {
    const ok = run(v.expression, { ...bindings, variables });
    if (ok !== true) return { allowed: false, message: v.message };
  }
  return { allowed: true };
}

const POD = WorkloadIdentity.eksPodIdentity({ accountId: '123456789012' });
const IRSA = WorkloadIdentity.irsa({ accountId: '123456789012' });
const SM = SecretBackend.awsSecretsManager({ region: 'eu-west-1' });

function chart(identity = POD, backend: SecretBackend = SM, props: object = {}) {
  const contract = new SecretsContract({ blueprint: platform(), backend, identity, namespace: 'noxus' });
  const c = new NoxusPlatformSecrets(Testing.app(), 'secrets', { contract, ...props });
  const manifests = Testing.synth(c);
  const policy = manifests.find(m => m.kind === 'ValidatingAdmissionPolicy');
  return { manifests, policy, chart: c };
}

const store = (kind: string, aws: object, name = 'mine') => ({
  apiVersion: 'external-secrets.io/v1', kind, metadata: { name }, spec: { provider: { aws: { service: 'SecretsManager', region: 'eu-west-1', ...aws } } },
});
const ROLE = 'arn:aws:iam::123456789012:role/noxus-eso-pool-tenant-acme';

describe('the guard objects', () => {
  test('a policy and its binding, cluster-scoped, valid against the Kubernetes schema, denying on failure', () => {
    const { manifests, policy } = chart();
    const binding = manifests.find(m => m.kind === 'ValidatingAdmissionPolicyBinding');
    validateAll(manifests);
    expect(policy.metadata).toEqual({ name: 'noxus-noxus-store-guard' });
    expect(binding).toEqual({
      apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicyBinding', metadata: { name: 'noxus-noxus-store-guard' },
      spec: { policyName: 'noxus-noxus-store-guard', validationActions: ['Deny'] },
    });
    expect(policy.spec.failurePolicy).toBe('Fail');
    expect(policy.spec.matchConstraints.resourceRules[0].resources).toEqual(['secretstores', 'clustersecretstores', 'externalsecrets']);
  });

  test('every object the chart renders passes its own guard in its namespace', () => {
    const { manifests, policy } = chart();
    const eso = manifests.filter(m => m.apiVersion.startsWith('external-secrets.io/'));
    expect(eso.length).toBeGreaterThan(0);
    for (const m of eso) expect([m.metadata.name, admit(policy, m, 'noxus')]).toEqual([m.metadata.name, { allowed: true }]);
  });

  test('admissionGuard: false renders none (and the audit warns); true without a namespace is the library\'s error', () => {
    const warnings: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((s: any) => { warnings.push(String(s)); return true; });
    try {
      const contract = new SecretsContract({ blueprint: platform(), backend: SM, identity: POD, namespace: 'noxus' });
      const app = new App({ outdir: 'unused' });
      const c = new NoxusPlatformSecrets(app, 'secrets', { contract, admissionGuard: false });
      expect(Testing.synth(c).some(m => m.kind === 'ValidatingAdmissionPolicy')).toBe(false);
      app.synthYaml();
    } finally {
      spy.mockRestore();
    }
    expect(warnings.join('')).toContain('NX14 warning ValidatingAdmissionPolicy: admissionGuard is off');
    const noNs = new SecretsContract({ blueprint: platform(), backend: SM, identity: POD });
    expect(() => new NoxusPlatformSecrets(Testing.app(), 'secrets', { contract: noNs, admissionGuard: true })).toThrow(
      '[secrets] NoxusPlatformSecrets: admissionGuard is on, but the contract has no namespace, and the guard protects the stores of one namespace.');
  });
});

describe('outside the platform\'s namespace', () => {
  test.each(['SecretStore', 'ClusterSecretStore'])('a %s that names a store role is denied; one with its own role is admitted', kind => {
    const { policy } = chart();
    const ns = kind === 'SecretStore' ? 'attacker' : '';
    expect(admit(policy, store(kind, { role: ROLE }), ns)).toEqual({
      allowed: false, message: 'Only the Noxus platform\'s namespace noxus may have stores that name its store roles or ServiceAccounts (noxus-secrets-cdk pool isolation).',
    });
    expect(admit(policy, store(kind, { additionalRoles: ['arn:aws:iam::123456789012:role/x', ROLE] }), ns).allowed).toBe(false);
    expect(admit(policy, store(kind, { role: 'arn:aws:iam::123456789012:role/their-own' }), ns)).toEqual({ allowed: true });
    expect(admit(policy, store(kind, {}), ns)).toEqual({ allowed: true });
  });

  test('IRSA: a ClusterSecretStore that authenticates as a platform store\'s ServiceAccount is denied', () => {
    const { policy } = chart(IRSA);
    const jwt = (name: string, namespace: string) => store('ClusterSecretStore', { auth: { jwt: { serviceAccountRef: { name, namespace } } } });
    expect(admit(policy, jwt('noxus-eso-pool-tenant-acme', 'noxus'), '').allowed).toBe(false);
    expect(admit(policy, jwt('noxus-eso-pool-tenant-acme', 'team-b'), '')).toEqual({ allowed: true });
    expect(admit(policy, jwt('their-sa', 'noxus'), '')).toEqual({ allowed: true });
  });

  test('Vault: a store that logs in to a platform store\'s Vault role is denied', () => {
    const { policy } = chart(WorkloadIdentity.vaultKubernetes(), SecretBackend.vault({ server: 'https://vault.example.com:8200' }));
    const vault = (role: string) => ({
      apiVersion: 'external-secrets.io/v1', kind: 'SecretStore', metadata: { name: 'mine' },
      spec: { provider: { vault: { server: 'https://vault.example.com:8200', auth: { kubernetes: { mountPath: 'kubernetes', role, serviceAccountRef: { name: 'x' } } } } } },
    });
    expect(admit(policy, vault('noxus-eso-pool-tenant-acme'), 'attacker').allowed).toBe(false);
    expect(admit(policy, vault('their-role'), 'attacker')).toEqual({ allowed: true });
  });

  test('an ExternalSecret that reads the platform\'s remote keys is denied; its own keys are admitted', () => {
    const { policy } = chart();
    const es = (spec: object) => ({ apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: { name: 'x' }, spec: { secretStoreRef: { name: 'broad', kind: 'ClusterSecretStore' }, ...spec } });
    const message = 'Only the Noxus platform\'s namespace noxus may read its remote keys (noxus-secrets-cdk pool isolation).';
    expect(admit(policy, es({ data: [{ secretKey: 'K', remoteRef: { key: 'noxus/pools/tenant-acme/OPENAI_API_KEY' } }] }), 'attacker')).toEqual({ allowed: false, message });
    expect(admit(policy, es({ dataFrom: [{ extract: { key: 'noxus/platform/POSTGRESQL_URL' } }] }), 'attacker')).toEqual({ allowed: false, message });
    expect(admit(policy, es({ dataFrom: [{ find: { path: 'noxus/', name: { regexp: '.*' } } }] }), 'attacker')).toEqual({ allowed: false, message });
    expect(admit(policy, es({ dataFrom: [{ find: { path: 'noxus/pools' } }] }), 'attacker')).toEqual({ allowed: false, message });
    expect(admit(policy, es({ data: [{ secretKey: 'K', remoteRef: { key: 'team-b/token' } }], dataFrom: [{ find: { path: 'team-b/' } }] }), 'attacker')).toEqual({ allowed: true });
    // The platform's own namespace reads them.
    expect(admit(policy, es({ data: [{ secretKey: 'K', remoteRef: { key: 'noxus/platform/POSTGRESQL_URL' } }] }), 'noxus').allowed).toBe(true);
  });
});

describe('anywhere', () => {
  test('a store that sets ESO\'s session tags itself is denied, in the platform\'s namespace too', () => {
    const { policy } = chart();
    const forged = store('SecretStore', { role: 'arn:aws:iam::123456789012:role/their-own', sessionTags: [{ key: 'esoNamespace', value: 'noxus' }] });
    for (const ns of ['attacker', 'noxus']) {
      expect(admit(policy, forged, ns)).toEqual({
        allowed: false,
        message: 'A store may not set the session tags esoNamespace, esoStoreName or esoStoreKind itself: ESO sets them (sessionTagsPolicy: Simple), and the Noxus store roles trust only those.',
      });
    }
    expect(admit(policy, store('SecretStore', { sessionTags: [{ key: 'team', value: 'b' }] }), 'attacker')).toEqual({ allowed: true });
  });
});

describe('inside the platform\'s namespace', () => {
  const es = (name: string, spec: object) => ({ apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: { name }, spec });
  const message = 'An env Secret of the Noxus platform may be written only through its own SecretStore (a pool\'s Secret through that pool\'s store).';

  test('a pool\'s env Secret written through another pool\'s store is denied, through its own admitted', () => {
    const { policy } = chart();
    const into = (target: string, storeName: string, kind?: string) =>
      es('x', { secretStoreRef: { name: storeName, ...(kind ? { kind } : {}) }, target: { name: target }, data: [{ secretKey: 'K', remoteRef: { key: 'k' } }] });
    expect(admit(policy, into('app-env-tenant-acme', 'noxus-pool-default'), 'noxus')).toEqual({ allowed: false, message });
    expect(admit(policy, into('app-env-tenant-acme', 'noxus-platform'), 'noxus')).toEqual({ allowed: false, message });
    expect(admit(policy, into('app-env', 'noxus-pool-tenant-acme'), 'noxus')).toEqual({ allowed: false, message });
    expect(admit(policy, into('app-env-tenant-acme', 'noxus-pool-tenant-acme', 'ClusterSecretStore'), 'noxus')).toEqual({ allowed: false, message });
    expect(admit(policy, into('app-env-tenant-acme', 'noxus-pool-tenant-acme'), 'noxus')).toEqual({ allowed: true });
    expect(admit(policy, into('app-env-tenant-acme', 'noxus-pool-tenant-acme', 'SecretStore'), 'noxus')).toEqual({ allowed: true });
    expect(admit(policy, into('some-other-secret', 'noxus-pool-default'), 'noxus')).toEqual({ allowed: true });
  });

  test('the target defaults to the ExternalSecret\'s name; a per-entry store must be the Secret\'s own too; generators are fine', () => {
    const { policy } = chart();
    expect(admit(policy, es('app-env-tenant-acme', { secretStoreRef: { name: 'noxus-pool-default' }, data: [] }), 'noxus')).toEqual({ allowed: false, message });
    const viaEntry = (storeName: string) => es('x', {
      secretStoreRef: { name: 'noxus-pool-tenant-acme' }, target: { name: 'app-env-tenant-acme' },
      data: [{ secretKey: 'K', remoteRef: { key: 'k' }, sourceRef: { storeRef: { name: storeName } } }],
    });
    expect(admit(policy, viaEntry('noxus-pool-default'), 'noxus')).toEqual({ allowed: false, message });
    expect(admit(policy, viaEntry('noxus-pool-tenant-acme'), 'noxus')).toEqual({ allowed: true });
    const fromDataFrom = es('x', {
      secretStoreRef: { name: 'noxus-pool-tenant-acme' }, target: { name: 'app-env-tenant-acme' },
      dataFrom: [{ sourceRef: { storeRef: { name: 'noxus-platform' } }, extract: { key: 'k' } }, { sourceRef: { generatorRef: { kind: 'Password', name: 'p' } } }],
    });
    expect(admit(policy, fromDataFrom, 'noxus')).toEqual({ allowed: false, message });
    const generated = es('x', {
      secretStoreRef: { name: 'noxus-pool-tenant-acme' }, target: { name: 'app-env-tenant-acme' },
      dataFrom: [{ sourceRef: { generatorRef: { apiVersion: 'generators.external-secrets.io/v1alpha1', kind: 'Password', name: 'p' } } }],
    });
    expect(admit(policy, generated, 'noxus')).toEqual({ allowed: true });
  });
});
