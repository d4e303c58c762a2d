/**
 * Checks over `terraform show -json` of a plan: pure functions, each returning its findings (an
 * empty list is compliant). They read what Terraform will do, not what cdktf wrote: the planned
 * values, and the configuration where a value is not known until apply.
 */

export interface Finding {
  readonly check: 'secret-value' | 'write-only' | 'policy' | 'trust';
  /** The resource address (aws_iam_role.x) and attribute. */
  readonly at: string;
  readonly message: string;
}

/** The attributes that hold a secret's value, by resource type, with the write-only form where the provider has one. */
export const SECRET_ATTRIBUTES: Record<string, Record<string, string | undefined>> = {
  aws_secretsmanager_secret_version: { secret_string: 'secret_string_wo', secret_binary: undefined, secret_string_wo: undefined },
  aws_ssm_parameter: { value: 'value_wo', insecure_value: undefined, value_wo: undefined },
  azurerm_key_vault_secret: { value: 'value_wo', value_wo: undefined },
  google_secret_manager_secret_version: { secret_data: 'secret_data_wo', secret_data_wo: undefined },
};

/** Values that say "no value yet": delivered as the secret by ESO if they ever reach the backend. */
export const PLACEHOLDER = /^(unset|changeme|change-me|placeholder|todo|tbd|dummy|example|x+|-|none|null|empty)$/i;

/** The attributes that hold an IAM policy document, by resource type. */
export const POLICY_ATTRIBUTES: Record<string, string[]> = {
  aws_iam_role: ['assume_role_policy'],
  aws_iam_role_policy: ['policy'],
  aws_iam_policy: ['policy'],
  aws_iam_user_policy: ['policy'],
  aws_iam_group_policy: ['policy'],
  aws_kms_key: ['policy'],
  aws_secretsmanager_secret: ['policy'],
  aws_secretsmanager_secret_policy: ['policy'],
};

/**
 * Actions that have no resource-level form (the service authorizes them on '*' only): allowed on
 * '*' where the model lets stores find secrets (allowFind, for ExternalSecrets' dataFrom.find).
 */
export const FIND_ACTIONS = new Set(['secretsmanager:ListSecrets', 'secretsmanager:BatchGetSecretValue', 'ssm:DescribeParameters']);

const ENV_NAME_TAG = 'noxus:env-name';
const MANAGED_TAG = 'noxus:managed-by';

/** A resource of the plan: what it will be, what is unknown until apply, and its configuration. */
interface PlannedResource {
  readonly address: string;
  readonly type: string;
  readonly after: any;
  readonly unknown: any;
  readonly expressions: any;
}

function configurationResources(plan: any): Map<string, any> {
  const out = new Map<string, any>();
  const walk = (module: any, prefix: string) => {
    for (const r of module?.resources ?? []) out.set(`${prefix}${r.address}`, r);
    for (const [name, call] of Object.entries<any>(module?.module_calls ?? {})) walk(call.module, `${prefix}module.${name}.`);
  };
  walk(plan?.configuration?.root_module, '');
  return out;
}

/** The managed resources the plan creates or keeps, with their configuration. */
export function plannedResources(plan: any): PlannedResource[] {
  const config = configurationResources(plan);
  return (plan?.resource_changes ?? [])
    .filter((rc: any) => rc.mode === 'managed' && !(rc.change?.actions ?? []).includes('delete'))
    .map((rc: any) => ({
      address: rc.address, type: rc.type, after: rc.change?.after ?? {}, unknown: rc.change?.after_unknown ?? {},
      // A resource of count/for_each has an index in its address, not in the configuration's.
      expressions: config.get(rc.address)?.expressions ?? config.get(rc.address.replace(/\[[^\]]*\]$/, ''))?.expressions ?? {},
    }));
}

/** Whether a string is only Terraform references and functions, no text of its own: `${aws_x.y.arn}`. */
export function isReferenceOnly(s: string): boolean {
  return /^\$\{[^}]+\}$/.test(s.trim());
}

