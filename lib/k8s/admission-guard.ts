import { ApiObject, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import {
  AwsIamIdentity, AzureWorkloadIdentity, CLOUD_LIMITS, GkeWorkloadIdentity, NoxusSecretsError, RemoteKeyLayout, SecretsContract, Store, ValueOrigin, VaultKubernetesIdentity, WorkloadIdentity, assertDnsLabel, assertDnsSubdomain, assertKind, assertProps,
  childPath, isUnresolvedToken,
} from '../core';
import { generatedSecretName, generatorName } from './external-secret-sync';
import { KubeValidatingAdmissionPolicy, KubeValidatingAdmissionPolicyBinding } from './imports/k8s';

/** What the guard protects, by name: computed from the contract and the chart. */
export interface GuardFacts {
  /** The platform's namespace. */
  readonly namespace: string;
  /** Each env Secret of the platform and the one SecretStore that may write it. */
  readonly secretStores: Record<string, string>;
  /**
   * The platform's cloud roles as the guard compares them, each with the store that owns it: AWS
   * role names (an ARN's last path segment: IAM names a role once per account, whatever its path
   * and case) or Vault role names, lower case.
   */
  readonly roleOwners: Record<string, string>;
  /**
   * Whether the roles are AWS IAM roles (compared by an ARN's last segment) or names compared whole: Vault roles,
   * GCP service account emails, Azure managed identity client IDs.
   * @default - no roles
   */
  readonly roleKind?: 'aws' | 'name';
  /** The platform's store ServiceAccounts, each with the store that authenticates as it. */
  readonly serviceAccountOwners: Record<string, string>;
  /** The Secrets that hold generated values, each with the one env Secret whose ExternalSecret may read it. */
  readonly generatedSecrets: Record<string, string>;
  /**
   * The platform's Password generators: the only generators of its namespace.
   * @default - none
   */
  readonly generators?: string[];
  /** The starts of every remote key of the platform, and the keys set by override, in lower case. */
  readonly keyPrefixes: string[];
  /**
   * The folder of the library's keys ('noxus/'), in lower case: a `find` whose name pattern names it is refused.
   * @default - none
   */
  readonly keyRoot?: string;
  /** Whether the backend is AWS (forged ESO session tags are refused). */
  readonly aws: boolean;
}

/** One validation of the policy: a CEL expression and the message of a denial. */
export interface GuardValidation {
  readonly expression: string;
  readonly message: string;
}

const STORE_KINDS = "['SecretStore', 'ClusterSecretStore']";
/** The session tag keys ESO sets with sessionTagsPolicy: Simple; a store must not set them itself. */
const ESO_SESSION_TAG_KEYS = ['esoNamespace', 'esoStoreName', 'esoStoreKind'];

/** A CEL string literal: JSON's escapes are CEL's for the names used here (checked). */
export function celString(s: string): string {
  if (!/^[\x20-\x7e]*$/.test(s)) throw new NoxusSecretsError(`admission guard: ${JSON.stringify(s)} is not printable ASCII and cannot be written into CEL safely.`);
  return JSON.stringify(s);
}

function celList(values: string[]): string {
  return `[${values.map(celString).join(', ')}]`;
}

/**
 * The longest expression Kubernetes compiles: cel-go's parser refuses more than 100,000 code
 * points (parser.go, expressionSizeCodePointLimit), and the API server's CEL environment keeps
 * that default (apiserver/pkg/cel/environment/base.go sets no ParserExpressionSizeLimit). It
 * compiles a policy's expressions when the policy is written, so a longer one fails the apply.
 * The guard's names are printable ASCII: one code point per character.
 */
export const CEL_EXPRESSION_LIMIT = CLOUD_LIMITS.celExpression.value;

/** A variable of the policy: a name and its CEL expression. */
export interface GuardVariable {
  readonly name: string;
  readonly expression: string;
}

/**
 * The variables that hold `items` (CEL list or map entries) as `name`: one literal when it fits in
 * CEL_EXPRESSION_LIMIT, else literals `name_0`, `name_1`, ... that each fit, which `combine`
 * joins into `name` (the lists concatenated; the maps are looked up in turn, as CEL has no map union).
 */
function chunked(name: string, items: string[], open: string, close: string, combine?: (parts: string[]) => string): GuardVariable[] {
  const whole = `${open}${items.join(', ')}${close}`;
  if (whole.length <= CEL_EXPRESSION_LIMIT) return [{ name, expression: whole }];
  const chunks: string[][] = [[]];
  let length = open.length + close.length;
  for (const item of items) {
    const last = chunks[chunks.length - 1];
    const added = last.length > 0 ? item.length + 2 : item.length;
    if (last.length > 0 && length + added > CEL_EXPRESSION_LIMIT) {
      chunks.push([item]);
      length = open.length + close.length + item.length;
    } else {
      last.push(item);
      length += added;
    }
  }
  const parts = chunks.map((_, i) => `variables.${name}_${i}`);
  return [
    ...chunks.map((c, i) => ({ name: `${name}_${i}`, expression: `${open}${c.join(', ')}${close}` })),
    ...(combine ? [{ name, expression: combine(parts) }] : []),
  ];
}

/** `has(a.b) && has(a.b.c) ...`: true only where every step of the path is set. */
function present(root: string, path: string[]): string {
  const steps: string[] = [];
  for (let i = 1; i <= path.length; i++) steps.push(`has(${[root, ...path.slice(0, i)].join('.')})`);
  return steps.join(' && ');
}

/**
 * Where ESO takes a ServiceAccount to authenticate as, read from its providers and generators
 * (external-secrets 2.9): the token it mints for that ServiceAccount is the identity. Paths from
 * the object's root. A cluster-scoped object may name any namespace; a reference without one
 * means the namespace of the ExternalSecret that uses the store.
 */
const VAULT_SERVICE_ACCOUNTS = [
  ['auth', 'kubernetes', 'serviceAccountRef'], // providers/v1/vault/auth_kubernetes.go
  ['auth', 'jwt', 'kubernetesServiceAccountToken', 'serviceAccountRef'], // auth_jwt.go: posts {role, jwt} to auth/<path>/login
  ['auth', 'iam', 'jwt', 'serviceAccountRef'], // auth_iam.go: the IRSA token of that ServiceAccount
  ['auth', 'gcp', 'workloadIdentity', 'serviceAccountRef'], // auth_gcp.go: GKE workload identity of that ServiceAccount
];
/** Where ESO takes a Vault role name (the role it logs in as), and the AWS role Vault's iam auth assumes. */
const VAULT_ROLES = [
  ['auth', 'kubernetes', 'role'], ['auth', 'jwt', 'role'], ['auth', 'iam', 'vaultRole'], ['auth', 'iam', 'role'], ['auth', 'gcp', 'role'], ['auth', 'cert', 'vaultRole'],
];
const STORE_SERVICE_ACCOUNTS = [
  ...VAULT_SERVICE_ACCOUNTS.map(p => ['spec', 'provider', 'vault', ...p]),
  ['spec', 'provider', 'aws', 'auth', 'jwt', 'serviceAccountRef'],
  ['spec', 'provider', 'gcpsm', 'auth', 'workloadIdentity', 'serviceAccountRef'],
  ['spec', 'provider', 'gcpsm', 'auth', 'workloadIdentityFederation', 'serviceAccountRef'],
  ['spec', 'provider', 'azurekv', 'serviceAccountRef'],
  ['spec', 'provider', 'kubernetes', 'auth', 'serviceAccount'],
  ['spec', 'provider', 'conjur', 'auth', 'jwt', 'serviceAccountRef'],
  ['spec', 'provider', 'akeyless', 'authSecretRef', 'kubernetesAuth', 'serviceAccountRef'],
];
const STORE_ROLES = [
  ...VAULT_ROLES.map(p => ['spec', 'provider', 'vault', ...p]), ['spec', 'provider', 'aws', 'role'],
  ['spec', 'provider', 'gcpsm', 'auth', 'workloadIdentityFederation', 'gcpServiceAccountEmail'], // gcp/secretmanager/workload_identity_federation.go
  ['spec', 'provider', 'azurekv', 'identityId'], // azure/keyvault: a managed identity by client ID
];
const STORE_ROLE_LISTS = [['spec', 'provider', 'aws', 'additionalRoles']];
/** The generators that authenticate, by kind, relative to their spec (apis/generators/v1alpha1), with the key a ClusterGenerator wraps it in (types_cluster.go). */
const GENERATOR_SPEC_KEYS: Record<string, string> = {
  VaultDynamicSecret: 'vaultDynamicSecretSpec', ECRAuthorizationToken: 'ecrAuthorizationTokenSpec', STSSessionToken: 'stsSessionTokenSpec',
  GCRAccessToken: 'gcrAccessTokenSpec', ACRAccessToken: 'acrAccessTokenSpec', QuayAccessToken: 'quayAccessTokenSpec', CloudsmithAccessToken: 'cloudsmithAccessTokenSpec',
};
const GENERATOR_IDENTITIES: Record<string, { serviceAccounts: string[][]; roles: string[][] }> = {
  VaultDynamicSecret: { serviceAccounts: VAULT_SERVICE_ACCOUNTS.map(p => ['provider', ...p]), roles: VAULT_ROLES.map(p => ['provider', ...p]) },
  ECRAuthorizationToken: { serviceAccounts: [['auth', 'jwt', 'serviceAccountRef']], roles: [['role']] },
  STSSessionToken: { serviceAccounts: [['auth', 'jwt', 'serviceAccountRef']], roles: [['role']] },
  GCRAccessToken: { serviceAccounts: [['auth', 'workloadIdentity', 'serviceAccountRef'], ['auth', 'workloadIdentityFederation', 'serviceAccountRef']], roles: [] },
  ACRAccessToken: { serviceAccounts: [['auth', 'workloadIdentity', 'serviceAccountRef']], roles: [] },
  QuayAccessToken: { serviceAccounts: [['serviceAccountRef']], roles: [] },
  CloudsmithAccessToken: { serviceAccounts: [['serviceAccountRef']], roles: [] },
};
/** Every generator resource of ESO (config/crds/bases), but GeneratorState, which the controller writes. */
export const GENERATOR_RESOURCES = [
  'acraccesstokens', 'beyondtrustworkloadcredentialsdynamicsecrets', 'cloudsmithaccesstokens', 'clustergenerators', 'ecrauthorizationtokens', 'fakes',
  'gcraccesstokens', 'githubaccesstokens', 'gitlabdeploytokens', 'grafanas', 'mfas', 'passwords', 'quayaccesstokens', 'sshkeys', 'stssessiontokens', 'uuids',
  'vaultdynamicsecrets', 'webhooks',
];

/** Every place of an object kind's identity: ServiceAccount references, single roles and role lists. */
function identityPaths(): { kind: string; serviceAccounts: string[][]; roles: string[][]; roleLists: string[][] }[] {
  const generators = Object.entries(GENERATOR_IDENTITIES);
  const wrapped = (kind: string, p: string[]) => ['spec', 'generator', GENERATOR_SPEC_KEYS[kind], ...p];
  return [
    { kind: 'SecretStore', serviceAccounts: STORE_SERVICE_ACCOUNTS, roles: STORE_ROLES, roleLists: STORE_ROLE_LISTS },
    { kind: 'ClusterSecretStore', serviceAccounts: STORE_SERVICE_ACCOUNTS, roles: STORE_ROLES, roleLists: STORE_ROLE_LISTS },
    ...generators.map(([kind, g]) => ({ kind, serviceAccounts: g.serviceAccounts.map(p => ['spec', ...p]), roles: g.roles.map(p => ['spec', ...p]), roleLists: [] })),
    {
      kind: 'ClusterGenerator',
      serviceAccounts: generators.flatMap(([kind, g]) => g.serviceAccounts.map(p => wrapped(kind, p))),
      roles: generators.flatMap(([kind, g]) => g.roles.map(p => wrapped(kind, p))),
      roleLists: [],
    },
  ];
}

/**
 * Whether the JSON value `x` holds, at most `depth` levels down, a map whose `namespace` is `ns`: each level
 * lists a map's values or a list's items (`x.map(k, x[k])`), so the expression grows by one level's text.
 */
function namesNamespace(x: string, ns: string, depth: number): string {
  if (depth === 0) return 'false';
  const c = `c${depth}`;
  return `((type(${x}) == map && 'namespace' in ${x} && ${x}['namespace'] == ${ns}) || ` +
    `(type(${x}) == map ? ${x}.map(k${depth}, ${x}[k${depth}]) : type(${x}) == list ? ${x} : []).exists(${c}, ${namesNamespace(c, ns, depth - 1)}))`;
}

/**
 * The policy's variables (lists and maps built once per request) and validations. Each
 * expression is CEL with the strings extension (lowerAscii, trim, split), which Kubernetes'
 * CEL environment includes; the tests run it with cel-es and that extension.
 */
export function guardRules(f: GuardFacts): { variables: GuardVariable[]; validations: GuardValidation[] } {
  const ns = celString(f.namespace);
  const list = (name: string, values: string[]) => chunked(name, [...new Set(values)].sort().map(celString), '[', ']', parts => parts.join(' + '));
  const map = (name: string, entries: Record<string, string>) =>
    chunked(name, Object.entries(entries).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${celString(k)}: ${celString(v)}`), '{', '}');
  // A lookup over a map split into parts: the value, or '' when no part has the key.
  const lookup = (parts: GuardVariable[], key: string) => `(${parts.map(v => `variables.${v.name}`)
    .reduceRight((otherwise, m) => `${key} in ${m} ? ${m}[${key}] : ${otherwise}`, "''")})`;
  const stores = map('secretStores', f.secretStores);
  const saOwners = map('serviceAccountOwners', f.serviceAccountOwners);
  const roleOwners = map('roleOwners', f.roleOwners);
  const generated = map('generatedSecrets', f.generatedSecrets);
  const variables: GuardVariable[] = [
    ...list('platformKeyPrefixes', f.keyPrefixes),
    ...stores, ...saOwners, ...roleOwners, ...generated,
    ...list('platformGenerators', f.generators ?? []),
    { name: 'target', expression: 'has(object.spec) && has(object.spec.target) && has(object.spec.target.name) ? object.spec.target.name : object.metadata.name' },
    { name: 'targetStore', expression: lookup(stores, 'variables.target') },
  ];
  const at = (path: string[]) => ['object', ...path].join('.');
  // A role as the guard compares it: trimmed, lower case, and for AWS the ARN's last path segment (the role's name).
  const norm = (x: string) => (f.roleKind === 'aws' ? `${x}.trim().lowerAscii().split('/')[size(${x}.trim().lowerAscii().split('/')) - 1]` : `${x}.trim().lowerAscii()`);
  // Every ServiceAccount reference and every role the object authenticates with, by its kind: listed once per request.
  const byKind = (pick: (p: ReturnType<typeof identityPaths>[number]) => string[]) => identityPaths()
    .map(p => ({ kind: p.kind, parts: pick(p) }))
    .filter(k => k.parts.length > 0)
    .reduceRight((otherwise, k) => `object.kind == ${celString(k.kind)} ? ${k.parts.join(' + ')} : ${otherwise}`, '[]');
  variables.push(
    { name: 'serviceAccountRefs', expression: byKind(p => p.serviceAccounts.map(sa => `(${present('object', sa)} ? [${at(sa)}] : [])`)) },
    {
      name: 'roles',
      expression: f.roleKind === undefined ? '[]' : byKind(p => [
        ...p.roles.map(r => `(${present('object', r)} ? [${norm(at(r))}] : [])`),
        ...p.roleLists.map(r => `(${present('object', r)} ? ${at(r)}.map(x, ${norm('x')}) : [])`),
      ]),
    },
  );
  // Each reference's namespace and owning store, and each role's owning store ('' for none): the lookups over the
  // maps' parts stay in these variables, so the validations read the same at any size.
  variables.push(
    {
      name: 'serviceAccountOwnersOfObject',
      expression: `variables.serviceAccountRefs.map(r, {'namespace': has(r.namespace) ? r.namespace : '', 'owner': has(r.name) ? ${lookup(saOwners, 'r.name')} : ''})`,
    },
    { name: 'roleOwnersOfObject', expression: `variables.roles.map(x, ${lookup(roleOwners, 'x')})` },
    {
      name: 'templateSecrets',
      expression: `!(${present('object', ['spec', 'target', 'template', 'templateFrom'])}) ? [] : object.spec.target.template.templateFrom.filter(t, has(t.secret))` +
        `.map(t, {'envSecret': ${lookup(stores, 't.secret.name')} != '', 'generatedFor': ${lookup(generated, 't.secret.name')}})`,
    },
  );
  const validations: GuardValidation[] = [];
  // Outside the namespace: no store or generator that authenticates as a ServiceAccount of the platform's
  // namespace (any name: every ServiceAccount there is the platform's), nor as a platform role, on any path;
  // a cluster-scoped object's reference without a namespace means the ExternalSecret's, so its platform names count.
  validations.push({
    expression: `request.namespace == ${ns} || !(` +
      `variables.serviceAccountOwnersOfObject.exists(r, r.namespace == ${ns} || (request.namespace == '' && r.namespace == '' && r.owner != '')) || ` +
      "variables.roleOwnersOfObject.exists(o, o != '') || " +
      `(object.kind == 'ClusterSecretStore' && ${present('object', ['spec', 'provider', 'kubernetes', 'remoteNamespace'])} && object.spec.provider.kubernetes.remoteNamespace == ${ns}))`,
    message: `Outside the Noxus platform's namespace ${f.namespace}, no store or generator may authenticate as a ServiceAccount of that namespace or as a platform store role, ` +
      'on any auth path, nor read its Secrets (noxus-secrets-cdk pool isolation).',
  });
  // Inside: each platform ServiceAccount and role belongs to one store, which alone may authenticate as it.
  validations.push({
    expression: `request.namespace != ${ns} || (variables.serviceAccountOwnersOfObject.all(r, r.owner == '' || r.owner == object.metadata.name) && ` +
      "variables.roleOwnersOfObject.all(o, o == '' || o == object.metadata.name))",
    message: `In the Noxus platform's namespace ${f.namespace}, a store may authenticate only as its own ServiceAccount or role: each belongs to one store (noxus-secrets-cdk pool isolation).`,
  });
  // Outside, no store or generator refers to the platform's namespace anywhere in its spec: a ClusterSecretStore or
  // ClusterGenerator may name a Secret, ConfigMap or ServiceAccount of any namespace (tokenSecretRef, secretRef,
  // credConfig, ...: dozens of fields over ESO's providers), and ESO reads it. Checked to a depth that holds every such field.
  validations.push({
    expression: `request.namespace == ${ns} || object.kind == 'ExternalSecret' || !has(object.spec) || !${namesNamespace('object.spec', ns, 8)}`,
    message: `Outside the Noxus platform's namespace ${f.namespace}, no store or generator may refer to anything in that namespace (noxus-secrets-cdk pool isolation).`,
  });
  if (f.aws) {
    const reserved = celList(ESO_SESSION_TAG_KEYS.map(k => k.toLowerCase()));
    validations.push({
      expression: `!(object.kind in ${STORE_KINDS}) || ((!(${present('object', ['spec', 'provider', 'aws', 'sessionTags'])}) || ` +
        `!object.spec.provider.aws.sessionTags.exists(t, t.key.trim().lowerAscii() in ${reserved})) && ` +
        `(!(${present('object', ['spec', 'provider', 'aws', 'customSessionTags'])}) || !object.spec.provider.aws.customSessionTags.exists(k, k.trim().lowerAscii() in ${reserved})))`,
      message: 'A store may not set the session tags esoNamespace, esoStoreName or esoStoreKind itself: ESO sets them (sessionTagsPolicy: Simple), and the Noxus store roles trust only those.',
    });
  }
  // A remote key in any spelling the providers accept, in any case (Key Vault's names are case-insensitive): the key itself,
  // after a mount or folder ('secret/data/noxus/...'), or in an ARN (':secret:noxus/...').
  const platformKey = (x: string) => `variables.platformKeyPrefixes.exists(p, ${x}.lowerAscii().startsWith(p) || ${x}.lowerAscii().contains('/' + p) || ${x}.lowerAscii().contains(':' + p))`;
  // A folder that holds platform keys: the path, or the path after a mount and 'data/' ('secret/data/noxus'), a prefix of a platform key or under one.
  const strip = (x: string) => `(${x}.indexOf('/') >= 0 ? ${x}.substring(${x}.indexOf('/') + 1) : ${x})`;
  const platformFolder = (x: string) => {
    const c0 = `${x}.lowerAscii()`;
    const candidates = [c0, strip(c0), strip(strip(c0)), strip(strip(strip(c0)))];
    return `[${candidates.join(', ')}].exists(c, c != '' && variables.platformKeyPrefixes.exists(p, c.startsWith(p) || p.startsWith(c)))`;
  };
  const readsPlatform = (spec: string) =>
    `(has(${spec}.data) && ${spec}.data.exists(d, has(d.remoteRef) && has(d.remoteRef.key) && ${platformKey('d.remoteRef.key')})) || ` +
    `(has(${spec}.dataFrom) && ${spec}.dataFrom.exists(d, (has(d.extract) && has(d.extract.key) && ${platformKey('d.extract.key')}) || ` +
    `(has(d.find) && ((has(d.find.path) && ${platformFolder('d.find.path')}) || ` +
    `(has(d.find.name) && has(d.find.name.regexp) && ${celString(f.keyRoot ?? "")} != '' && d.find.name.regexp.lowerAscii().contains(${celString(f.keyRoot ?? "")}))))))`;
  validations.push({
    expression: `request.namespace == ${ns} || !(` +
      `(object.kind == 'ExternalSecret' && has(object.spec) && (${readsPlatform('object.spec')})) || ` +
      `(object.kind == 'ClusterExternalSecret' && ${present('object', ['spec', 'externalSecretSpec'])} && (${readsPlatform('object.spec.externalSecretSpec')})) || ` +
      `(object.kind in ${STORE_KINDS} && ${present('object', ['spec', 'provider', 'aws', 'prefix'])} && object.spec.provider.aws.prefix != '' && ${platformFolder('object.spec.provider.aws.prefix')}))`,
    message: `Only the Noxus platform's namespace ${f.namespace} may read its remote keys (noxus-secrets-cdk pool isolation).`,
  });
  // A ClusterExternalSecret that names the namespace would create its ExternalSecrets there, beside the platform's.
  const selectsNamespace = (sel: string) => `((has(${sel}.matchLabels) && 'kubernetes.io/metadata.name' in ${sel}.matchLabels && ${sel}.matchLabels['kubernetes.io/metadata.name'] == ${ns}) || ` +
    `(has(${sel}.matchExpressions) && ${sel}.matchExpressions.exists(e, e.key == 'kubernetes.io/metadata.name' && e.operator == 'In' && has(e.values) && ${ns} in e.values)))`;
  validations.push({
    expression: "!(object.kind in ['ClusterExternalSecret', 'ClusterPushSecret']) || !(" +
      `(${present('object', ['spec', 'namespaces'])} && ${ns} in object.spec.namespaces) || ` +
      `(${present('object', ['spec', 'namespaceSelector'])} && ${selectsNamespace('object.spec.namespaceSelector')}) || ` +
      `(${present('object', ['spec', 'namespaceSelectors'])} && object.spec.namespaceSelectors.exists(s, ${selectsNamespace('s')})))`,
    message: `No ClusterExternalSecret or ClusterPushSecret may name the Noxus platform's namespace ${f.namespace}: it would write ExternalSecrets there, or push its env Secrets out ` +
      '(noxus-secrets-cdk pool isolation).',
  });
  const isOwnStore = (ref: string) => `(${ref}.name == variables.targetStore && (!has(${ref}.kind) || ${ref}.kind == 'SecretStore'))`;
  const sourceStoresOwn = (field: string) =>
    `(!has(object.spec.${field}) || object.spec.${field}.all(d, !has(d.sourceRef) || !has(d.sourceRef.storeRef) || ${isOwnStore('d.sourceRef.storeRef')}))`;
  validations.push({
    expression: `request.namespace != ${ns} || object.kind != 'ExternalSecret' || variables.targetStore == '' || (` +
      `(!has(object.spec.secretStoreRef) || ${isOwnStore('object.spec.secretStoreRef')}) && ${sourceStoresOwn('data')} && ${sourceStoresOwn('dataFrom')})`,
    message: 'An env Secret of the Noxus platform may be written only through its own SecretStore (a pool\'s Secret through that pool\'s store).',
  });
  // Inside, ExternalSecrets read through the namespace's own SecretStores and Password generators only: a
  // ClusterSecretStore or a ClusterGenerator is configured outside the namespace, where the guard cannot tie it to a store.
  const namespacedRef = (ref: string) => `(!has(${ref}.kind) || ${ref}.kind == 'SecretStore')`;
  const refsOf = (field: string) => `(!has(object.spec.${field}) || object.spec.${field}.all(d, !has(d.sourceRef) || ` +
    `((!has(d.sourceRef.storeRef) || ${namespacedRef('d.sourceRef.storeRef')}) && (!has(d.sourceRef.generatorRef) || ` +
    `(d.sourceRef.generatorRef.kind == 'Password' && d.sourceRef.generatorRef.name in variables.platformGenerators)))))`;
  validations.push({
    expression: `request.namespace != ${ns} || object.kind != 'ExternalSecret' || ` +
      `((!has(object.spec.secretStoreRef) || ${namespacedRef('object.spec.secretStoreRef')}) && ${refsOf('data')} && ${refsOf('dataFrom')})`,
    message: `In the Noxus platform's namespace ${f.namespace}, an ExternalSecret may read only through the namespace's SecretStores and the platform's Password generators ` +
      '(a ClusterSecretStore or another generator is configured where the guard cannot tie it to one store).',
  });
  // Inside, a template reads no env Secret, and a generated value only into its own env Secret (ESO reads templateFrom Secrets with its own client).
  validations.push({
    expression: `request.namespace != ${ns} || object.kind != 'ExternalSecret' || (variables.templateSecrets.all(t, !t.envSecret && (t.generatedFor == '' || t.generatedFor == variables.target)) && ` +
      `(variables.targetStore == '' || !(${present('object', ['spec', 'target', 'template', 'templateFrom'])}) || object.spec.target.template.templateFrom.all(t, !has(t.configMap))))`,
    message: `In the Noxus platform's namespace ${f.namespace}, a template may read no env Secret, a generated value only into its own env Secret, and an env Secret's template ` +
      'no ConfigMap (whoever edits it would choose the Secret\'s values) (noxus-secrets-cdk pool isolation).',
  });
  // Inside, the platform uses no generator but ESO's Password (which has no identity) and pushes nothing out.
  validations.push({
    expression: `request.namespace != ${ns} || (object.kind == 'Password' && object.metadata.name in variables.platformGenerators) || ` +
      "!(object.apiVersion.startsWith('generators.external-secrets.io/') || object.kind == 'PushSecret')",
    message: `In the Noxus platform's namespace ${f.namespace}, no generator but the platform's own Passwords and no PushSecret is admitted: they could act as a pool's identity, ` +
      'write chosen values into an env Secret or copy one out (noxus-secrets-cdk pool isolation).',
  });
  return { variables, validations };
}

