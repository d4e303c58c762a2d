// The benchmark's workloads: the library and a baseline that builds the same
// objects by hand (raw cdk8s ApiObjects, raw provider resources), with no model.
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { ApiObject, App as K8sApp, Chart, JsonPatch, Yaml } from 'cdk8s';
import * as kplus from 'cdk8s-plus-33';
import { Construct } from 'constructs';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App as TfApp, TerraformOutput, TerraformStack } from 'cdktf';
import {
  Footprint, LIST_PRICES, NoxusApp, NoxusCatalog, NoxusPlatformSecrets, NoxusService, PlatformSecret, ReloadStrategy, RemoteKeyLayout, SecretBackend, SecretsBlueprint, SecretsContract, WorkloadIdentity,
} from 'noxus-secrets-cdk';
import { KeyPolicyReaders, NoxusAwsSecrets } from 'noxus-secrets-cdk/aws';

export const SECRETS_PER_POOL = 20;
/** The date of the list prices: the one figure of the report the baseline takes from the library, as it would copy it from the price pages. */
const PRICES_DATE = LIST_PRICES.date;
const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';
const OIDC = `arn:aws:iam::${ACCOUNT}:oidc-provider/oidc.eks.${REGION}.amazonaws.com/id/BENCH`;
const ISSUER = `oidc.eks.${REGION}.amazonaws.com/id/BENCH`;
const poolKeys = Array.from({ length: SECRETS_PER_POOL }, (_, i) => `POOL_SECRET_${String(i).padStart(2, '0')}`);
const poolNames = (pools: number) => Array.from({ length: pools }, (_, i) => `pool-${String(i).padStart(4, '0')}`);
const globalKeys = NoxusCatalog.all().map(s => s.name);
const highRisk = new Set(NoxusCatalog.all().filter(s => s.highRisk).map(s => s.name));
/** The role operators set values with: the one writer of the key. */
const WRITER = `arn:aws:iam::${ACCOUNT}:role/noxus-secrets-admin`;
const optional = new Set(NoxusCatalog.all().filter(s => s.optional).map(s => s.name));
const descriptions = new Map(NoxusCatalog.all().map(s => [s.name, s.description]));

/** The model: the 11 catalog secrets global, and per pool 20 secrets of its own. */
export function benchBlueprint(pools: number): SecretsBlueprint {
  return new SecretsBlueprint({
    secrets: [...NoxusCatalog.all(), ...poolKeys.map(name => PlatformSecret.custom({ name }))],
    global: globalKeys,
    pools: poolNames(pools).map(name => ({ name, secrets: poolKeys })),
  });
}

/** Synthesizes a cdk8s app (the library's NoxusApp, or cdk8s's App) into a fresh folder as `cdk8s synth` does, and returns the bytes written. */
function synthK8s<A extends K8sApp>(App: new (props: { outdir: string }) => A, build: (app: A) => void): number {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'noxus-bench-k8s-'));
  const app = new App({ outdir });
  build(app);
  app.synth();
  let bytes = 0;
  const walk = (dir: string) => fs.readdirSync(dir, { withFileTypes: true }).forEach(e => {
    const file = path.join(dir, e.name);
    if (e.isDirectory()) return walk(file);
    bytes += fs.statSync(file).size;
    if (captured) captured[path.relative(outdir, file)] = fs.readFileSync(file, 'utf-8');
  });
  walk(outdir);
  fs.rmSync(outdir, { recursive: true, force: true });
  return bytes;
}

let captured: Record<string, string> | undefined;

/** The files a workload writes, by path (for the test that the baselines write what the library writes); not timed. */
export function filesOf(workload: string, pools: number): Record<string, string> {
  captured = {};
  try {
    WORKLOADS[workload](pools);
    return captured;
  } finally {
    captured = undefined;
  }
}

const IMAGE = 'registry.example.com/noxus';
const RELOAD = 'secret.reloader.stakater.com/reload';
/** ESO's generator resources (config/crds/bases), which the guard matches; GeneratorState is the controller's own. */
const GENERATORS = [
  'acraccesstokens', 'beyondtrustworkloadcredentialsdynamicsecrets', 'cloudsmithaccesstokens', 'clustergenerators', 'ecrauthorizationtokens', 'fakes',
  'gcraccesstokens', 'githubaccesstokens', 'gitlabdeploytokens', 'grafanas', 'mfas', 'passwords', 'quayaccesstokens', 'sshkeys', 'stssessiontokens', 'uuids',
  'vaultdynamicsecrets', 'webhooks',
];

