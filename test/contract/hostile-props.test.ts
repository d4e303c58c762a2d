import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart } from 'cdk8s';
import { App as TfApp, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import * as ts from 'typescript';
import { NoxusSecretsError, NoxusApp } from '../../lib';

// Every constructor, static factory and function of the public entry points, read from their
// declarations (private, protected and @internal members left out), called as a JavaScript caller
// may: with no props, null, a number, a string, a list, or an object whose every field has a
// wrong type. Each throws the library's error, never a TypeError or RangeError; it may return only
// where every parameter's declared type takes such a value (an optional props, a number of days) or
// for an object of wrong fields (any field may be optional, and a string may be right).
const ENTRIES: Record<string, string> = {
  'noxus-secrets-cdk': 'lib/index.ts',
  'noxus-secrets-cdk/aws': 'lib/terraform/aws/index.ts',
  'noxus-secrets-cdk/gcp': 'lib/terraform/gcp/index.ts',
  'noxus-secrets-cdk/azure': 'lib/terraform/azure/index.ts',
  'noxus-secrets-cdk/vault': 'lib/terraform/vault/index.ts',
  'noxus-secrets-cdk/vm': 'lib/terraform/vm/index.ts',
  'noxus-secrets-cdk/cdk8s-in-terraform': 'lib/terraform/cdk8s/index.ts',
};
const ROOT = path.join(__dirname, '..', '..');

/** A value kind a JavaScript caller may pass, and whether every parameter's type accepts it (then the call may return). */
type Kind = 'undefined' | 'null' | 'number' | 'string' | 'list';
interface Callable { entry: string; name: string; kind: 'construct' | 'class' | 'static' | 'function'; member?: string; arity: number; accepts: Set<Kind> }

function publicApi(): Callable[] {
  const files = Object.values(ENTRIES).map(f => path.join(ROOT, f));
  const program = ts.createProgram(files, { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, skipLibCheck: true, noEmit: true, types: [] });
  const checker = program.getTypeChecker();
  const hidden = (d: ts.Declaration) => (ts.getCombinedModifierFlags(d) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) !== 0
    || ts.getJSDocTags(d).some(t => t.tagName.text === 'internal');
  const kinds: [Kind, ts.Type][] = [['undefined', checker.getUndefinedType()], ['null', checker.getNullType()], ['number', checker.getNumberType()],
    ['string', checker.getStringType()], ['list', (checker as unknown as { createArrayType(t: ts.Type): ts.Type }).createArrayType(checker.getAnyType())]];
  // A construct's scope and id are given right: only its props count.
  const accepts = (params: readonly ts.ParameterDeclaration[]) => new Set(kinds.filter(([, type]) => params.every(p => {
    if (type === checker.getUndefinedType() && (p.questionToken || p.initializer)) return true;
    return checker.isTypeAssignableTo(type, checker.getTypeAtLocation(p));
  })).map(([k]) => k));
  const out: Callable[] = [];
  for (const [entry, file] of Object.entries(ENTRIES)) {
    const module = checker.getSymbolAtLocation(program.getSourceFile(path.join(ROOT, file))!)!;
    for (let symbol of checker.getExportsOfModule(module)) {
      if (symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
      const decl = symbol.valueDeclaration;
      if (!decl || hidden(decl) || symbol.name === 'NoxusSecretsError') continue;
      if (ts.isFunctionDeclaration(decl)) {
        if (decl.parameters.length > 0) out.push({ entry, name: symbol.name, kind: 'function', arity: decl.parameters.length, accepts: accepts(decl.parameters) });
      } else if (ts.isClassDeclaration(decl)) {
        const ctor = decl.members.find(ts.isConstructorDeclaration);
        const abstract = (ts.getCombinedModifierFlags(decl) & ts.ModifierFlags.Abstract) !== 0;
        // A construct's first parameters are its scope and id.
        const isConstruct = ctor !== undefined && ctor.parameters[0]?.name.getText() === 'scope';
        if (!abstract && (ctor === undefined || !hidden(ctor)) && (ctor?.parameters.length ?? 0) > 0) {
          const params = isConstruct ? ctor!.parameters.slice(2) : ctor!.parameters;
          out.push({ entry, name: symbol.name, kind: isConstruct ? 'construct' : 'class', arity: ctor!.parameters.length, accepts: accepts(params) });
        }
        for (const m of decl.members) {
          if (!ts.isMethodDeclaration(m) || !(ts.getCombinedModifierFlags(m) & ts.ModifierFlags.Static) || hidden(m) || m.parameters.length === 0) continue;
          const member = (m.name as ts.Identifier).text;
          if (/^is[A-Z]/.test(member)) continue; // type guards take anything by design
          out.push({ entry, name: symbol.name, kind: 'static', member, arity: m.parameters.length, accepts: accepts(m.parameters) });
        }
      }
    }
  }
  return out;
}

/** An object whose every field (as any code reads it) has the same wrong-typed value. */
const everyField = (value: unknown) => new Proxy({}, {
  get: (_t, key) => (typeof key === 'string' && !['toJSON', 'then', 'constructor', 'toString', 'valueOf'].includes(key) ? value : undefined),
  has: () => true,
});
const HOSTILE: [string, unknown, Kind?][] = [
  ['undefined', undefined, 'undefined'], ['null', null, 'null'], ['a number', 42, 'number'], ['a string', 'x', 'string'], ['a list', [], 'list'],
  // Three cells each: jest takes a test function with more parameters than cells as asking for done().
  ['fields of numbers', everyField(42), undefined], ['fields of strings', everyField('x'), undefined], ['fields of booleans', everyField(true), undefined],
  ['fields of objects', everyField({}), undefined], ['fields of lists', everyField([]), undefined],
];
const OBJECTS_OF_NOTHING = new Set(['undefined', 'null', 'a number', 'a string', 'a list']);

const API = publicApi();
const load = (entry: string) => require(path.join(ROOT, ENTRIES[entry]));

let dir: string;
beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'noxus-hostile-props-')); });
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A fresh scope of the construct's framework: an App for a chart, a Chart for a cdk8s construct, a stack for cdktf. */
function scopeFor(entry: string, C: any): Construct {
  if (entry !== 'noxus-secrets-cdk') return new TerraformStack(new TfApp({ outdir: path.join(dir, 'cdktf.out') }), 's');
  const app = new NoxusApp({ outdir: path.join(dir, 'dist') });
  return C.prototype instanceof Chart ? app : new Chart(app, 'c');
}

