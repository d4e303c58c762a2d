import { celEnv, celError, parse, plan } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import { App, JsonPatch, Testing } from 'cdk8s';
import { NoxusPlatformSecrets, SecretBackend, SecretsBlueprint, SecretsContract, ValueSource, WorkloadIdentity, NoxusApp } from '../../lib';
import { CEL_EXPRESSION_LIMIT, GuardFacts, guardRules } from '../../lib/k8s/admission-guard';
import * as fc from 'fast-check';
import { admit as admitFull } from '../support/admission';
import { isGeneratedValueRefusal, validModel } from '../property/models';
import { platform } from '../support/fixtures';
import { validateAll } from '../support/schema';

// The guard's CEL is evaluated with @bufbuild/cel (cel-es, which runs the cel-spec conformance
// suite) and its strings extension (lowerAscii, trim, split), which Kubernetes' CEL environment has too.

const toCel = (v: any): any => (Array.isArray(v) ? v.map(toCel) : v !== null && typeof v === 'object' ? new Map(Object.entries(v).map(([k, x]) => [k, toCel(x)])) : v);

// Each expression is parsed and planned once (what `run` does on every call): the policy at 5,000 pools has long ones.
const programs = new Map<string, ReturnType<typeof plan>>();
function run(expression: string, bindings: Record<string, any>): unknown {
  let program = programs.get(expression);
  if (!program) programs.set(expression, program = plan(celEnv({ funcs: strings }), parse(expression)));
  try {
    return program(bindings);
  } catch (e) {
    return celError(e);
  }
}

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

function chart(identity: WorkloadIdentity = POD, backend: SecretBackend = SM, props: object = {}, values: Record<string, ValueSource> = {}) {
  const contract = new SecretsContract({ blueprint: platform(), backend, identity, namespace: 'noxus', values });
  const c = new NoxusPlatformSecrets(new NoxusApp(), 'secrets', { contract, ...props });
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
    expect(policy.spec.matchConstraints.resourceRules[0].resources).toEqual(['secretstores', 'clustersecretstores', 'externalsecrets', 'clusterexternalsecrets', 'pushsecrets', 'clusterpushsecrets']);
    expect(policy.spec.matchConstraints.resourceRules[1]).toMatchObject({ apiGroups: ['generators.external-secrets.io'], operations: ['CREATE', 'UPDATE'] });
    expect(policy.spec.matchConstraints.resourceRules[1].resources).toEqual(expect.arrayContaining(['passwords', 'vaultdynamicsecrets', 'clustergenerators']));
    expect(policy.spec.matchConstraints.resourceRules[1].resources).not.toContain('generatorstates');
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
      const app = new NoxusApp({ outdir: 'unused' });
      const c = new NoxusPlatformSecrets(app, 'secrets', { contract, admissionGuard: false });
      expect(Testing.synth(c).some(m => m.kind === 'ValidatingAdmissionPolicy')).toBe(false);
      app.synthYaml();
    } finally {
      spy.mockRestore();
    }
    expect(warnings.join('')).toContain('NX14 warning ValidatingAdmissionPolicy: admissionGuard is off');
    const noNs = new SecretsContract({ blueprint: platform(), backend: SM, identity: POD });
    expect(() => new NoxusPlatformSecrets(new NoxusApp(), 'secrets', { contract: noNs, admissionGuard: true })).toThrow(
      '[secrets] NoxusPlatformSecrets: admissionGuard is on, but the contract has no namespace, and the guard protects the stores of one namespace.');
  });
});