// The admission guard's validations and its two per-object identity lists for this model (AWS, IRSA, namespace noxus):
// text that does not grow with the pools, kept as written (bench/guard-static.json; test/bench/baselines.test.ts says when
// it no longer is the library's). What grows with the pools, the lists and maps of names, is written below.
const GUARD_STATIC: { serviceAccountRefs: string; roles: string; validations: { expression: string; message: string; reason: string }[] } =
  JSON.parse(fs.readFileSync(path.join(__dirname, 'guard-static.json'), 'utf-8'));

/**
 * What a user runs, with every default on: the bundled example's shape (the env Secrets'
 * chart through ESO, Frontend, Backend, Beat and one worker Deployment per pool wired to
 * it), a NoxusApp's `synth()` to a folder, with the Helm values file, the blast-radius report and
 * the audit.
 */
export function k8sLibrary(pools: number, layout = RemoteKeyLayout.PER_KEY): number {
  return synthK8s(NoxusApp, app => {
    const contract = new SecretsContract({
      blueprint: benchBlueprint(pools), namespace: 'noxus', remoteKeys: { layout },
      backend: SecretBackend.awsSecretsManager({ region: REGION }), identity: WorkloadIdentity.irsa({ accountId: ACCOUNT }),
    });
    const secrets = new NoxusPlatformSecrets(app, 'noxus-secrets', { contract, reload: ReloadStrategy.NAMED_SECRETS });
    const services = new Chart(app, 'noxus-services', { namespace: 'noxus' });
    const deployment = (id: string) => new kplus.Deployment(services, id, { replicas: 1, metadata: { name: `noxus-${id}` }, containers: [{ name: id, image: `${IMAGE}/${id}:1.0.0` }] });
    for (const service of [NoxusService.FRONTEND, NoxusService.BACKEND, NoxusService.BEAT]) secrets.attachService(deployment(service), service);
    for (const pool of poolNames(pools)) secrets.attachPool(deployment(`worker-${pool}`), pool);
  });
}

/**
 * The same objects and files, written by hand with no model: raw ApiObjects for the stores,
 * ServiceAccounts and ExternalSecrets, the same cdk8s-plus Deployments with their envFrom and
 * annotations set by hand, the Helm values file and a Markdown report with one row per secret.
 */
