import { celEnv, celError, parse, plan } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';

// A ValidatingAdmissionPolicy run as the API server runs it (k8s.io/apiserver/pkg/admission/plugin/policy):
// first the match (matchConstraints: resourceRules, excludeResourceRules, namespaceSelector, objectSelector,
// then matchConditions), and only for a matched request the variables, in order, and every validation.
// The CEL is evaluated with @bufbuild/cel (cel-es, which runs the cel-spec conformance suite) and its strings
// extension (lowerAscii, trim, split...), which Kubernetes' CEL environment has too. Copied from
// test/k8s/admission-guard.test.ts, with the match modelled: a harness that evaluates every object against
// every rule would call a policy that matches nothing a guard.

/** Objects become CEL values as the API server's typed objects do: maps, lists, and integers as CEL int. */
export const toCel = (v: any): any =>
  Array.isArray(v) ? v.map(toCel)
    : v !== null && typeof v === 'object' ? new Map(Object.entries(v).filter(([, x]) => x !== undefined).map(([k, x]) => [k, toCel(x)]))
      : typeof v === 'number' && Number.isInteger(v) ? BigInt(v)
        : v;

// Each expression is parsed and planned once: the policy at thousands of pools has long ones.
const programs = new Map<string, ReturnType<typeof plan>>();

/** Evaluates one expression; a parse or runtime error is returned as a CEL error value (which is not `true`). */
export function run(expression: string, bindings: Record<string, any>): unknown {
  try {
    let program = programs.get(expression);
    if (!program) programs.set(expression, program = plan(celEnv({ funcs: strings }), parse(expression)));
    return program(bindings);
  } catch (e) {
    return celError(e);
  }
}

export type Operation = 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';

/**
 * The verdict: `notMatched` when the policy's match does not select the request (the API server then
 * admits it without evaluating anything); otherwise admitted or denied with the failing validation's
 * message (a validation that errors or is not a bool denies too: the guard's failurePolicy is Fail).
 */
export type Verdict = { allowed: true; notMatched?: true } | { allowed: false; message: string };

interface Resource { group: string; version: string; plural: string; namespaced: boolean }

// The served kinds, as their CRDs name them (external-secrets config/crds/bases/*.yaml: spec.group,
// spec.names.plural, spec.scope), and the core kinds a chart writes.
const ESO: [string, string, boolean][] = [
  ['ClusterExternalSecret', 'clusterexternalsecrets', false],
  ['ClusterPushSecret', 'clusterpushsecrets', false],
  ['ClusterSecretStore', 'clustersecretstores', false],
  ['ExternalSecret', 'externalsecrets', true],
  ['PushSecret', 'pushsecrets', true],
  ['SecretStore', 'secretstores', true],
];
const GENERATORS: [string, string, boolean][] = [
  ['ACRAccessToken', 'acraccesstokens', true],
  ['BeyondtrustWorkloadCredentialsDynamicSecret', 'beyondtrustworkloadcredentialsdynamicsecrets', true],
  ['CloudsmithAccessToken', 'cloudsmithaccesstokens', true],
  ['ClusterGenerator', 'clustergenerators', false],
  ['ECRAuthorizationToken', 'ecrauthorizationtokens', true],
  ['Fake', 'fakes', true],
  ['GCRAccessToken', 'gcraccesstokens', true],
  ['GeneratorState', 'generatorstates', true],
  ['GithubAccessToken', 'githubaccesstokens', true],
  ['GitlabDeployToken', 'gitlabdeploytokens', true],
  ['Grafana', 'grafanas', true],
  ['MFA', 'mfas', true],
  ['Password', 'passwords', true],
  ['QuayAccessToken', 'quayaccesstokens', true],
  ['SSHKey', 'sshkeys', true],
  ['STSSessionToken', 'stssessiontokens', true],
  ['UUID', 'uuids', true],
  ['VaultDynamicSecret', 'vaultdynamicsecrets', true],
  ['Webhook', 'webhooks', true],
];
const CORE: [string, string, string, boolean][] = [
  ['', 'ServiceAccount', 'serviceaccounts', true],
  ['', 'Secret', 'secrets', true],
  ['', 'ConfigMap', 'configmaps', true],
  ['', 'Namespace', 'namespaces', false],
  ['rbac.authorization.k8s.io', 'Role', 'roles', true],
  ['rbac.authorization.k8s.io', 'RoleBinding', 'rolebindings', true],
  ['rbac.authorization.k8s.io', 'ClusterRole', 'clusterroles', false],
  ['rbac.authorization.k8s.io', 'ClusterRoleBinding', 'clusterrolebindings', false],
  ['admissionregistration.k8s.io', 'ValidatingAdmissionPolicy', 'validatingadmissionpolicies', false],
  ['admissionregistration.k8s.io', 'ValidatingAdmissionPolicyBinding', 'validatingadmissionpolicybindings', false],
  ['apps', 'Deployment', 'deployments', true],
  ['secrets-store.csi.x-k8s.io', 'SecretProviderClass', 'secretproviderclasses', true],
];
const KINDS = new Map<string, { plural: string; namespaced: boolean }>([
  ...ESO.map(([k, plural, namespaced]) => [`external-secrets.io/${k}`, { plural, namespaced }] as const),
  ...GENERATORS.map(([k, plural, namespaced]) => [`generators.external-secrets.io/${k}`, { plural, namespaced }] as const),
  ...CORE.map(([g, k, plural, namespaced]) => [`${g}/${k}`, { plural, namespaced }] as const),
]);

