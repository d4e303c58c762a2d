import { ApiObject, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import { IdentityKind, NoxusSecretsError, SecretsContract, ServiceAccountRef, WorkloadIdentity } from '../core';

/** A field of a store's spec that names a cloud role, and the platform's roles it must not name elsewhere. */
export interface GuardRoleField {
  /** The path from the object's root, e.g. ['spec', 'provider', 'aws', 'role']. */
  readonly field: string[];
  /** The platform's role names or ARNs. */
  readonly values: string[];
  /**
   * Whether the field holds a list of roles (aws.additionalRoles).
   * @default false
   */
  readonly list?: boolean;
}

/** What the guard protects, by name: computed from the contract and the chart. */
export interface GuardFacts {
  /** The platform's namespace. */
  readonly namespace: string;
  /** Each env Secret of the platform and the one SecretStore that may write it. */
  readonly secretStores: Record<string, string>;
  /** Cloud role names or ARNs that only the platform's stores may name (AWS roles, Vault roles), and where a store names them. */
  readonly roles: GuardRoleField[];
  /**
   * The path of the ServiceAccount reference in the backend's store provider block.
   * @default - none: the identity uses no ServiceAccount (EKS Pod Identity)
   */
  readonly serviceAccountRefPath?: string[];
  /** The platform's store ServiceAccounts. */
  readonly serviceAccounts: string[];
  /** The starts of every remote key of the platform, and the keys set by override. */
  readonly keyPrefixes: string[];
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
export const CEL_EXPRESSION_LIMIT = 100_000;

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
 * The policy's variables (lists and maps built once per request) and validations. Each
 * expression is plain CEL (has, in, exists, all, startsWith, ternary), which Kubernetes and
 * any conforming evaluator read the same way.
 */
export function guardRules(f: GuardFacts): { variables: GuardVariable[]; validations: GuardValidation[] } {
  const ns = celString(f.namespace);
  const list = (name: string, values: string[]) => chunked(name, [...new Set(values)].sort().map(celString), '[', ']', parts => parts.join(' + '));
  const stores = chunked('secretStores', Object.entries(f.secretStores).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${celString(k)}: ${celString(v)}`), '{', '}');
  // The SecretStore that may write the ExternalSecret's target, or '' when the target is not an env Secret of the platform.
  const storeMaps = stores.map(v => `variables.${v.name}`);
  const targetStore = storeMaps.reduceRight((otherwise, m) => `variables.target in ${m} ? ${m}[variables.target] : ${otherwise === "''" ? otherwise : `(${otherwise})`}`, "''");
  const variables: GuardVariable[] = [
    ...list('platformRoles', f.roles.flatMap(r => r.values)),
    ...list('platformServiceAccounts', f.serviceAccounts),
    ...list('platformKeyPrefixes', f.keyPrefixes),
    ...stores,
    { name: 'target', expression: 'has(object.spec) && has(object.spec.target) && has(object.spec.target.name) ? object.spec.target.name : object.metadata.name' },
    { name: 'targetStore', expression: targetStore },
  ];
  const namesPlatform: string[] = [];
  for (const r of f.roles) {
    const at = ['object', ...r.field].join('.');
    namesPlatform.push(r.list
      ? `(${present('object', r.field)} && ${at}.exists(x, x in variables.platformRoles))`
      : `(${present('object', r.field)} && ${at} in variables.platformRoles)`);
  }
  if (f.serviceAccountRefPath) {
    const ref = ['object', ...f.serviceAccountRefPath].join('.');
    namesPlatform.push(`(${present('object', [...f.serviceAccountRefPath, 'namespace'])} && ${ref}.namespace == ${ns} && ${ref}.name in variables.platformServiceAccounts)`);
  }
  const validations: GuardValidation[] = [];
  if (namesPlatform.length > 0) {
    validations.push({
      expression: `request.namespace == ${ns} || !(object.kind in ${STORE_KINDS}) || !(${namesPlatform.join(' || ')})`,
      message: `Only the Noxus platform's namespace ${f.namespace} may have stores that name its store roles or ServiceAccounts (noxus-secrets-cdk pool isolation).`,
    });
  }
  if (f.aws) {
    validations.push({
      expression: `!(object.kind in ${STORE_KINDS}) || !(${present('object', ['spec', 'provider', 'aws', 'sessionTags'])}) || ` +
        `!object.spec.provider.aws.sessionTags.exists(t, t.key in ${celList(ESO_SESSION_TAG_KEYS)})`,
      message: 'A store may not set the session tags esoNamespace, esoStoreName or esoStoreKind itself: ESO sets them (sessionTagsPolicy: Simple), and the Noxus store roles trust only those.',
    });
  }
  const startsWithPlatform = (x: string) => `variables.platformKeyPrefixes.exists(p, ${x}.startsWith(p))`;
  validations.push({
    expression: `request.namespace == ${ns} || object.kind != 'ExternalSecret' || !(` +
      `(has(object.spec.data) && object.spec.data.exists(d, has(d.remoteRef) && ${startsWithPlatform('d.remoteRef.key')})) || ` +
      `(has(object.spec.dataFrom) && object.spec.dataFrom.exists(d, ` +
      `(has(d.extract) && ${startsWithPlatform('d.extract.key')}) || ` +
      `(has(d.find) && has(d.find.path) && (${startsWithPlatform('d.find.path')} || variables.platformKeyPrefixes.exists(p, p.startsWith(d.find.path)))))))`,
    message: `Only the Noxus platform's namespace ${f.namespace} may read its remote keys (noxus-secrets-cdk pool isolation).`,
  });
  const isOwnStore = (ref: string) => `(${ref}.name == variables.targetStore && (!has(${ref}.kind) || ${ref}.kind == 'SecretStore'))`;
  const sourceStoresOwn = (list: string) =>
    `(!has(object.spec.${list}) || object.spec.${list}.all(d, !has(d.sourceRef) || !has(d.sourceRef.storeRef) || ${isOwnStore('d.sourceRef.storeRef')}))`;
  validations.push({
    expression: `request.namespace != ${ns} || object.kind != 'ExternalSecret' || variables.targetStore == '' || (` +
      `(!has(object.spec.secretStoreRef) || ${isOwnStore('object.spec.secretStoreRef')}) && ${sourceStoresOwn('data')} && ${sourceStoresOwn('dataFrom')})`,
    message: 'An env Secret of the Noxus platform may be written only through its own SecretStore (a pool\'s Secret through that pool\'s store).',
  });
  return { variables, validations };
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
  const overrides = Object.values(contract.remoteKeys?.overrides ?? {});
  return [...new Set([...starts, ...overrides])];
}

