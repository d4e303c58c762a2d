import { Chart, Testing } from 'cdk8s';
import { CreationPolicy, DataFrom, DeletionPolicy, ExternalSecretStore, ExternalSecretSync, ExternalSecretSyncProps, NoxusPlatformSecrets, NoxusSecretsError, SecretBackend, SecretsContract, StoreKind, WorkloadIdentity, NoxusApp } from '../../lib';
import { platform } from '../support/fixtures';
import { validateAll } from '../support/schema';

const STORE = ExternalSecretStore.fromStoreName('noxus-platform');
const SM = SecretBackend.awsSecretsManager({ region: 'eu-west-1' });
const IRSA = WorkloadIdentity.irsa({ accountId: '123456789012' });

function synth(props: Partial<ExternalSecretSyncProps> = {}): any {
  const chart = new Chart(new NoxusApp(), 'c', { namespace: 'noxus' });
  new ExternalSecretSync(chart, 'es', { store: STORE, targetSecretName: 'app-env', data: [{ secretKey: 'REDIS_URL', remoteKey: 'noxus/platform/REDIS_URL' }], ...props });
  const manifests = Testing.synth(chart);
  validateAll(manifests);
  return manifests[0];
}

test('defaults: refresh 1h, Owner, Retain, named after the target', () => {
  const es = synth();
  expect(es.apiVersion).toBe('external-secrets.io/v1');
  expect(es.metadata).toEqual({ name: 'app-env', namespace: 'noxus' });
  expect(es.spec).toEqual({
    refreshInterval: '1h',
    secretStoreRef: { name: 'noxus-platform', kind: 'SecretStore' },
    target: { name: 'app-env', creationPolicy: 'Owner', deletionPolicy: 'Retain' },
    data: [{ secretKey: 'REDIS_URL', remoteRef: { key: 'noxus/platform/REDIS_URL' } }],
  });
});

test('policies, property, version and a second store per entry', () => {
  const es = synth({
    name: 'app-env-sync', refreshInterval: '15m', creationPolicy: CreationPolicy.MERGE, deletionPolicy: DeletionPolicy.DELETE,
    data: [
      { secretKey: 'A', remoteKey: 'a', property: 'value', version: 'v3' },
      { secretKey: 'B', remoteKey: 'b', store: ExternalSecretStore.fromStoreName('other', StoreKind.CLUSTER_SECRET_STORE) },
    ],
  });
  expect(es.metadata.name).toBe('app-env-sync');
  expect(es.spec.refreshInterval).toBe('15m');
  expect(es.spec.target).toMatchObject({ creationPolicy: 'Merge', deletionPolicy: 'Delete' });
  expect(es.spec.data).toEqual([
    { secretKey: 'A', remoteRef: { key: 'a', property: 'value', version: 'v3' } },
    { secretKey: 'B', remoteRef: { key: 'b' }, sourceRef: { storeRef: { name: 'other', kind: 'ClusterSecretStore' } } },
  ]);
});

test('dataFrom extract and find', () => {
  const es = synth({
    data: [],
    dataFrom: [DataFrom.extract({ key: 'noxus/bundle', version: 'AWSCURRENT' }), DataFrom.find({ nameRegexp: '^noxus-', tags: { team: 'ai' } })],
  });
  expect(es.spec.data).toBeUndefined();
  expect(es.spec.dataFrom).toEqual([
    { extract: { key: 'noxus/bundle', version: 'AWSCURRENT' } },
    { find: { name: { regexp: '^noxus-' }, tags: { team: 'ai' } } },
  ]);
  expect(DataFrom.find({ path: 'noxus/' }).isFind).toBe(true);
  expect(DataFrom.extract({ key: 'k' }).isFind).toBe(false);
});

test('a template sets type, metadata and data', () => {
  const es = synth({ template: { labels: { app: 'noxus' }, annotations: { a: 'b' }, data: { DSN: 'postgres://{{ .user }}@db' } } });
  expect(es.spec.target.template).toEqual({
    type: 'Opaque', metadata: { labels: { app: 'noxus' }, annotations: { a: 'b' } }, data: { DSN: 'postgres://{{ .user }}@db' },
  });
});

test.each(['0', '1h30m', '90s', '1.5h', '250ms'])('refreshInterval %s is a Go duration', interval => {
  expect(synth({ refreshInterval: interval }).spec.refreshInterval).toBe(interval);
});