/** Every plural ESO serves in a group, for tests that a policy matches them all. */
export const ESO_RESOURCES = ESO.map(([, p]) => p);
export const GENERATOR_RESOURCES = GENERATORS.map(([, p]) => p);

/** The resource the API server resolves an object's apiVersion and kind to; an unknown kind is a test's mistake. */
export function resourceOf(object: any): Resource {
  const apiVersion: string = object?.apiVersion ?? '';
  const slash = apiVersion.lastIndexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  const known = KINDS.get(`${group}/${object?.kind}`);
  if (!known) throw new Error(`admission harness: no resource is known for ${apiVersion} ${object?.kind}; add it from its CRD.`);
  return { group, version, ...known };
}

const has = (list: string[] | undefined, value: string) => (list ?? []).some(x => x === '*' || x === value);

/** A NamedRuleWithOperations (admissionregistration/v1) against the request. */
function ruleMatches(rule: any, r: Resource, operation: Operation, name: string): boolean {
  if (!has(rule.apiGroups, r.group) || !has(rule.apiVersions, r.version) || !has(rule.operations, operation)) return false;
  // Resources are plurals, '*', or 'x/subresource' and '*/*' (which also match subresources); the object itself has none.
  if (!(rule.resources ?? []).some((x: string) => x === '*' || x === '*/*' || x === r.plural)) return false;
  const scope = rule.scope ?? '*';
  if (scope === 'Namespaced' && !r.namespaced || scope === 'Cluster' && r.namespaced) return false;
  if (rule.resourceNames?.length && !rule.resourceNames.includes(name)) return false;
  return true;
}

/** A metav1.LabelSelector against labels (matchLabels and matchExpressions: In, NotIn, Exists, DoesNotExist). */
function selects(selector: any, labels: Record<string, string>): boolean {
  if (!selector) return true;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const present = Object.prototype.hasOwnProperty.call(labels, e.key);
    const ok = e.operator === 'In' ? present && e.values.includes(labels[e.key])
      : e.operator === 'NotIn' ? !present || !e.values.includes(labels[e.key])
        : e.operator === 'Exists' ? present
          : e.operator === 'DoesNotExist' ? !present
            : (() => { throw new Error(`admission harness: label selector operator ${e.operator}`); })();
    if (!ok) return false;
  }
  return true;
}

export interface AdmitOptions {
  /** The namespace's labels for namespaceSelector (the API server always has kubernetes.io/metadata.name). */
  readonly namespaceLabels?: Record<string, string>;
  /** The requesting user (request.userInfo). */
  readonly userInfo?: { username?: string; groups?: string[] };
  /** A ValidatingAdmissionPolicyBinding whose matchResources narrows the policy's. */
  readonly binding?: any;
}

function matched(constraints: any, r: Resource, operation: Operation, object: any, namespace: string, opts: AdmitOptions): boolean {
  if (!constraints) return true;
  const name = object?.metadata?.name ?? '';
  if (!(constraints.resourceRules ?? []).some((rule: any) => ruleMatches(rule, r, operation, name))) return false;
  if ((constraints.excludeResourceRules ?? []).some((rule: any) => ruleMatches(rule, r, operation, name))) return false;
  // namespaceSelector: a namespaced object is matched by its namespace's labels; a cluster-scoped one (other than a
  // Namespace) never skips the policy (admissionregistration/v1 MatchResources.namespaceSelector).
  if (r.namespaced && !selects(constraints.namespaceSelector, { 'kubernetes.io/metadata.name': namespace, ...opts.namespaceLabels })) return false;
  if (!selects(constraints.objectSelector, object?.metadata?.labels ?? {})) return false;
  return true;
}