export function k8sBaseline(pools: number): number {
  return synthK8s(K8sApp, app => {
    const chart = new Chart(app, 'noxus-secrets', { namespace: 'noxus' });
    new ApiObject(chart, 'namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'noxus' } }).addJsonPatch(JsonPatch.remove('/metadata/namespace'));
    const services = new Chart(app, 'noxus-services', { namespace: 'noxus' });
    const guardRoles: string[] = [];
    const guardTargets: string[] = [];
    const isolation: string[] = [];
    const store = (id: string, secretName: string, keys: [string, string][]) => {
      const sa = `noxus-eso-${id}`;
      const roleArn = `arn:aws:iam::${ACCOUNT}:role/noxus-eso-${id}`;
      guardRoles.push(JSON.stringify(roleArn));
      guardTargets.push(`${JSON.stringify(secretName)}: ${JSON.stringify(`noxus-${id}`)}`);
      isolation.push(`| ${id} | IAM trust: web identity of system:serviceaccount:noxus:${sa} only; admission guard: no other namespace may name its role or ServiceAccount, and only this store writes its env Secret |`);
      new ApiObject(chart, `${id}-token-role`, {
        apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: `${sa}-token` },
        rules: [{ apiGroups: [''], resources: ['serviceaccounts/token'], resourceNames: [sa], verbs: ['create'] }],
      });
      new ApiObject(chart, `${id}-token-binding`, {
        apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: `${sa}-token` },
        subjects: [{ kind: 'ServiceAccount', name: 'external-secrets', namespace: 'external-secrets' }],
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: `${sa}-token` },
      });
      new ApiObject(chart, `${id}-sa`, {
        apiVersion: 'v1', kind: 'ServiceAccount', automountServiceAccountToken: false,
        metadata: { name: sa, annotations: { 'eks.amazonaws.com/role-arn': `arn:aws:iam::${ACCOUNT}:role/noxus-eso-${id}` } },
      });
      new ApiObject(chart, `${id}-store`, {
        apiVersion: 'external-secrets.io/v1', kind: 'SecretStore', metadata: { name: `noxus-${id}` },
        spec: { provider: { aws: { service: 'SecretsManager', region: REGION, auth: { jwt: { serviceAccountRef: { name: sa } } } } } },
      });
      new ApiObject(chart, `${id}-es`, {
        apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: { name: secretName },
        spec: {
          refreshInterval: '1h', secretStoreRef: { name: `noxus-${id}`, kind: 'SecretStore' },
          // A key not set yet is skipped (Merge); a required one fails the render by name; an optional one is left out.
          target: {
            name: secretName, creationPolicy: 'Owner', deletionPolicy: 'Merge',
            template: {
              type: 'Opaque', engineVersion: 'v2',
              data: Object.fromEntries(keys.filter(([k]) => !optional.has(k)).map(([k]) => [k, `{{ .${k} }}`])),
              ...(keys.some(([k]) => optional.has(k))
                ? { templateFrom: [{ target: 'Data', literal: keys.filter(([k]) => optional.has(k)).map(([k]) => `{{ with index . "${k}" }}"${k}": {{ toJson . }}\n{{ end }}`).join('') }] }
                : {}),
            },
          },
          data: keys.map(([secretKey, key]) => ({ secretKey, remoteRef: { key } })),
        },
      });
    };
    // Your workloads are cdk8s-plus Deployments either way: here wired by hand, envFrom and annotations.
    const deployment = (id: string, envFrom: string[], annotations: Record<string, string>) => {
      const d = new kplus.Deployment(services, id, { replicas: 1, metadata: { name: `noxus-${id}` }, containers: [{ name: id, image: `${IMAGE}/${id}:1.0.0` }] });
      for (const name of envFrom) d.containers[0].env.copyFrom(kplus.Env.fromSecret(kplus.Secret.fromSecretName(services, `${id}-${name}`, name)));
      for (const [k, v] of Object.entries({ [RELOAD]: envFrom.join(','), ...annotations })) d.metadata.addAnnotation(k, v);
    };
    store('platform', 'app-env', [...globalKeys].sort().map(k => [k, `noxus/platform/${k}`]));
    for (const service of ['frontend', 'backend', 'beat']) deployment(service, ['app-env'], { 'noxus-secrets-cdk/service': service });
    // The same report: a Mermaid diagram of stores and pools, and one row per secret with its readers, store, identity and remote key.
    const values: Record<string, unknown> = {};
    const pools_ = poolNames(pools);
    const role = (id: string) => `IAM role arn:aws:iam::${ACCOUNT}:role/noxus-eso-${id}`;
    const report = ['# Blast radius of the Noxus platform secrets', '', 'Generated by noxus-secrets-cdk from the blueprint: for each secret, who can read its value and through what.', '', '```mermaid', 'flowchart LR', `  store_platform[("platform: ${globalKeys.length} secret(s)")]`];
    for (const pool of pools_) report.push(`  store_pool_${pool.replace(/-/g, '_')}[("pool-${pool}: ${poolKeys.length} secret(s)")]`);
    report.push('  svc_services["frontend, backend, beat"]');
    for (const pool of pools_) report.push(`  pool_${pool.replace(/-/g, '_')}["workers of ${pool}"]`);
    report.push('  store_platform --> svc_services');
    for (const pool of pools_) report.push(`  store_platform --> pool_${pool.replace(/-/g, '_')}`);
    for (const pool of pools_) report.push(`  store_pool_${pool.replace(/-/g, '_')} --> pool_${pool.replace(/-/g, '_')}`);
    report.push('```', '', '| secret | placement | high-risk | read by | store | identity | remote key |', '| --- | --- | --- | --- | --- | --- | --- |');
    const everyone = ['frontend', 'backend', 'beat', ...pools_.map(p => `workers of ${p}`)].join(', ');
    for (const k of [...globalKeys].sort()) report.push(`| \`${k}\` | platform/${k} | ${highRisk.has(k) ? 'yes' : 'no'} | ${everyone} | platform | ${role('platform')} | \`noxus/platform/${k}\` |`);
    for (const pool of pools_) {
      values[pool] = { envSecretRef: `app-env-${pool}` };
      for (const k of poolKeys) report.push(`| \`${k}\` | pools/${pool}/${k} | no | workers of ${pool} | pool-${pool} | ${role(`pool-${pool}`)} | \`noxus/pools/${pool}/${k}\` |`);
    }
    for (const pool of pools_) {
      store(`pool-${pool}`, `app-env-${pool}`, poolKeys.map(k => [k, `noxus/pools/${pool}/${k}`]));
      deployment(`worker-${pool}`, ['app-env', `app-env-${pool}`], { 'noxus-secrets-cdk/service': 'worker', 'noxus-secrets-cdk/pool': pool });
    }
    // The admission guard: one policy with the maps of Secret, ServiceAccount and role owners, the key prefixes, the same
    // validations, and its binding.
    const guardName = 'noxus-noxus-store-guard';
    // Kubernetes compiles no CEL expression over 100,000 code points: longer lists go in parts.
    const celParts = (name: string, items: string[], open: string, close: string, join: boolean) => {
      const parts: string[][] = [[]];
      let length = open.length + close.length;
      for (const item of items) {
        const sep = parts[parts.length - 1].length > 0 ? 2 : 0;
        if (length + item.length + sep > 100_000) {
          parts.push([]);
          length = open.length + close.length + item.length;
        } else {
          length += item.length + sep;
        }
        parts[parts.length - 1].push(item);
      }
      if (parts.length === 1) return [{ name, expression: `${open}${items.join(', ')}${close}` }];
      return [
        ...parts.map((p, i) => ({ name: `${name}_${i}`, expression: `${open}${p.join(', ')}${close}` })),
        ...(join ? [{ name, expression: parts.map((_, i) => `variables.${name}_${i}`).join(' + ') }] : []),
      ];
    };
    const stores = celParts('secretStores', guardTargets, '{', '}', false);
    const owners = guardRoles.map(r => r.replace(/^"arn:aws:iam::\d+:role\//, '"')).map(n => `${n}: ${JSON.stringify(`noxus-${JSON.parse(n).replace(/^noxus-eso-/, '')}`)}`);
    const saOwners = celParts('serviceAccountOwners', owners, '{', '}', false);
    const roleOwners = celParts('roleOwners', owners, '{', '}', false);
    const lookup = (parts: { name: string }[], key: string) => `(${parts.reduceRight((or, v) => `${key} in variables.${v.name} ? variables.${v.name}[${key}] : ${or}`, "''")})`;
    const guard = new ApiObject(chart, 'guard', {
      apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicy', metadata: { name: guardName },
      spec: {
        failurePolicy: 'Fail',
        matchConstraints: {
          resourceRules: [
            { apiGroups: ['external-secrets.io'], apiVersions: ['*'], operations: ['CREATE', 'UPDATE'], resources: ['secretstores', 'clustersecretstores', 'externalsecrets', 'clusterexternalsecrets', 'pushsecrets', 'clusterpushsecrets'] },
            { apiGroups: ['generators.external-secrets.io'], apiVersions: ['*'], operations: ['CREATE', 'UPDATE'], resources: GENERATORS },
          ],
        },
        variables: [
          { name: 'platformKeyPrefixes', expression: '["noxus/platform/", "noxus/pools/", "noxus/workers/"]' },
          ...stores, ...saOwners, ...roleOwners,
          { name: 'generatedSecrets', expression: '{}' },
          { name: 'platformGenerators', expression: '[]' },
          { name: 'target', expression: 'has(object.spec) && has(object.spec.target) && has(object.spec.target.name) ? object.spec.target.name : object.metadata.name' },
          { name: 'targetStore', expression: lookup(stores, 'variables.target') },
          { name: 'serviceAccountRefs', expression: GUARD_STATIC.serviceAccountRefs },
          { name: 'roles', expression: GUARD_STATIC.roles },
          {
            name: 'serviceAccountOwnersOfObject',
            expression: `variables.serviceAccountRefs.map(r, {'namespace': has(r.namespace) ? r.namespace : '', 'owner': has(r.name) ? ${lookup(saOwners, 'r.name')} : ''})`,
          },
          { name: 'roleOwnersOfObject', expression: `variables.roles.map(x, ${lookup(roleOwners, 'x')})` },
          {
            name: 'templateSecrets',
            expression: '!(has(object.spec) && has(object.spec.target) && has(object.spec.target.template) && has(object.spec.target.template.templateFrom)) ? [] : ' +
              `object.spec.target.template.templateFrom.filter(t, has(t.secret)).map(t, {'envSecret': ${lookup(stores, 't.secret.name')} != '', 'generatedFor': (t.secret.name in variables.generatedSecrets ? variables.generatedSecrets[t.secret.name] : '')})`,
          },
        ],
        validations: GUARD_STATIC.validations,
      },
    });
    guard.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
    new ApiObject(chart, 'guard-binding', {
      apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicyBinding', metadata: { name: guardName },
      spec: { policyName: guardName, validationActions: ['Deny'] },
    }).addJsonPatch(JsonPatch.remove('/metadata/namespace'));
    report.push('', "## What enforces each store's isolation", '', '| store | enforced by |', '| --- | --- |', ...isolation);
    // The footprint, by hand: one secret and one read per key, each hour; the list price of Secrets Manager.
    // Counts grouped by commas with a regular expression: toLocaleString would first set up ICU (about 13 ms).
    const n = (x: number) => String(x).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    const secrets = globalKeys.length + pools * poolKeys.length;
    const readsPerMonth = secrets * 730;
    const usd = Math.round((secrets * 0.40 + readsPerMonth / 10_000 * 0.05) * 100) / 100;
    report.push('', '## Footprint', '', '| | |', '| --- | --- |',
      '| layout | one remote secret per key (RemoteKeyLayout.PER_KEY) |',
      `| remote secrets | ${n(secrets)} |`,
      `| backend reads per refresh | ${n(secrets)} (at most ${Math.max(globalKeys.length, pools > 0 ? poolKeys.length : 0)} per store), every 1h |`,
      `| backend reads per month | ${n(readsPerMonth)} |`,
      `| monthly list price | $${usd.toFixed(2)}: $0.40 per secret-month, $0.05 per 10,000 API calls (https://aws.amazon.com/secrets-manager/pricing/, as of ${PRICES_DATE}; free tiers, taxes and KMS left out) |`);
    fs.mkdirSync(path.join(app.outdir, 'helm'), { recursive: true });
    fs.writeFileSync(path.join(app.outdir, 'helm', 'noxus-secrets.values.yaml'), [
      '# Helm values fragment for the Noxus chart, generated by noxus-secrets-cdk. Do not edit: change the blueprint.',
      '# Use it with: helm upgrade --install <release> <noxus-chart> -f <your values> -f <this file>',
      '# Shared env Secret for all services: app-env',
      Yaml.stringify({ worker: { pools: values } }),
    ].join('\n'));
    fs.writeFileSync(path.join(app.outdir, 'helm', 'noxus-secrets.eso-values.yaml'), [
      '# Helm values fragment for the External Secrets Operator chart (2.5.0 or later), generated by noxus-secrets-cdk.',
      "# It removes ESO's blanket serviceaccounts/token permission; the Noxus manifests grant it per store ServiceAccount.",
      '# The process* lines turn off controller features the platform does not use (cluster stores, cluster external secrets, cluster generators, push secrets): drop them if other teams use them.',
      '# Use it with: helm upgrade --install external-secrets external-secrets/external-secrets -f <your values> -f <this file>',
      Yaml.stringify({
        rbac: { serviceAccountTokenCreate: false },
        processClusterStore: false, processClusterExternalSecret: false, processClusterGenerator: false, processPushSecret: false, processClusterPushSecret: false,
      }),
    ].join('\n'));
    fs.writeFileSync(path.join(app.outdir, 'noxus-secrets.blast-radius.md'), `${report.join('\n')}\n`);
  });
}