test('the walk finds the public API (constructs, classes, factories, functions)', () => {
  const names = API.map(c => `${c.name}${c.member ? `.${c.member}` : ''}`);
  expect(names).toEqual(expect.arrayContaining([
    'NoxusPlatformSecrets', 'ExternalSecretSync', 'StoreAdmissionGuard', 'SecretsBlueprint', 'SecretsContract', 'PlatformSecret.custom',
    'WorkloadIdentity.irsa', 'SecretBackend.vault', 'blastRadius', 'NoxusAwsSecrets', 'NoxusVmFiles', 'Cdk8sManifests', 'GcpReplication.userManaged',
  ]));
  expect(names).not.toContain('WorkloadIdentity.aws');
  expect(names).not.toContain('PlatformSecret._catalog');
});

describe.each(API.map(c => [`${c.entry}: ${c.kind === 'construct' || c.kind === 'class' ? 'new ' : ''}${c.name}${c.member ? `.${c.member}` : ''}`, c] as const))('%s', (_label, c) => {
  test.each(HOSTILE)('with %s: the library\'s error, or a result where the types allow it', (what, value, kind) => {
    const target = load(c.entry)[c.name];
    let scope: Construct | undefined;
    const call = () => {
      switch (c.kind) {
        case 'construct': scope = scopeFor(c.entry, target); return new target(scope, 'x', value);
        case 'class': return new target(...Array(c.arity).fill(value));
        case 'static': return target[c.member!](...Array(c.arity).fill(value));
        default: return target(...Array(c.arity).fill(value));
      }
    };
    let error: unknown;
    try {
      call();
    } catch (e) {
      error = e;
    }
    // Never another error; and where no parameter's type takes a value of this kind, the library's error.
    // Compared as text: jest would print the whole construct tree, or loop on a props proxy.
    const got = error === undefined ? 'no error' : error instanceof NoxusSecretsError ? 'NoxusSecretsError' : `${(error as Error)?.constructor?.name}: ${(error as Error)?.message}`;
    if (error !== undefined || (kind !== undefined && !c.accepts.has(kind))) expect(got).toBe('NoxusSecretsError');
    // Props that are not an object are refused before the construct joins the tree: a later synth writes nothing of it.
    if (c.kind === 'construct' && OBJECTS_OF_NOTHING.has(what)) expect(scope!.node.tryFindChild('x') === undefined ? 'not in the tree' : 'in the tree').toBe('not in the tree');
  });
});