/** A binding's ServiceAccount annotations, or none where they cannot be made yet (an Azure client ID still to come). */
/** The client ID of a store's managed identity; undefined where none is given yet (the store's ServiceAccount then says which is missing). */
function clientIdOrNone(identity: AzureWorkloadIdentity, storeId: string): string | undefined {
  try {
    return identity._clientId(storeId);
  } catch {
    return undefined;
  }
}

/** The folder the library's keys start with, in the backend's alphabet and lower case ('noxus/', '/noxus/', 'noxus-'). */
function keyRootOf(contract: SecretsContract): string {
  const starts = keyPrefixesOf(contract).slice(0, 3).map(p => p.toLowerCase());
  let root = starts[0];
  while (root.length > 0 && !starts.every(p => p.startsWith(root))) root = root.slice(0, -1);
  return root;
}

/** The starts of the platform's remote keys in the backend's alphabet, and its overridden keys. */
export function keyPrefixesOf(contract: SecretsContract): string[] {
  const scheme = contract.remoteKeyScheme;
  const backend = contract.backend!;
  const probe = 'PROBE';
  const starts = ['platform', 'workers', 'pools'].map(scope => {
    const key = backend.remoteKey([scheme.prefix, scope, probe]);
    return key.slice(0, key.length - probe.length);
  });
  // One secret per scope (RemoteKeyLayout.PER_STORE): 'noxus/platform' and 'noxus/workers' are keys themselves ('noxus/pools/' covers the pools').
  const scopes = scheme.layout === RemoteKeyLayout.PER_STORE ? ['platform', 'workers'].map(scope => backend.remoteKey([scheme.prefix, scope])) : [];
  const overrides = Object.values(contract.remoteKeys?.overrides ?? {});
  return [...new Set([...starts, ...scopes, ...overrides])];
}