// The real synth path (app.synth(), as `cdktf synth` runs it), into a fresh directory:
// cdktf's Testing.synth re-sorts objects in quadratic time and would measure that instead.
function tfStack(): TerraformStack {
  const app = new TfApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'noxus-bench-')) });
  const stack = new TerraformStack(app, 'bench');
  new AwsProvider(stack, 'aws', { region: REGION });
  return stack;
}

function synthTf(stack: Construct): number {
  const app = stack.node.root as TfApp;
  app.synth();
  const file = path.join(app.outdir, 'stacks', 'bench', 'cdk.tf.json');
  const bytes = fs.statSync(file).size;
  if (captured) captured['stacks/bench/cdk.tf.json'] = fs.readFileSync(file, 'utf-8');
  fs.rmSync(app.outdir, { recursive: true, force: true });
  return bytes;
}

/** The store roles' own IAM path, which the key policy names. */
const ROLE_PATH = '/noxus-stores/';

/**
 * `cdktf synth` of a stack with the AWS side, its audit on. The store roles are named in the key
 * policy by their path (KeyPolicyReaders.ROLE_PATH): each by its ARN, KMS's 32 KB refuses the key
 * policy past about 540 pools, so a deployable configuration at every size the bench runs.
 */
export function terraformLibrary(pools: number, layout = RemoteKeyLayout.PER_KEY): number {
  const stack = tfStack();
  awsSecrets(stack, pools, layout);
  return synthTf(stack);
}