/** The facts the guard needs from a contract with a namespace, a backend and an identity. */
export function guardFacts(contract: SecretsContract, secretStores: Record<string, string>): GuardFacts {
  const namespace = contract.namespace!;
  const identity = contract.identity;
  const roles: GuardRoleField[] = [];
  const serviceAccounts: string[] = [];
  let serviceAccountRefPath: string[] | undefined;
  const awsIdentity = identity instanceof WorkloadIdentity && (identity.kind === IdentityKind.IRSA || identity.kind === IdentityKind.EKS_POD_IDENTITY);
  if (awsIdentity) {
    const arns = contract.stores.map(s => identity._roleArn(s.identity.principalName!));
    roles.push({ field: ['spec', 'provider', 'aws', 'role'], values: arns }, { field: ['spec', 'provider', 'aws', 'additionalRoles'], values: arns, list: true });
  }
  if (identity instanceof WorkloadIdentity && identity.kind === IdentityKind.VAULT_KUBERNETES) {
    roles.push({ field: ['spec', 'provider', 'vault', 'auth', 'kubernetes', 'role'], values: contract.stores.map(s => s.identity.principalName!) });
  }
  for (const store of contract.stores) {
    const binding = store.identity;
    if (binding.serviceAccountName === undefined) continue;
    serviceAccounts.push(binding.serviceAccountName);
    // Where this backend's provider block holds the ServiceAccount reference: found by rendering one.
    serviceAccountRefPath ??= pathTo({ spec: { provider: contract.backend!.esoProvider(binding.esoAuth(MARK)) } }, MARK);
  }
  return {
    namespace, secretStores, roles, serviceAccountRefPath, serviceAccounts, keyPrefixes: keyPrefixesOf(contract),
    aws: awsIdentity,
  };
}

const MARK: ServiceAccountRef = { name: 'noxus-secrets-cdk-probe' };

function pathTo(node: unknown, target: unknown, at: string[] = []): string[] | undefined {
  if (node === target) return at;
  if (node === null || typeof node !== 'object') return undefined;
  for (const [k, v] of Object.entries(node)) {
    const found = pathTo(v, target, [...at, k]);
    if (found) return found;
  }
  return undefined;
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
    super(scope, id);
    const { variables, validations } = guardRules(props.facts);
    this.policy = new ApiObject(this, 'Policy', {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicy',
      metadata: { name: props.name },
      spec: {
        failurePolicy: 'Fail',
        matchConstraints: {
          resourceRules: [{
            apiGroups: ['external-secrets.io'],
            apiVersions: ['*'],
            operations: ['CREATE', 'UPDATE'],
            resources: ['secretstores', 'clustersecretstores', 'externalsecrets'],
          }],
        },
        variables,
        validations: validations.map(v => ({ expression: v.expression, message: v.message, reason: 'Forbidden' })),
      },
    });
    this.binding = new ApiObject(this, 'Binding', {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicyBinding',
      metadata: { name: props.name },
      spec: { policyName: props.name, validationActions: ['Deny'] },
    });
    // Both are cluster-scoped: the chart's namespace does not apply.
    for (const o of [this.policy, this.binding]) if (o.metadata.namespace !== undefined) o.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
  }
}