/** The facts the guard needs from a contract with a namespace, a backend and an identity. */
export function guardFacts(contract: SecretsContract, secretStores: Record<string, string>): GuardFacts {
  const namespace = contract.namespace!;
  const identity = contract.identity;
  const awsIdentity = identity instanceof AwsIamIdentity;
  // The name each store's cloud principal is known by, where the library's identity derives one.
  const roleOf = (store: Store): string | undefined => {
    if (identity instanceof AwsIamIdentity || identity instanceof VaultKubernetesIdentity) return store.identity.principalName;
    if (identity instanceof GkeWorkloadIdentity) return identity.bind(store).gsaEmail;
    if (identity instanceof AzureWorkloadIdentity) return clientIdOrNone(identity, store.id);
    return undefined;
  };
  const roleOwners: Record<string, string> = {};
  const serviceAccountOwners: Record<string, string> = {};
  for (const store of contract.stores) {
    const binding = store.identity;
    const role = roleOf(store);
    if (role !== undefined && !isUnresolvedToken(role)) roleOwners[role.toLowerCase()] = store.storeName;
    if (binding.serviceAccountName !== undefined) serviceAccountOwners[binding.serviceAccountName] = store.storeName;
  }
  const generatedSecrets: Record<string, string> = {};
  const generators: string[] = [];
  // By name once: a scan of the stores per env Secret is quadratic, and a contract may have thousands of pools.
  const storesByName = new Map(contract.stores.map(s => [s.storeName, s]));
  for (const [secretName, storeName] of Object.entries(secretStores)) {
    const store = storesByName.get(storeName);
    for (const c of store?.composed ?? []) {
      if (c.value.origin !== ValueOrigin.GENERATED) continue;
      generatedSecrets[generatedSecretName(secretName, c.entry.name)] = secretName;
      generators.push(generatorName(store!, c.entry.name));
    }
  }
  return {
    namespace, secretStores, roleOwners, roleKind: awsIdentity ? 'aws' : (identity instanceof WorkloadIdentity) ? 'name' : undefined, serviceAccountOwners, generatedSecrets, generators,
    keyPrefixes: keyPrefixesOf(contract).map(p => p.toLowerCase()), keyRoot: keyRootOf(contract), aws: awsIdentity,
  };
}