describe('the exact text of each refusal the walk relies on', () => {
  const lib = () => load('noxus-secrets-cdk');
  const k8s = () => new Chart(new NoxusApp({ outdir: path.join(dir, 'dist') }), 'c');
  const tf = () => new TerraformStack(new TfApp({ outdir: path.join(dir, 'cdktf.out') }), 's');
  const bp = () => new (lib().SecretsBlueprint)({ secrets: [lib().PlatformSecret.custom({ name: 'A' })], global: ['A'] });
  test.each<[string, () => unknown, string]>([
    ['ExternalSecretSync store', () => new (lib().ExternalSecretSync)(k8s(), 'es', { targetSecretName: 'app-env', store: 'platform' }),
      '[c/es] ExternalSecretSync "app-env": store "platform" is not a store (an ExternalSecretStore, or ExternalSecretStore.fromStoreName("<name>")). Pass one.'],
    ['ExternalSecretSync data entry', () => new (lib().ExternalSecretSync)(k8s(), 'es', { targetSecretName: 'app-env', store: lib().ExternalSecretStore.fromStoreName('s'), data: [{ secretKey: 'A' }] }),
      '[c/es] ExternalSecretSync "app-env": data[0] {"secretKey":"A"} is not a data entry (secretKey and remoteKey, strings). Pass e.g. { secretKey: \'A\', remoteKey: \'a\' }.'],
    ['ExternalSecretSync dataFrom', () => new (lib().ExternalSecretSync)(k8s(), 'es', { targetSecretName: 'app-env', store: lib().ExternalSecretStore.fromStoreName('s'), dataFrom: [{ extract: { key: 'a' } }] }),
      '[c/es] ExternalSecretSync "app-env": dataFrom[0] {"extract":{"key":"a"}} is not a DataFrom. Use DataFrom.extract({ key }) or DataFrom.find({ ... }).'],
    ['ExternalSecretSync creationPolicy', () => new (lib().ExternalSecretSync)(k8s(), 'es', { targetSecretName: 'app-env', store: lib().ExternalSecretStore.fromStoreName('s'), data: [{ secretKey: 'A', remoteKey: 'a' }], creationPolicy: 'Keep' }),
      '[c/es] ExternalSecretSync "app-env": creationPolicy "Keep" is not a CreationPolicy (Owner, Orphan, Merge, None). Use a CreationPolicy value.'],
    ['DataFrom.extract key', () => lib().DataFrom.extract({ key: 5 }),
      'DataFrom.extract: key 5 names no remote secret. Give the remote secret\'s name, e.g. "noxus/platform/POSTGRESQL_URL".'],
    ['DataFrom.find tags', () => lib().DataFrom.find({ tags: 'team' }),
      'DataFrom.find: tags "team" is not an object. Pass e.g. tags: { team: "noxus" }, or leave it out.'],
    ['ExternalSecretStore.fromStoreName kind', () => lib().ExternalSecretStore.fromStoreName('s', 'Store'),
      'ExternalSecretStore.fromStoreName: store kind "Store" is not an ESO store kind (SecretStore, ClusterSecretStore). Use StoreKind.SECRET_STORE.'],
    ['ExternalSecretStore props', () => new (lib().ExternalSecretStore)(k8s(), 'st', null),
      '[c/st] ExternalSecretStore: props null is not an object. Pass { store: contract.sharedStore }.'],
    ['StoreAdmissionGuard facts', () => new (lib().StoreAdmissionGuard)(k8s(), 'g', { name: 'guard', facts: { namespace: 'noxus', secretStores: [] } }),
      '[c/g] StoreAdmissionGuard: facts.secretStores [] is not an object. Pass e.g. facts.secretStores: {}, or leave it out.'],
    ['StoreAdmissionGuard roleKind', () => new (lib().StoreAdmissionGuard)(k8s(), 'g', { name: 'guard', facts: { namespace: 'noxus', secretStores: {}, roleOwners: {}, serviceAccountOwners: {}, generatedSecrets: {}, roleKind: 'arn' } }),
      '[c/g] StoreAdmissionGuard: facts.roleKind "arn" is not "aws" or "name". Use one of them, or leave it out.'],
    ['AzureKeyVaultProviderClass props', () => new (lib().AzureKeyVaultProviderClass)(k8s(), 'spc', undefined),
      '[c/spc] AzureKeyVaultProviderClass: props are missing. Pass { keyvaultName: \'noxus-prod\', tenantId, clientId, objects: [{ objectName: \'OPENAI-API-KEY\' }] }.'],
    ['EnvSecretSource.externalSecrets esoController', () => lib().EnvSecretSource.externalSecrets({ esoController: 'external-secrets' }),
      'EnvSecretSource.externalSecrets: esoController "external-secrets" is not an object. Pass e.g. esoController: { namespace: "external-secrets" }, or leave it out.'],
    ['EnvSecretSource.unsafePlaintextForLocalDevelopment values', () => lib().EnvSecretSource.unsafePlaintextForLocalDevelopment('hunter2'),
      'EnvSecretSource.unsafePlaintextForLocalDevelopment: values (a string) are not an object. Pass e.g. { global: { POSTGRESQL_URL: "..." }, pools: { finance: { BANK_API_TOKEN: "..." } } }.'],
    ['EnvSecretSource.unsafePlaintextForLocalDevelopment scope', () => lib().EnvSecretSource.unsafePlaintextForLocalDevelopment({ global: ['hunter2'] }),
      'EnvSecretSource.unsafePlaintextForLocalDevelopment: global (a list) is not an object of env names and values. Pass e.g. global: { POSTGRESQL_URL: "..." }, or leave it out.'],
    ['RemoteKeyScheme blueprint', () => new (lib().RemoteKeyScheme)({}, lib().SecretBackend.awsSecretsManager({ region: 'eu-west-1' })),
      'RemoteKeyScheme: blueprint {} is not a SecretsBlueprint. Pass new SecretsBlueprint({ ... }), or let SecretsContract make the scheme.'],
    ['WorkerPoolSecrets props', () => new (lib().WorkerPoolSecrets)(k8s(), 'p', 'finance'),
      '[c/p] WorkerPoolSecrets: props "finance" is not an object. Pass { contract, pool: \'finance\' }.'],
    ['envFileLine value', () => lib().envFileLine('VmBundle', 'REDIS_URL', 5),
      `VmBundle: the value of REDIS_URL is a number, not a string; ${lib().ENV_VALUE_RULE}. Give the value as a string.`],
    ['envValueProblem value', () => lib().envValueProblem(null), 'envValueProblem: the value is a null, not a string. Pass the value as a string.'],
    ['findSecretRefs file', () => lib().findSecretRefs({}, 3), 'findSecretRefs: file 3 is not a string (the name the references are reported under). Pass e.g. "flow.json".'],
    ['checkSecretRefs blueprint', () => lib().checkSecretRefs('bp', 'finance', []), 'checkSecretRefs: blueprint "bp" is not a SecretsBlueprint. Pass the blueprint the pool belongs to.'],
    ['checkSecretRefs documents', () => lib().checkSecretRefs(bp(), 'finance', [{}]),
      'checkSecretRefs: documents [{}] is not a list of { file, document }. Pass e.g. [{ file: "flow.json", document: JSON.parse(text) }].'],
    ['runAudit rules', () => lib().runAudit({}, {}, ['NX1']), 'runAudit: rules ["NX1"] is not a list of audit rules (each with an id and a check). Pass NOXUS_RULES, or leave it out.'],
    ['runAudit acknowledgement reason', () => lib().runAudit({}, { acknowledgements: [{ ruleId: 'NX1', reason: 'ok' }] }),
      'Audit: acknowledgement of NX1 has reason "ok", which does not say why (a reason of at least 10 characters). Say why the finding is acceptable here, e.g. reason: "the migration job reads every secret, reviewed in SEC-123".'],
    ['formatFindings', () => lib().formatFindings('x'), 'formatFindings: findings "x" is not a list. Pass a report\'s errors or warnings, e.g. runAudit(input).errors.'],
    ['GcpReplication.userManaged', () => load('noxus-secrets-cdk/gcp').GcpReplication.userManaged([{ location: 1 }]),
      'GcpReplication.userManaged: replicas[0] {"location":1} is not a replica (a location, a string). Pass e.g. { location: "europe-west1" }.'],
    ['GcpReplication.userManaged list', () => load('noxus-secrets-cdk/gcp').GcpReplication.userManaged('europe-west1'),
      'GcpReplication.userManaged: replicas "europe-west1" is not a list. Pass e.g. [{ location: "europe-west1" }].'],
    ['NoxusVmFiles bundle', () => new (load('noxus-secrets-cdk/vm').NoxusVmFiles)(tf(), 'files', { bundle: {} }),
      '[s/files] NoxusVmFiles: bundle {} is not a VmBundle. Pass bundle: new VmBundle({ ... }).'],
    ['rdsMasterUserSecret db', () => load('noxus-secrets-cdk/aws').rdsMasterUserSecret('db'),
      'rdsMasterUserSecret: db "db" is not an RDS instance or cluster (a DbInstance or RdsCluster of the AWS provider). Pass the resource, e.g. new DbInstance(stack, "db", { manageMasterUserPassword: true, ... }).'],
    ['keysByFolder', () => load('noxus-secrets-cdk/aws').keysByFolder(['noxus/a']),
      'keysByFolder: ["noxus/a"] is not a list of remote key entries. Pass contract.remoteKeyScheme\'s entries.'],
    ['NoxusAwsSecrets audit', () => new (load('noxus-secrets-cdk/aws').NoxusAwsSecrets)(tf(), 'aws', {
      contract: new (lib().SecretsContract)({ blueprint: bp(), backend: lib().SecretBackend.awsSecretsManager({ region: 'eu-west-1' }), identity: lib().WorkloadIdentity.irsa({ accountId: '123456789012' }), namespace: 'noxus' }),
      audit: { enabled: 0 },
    }),
      '[s/aws] audit: enabled 0 is not a boolean (true or false, not a string or number). Pass e.g. enabled: false, or leave it out.'],
  ])('%s', (_what, call, message) => {
    expect(call).toThrow(new NoxusSecretsError(message.replace(/^\[[^\]]*\] /, ''), /^\[([^\]]*)\]/.exec(message)?.[1]));
  });
});