/**
 * Admits `object` as the API server would run `policy` on it: `namespace` is the request's (a cluster-scoped
 * kind's request has namespace '' whatever is passed, and a namespaced object gets metadata.namespace set to it,
 * as the API server does before admission); `oldObject` is bound on UPDATE (null otherwise).
 */
export function admit(policy: any, object: any, namespace: string, operation: Operation = 'CREATE', oldObject?: any, opts: AdmitOptions = {}): Verdict {
  const r = resourceOf(object);
  const ns = r.namespaced ? namespace : '';
  if (r.namespaced && ns === '') throw new Error(`admission harness: ${object.kind} is namespaced; give it a namespace.`);
  if (operation === 'UPDATE' && oldObject === undefined) throw new Error('admission harness: an UPDATE has an oldObject.');
  const withNs = (o: any) => (o && r.namespaced ? { ...o, metadata: { ...o.metadata, namespace: ns } } : o);
  const obj = operation === 'DELETE' ? null : withNs(object);
  const old = operation === 'UPDATE' || operation === 'DELETE' ? withNs(oldObject ?? object) : null;

  if (!matched(policy.spec.matchConstraints, r, operation, object, ns, opts)) return { allowed: true, notMatched: true };
  if (opts.binding?.spec?.matchResources && !matched(opts.binding.spec.matchResources, r, operation, object, ns, opts)) return { allowed: true, notMatched: true };

  const request = {
    operation, namespace: ns, name: object?.metadata?.name ?? '',
    kind: { group: r.group, version: r.version, kind: object.kind },
    resource: { group: r.group, version: r.version, resource: r.plural },
    userInfo: { username: 'attacker', groups: ['system:authenticated'], ...opts.userInfo },
    dryRun: false,
  };
  const bindings: Record<string, any> = {
    object: toCel(obj), oldObject: toCel(old), request: toCel(request),
    namespaceObject: r.namespaced ? toCel({ metadata: { name: ns, labels: { 'kubernetes.io/metadata.name': ns, ...opts.namespaceLabels } } }) : null,
    params: null,
  };
  const variables = new Map<string, any>();
  for (const c of policy.spec.matchConditions ?? []) {
    const v = run(c.expression, { ...bindings, variables });
    // A matchCondition that errors, with failurePolicy Fail, rejects the request.
    if (typeof v !== 'boolean') return { allowed: false, message: `matchCondition ${c.name}: ${String(v)}` };
    if (!v) return { allowed: true, notMatched: true };
  }
  // Variables are evaluated lazily in Kubernetes; evaluated in order here, the result is the same since
  // an erroring variable only fails the validations that read it, and each is kept as its error value.
  for (const v of policy.spec.variables ?? []) variables.set(v.name, run(v.expression, { ...bindings, variables }));
  for (const v of policy.spec.validations ?? []) {
    const ok = run(v.expression, { ...bindings, variables });
    if (ok !== true) {
      const fromExpression = v.messageExpression ? run(v.messageExpression, { ...bindings, variables }) : undefined;
      return { allowed: false, message: typeof fromExpression === 'string' && fromExpression.trim() ? fromExpression : v.message };
    }
  }
  return { allowed: true };
}

/** Runs every policy of `manifests` (with its binding) on one request, as the API server does: any denial denies. */
export function admitAll(manifests: any[], object: any, namespace: string, operation: Operation = 'CREATE', oldObject?: any): Verdict {
  const policies = manifests.filter(m => m.kind === 'ValidatingAdmissionPolicy');
  if (policies.length === 0) throw new Error('admission harness: no ValidatingAdmissionPolicy in the manifests.');
  let verdict: Verdict = { allowed: true, notMatched: true };
  for (const policy of policies) {
    const binding = manifests.find(m => m.kind === 'ValidatingAdmissionPolicyBinding' && m.spec?.policyName === policy.metadata.name);
    if (!binding || !(binding.spec.validationActions ?? []).includes('Deny')) continue;
    const v = admit(policy, object, namespace, operation, oldObject, { binding });
    if (!v.allowed) return v;
    if (!v.notMatched) verdict = { allowed: true };
  }
  return verdict;
}