/** What an attribute's configuration holds: nothing, a literal, or an expression with references. */
function configured(expr: any): { kind: 'none' } | { kind: 'literal'; value: unknown } | { kind: 'expression'; text?: string; references: string[] } {
  if (expr === undefined || expr === null) return { kind: 'none' };
  if (Array.isArray(expr.references) && expr.references.length) return { kind: 'expression', text: typeof expr.constant_value === 'string' ? expr.constant_value : undefined, references: expr.references };
  if ('constant_value' in expr) {
    const v = expr.constant_value;
    // Terraform's JSON syntax: a string template shows as its text, `${...}` and all.
    if (typeof v === 'string' && /\$\{/.test(v)) return { kind: 'expression', text: v, references: [...v.matchAll(/\$\{([^}]+)\}/g)].map(m => m[1]) };
    return v === null ? { kind: 'none' } : { kind: 'literal', value: v };
  }
  return { kind: 'none' };
}

/** The env name (noxus:env-name tag) a secret resource holds: its own tags, or its secret's (secret_id). */
function envNameOf(r: PlannedResource, byAddress: Map<string, PlannedResource>): string | undefined {
  const own = r.after?.tags?.[ENV_NAME_TAG] ?? r.after?.tags_all?.[ENV_NAME_TAG];
  if (own) return own;
  const ref = configured(r.expressions.secret_id);
  if (ref.kind !== 'expression') return undefined;
  for (const address of ref.references) {
    const parent = byAddress.get(address.replace(/\.(id|arn)$/, ''));
    const name = parent?.after?.tags?.[ENV_NAME_TAG];
    if (name) return name;
  }
  return undefined;
}

export interface SecretValueOptions {
  /** Env names whose value Terraform may write from a reference (ValueSource.fromTerraform). */
  readonly optedIn?: string[];
  /** Values known to be secret: none may appear anywhere in the plan. */
  readonly secretValues?: string[];
}

/**
 * No secret value and no placeholder in the plan: a secret resource's value attributes hold no
 * literal (in the planned values or the configuration), and a Terraform reference only where the
 * model opted that env name in; no known secret value anywhere in the plan JSON.
 */
export function secretValueFindings(plan: any, options: SecretValueOptions = {}): Finding[] {
  const findings: Finding[] = [];
  const resources = plannedResources(plan);
  const byAddress = new Map(resources.map(r => [r.address, r]));
  const optedIn = new Set(options.optedIn ?? []);
  for (const r of resources) {
    const attributes = SECRET_ATTRIBUTES[r.type];
    if (!attributes) continue;
    const env = envNameOf(r, byAddress);
    const who = env ? ` (${env})` : '';
    for (const attribute of Object.keys(attributes)) {
      const at = `${r.address}.${attribute}`;
      const c = configured(r.expressions[attribute]);
      const planned = r.after?.[attribute];
      if (c.kind === 'literal' || (c.kind === 'none' && typeof planned === 'string' && planned !== '')) {
        const value = c.kind === 'literal' ? c.value : planned;
        findings.push({
          check: 'secret-value', at,
          message: typeof value === 'string' && PLACEHOLDER.test(value.trim())
            ? `holds the placeholder ${JSON.stringify(value)}${who}: a value that is not the secret, which ESO would deliver as if it were`
            : `holds a literal value${who} (${typeof value === 'string' ? `${value.length} characters` : typeof value}): the secret is in the configuration and the state`,
        });
      } else if (c.kind === 'expression' && !(env && optedIn.has(env))) {
        findings.push({ check: 'secret-value', at, message: `is set from ${c.references.join(', ')}${who}, which the model did not opt in by name (ValueSource.fromTerraform)` });
      } else if (c.kind === 'expression' && c.text !== undefined && !isReferenceOnly(c.text)) {
        findings.push({ check: 'secret-value', at, message: `is a template with text of its own around its references${who}: that text is typed by hand` });
      }
    }
  }
  const text = JSON.stringify(plan);
  for (const [i, value] of (options.secretValues ?? []).entries()) {
    if (value && text.includes(JSON.stringify(value).slice(1, -1))) findings.push({ check: 'secret-value', at: 'plan', message: `known secret value #${i + 1} appears in the plan JSON` });
  }
  return findings;
}

/**
 * Write-only attributes where Terraform knows the value: a value Terraform writes (an opted-in
 * reference) goes through `secret_string_wo` / `value_wo`, which the state never holds, with the
 * `_version` that makes a change apply.
 */