test.each(['5 minutes', '1d', 'h', ''])('refreshInterval %j is an error', interval => {
  expect(() => synth({ refreshInterval: interval })).toThrow(
    `[c/es] ExternalSecretSync "app-env": refreshInterval ${JSON.stringify(interval)} is not a Go duration ` +
    '(a number and unit, repeated: h, m, s, ms; "0" turns refresh off). Use e.g. "1h" or "15m".');
});

test('two ExternalSecrets writing one target fail the synth, with both paths', () => {
  const app = new NoxusApp();
  const chart = new Chart(app, 'c', { namespace: 'noxus' });
  new ExternalSecretSync(chart, 'a', { store: STORE, targetSecretName: 'app-env', data: [{ secretKey: 'A', remoteKey: 'a' }] });
  new ExternalSecretSync(chart, 'b', { store: STORE, targetSecretName: 'app-env', name: 'other', data: [{ secretKey: 'B', remoteKey: 'b' }] });
  // Checked once for the app, by the app's checks at its root: the error says it once.
  expect(() => app.synthYaml()).toThrow(new NoxusSecretsError(
    'ExternalSecretSync "app-env": c/a and c/b both write the Secret "app-env" in namespace "noxus"; two ExternalSecrets on one target overwrite each other. ' +
    'Gather the keys in one ExternalSecret (per-entry store for a second store), or use another target name.', 'NoxusSecretsAppChecks'));
  expect(() => app.synthYaml()).toThrow(NoxusSecretsError);
});

test('a sync of your own beside the Noxus chart cannot write a pool\'s Secret', () => {
  const app = new NoxusApp();
  const contract = new SecretsContract({ blueprint: platform(), backend: SM, identity: IRSA, namespace: 'noxus' });
  new NoxusPlatformSecrets(app, 'secrets', { contract });
  new ExternalSecretSync(new Chart(app, 'mine', { namespace: 'noxus' }), 'es', { store: STORE, targetSecretName: 'app-env-tenant-acme', data: [{ secretKey: 'X', remoteKey: 'x' }] });
  expect(() => app.synthYaml()).toThrow('secrets/Pool-tenant-acme/Resource and mine/es both write the Secret "app-env-tenant-acme" in namespace "noxus"');
});

test('two Noxus charts in one namespace that derive one object name fail the synth, naming both; with other environments they synthesize', () => {
  const app = new NoxusApp();
  const contract = (environment?: string) => new SecretsContract({ blueprint: platform(), backend: SM, identity: IRSA, namespace: 'noxus', environment });
  // Other env Secret names, so no two ExternalSecrets write one Secret; the stores, their ServiceAccounts and the guard are still named alike.
  new NoxusPlatformSecrets(app, 'blue', { contract: contract(), sharedSecretName: 'blue-env', poolSecretNames: { default: 'blue-default', 'tenant-acme': 'blue-acme' } });
  new NoxusPlatformSecrets(app, 'green', { contract: contract(), sharedSecretName: 'green-env', poolSecretNames: { default: 'green-default', 'tenant-acme': 'green-acme' } });
  expect(() => app.synthYaml()).toThrow('NoxusPlatformSecrets: blue/Shared/Store/Resource and green/Shared/Store/Resource are both SecretStore "noxus-platform" in namespace "noxus"; ' +
    'Kubernetes keeps one of them. Two contracts in one namespace need different environments (their derived names start with noxus-<environment>), or namespaces of their own.');
  expect(() => app.synthYaml()).toThrow('are both ValidatingAdmissionPolicy "noxus-noxus-store-guard"');
  // Each renders the namespace: one of them must leave it to the other.
  expect(() => app.synthYaml()).toThrow('NoxusPlatformSecrets: blue/Namespace and green/Namespace are both Namespace "noxus"; Kubernetes keeps one of them. ' +
    'Set createNamespace: false on all but one of the charts of that namespace.');
  const fixed = new NoxusApp();
  new NoxusPlatformSecrets(fixed, 'blue', { contract: contract('blue'), sharedSecretName: 'blue-env', poolSecretNames: { default: 'blue-default', 'tenant-acme': 'blue-acme' } });
  new NoxusPlatformSecrets(fixed, 'green', {
    contract: contract('green'), sharedSecretName: 'green-env', poolSecretNames: { default: 'green-default', 'tenant-acme': 'green-acme' }, createNamespace: false,
  });
  expect(() => fixed.synthYaml()).not.toThrow();
});