function awsSecrets(stack: TerraformStack, pools: number, layout: RemoteKeyLayout): NoxusAwsSecrets {
  const contract = new SecretsContract({
    blueprint: benchBlueprint(pools), namespace: 'noxus', remoteKeys: { layout },
    backend: SecretBackend.awsSecretsManager({ region: REGION }), identity: WorkloadIdentity.irsa({ accountId: ACCOUNT, rolePath: ROLE_PATH }),
  });
  return new NoxusAwsSecrets(stack, 'secrets', { valueWriters: [WRITER], contract, oidcProviderArn: OIDC, keyPolicyReaders: KeyPolicyReaders.ROLE_PATH });
}

/** What the AWS side of the bench's model deploys in a layout (`NoxusAwsSecrets.footprint()`): built, not synthesized. */
export function awsFootprint(pools: number, layout: RemoteKeyLayout): Footprint {
  const stack = tfStack();
  const footprint = awsSecrets(stack, pools, layout).footprint();
  fs.rmSync((stack.node.root as TfApp).outdir, { recursive: true, force: true });
  return footprint;
}

export function terraformBaseline(pools: number): number {
  // The same resources and outputs under the same construct ids (so the same logical IDs), written by hand.
  const stack = new Construct(tfStack(), 'secrets');
  const tags = { 'noxus:managed-by': 'noxus-secrets-cdk' };
  const root = `arn:aws:iam::${ACCOUNT}:root`;
  const via = `secretsmanager.${REGION}.amazonaws.com`;
  const readers = [`arn:aws:iam::${ACCOUNT}:role${ROLE_PATH}*`];
  const key = new KmsKey(stack, 'Key', {
    description: 'Encrypts the Noxus platform secrets (noxus)', enableKeyRotation: true, deletionWindowInDays: 30, tags,
    policy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'AccountAdministersTheKey', Effect: 'Allow', Principal: { AWS: root },
          Action: ['kms:CancelKeyDeletion', 'kms:CreateAlias', 'kms:DeleteAlias', 'kms:DescribeKey', 'kms:DisableKey', 'kms:DisableKeyRotation', 'kms:EnableKey',
            'kms:EnableKeyRotation', 'kms:GetKeyPolicy', 'kms:GetKeyRotationStatus', 'kms:ListGrants', 'kms:ListKeyPolicies', 'kms:ListKeyRotations',
            'kms:ListResourceTags', 'kms:RevokeGrant', 'kms:RotateKeyOnDemand', 'kms:ScheduleKeyDeletion', 'kms:TagResource', 'kms:UntagResource',
            'kms:UpdateAlias', 'kms:UpdateKeyDescription', 'kms:PutKeyPolicy'],
          Resource: ['*'],
        },
        { Sid: 'GrantsOnlyByAwsServicesForTheirResources', Effect: 'Allow', Principal: { AWS: root }, Action: ['kms:CreateGrant'], Resource: ['*'], Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } } },
        { Sid: 'ReadersDecryptThroughBackend', Effect: 'Allow', Principal: { AWS: root }, Action: ['kms:Decrypt'], Resource: ['*'], Condition: { StringEquals: { 'kms:ViaService': via }, ArnLike: { 'aws:PrincipalArn': readers } } },
        { Sid: 'WritersEncryptThroughBackend', Effect: 'Allow', Principal: { AWS: root }, Action: ['kms:Encrypt', 'kms:GenerateDataKey', 'kms:Decrypt'], Resource: ['*'], Condition: { StringEquals: { 'kms:ViaService': via }, ArnEquals: { 'aws:PrincipalArn': [WRITER] } } },
      ],
    }),
  });
  new KmsAlias(stack, 'KeyAlias', { name: 'alias/noxus-secrets', targetKeyId: key.keyId });
  const secret = (address: string) => {
    const parts = address.split('/');
    const name = parts[parts.length - 1];
    const s = new SecretsmanagerSecret(stack, `Secret-${address.replace(/\//g, '_')}`, {
      name: `noxus/${address}`, description: `Noxus platform secret ${name}${descriptions.has(name) ? `: ${descriptions.get(name)}` : ''}`, kmsKeyId: key.arn, recoveryWindowInDays: 30,
      tags: { ...tags, 'noxus:env-name': name, 'noxus:scope': parts.slice(0, -1).join('/') },
    });
    new TerraformOutput(stack, `Secret-${address.replace(/\//g, '_')}-id`, { value: s.arn, description: `ARN of noxus/${address}` });
    return s.arn;
  };
  // Each store reads a folder only it reads: its read policy names that folder, not each secret.
  const folder = (name: string) => `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:noxus/${name}/*`;
  const role = (id: string, arns: string[]) => {
    const r = new IamRole(stack, `Role-${id}`, {
      name: `noxus-eso-${id}`, path: ROLE_PATH, description: `Reads the Noxus ${id} secrets for External Secrets Operator`, tags,
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{
          Effect: 'Allow', Principal: { Federated: OIDC }, Action: ['sts:AssumeRoleWithWebIdentity'],
          Condition: { StringEquals: { [`${ISSUER}:sub`]: `system:serviceaccount:noxus:noxus-eso-${id}`, [`${ISSUER}:aud`]: 'sts.amazonaws.com' } },
        }],
      }),
    });
    new IamRolePolicy(stack, `Read-${id}`, {
      role: r.id, name: 'read-store-secrets',
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'ReadStoreSecrets', Effect: 'Allow',
            Action: ['secretsmanager:DescribeSecret', 'secretsmanager:GetResourcePolicy', 'secretsmanager:GetSecretValue', 'secretsmanager:ListSecretVersionIds'],
            Resource: arns,
          },
          { Sid: 'DecryptOnlyTheseSecretsThroughBackend', Effect: 'Allow', Action: ['kms:Decrypt'], Resource: [key.arn], Condition: { StringEquals: { 'kms:ViaService': via }, StringLike: { 'kms:EncryptionContext:SecretARN': arns } } },
        ],
      }),
    });
    new TerraformOutput(stack, `RoleArn-${id}`, { value: r.arn, description: `Role of the ${id} store` });
  };
  [...globalKeys].sort().forEach(k => secret(`platform/${k}`));
  role('platform', [folder('platform')]);
  for (const pool of poolNames(pools)) {
    poolKeys.forEach(k => secret(`pools/${pool}/${k}`));
    role(`pool-${pool}`, [folder(`pools/${pool}`)]);
  }
  return synthTf(stack);
}

export const WORKLOADS: Record<string, (pools: number) => number> = {
  k8sLibrary: pools => k8sLibrary(pools),
  k8sBaseline,
  terraformLibrary: pools => terraformLibrary(pools),
  terraformBaseline,
  // The per-store layout (RemoteKeyLayout.PER_STORE): timed beside the per-key library, with no baseline of its own.
  k8sLibraryPerStore: pools => k8sLibrary(pools, RemoteKeyLayout.PER_STORE),
  terraformLibraryPerStore: pools => terraformLibrary(pools, RemoteKeyLayout.PER_STORE),
};