export function writeOnlyFindings(plan: any): Finding[] {
  const findings: Finding[] = [];
  for (const r of plannedResources(plan)) {
    const attributes = SECRET_ATTRIBUTES[r.type];
    if (!attributes) continue;
    for (const [attribute, writeOnly] of Object.entries(attributes)) {
      const c = configured(r.expressions[attribute]);
      if (c.kind === 'none') continue;
      if (writeOnly) {
        findings.push({ check: 'write-only', at: `${r.address}.${attribute}`, message: `puts the value into the Terraform state: use ${writeOnly} (with ${writeOnly}_version), which the state never holds` });
      } else if (/_wo$/.test(attribute) && configured(r.expressions[`${attribute}_version`]).kind === 'none') {
        findings.push({ check: 'write-only', at: `${r.address}.${attribute}`, message: `has no ${attribute}_version: Terraform would never send a changed value` });
      }
    }
  }
  return findings;
}

/** A policy document of the plan, parsed, and where it was read. */
export interface PolicyDocumentAt {
  readonly at: string;
  readonly type: string;
  readonly resource: PlannedResource;
  readonly document: any;
  /** 'planned value', 'configuration' (references kept as `${...}`), or 'data source <address>'. */
  readonly from: string;
}

/** Every IAM policy document of the plan that is known at plan time; the others by address in `unknown`. */
export function policyDocuments(plan: any): { documents: PolicyDocumentAt[]; unknown: string[]; findings: Finding[] } {
  const documents: PolicyDocumentAt[] = [];
  const unknown: string[] = [];
  const findings: Finding[] = [];
  const dataJson = new Map<string, string>();
  const walk = (module: any) => {
    for (const r of module?.resources ?? []) if (r.mode === 'data' && typeof r.values?.json === 'string') dataJson.set(r.address, r.values.json);
    for (const child of module?.child_modules ?? []) walk(child);
  };
  walk(plan?.prior_state?.values?.root_module);
  for (const r of plannedResources(plan)) {
    for (const attribute of POLICY_ATTRIBUTES[r.type] ?? []) {
      const at = `${r.address}.${attribute}`;
      const planned = r.after?.[attribute];
      const c = configured(r.expressions[attribute]);
      let text: string | undefined;
      let from = '';
      if (typeof planned === 'string' && planned !== '' && r.unknown?.[attribute] !== true) {
        [text, from] = [planned, 'planned value'];
      } else if (c.kind === 'expression' && c.text !== undefined && isReferenceOnly(c.text) && /^data\.aws_iam_policy_document\.[^.]+\.json$/.test(c.references[0] ?? '')) {
        const address = c.references[0].replace(/\.json$/, '');
        if (dataJson.has(address)) [text, from] = [dataJson.get(address), `data source ${address}`];
      } else if (c.kind === 'expression' && c.text !== undefined && /^\s*\{/.test(c.text)) {
        [text, from] = [c.text, 'configuration'];
      } else if (c.kind === 'literal' && typeof c.value === 'string') {
        [text, from] = [c.value, 'configuration'];
      }
      if (text === undefined) {
        // Unset and computed (a secret's own resource policy, when not given) is no document.
        if (c.kind !== 'none') unknown.push(at);
        continue;
      }
      try {
        documents.push({ at, type: r.type, resource: r, document: JSON.parse(text), from });
      } catch (e) {
        findings.push({ check: 'policy', at, message: `is not JSON (${(e as Error).message}), read from the ${from}` });
      }
    }
  }
  return { documents, unknown, findings };
}

const asList = (x: unknown): any[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

export interface PolicyOptions {
  /** The model lets stores find secrets: FIND_ACTIONS may be on '*'. */
  readonly allowFind?: boolean;
}

/** What a Resource with a wildcard is: a folder of secrets or parameters, a secret's random suffix, or another pattern. */
export function wildcardOf(resource: string): { kind: 'folder'; folder: string } | { kind: 'suffix' } | { kind: 'other' } | undefined {
  if (!/[*?]/.test(resource)) return undefined;
  const part = '[^:*?]+';
  const secretFolder = new RegExp(`^arn:${part}:secretsmanager:${part}:${part}:secret:([^*?]+)/\\*$`).exec(resource)?.[1];
  // A folder below a top-level one ('noxus/pools/acme', not 'noxus'): a top-level folder holds everything of its prefix.
  if (secretFolder !== undefined && secretFolder.includes('/')) return { kind: 'folder', folder: secretFolder };
  const parameterFolder = new RegExp(`^arn:${part}:ssm:${part}:${part}:parameter(/[^*?]+)/\\*$`).exec(resource)?.[1];
  if (parameterFolder !== undefined && parameterFolder.split('/').length >= 3) return { kind: 'folder', folder: parameterFolder };
  // Secrets Manager appends '-' and 6 random characters to a name: '-??????' names one secret.
  if (new RegExp(`^arn:${part}:secretsmanager:${part}:${part}:secret:[^*?]+-\\?{6}$`).test(resource)) return { kind: 'suffix' };
  return { kind: 'other' };
}

/** The role a policy document grants to (its resource address), or the document's own address where the plan does not say. */
function holderOf(d: PolicyDocumentAt, resources: PlannedResource[]): string[] {
  const roleOf = (expr: any): string | undefined => configured(expr).kind === 'expression'
    ? (configured(expr) as { references: string[] }).references.map(r => /^(aws_iam_role\.[^.]+)\.(id|name|arn)$/.exec(r)?.[1]).find(r => r !== undefined)
    : undefined;
  if (d.type === 'aws_iam_role_policy') return [roleOf(d.resource.expressions.role) ?? d.resource.address];
  if (d.type === 'aws_iam_policy') {
    const roles = resources.filter(r => r.type === 'aws_iam_role_policy_attachment'
      && configured(r.expressions.policy_arn).kind === 'expression' && (configured(r.expressions.policy_arn) as { references: string[] }).references.includes(`${d.resource.address}.arn`))
      .map(r => roleOf(r.expressions.role)).filter((r): r is string => r !== undefined);
    return roles.length > 0 ? roles : [d.resource.address];
  }
  return [d.resource.address];
}

/** The name of a secret or parameter a Resource names exactly: a reference to a planned one, or a literal ARN. */
function exactName(resource: string, byAddress: Map<string, PlannedResource>): string | undefined {
  const ref = /^\$\{((aws_secretsmanager_secret|aws_ssm_parameter)\.[^.}]+)\.arn\}$/.exec(resource);
  if (ref) return byAddress.get(ref[1])?.after?.name;
  return /:secret:(.+)$/.exec(resource)?.[1] ?? /:parameter(\/.+)$/.exec(resource)?.[1];
}

/**
 * Every policy's resources are exact (no '*' where a name is known), its actions and principals
 * are named. Exceptions, each for its reason: a KMS key policy's Resource '*' means the key
 * itself; FIND_ACTIONS on '*' with allowFind, because they have no resource-level form; a
 * secret's random suffix ('-??????'); and a folder of one store ('.../secret:noxus/pools/acme/*'):
 * a folder below a top-level one, under which the plan grants nothing but the whole folder (no
 * role of the library reads a secret in it by name, and no role a folder inside it, without also
 * reading the folder; a role of the user's may be granted one secret by name).
 */
export function policyFindings(plan: any, options: PolicyOptions = {}): Finding[] {
  const { documents, findings } = policyDocuments(plan);
  const resources = plannedResources(plan);
  const byAddress = new Map(resources.map(r => [r.address, r]));
  // Who reads what: each folder's and each exact name's holders.
  const folderHolders = new Map<string, Set<string>>();
  const exactHolders: { name: string; holder: string }[] = [];
  for (const d of documents) {
    if (d.type === 'aws_kms_key' || d.at.endsWith('.assume_role_policy')) continue;
    const holders = holderOf(d, resources);
    for (const s of asList(d.document?.Statement)) {
      if (s?.Effect !== 'Allow') continue;
      for (const r of asList(s.Resource).map(String)) {
        const w = wildcardOf(r);
        if (w?.kind === 'folder') {
          const set = folderHolders.get(w.folder) ?? new Set<string>();
          holders.forEach(h => set.add(h));
          folderHolders.set(w.folder, set);
        } else if (w === undefined) {
          const name = exactName(r, byAddress);
          if (name !== undefined) holders.forEach(holder => exactHolders.push({ name, holder }));
        }
      }
    }
  }
  // A role of the plan that is not the library's (no managed-by tag) may be granted one secret of a folder by name: a grantRead of one address.
  const granteeOnly = (holder: string) => byAddress.get(holder)?.type === 'aws_iam_role' && byAddress.get(holder)?.after?.tags?.[MANAGED_TAG] === undefined;
  const outsider = (folder: string): string | undefined => {
    const own = folderHolders.get(folder)!;
    const byName = exactHolders.find(e => e.name.startsWith(`${folder}/`) && !own.has(e.holder) && !granteeOnly(e.holder));
    if (byName) return `${byName.holder} reads ${byName.name} in it by name`;
    for (const [inner, holders] of folderHolders) {
      const other = [...holders].find(h => !own.has(h));
      if (inner.startsWith(`${folder}/`) && other) return `${other} reads the folder ${inner} inside it`;
    }
    return undefined;
  };
  for (const d of documents) {
    asList(d.document?.Statement).forEach((s: any, i: number) => {
      const at = `${d.at} Statement[${i}]${s.Sid ? ` (${s.Sid})` : ''}`;
      if (s.Effect !== 'Allow') return;
      const actions = asList(s.Action).map(String);
      if (s.NotAction !== undefined) findings.push({ check: 'policy', at, message: 'allows NotAction: every action but some' });
      for (const a of actions) if (a === '*' || /:\*$/.test(a)) findings.push({ check: 'policy', at, message: `allows the action ${JSON.stringify(a)}: name the actions` });
      const principals = s.Principal === '*' ? ['*'] : Object.values(s.Principal ?? {}).flatMap(asList).map(String);
      if (principals.includes('*')) {
        const why = pinnedStar(s);
        if (why) findings.push({ check: 'policy', at, message: `allows the principal "*"${why}` });
      }
      if (d.type === 'aws_iam_role' && d.at.endsWith('.assume_role_policy')) return;
      if (s.NotResource !== undefined) findings.push({ check: 'policy', at, message: 'allows NotResource: every resource but some' });
      for (const r of asList(s.Resource).map(String)) {
        const w = r === '*' ? undefined : wildcardOf(r);
        if (w?.kind === 'other') {
          findings.push({ check: 'policy', at, message: `allows ${actions.join(', ') || 'its actions'} on ${JSON.stringify(r)}, a pattern: name the resources, or one store's folder ('.../secret:<prefix>/pools/<pool>/*')` });
        } else if (w?.kind === 'folder') {
          const why = outsider(w.folder);
          if (why) findings.push({ check: 'policy', at, message: `allows ${actions.join(', ') || 'its actions'} on the folder ${JSON.stringify(r)}, which is not one store's: ${why}` });
        }
      }
      if (!asList(s.Resource).includes('*')) return;
      // A key or secret policy is attached to one key or secret: its Resource '*' is that resource.
      if (RESOURCE_POLICY_TYPES.has(d.type)) return;
      if (options.allowFind && actions.length > 0 && actions.every(a => FIND_ACTIONS.has(a))) return;
      findings.push({ check: 'policy', at, message: `allows ${actions.join(', ') || 'its actions'} on Resource "*"${options.allowFind ? '' : ' (list actions are allowed on "*" only with allowFind)'}: name the resources` });
    });
  }
  return findings;
}

/** Resource types whose policy is attached to the resource itself (its Resource '*' is that resource). */
const RESOURCE_POLICY_TYPES = new Set(['aws_kms_key', 'aws_secretsmanager_secret', 'aws_secretsmanager_secret_policy']);

/**
 * Why a statement with the principal "*" is not bounded, or undefined when it is: its conditions must
 * pin the caller's account (StringEquals aws:PrincipalAccount or kms:CallerAccount, one value) and
 * name the principals by role ARN (ArnEquals, or ArnLike with a literal name start after ':role/').
 */
function pinnedStar(s: any): string | undefined {
  const c = s.Condition ?? {};
  const equals = c.StringEquals ?? {};
  const account = asList(equals['aws:PrincipalAccount'] ?? equals['kms:CallerAccount']);
  if (account.length !== 1) return ' (no condition pins the caller\'s account: StringEquals aws:PrincipalAccount or kms:CallerAccount)';
  const exact = asList(c.ArnEquals?.['aws:PrincipalArn']).map(String);
  const like = asList(c.ArnLike?.['aws:PrincipalArn']).map(String);
  if (exact.length + like.length === 0) return ' (no condition names the principals: ArnEquals or ArnLike on aws:PrincipalArn)';
  const broad = like.find(p => !/:role\/[^*?]+\*?$/.test(p) || /:role\/\*$/.test(p));
  if (broad) return ` (the pattern ${JSON.stringify(broad)} names no role: it needs a literal path or name start after ':role/')`;
  return undefined;
}

export interface TrustOptions {
  /** The subject each role must trust, by role name (IRSA: the ServiceAccount; Pod Identity: the ESO controller's). */
  readonly expected?: Record<string, { namespace: string; serviceAccount: string }>;
}

/**
 * Trust policies as intended. IRSA: the OIDC provider federated, AssumeRoleWithWebIdentity only,
 * StringEquals on `<issuer>:sub` = system:serviceaccount:<ns>:<sa> and `<issuer>:aud` =
 * sts.amazonaws.com. Pod Identity: pods.eks.amazonaws.com, sts:AssumeRole and sts:TagSession,
 * with the cluster, namespace and ServiceAccount request tags. A role of the library's trusted by
 * another role: only with session tags.
 */
export function trustFindings(plan: any, options: TrustOptions = {}): Finding[] {
  const findings: Finding[] = [];
  const { documents } = policyDocuments(plan);
  const trusts = documents.filter(d => d.type === 'aws_iam_role');
  for (const [role, want] of Object.entries(options.expected ?? {})) {
    const planned = plannedResources(plan).find(r => r.type === 'aws_iam_role' && r.after?.name === role);
    if (!planned) findings.push({ check: 'trust', at: `role ${role}`, message: 'is expected, and the plan creates no such role' });
    else if (!trusts.some(t => t.resource.address === planned.address)) findings.push({ check: 'trust', at: `${planned.address}.assume_role_policy`, message: `is not known at plan time, so the trust of ${want.namespace}/${want.serviceAccount} is unchecked` });
  }
  for (const t of trusts) {
    const name: string | undefined = t.resource.after?.name;
    const managed = t.resource.after?.tags?.[MANAGED_TAG] !== undefined;
    const want = name ? options.expected?.[name] : undefined;
    const statements = asList(t.document?.Statement).filter((s: any) => s.Effect === 'Allow');
    if (statements.length === 0) findings.push({ check: 'trust', at: t.at, message: 'allows no one' });
    statements.forEach((s: any, i: number) => {
      const at = `${t.at} Statement[${i}]`;
      const actions = asList(s.Action).map(String).sort();
      const equals: Record<string, unknown> = s.Condition?.StringEquals ?? {};
      const federated = asList(s.Principal?.Federated).map(String);
      const services = asList(s.Principal?.Service).map(String);
      const aws = asList(s.Principal?.AWS).map(String);
      if (federated.some(f => f.includes(':oidc-provider/') || isReferenceOnly(f))) {
        if (actions.join() !== 'sts:AssumeRoleWithWebIdentity') findings.push({ check: 'trust', at, message: `allows ${actions.join(', ')}; an IRSA trust allows sts:AssumeRoleWithWebIdentity only` });
        const literal = federated.find(f => f.includes(':oidc-provider/'));
        const issuer = literal?.split(':oidc-provider/')[1];
        const sub = Object.keys(equals).find(k => k.endsWith(':sub'));
        const aud = Object.keys(equals).find(k => k.endsWith(':aud'));
        if (!sub) findings.push({ check: 'trust', at, message: 'has no StringEquals on <issuer>:sub: any ServiceAccount of the cluster could assume the role' });
        if (!aud) findings.push({ check: 'trust', at, message: 'has no StringEquals on <issuer>:aud' });
        for (const key of [sub, aud]) {
          if (key && issuer && key.slice(0, key.lastIndexOf(':')) !== issuer) findings.push({ check: 'trust', at, message: `conditions on ${JSON.stringify(key)}, not on the federated provider's issuer ${JSON.stringify(issuer)}` });
        }
        const subject = sub ? asList(equals[sub]).map(String) : [];
        if (sub && !(subject.length === 1 && /^system:serviceaccount:[a-z0-9.-]+:[a-z0-9.-]+$/.test(subject[0]))) {
          findings.push({ check: 'trust', at, message: `trusts ${JSON.stringify(subject)} on :sub; expected exactly one system:serviceaccount:<namespace>:<name>` });
        }
        if (want && sub && subject[0] !== `system:serviceaccount:${want.namespace}:${want.serviceAccount}`) {
          findings.push({ check: 'trust', at, message: `trusts ${JSON.stringify(subject[0])}; expected system:serviceaccount:${want.namespace}:${want.serviceAccount}` });
        }
        if (aud && asList(equals[aud]).join() !== 'sts.amazonaws.com') findings.push({ check: 'trust', at, message: `has :aud ${JSON.stringify(equals[aud])}; expected "sts.amazonaws.com"` });
        if (Object.keys(s.Condition?.StringLike ?? {}).some(k => k.endsWith(':sub'))) findings.push({ check: 'trust', at, message: 'matches :sub with StringLike: a pattern, not one ServiceAccount' });
      } else if (services.includes('pods.eks.amazonaws.com')) {
        for (const a of ['sts:AssumeRole', 'sts:TagSession']) if (!actions.includes(a)) findings.push({ check: 'trust', at, message: `misses ${a}, which EKS Pod Identity needs` });
        for (const tag of ['eks-cluster-arn', 'kubernetes-namespace', 'kubernetes-service-account']) {
          const v = equals[`aws:RequestTag/${tag}`];
          if (typeof v !== 'string' || v === '' || v.includes('*')) findings.push({ check: 'trust', at, message: `has no exact StringEquals on aws:RequestTag/${tag}: pods of other ${tag.replace(/-/g, ' ')}s could assume the role` });
        }
        if (want) {
          for (const [tag, value] of [['kubernetes-namespace', want.namespace], ['kubernetes-service-account', want.serviceAccount]]) {
            if (equals[`aws:RequestTag/${tag}`] !== undefined && equals[`aws:RequestTag/${tag}`] !== value) {
              findings.push({ check: 'trust', at, message: `trusts aws:RequestTag/${tag} ${JSON.stringify(equals[`aws:RequestTag/${tag}`])}; expected ${JSON.stringify(value)}` });
            }
          }
        }
      } else if (aws.length && managed) {
        const tags = Object.keys(equals).filter(k => k.startsWith('aws:RequestTag/'));
        if (tags.length === 0) findings.push({ check: 'trust', at, message: `lets ${aws.join(', ')} assume the role with no session-tag condition: every session of that principal could read this store` });
      } else if (managed) {
        findings.push({ check: 'trust', at, message: `trusts ${JSON.stringify(s.Principal)}, neither an OIDC provider, EKS Pod Identity nor a role with session tags` });
      }
    });
  }
  return findings;
}

/** What the checks could read: policy documents known at plan time, by where from, and those known only at apply. */
export function coverage(plan: any): string {
  const { documents, unknown } = policyDocuments(plan);
  const by = (from: string) => documents.filter(d => d.from.startsWith(from)).length;
  const secrets = plannedResources(plan).filter(r => SECRET_ATTRIBUTES[r.type]).length;
  return `${secrets} secret value resource(s); ${documents.length} policy document(s) checked (${by('planned value')} planned, ${by('configuration')} from the ` +
    `configuration's template, ${by('data source')} from a data source)${unknown.length ? `, ${unknown.length} known only at apply: ${unknown.join(', ')}` : ''}`;
}

export interface PlanCheckOptions extends SecretValueOptions, PolicyOptions, TrustOptions {}

/** Every check, in one list. */
export function checkPlan(plan: any, options: PlanCheckOptions = {}): Finding[] {
  return [
    ...secretValueFindings(plan, options),
    ...writeOnlyFindings(plan),
    ...policyFindings(plan, options),
    ...trustFindings(plan, options),
  ];
}