/** Props of the admission guard. */
export interface StoreAdmissionGuardProps {
  /** The facts it protects. */
  readonly facts: GuardFacts;
  /** Name of the policy and its binding. */
  readonly name: string;
}

/**
 * A ValidatingAdmissionPolicy and its binding (admissionregistration.k8s.io/v1, Kubernetes
 * 1.30+) that keep the platform's stores to the platform: outside its namespace, no
 * SecretStore or ClusterSecretStore may name its store roles or ServiceAccounts and no
 * ExternalSecret may read its remote keys; inside, a pool's env Secret is written only through
 * that pool's store; and no store may forge ESO's session tags.
 */
export class StoreAdmissionGuard extends Construct {
  public readonly policy: ApiObject;
  public readonly binding: ApiObject;

  constructor(scope: Construct, id: string, props: StoreAdmissionGuardProps) {
    assertGuardProps(props, childPath(scope, id));
    super(scope, id);
    assertDnsSubdomain('StoreAdmissionGuard', 'name', props.name, this.node.path);
    assertDnsLabel('StoreAdmissionGuard', 'facts.namespace', props.facts.namespace, this.node.path);
    const { variables, validations } = guardRules(props.facts);
    this.policy = new KubeValidatingAdmissionPolicy(this, 'Policy', {
      metadata: { name: props.name },
      spec: {
        failurePolicy: 'Fail',
        matchConstraints: {
          resourceRules: [{
            apiGroups: ['external-secrets.io'],
            apiVersions: ['*'],
            operations: ['CREATE', 'UPDATE'],
            resources: ['secretstores', 'clustersecretstores', 'externalsecrets', 'clusterexternalsecrets', 'pushsecrets', 'clusterpushsecrets'],
          }, {
            apiGroups: ['generators.external-secrets.io'],
            apiVersions: ['*'],
            operations: ['CREATE', 'UPDATE'],
            resources: [...GENERATOR_RESOURCES],
          }],
        },
        variables,
        validations: validations.map(v => ({ expression: v.expression, message: v.message, reason: 'Forbidden' })),
      },
    });
    this.binding = new KubeValidatingAdmissionPolicyBinding(this, 'Binding', {
      metadata: { name: props.name },
      spec: { policyName: props.name, validationActions: ['Deny'] },
    });
    // Both are cluster-scoped: the chart's namespace does not apply.
    for (const o of [this.policy, this.binding]) if (o.metadata.namespace !== undefined) o.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
  }
}

/** A JavaScript caller's props, checked before anything is added to the tree. */
function assertGuardProps(props: StoreAdmissionGuardProps, path: string): void {
  const subject = 'StoreAdmissionGuard';
  assertProps(subject, props, "{ name: 'noxus-store-guard', facts }", path);
  assertDnsSubdomain(subject, 'name', props.name, path);
  assertProps(`${subject}: facts`, props.facts, 'the GuardFacts of a contract', path);
  const facts = props.facts;
  assertDnsLabel(subject, 'facts.namespace', facts.namespace, path);
  for (const field of ['secretStores', 'roleOwners', 'serviceAccountOwners', 'generatedSecrets'] as const) {
    assertKind(subject, `facts.${field}`, facts[field] ?? 0, 'object', '{}', path);
  }
  assertKind(subject, 'facts.generators', facts.generators, 'list', '[]', path);
  if (facts.roleKind !== undefined && facts.roleKind !== 'aws' && facts.roleKind !== 'name') {
    throw NoxusSecretsError.at(path, `${subject}: facts.roleKind ${JSON.stringify(facts.roleKind)} is not "aws" or "name". Use one of them, or leave it out.`);
  }
}