test('contractStore syncs every key of a store from the contract\'s remote keys', () => {
  const contract = new SecretsContract({ blueprint: platform(), backend: SM, identity: IRSA, namespace: 'noxus' });
  const chart = new Chart(new NoxusApp(), 'c', { namespace: 'noxus' });
  const es = new ExternalSecretSync(chart, 'es', { store: STORE, contractStore: contract.poolStore('tenant-acme'), targetSecretName: 'acme-copy' });
  expect(es.resource.toJson().spec.data).toEqual([{ secretKey: 'OPENAI_API_KEY', remoteRef: { key: 'noxus/pools/tenant-acme/OPENAI_API_KEY' } }]);
  expect(() => new ExternalSecretSync(chart, 'bad', { store: STORE, contractStore: new SecretsContract({ blueprint: platform() }).poolStore('default'), targetSecretName: 'x' })).toThrow(
    '[c/bad] ExternalSecretSync "x": contractStore "pool-default" belongs to a contract without a backend, so it has no remote keys. Give the SecretsContract a backend and identity.');
});

test('one target name in two namespaces is fine', () => {
  const app = new NoxusApp();
  new ExternalSecretSync(new Chart(app, 'a', { namespace: 'a' }), 'es', { store: STORE, targetSecretName: 'app-env', data: [{ secretKey: 'A', remoteKey: 'a' }] });
  expect(() => new ExternalSecretSync(new Chart(app, 'b', { namespace: 'b' }), 'es', { store: STORE, targetSecretName: 'app-env', data: [{ secretKey: 'A', remoteKey: 'a' }] })).not.toThrow();
});

test('no data at all is an error', () => {
  expect(() => synth({ data: [] })).toThrow(
    '[c/es] ExternalSecretSync "app-env": no data and no dataFrom, so the target Secret would be empty. Add data entries or a DataFrom.');
});

test('a key twice, a bad key, an empty remote key are errors', () => {
  expect(() => synth({ data: [{ secretKey: 'A', remoteKey: 'a' }, { secretKey: 'A', remoteKey: 'b' }] })).toThrow(
    '[c/es] ExternalSecretSync "app-env": secretKey "A" appears twice (the second would overwrite the first). Remove one.');
  expect(() => synth({ data: [{ secretKey: 'A B', remoteKey: 'a' }] })).toThrow(
    '[c/es] ExternalSecretSync "app-env": secretKey "A B" is not a Secret key (1-253 of A-Z a-z 0-9 - _ ., not \'.\' and not starting with \'..\'). Use the env var name.');
  expect(() => synth({ data: [{ secretKey: 'A', remoteKey: '' }] })).toThrow(
    '[c/es] ExternalSecretSync "app-env": secretKey "A" has an empty remoteKey. Name the remote secret.');
});

test('an unbounded find is an error', () => {
  expect(() => DataFrom.find({})).toThrow(
    'DataFrom.find: no nameRegexp, path or tags, so it would sync every secret the store can list. Narrow it with at least one of them.');
});

test.each([
  [{ labels: { 'bad key!': 'x' } }, 'template label key "bad key!" is not one ESO can write (a Kubernetes qualified name: [prefix/]name, name 1-63 of A-Z a-z 0-9 - _ .). Rename it.'],
  [{ labels: { team: 'a b' } }, 'template label "team" value "a b" is not one ESO can write (up to 63 of A-Z a-z 0-9 - _ ., alphanumeric at both ends). Rename it.'],
  [{ annotations: { '/x': 'y' } }, 'template annotation key "/x" is not one ESO can write'],
  [{ data: { 'a b': '{{ .x }}' } }, 'template data key "a b" is not one ESO can write (a Secret key: 1-253 of A-Z a-z 0-9 - _ ., not \'.\' and not starting with \'..\'). Rename it.'],
  [{ engineVersion: 'v1' }, 'template engineVersion "v1" is not one ESO\'s external-secrets.io/v1 ExternalSecret takes (its CRD allows "v2" only). Use "v2", or leave it out.'],
])('a template ESO cannot write is an error %#', (template, message) => {
  expect(() => synth({ template })).toThrow(`[c/es] ExternalSecretSync "app-env": ${message}`);
});

test('a find regexp that does not compile, a secretKey over 253 characters', () => {
  expect(() => DataFrom.find({ nameRegexp: 'noxus/(' })).toThrow('DataFrom.find: nameRegexp "noxus/(" does not compile');
  expect(() => synth({ data: [{ secretKey: 'A'.repeat(254), remoteKey: 'x' }] })).toThrow('is not a Secret key (1-253 of A-Z a-z 0-9 - _ ., not \'.\' and not starting with \'..\')');
});