describe('outside the platform\'s namespace', () => {
  test.each(['SecretStore', 'ClusterSecretStore'])('a %s that names a store role is denied; one with its own role is admitted', kind => {
    const { policy } = chart();
    const ns = kind === 'SecretStore' ? 'attacker' : '';
    expect(admit(policy, store(kind, { role: ROLE }), ns)).toEqual({
      allowed: false, message: 'Outside the Noxus platform\'s namespace noxus, no store or generator may authenticate as a ServiceAccount of that namespace or as a platform store role, ' +
        'on any auth path, nor read its Secrets (noxus-secrets-cdk pool isolation).',
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
    // Every ServiceAccount of the platform's namespace is the platform's: none may be borrowed from outside.
    expect(admit(policy, jwt('their-sa', 'noxus'), '').allowed).toBe(false);
    expect(admit(policy, jwt('their-sa', 'team-b'), '')).toEqual({ allowed: true });
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
    expect(admit(policy, es({ secretStoreRef: { name: 'noxus-platform', kind: 'SecretStore' }, data: [{ secretKey: 'K', remoteRef: { key: 'noxus/platform/POSTGRESQL_URL' } }] }), 'noxus').allowed).toBe(true);
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

  test('the target defaults to the ExternalSecret\'s name; a per-entry store must be the Secret\'s own too; the platform\'s own generators are fine', () => {
    const { policy } = chart(POD, SM, {}, { PLUGIN_SERVER_API_KEY: ValueSource.generated() });
    const own = 'noxus-platform-plugin-server-api-key';
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
      dataFrom: [{ sourceRef: { generatorRef: { apiVersion: 'generators.external-secrets.io/v1alpha1', kind: 'Password', name: own } } }],
    });
    expect(admit(policy, generated, 'noxus')).toEqual({ allowed: true });
    // Another Password would write values of its own choosing into the env Secret.
    const other = { ...generated, spec: { ...generated.spec, dataFrom: [{ sourceRef: { generatorRef: { apiVersion: 'generators.external-secrets.io/v1alpha1', kind: 'Password', name: 'p' } } }] } };
    expect(admit(policy, other, 'noxus').allowed).toBe(false);
  });
});

describe('objects too large to apply', () => {
  // The sizes are of what is rendered, so a JSON patch that pads the policy stands in for thousands of pools.
  const padded = (kib: number) => {
    const { chart: c } = chart();
    c.admissionGuard!.policy.addJsonPatch(JsonPatch.add('/spec/variables/-', { name: 'pad', expression: `"${'x'.repeat(kib * 1024)}"` }));
    const rendered = c.admissionGuard!.policy.toJson();
    return { app: c.node.root as App, kib: Math.round(Buffer.byteLength(JSON.stringify(rendered)) / 1024) };
  };

  test('over etcd\'s 1.5 MiB: the library\'s error, naming the way out, and nothing is written', () => {
    const { app, kib } = padded(1600);
    expect(kib).toBeGreaterThan(1536);
    expect(() => app.synthYaml()).toThrow(`NoxusPlatformSecrets: ValidatingAdmissionPolicy "noxus-noxus-store-guard" is ${kib} KiB, over the 1.5 MiB that etcd stores by default, ` +
      'so the API server would refuse it; nothing was written. The admission guard names every store; split the pools across contracts in namespaces of their own, ' +
      'or turn admissionGuard off where another policy engine guards the stores.');
  });

  test('over 256 KiB: a warning that client-side kubectl apply cannot take it; under, none', () => {
    const warnings: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((s: any) => { warnings.push(String(s)); return true; });
    const over = padded(300);
    const under = padded(200);
    try {
      over.app.synthYaml();
      under.app.synthYaml();
    } finally {
      spy.mockRestore();
    }
    const size = warnings.filter(w => w.includes('client-side `kubectl apply`'));
    expect(size).toHaveLength(1);
    expect(size[0]).toContain(`ValidatingAdmissionPolicy "noxus-noxus-store-guard" is ${over.kib} KiB: client-side \`kubectl apply\` copies an object into an annotation, ` +
      'and annotations are limited to 256 KiB; apply it with `kubectl apply --server-side` (or create/replace it).');
  });
});

describe('at scale', () => {
  // Kubernetes compiles each expression of a policy when it is written, and cel-go refuses one
  // over 100,000 code points; @bufbuild/cel has no such limit, so it is asserted here. With IRSA
  // role ARNs of ~60 characters, one list literal passes that at ~1,600 pools.
  const POOLS = 5000;
  const pools = Array.from({ length: POOLS }, (_, i) => `pool-${String(i).padStart(4, '0')}`);
  const roleOf = (id: string) => `arn:aws:iam::123456789012:role/noxus-eso-${id}`;
  const arns = ['platform', ...pools.map(p => `pool-${p}`)].map(roleOf);
  const ids = ['platform', ...pools.map(p => `pool-${p}`)];
  const storeOf = (id: string) => `noxus-${id}`;
  const facts: GuardFacts = {
    namespace: 'noxus',
    secretStores: Object.fromEntries([['app-env', 'noxus-platform'], ...pools.map(p => [`app-env-${p}`, `noxus-pool-${p}`])]),
    roleOwners: Object.fromEntries(ids.map(id => [`noxus-eso-${id}`, storeOf(id)])),
    roleKind: 'aws',
    serviceAccountOwners: Object.fromEntries(ids.map(id => [`noxus-eso-${id}`, storeOf(id)])),
    generatedSecrets: {},
    keyPrefixes: ['noxus/platform/', 'noxus/pools/', 'noxus/workers/'],
    aws: true,
  };
  const policy = { spec: guardRules(facts) };

  test('every expression fits in what Kubernetes compiles; the lists and the Secret owners are split into parts that do', () => {
    for (const e of [...policy.spec.variables, ...policy.spec.validations]) expect(e.expression.length).toBeLessThanOrEqual(CEL_EXPRESSION_LIMIT);
    const names = policy.spec.variables.map(v => v.name);
    expect(names).toEqual(expect.arrayContaining(['roleOwners_0', 'roleOwners_1', 'serviceAccountOwners_0', 'serviceAccountOwners_1', 'secretStores_0', 'secretStores_1', 'target', 'targetStore']));
    // Each part is read: the owner lookups read every map.
    for (const prefix of ['secretStores', 'roleOwners', 'serviceAccountOwners']) {
      const maps = names.filter(n => new RegExp(`^${prefix}_\\d+$`).test(n));
      expect(maps.length).toBeGreaterThan(1);
      const all = [...policy.spec.variables, ...policy.spec.validations].map(e => e.expression).join('\n');
      for (const m of maps) expect(all).toContain(`variables.${m}[`);
    }
    // Below the limit, one literal each, as before.
    expect(guardRules({ ...facts, secretStores: { 'app-env': 'noxus-platform' }, roleOwners: {}, serviceAccountOwners: { 'noxus-eso-platform': 'noxus-platform' } }).variables.map(v => v.name))
      .toEqual(['platformKeyPrefixes', 'secretStores', 'serviceAccountOwners', 'roleOwners', 'generatedSecrets', 'platformGenerators', 'target', 'targetStore', 'serviceAccountRefs', 'roles', 'serviceAccountOwnersOfObject', 'roleOwnersOfObject', 'templateSecrets']);
  });

  test('split, it decides as one list would: the first and the last pool\'s roles and Secrets are guarded', () => {
    const storeNaming = (role: string) => ({ apiVersion: 'external-secrets.io/v1', kind: 'SecretStore', metadata: { name: 'mine' }, spec: { provider: { aws: { service: 'SecretsManager', role } } } });
    for (const role of [arns[0], arns[1], arns[arns.length - 1]]) expect([role, admit(policy, storeNaming(role), 'attacker').allowed]).toEqual([role, false]);
    expect(admit(policy, storeNaming(roleOf('their-own')), 'attacker')).toEqual({ allowed: true });
    const jwt = { apiVersion: 'external-secrets.io/v1', kind: 'ClusterSecretStore', metadata: { name: 'c' }, spec: { provider: { aws: { service: 'SecretsManager', auth: { jwt: { serviceAccountRef: { name: 'noxus-eso-pool-pool-4999', namespace: 'noxus' } } } } } } };
    expect(admit(policy, jwt, '').allowed).toBe(false);
    const into = (target: string, storeName: string) => ({ apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: { name: 'x' }, spec: { secretStoreRef: { name: storeName }, target: { name: target }, data: [] } });
    for (const p of [pools[0], pools[POOLS - 1]]) {
      expect(admit(policy, into(`app-env-${p}`, `noxus-pool-${p}`), 'noxus')).toEqual({ allowed: true });
      expect(admit(policy, into(`app-env-${p}`, 'noxus-pool-pool-2500'), 'noxus').allowed).toBe(false);
    }
    expect(admit(policy, into('app-env', 'noxus-platform'), 'noxus')).toEqual({ allowed: true });
    expect(admit(policy, into('app-env', 'noxus-pool-pool-4999'), 'noxus').allowed).toBe(false);
    expect(admit(policy, into('unrelated', 'noxus-pool-pool-4999'), 'noxus')).toEqual({ allowed: true });
  });
});

describe('isolation over random models', () => {
  // Any valid model, with generated values: the chart's own objects are admitted on CREATE and UPDATE, and no
  // pool's store may be re-pointed at another pool's identity (its ServiceAccount with IRSA, its role with Pod Identity).
  test.each([['IRSA', IRSA], ['Pod Identity', POD]] as const)('%s: the chart admits itself; no pool borrows another\'s identity', (_name, identity) => {
    fc.assert(fc.property(validModel, fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }), (props, generate) => {
      const values = Object.fromEntries(props.secrets.filter((s, i) => generate[i] && props.global!.includes(s.name) && !props.workerOnly!.includes(s.name) &&
        !(props.pools ?? []).some(p => p.secrets?.includes(s.name))).map(s => [s.name, ValueSource.generated()]));
      const contract = new SecretsContract({ blueprint: new SecretsBlueprint(props), backend: SM, identity, namespace: 'noxus', values });
      let manifests: any[];
      try {
        manifests = Testing.synth(new NoxusPlatformSecrets(new NoxusApp(), 'secrets', { contract }));
      } catch (e) {
        // A model the library refuses by design, naming why (isGeneratedValueRefusal); anything else fails here.
        if (!isGeneratedValueRefusal(e)) throw e;
        return;
      }
      const policy = manifests.find(m => m.kind === 'ValidatingAdmissionPolicy');
      for (const m of manifests.filter(x => x.apiVersion.startsWith('external-secrets.io/') || x.apiVersion.startsWith('generators.external-secrets.io/'))) {
        expect([m.metadata.name, admitFull(policy, m, 'noxus')]).toEqual([m.metadata.name, { allowed: true }]);
        expect([m.metadata.name, admitFull(policy, m, 'noxus', 'UPDATE', m)]).toEqual([m.metadata.name, { allowed: true }]);
      }
      const stores = manifests.filter(m => m.kind === 'SecretStore');
      for (const a of stores) {
        for (const b of stores) {
          if (a === b) continue;
          const borrowed = { ...a, spec: b.spec };
          expect([a.metadata.name, b.metadata.name, admitFull(policy, borrowed, 'noxus', 'UPDATE', a).allowed]).toEqual([a.metadata.name, b.metadata.name, false]);
        }
      }
    }), { numRuns: 25 });
  });
});
