import { Testing as Cdk8sTesting } from 'cdk8s';
import { TerraformStack, Testing, Token } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { VaultProvider } from '@cdktf/provider-vault/lib/provider';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { EnvSecretSource, NoxusPlatformSecrets, PlatformSecret, RemoteKeyLayout, RemoteKeyScheme, RotationPeriod, SecretBackend, SecretCategory, SecretsBlueprint, SecretsContract, ValueSource, WorkloadIdentity, NoxusApp } from '../../lib';
import { AwsGrantee, NoxusAwsSecrets } from '../../lib/terraform/aws';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { NoxusGcpSecrets } from '../../lib/terraform/gcp';
import { AzureDelivery, NoxusAzureSecrets } from '../../lib/terraform/azure';
import { NoxusVaultSecrets } from '../../lib/terraform/vault';
import { VmBundle } from '../../lib/vm';
import { EsoNamespace, deliveryProblems, everyRemoteKeySet } from '../support/eso-reconcile';
import { platformProps } from '../support/fixtures';
import { validateAll } from '../support/schema';
import { canRead } from '../support/aws-access';
import { WRITER, resources } from '../terraform/aws/support';

// RemoteKeyLayout.PER_STORE: one remote secret per scope, a JSON object of its keys, read by
// dataFrom.extract. Held against ESO's reconciler (the oracle: GetSecretMap, RewriteMap,
// ValidateKeys, NoSecretErr skipped under Merge), the IAM evaluator and the other clouds' outputs.

const SM = SecretBackend.awsSecretsManager({ region: 'eu-west-1' });
const IRSA = WorkloadIdentity.irsa({ accountId: '123456789012' });
const OIDC = 'arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC123';
const OPTIONAL = PlatformSecret.custom({ name: 'SENTRY_DSN', category: SecretCategory.OBSERVABILITY, optional: true });
const ROTATED = PlatformSecret.custom({ name: 'SIGNING_KEY', category: SecretCategory.IDENTITY, rotation: RotationPeriod.days(30) });
const POOL_ONLY = PlatformSecret.custom({ name: 'ACME_TOKEN' });

function blueprint(): SecretsBlueprint {
  const props = platformProps();
  return new SecretsBlueprint({
    ...props,
    secrets: [...props.secrets, OPTIONAL, ROTATED, POOL_ONLY],
    global: [...props.global!, 'SENTRY_DSN', 'SIGNING_KEY'],
    pools: [{ name: 'default' }, { name: 'tenant-acme', secrets: ['OPENAI_API_KEY', 'ACME_TOKEN'], allowOverride: ['OPENAI_API_KEY'] }],
  });
}

function contract(extra: { backend?: any; identity?: any; values?: Record<string, ValueSource>; overrides?: Record<string, string> } = {}): SecretsContract {
  return new SecretsContract({
    blueprint: blueprint(), backend: extra.backend ?? SM, identity: extra.identity ?? IRSA, namespace: 'noxus', values: extra.values,
    remoteKeys: { layout: RemoteKeyLayout.PER_STORE, overrides: extra.overrides },
  });
}

const manifestsOf = (c: SecretsContract) => Cdk8sTesting.synth(new NoxusPlatformSecrets(new NoxusApp(), 'secrets', { contract: c }));
const externalSecrets = (all: any[]) => all.filter(m => m.kind === 'ExternalSecret');

describe('the scheme', () => {
  test('one remote secret per scope; each key a field of it', () => {
    const c = contract();
    expect(c.remoteSecrets.map(s => [s.address, s.key, s.fields?.length])).toEqual([
      ['platform', 'noxus/platform', c.blueprint.globalKeys.length],
      ['pools/tenant-acme', 'noxus/pools/tenant-acme', 2],
      ['workers', 'noxus/workers', 1],
    ]);
    expect(c.poolStore('tenant-acme').remoteKeys.map(k => [k.address, k.fields])).toEqual([['pools/tenant-acme', ['ACME_TOKEN', 'OPENAI_API_KEY']]]);
    expect(c.poolStore('default').remoteKeys.map(k => [k.address, k.fields])).toEqual([['workers', ['OPENAI_API_KEY']]]);
    const acme = c.remoteKeyScheme.all().find(e => e.address === 'pools/tenant-acme/OPENAI_API_KEY')!;
    expect([acme.key, acme.fields]).toEqual(['noxus/pools/tenant-acme', ['OPENAI_API_KEY']]);
  });

  test('an override and a value Terraform writes keep a secret of their own; everything else is in its scope', () => {
    const c = contract({ overrides: { 'platform/REDIS_PASSWORD': 'shared/redis' }, values: { SIGNING_KEY: ValueSource.fromTerraform(Token.asString({ resolve: () => '${random_password.k.result}' })) } });
    const own = c.remoteSecrets.filter(s => s.fields === undefined).map(s => [s.address, s.key]);
    expect(own).toEqual([['platform/REDIS_PASSWORD', 'shared/redis'], ['platform/SIGNING_KEY', 'noxus/platform/SIGNING_KEY']]);
    expect(c.remoteSecrets.find(s => s.address === 'platform')!.fields).not.toContain('REDIS_PASSWORD');
  });

  test('Azure: the scope secrets in its alphabet; a scope key that equals another key (case ignored) is refused by name', () => {
    const kv = SecretBackend.azureKeyVault({ vaultUrl: 'https://noxus-kv.vault.azure.net/' });
    const bp = new SecretsBlueprint({ secrets: [POOL_ONLY], pools: [{ name: 'a-acme-token', secrets: ['ACME_TOKEN'] }, { name: 'a', secrets: ['ACME_TOKEN'] }] });
    const scheme = new RemoteKeyScheme(bp, kv, { layout: RemoteKeyLayout.PER_STORE });
    expect(scheme.secretsOf(scheme.all().map(e => e.entry)).map(s => s.key)).toEqual(['noxus-pools-a', 'noxus-pools-a-acme-token']);
    expect(() => new RemoteKeyScheme(bp, kv, { layout: RemoteKeyLayout.PER_STORE, overrides: { 'pools/a/ACME_TOKEN': 'noxus-pools-A-ACME-TOKEN' } }))
      .toThrow('RemoteKeyScheme: pools/a/ACME_TOKEN and the secret of scope pools/a-acme-token map to the same remote key "noxus-pools-a-acme-token" (the backend ignores case)');
  });

  test('a layout that is not one is refused, naming both', () => {
    expect(() => new RemoteKeyScheme(blueprint(), SM, { layout: 'one-big-secret' as RemoteKeyLayout }))
      .toThrow('RemoteKeyScheme: layout "one-big-secret" is not a RemoteKeyLayout ("per-key", "per-store"). Use RemoteKeyLayout.PER_KEY or RemoteKeyLayout.PER_STORE.');
  });
});

describe('what ESO does with it', () => {
  test('each store reads each of its scope secrets with one extract, renamed per scope; the manifests pass the CRDs', () => {
    const all = manifestsOf(contract());
    validateAll(all);
    const byTarget = new Map(externalSecrets(all).map(es => [es.spec.target.name, es.spec]));
    const acme = byTarget.get('app-env-tenant-acme')!;
    expect(acme.data).toBeUndefined();
    expect(acme.dataFrom).toEqual([{ extract: { key: 'noxus/pools/tenant-acme' }, rewrite: [{ regexp: { source: '^(.*)$', target: 'pool_$1' } }] }]);
    expect(acme.target.template.data).toEqual({ ACME_TOKEN: '{{ .pool_ACME_TOKEN }}', OPENAI_API_KEY: '{{ .pool_OPENAI_API_KEY }}' });
    expect(byTarget.get('app-env-default')!.dataFrom.map((f: any) => f.extract.key)).toEqual(['noxus/workers']);
    // At most two reads per store per refresh: its own scope and the worker-only one.
    for (const spec of byTarget.values()) expect((spec.dataFrom ?? []).length + (spec.data ?? []).length).toBeLessThanOrEqual(2);
    expect(deliveryProblems(all)).toEqual([]);
  });

  test('every key set: each env Secret holds exactly its keys, each from its own scope', () => {
    const all = manifestsOf(contract());
    const remote = {
      'noxus/platform': JSON.stringify(Object.fromEntries(contract().blueprint.globalKeys.map(k => [k, `${k}-shared`]))),
      'noxus/workers': JSON.stringify({ OPENAI_API_KEY: 'sk-workers' }),
      'noxus/pools/tenant-acme': JSON.stringify({ OPENAI_API_KEY: 'sk-acme', ACME_TOKEN: 't' }),
    };
    const ns = new EsoNamespace(externalSecrets(all), remote);
    expect(ns.settle().filter(r => !r.ok)).toEqual([]);
    expect(ns.secrets.get('app-env-tenant-acme')!.data).toEqual({ OPENAI_API_KEY: 'sk-acme', ACME_TOKEN: 't' });
    expect(ns.secrets.get('app-env-default')!.data).toEqual({ OPENAI_API_KEY: 'sk-workers' });
    expect(ns.secrets.get('app-env')!.data.SENTRY_DSN).toBe('SENTRY_DSN-shared');
  });

  test("a pool's override not set yet fails its sync by name: the worker-only value of the same name never stands in", () => {
    const all = manifestsOf(contract());
    const remote = { ...everyRemoteKeySet(all), 'noxus/pools/tenant-acme': JSON.stringify({ ACME_TOKEN: 't' }), 'noxus/workers': JSON.stringify({ OPENAI_API_KEY: 'sk-workers' }) };
    const ns = new EsoNamespace(externalSecrets(all), remote);
    const acme = ns.settle().find(r => r.name === 'app-env-tenant-acme')!;
    expect(acme.ok).toBe(false);
    expect(acme.error).toContain('map has no entry for key "pool_OPENAI_API_KEY"');
    expect(ns.secrets.has('app-env-tenant-acme')).toBe(false);
  });

  test('a scope secret with no value yet: optional keys stay out, required ones fail by name; an optional key missing from it stays out', () => {
    const all = manifestsOf(contract());
    const missing = new EsoNamespace(externalSecrets(all), { ...everyRemoteKeySet(all), 'noxus/platform': undefined });
    expect(missing.settle().find(r => r.name === 'app-env')!.error).toContain('map has no entry for key "platform_');
    const set = everyRemoteKeySet(all);
    const withoutSentry = JSON.parse(set['noxus/platform']!);
    delete withoutSentry.SENTRY_DSN;
    const ns = new EsoNamespace(externalSecrets(all), { ...set, 'noxus/platform': JSON.stringify(withoutSentry) });
    expect(ns.settle().filter(r => !r.ok)).toEqual([]);
    expect(ns.secrets.get('app-env')!.data).not.toHaveProperty('SENTRY_DSN');
  });

  test('a value is delivered byte for byte, and a scope secret that is not a JSON object fails the sync (nothing is written)', () => {
    const all = manifestsOf(contract());
    const set = everyRemoteKeySet(all);
    for (const value of ['a: b', '"quoted"\n<&>', 'NO', 'ü\u2028', '{"nested":1}']) {
      const ns = new EsoNamespace(externalSecrets(all), { ...set, 'noxus/workers': JSON.stringify({ OPENAI_API_KEY: value }) });
      ns.settle();
      expect([value, ns.secrets.get('app-env-default')!.data.OPENAI_API_KEY]).toEqual([value, value]);
    }
    const ns = new EsoNamespace(externalSecrets(all), { ...set, 'noxus/workers': 'sk-not-json' });
    expect(ns.settle().find(r => r.name === 'app-env-default')!.error).toContain('unable to unmarshal secret noxus/workers');
    expect(ns.secrets.has('app-env-default')).toBe(false);
  });

  test('composed and generated values are unaffected', () => {
    const all = manifestsOf(contract({ values: { SIGNING_KEY: ValueSource.generated() } }));
    validateAll(all);
    const ns = new EsoNamespace(externalSecrets(all), everyRemoteKeySet(all));
    expect(ns.settle().filter(r => !r.ok)).toEqual([]);
    expect(ns.secrets.get('app-env')!.data.SIGNING_KEY).toMatch(/^gen-/);
  });

  test('the Azure CSI driver mounts whole secrets: refused with the layout, before any output', () => {
    const c = contract({ backend: SecretBackend.azureKeyVault({ vaultUrl: 'https://noxus-kv.vault.azure.net/' }), identity: WorkloadIdentity.azureWorkloadIdentity({ tenantId: '00000000-0000-0000-0000-000000000000', clientIds: {} }) });
    expect(() => new NoxusPlatformSecrets(new NoxusApp(), 'secrets', { contract: c, source: EnvSecretSource.azureKeyVaultCsi() }))
      .toThrow('EnvSecretSource.azureKeyVaultCsi: the contract lays its keys out per store (RemoteKeyLayout.PER_STORE)');
    // The Azure side refuses it too, before it creates a vault whose secrets the driver could not mount.
    const stack = new TerraformStack(Testing.app(), 'azure');
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    expect(() => new NoxusAzureSecrets(stack, 'secrets', {
      contract: c, location: 'westeurope', resourceGroupName: 'noxus', oidcIssuerUrl: 'https://oidc.example.com/', delivery: AzureDelivery.CSI_DRIVER,
    })).toThrow("delivery is AzureDelivery.CSI_DRIVER, but the contract lays its keys out per store (RemoteKeyLayout.PER_STORE), and the CSI driver's Azure provider " +
      'mounts whole secrets only, never one field of a JSON object. Use RemoteKeyLayout.PER_KEY with the CSI driver, or AzureDelivery.EXTERNAL_SECRETS.');
  });
});

describe('the cloud side', () => {
  function aws(c: SecretsContract) {
    const stack = new TerraformStack(Testing.app(), 'test');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    const secrets = new NoxusAwsSecrets(stack, 'secrets', { contract: c, oidcProviderArn: OIDC, valueWriters: [WRITER] });
    return { json: JSON.parse(Testing.synth(stack, true)), secrets };
  }

  test('AWS: one secret per scope, described by it; each role reads exactly its scopes, granted on the secret itself (IAM simulator)', async () => {
    const { json } = aws(contract());
    const secrets = resources(json, 'aws_secretsmanager_secret');
    expect(secrets.map(s => s.name).sort()).toEqual(['noxus/platform', 'noxus/pools/tenant-acme', 'noxus/workers']);
    expect(secrets.find(s => s.name === 'noxus/workers').description).toContain('noxus/workers: a JSON object, one field per key (1 keys)'.replace('noxus/workers', 'workers'));
    // Each scope secret's policy names its store's role; the store roles have no policy of their own.
    expect(resources(json, 'aws_iam_role_policy')).toEqual([]);
    expect(secrets.every(s => JSON.parse(s.policy).Statement.length === 1)).toBe(true);
    const stores = ['noxus-eso-platform', 'noxus-eso-pool-default', 'noxus-eso-pool-tenant-acme'];
    const scopes = ['noxus/platform', 'noxus/workers', 'noxus/pools/tenant-acme'];
    const matrix: Record<string, string[]> = {};
    for (const role of stores) {
      matrix[role] = [];
      for (const scope of scopes) if (await canRead(json, { role }, scope)) matrix[role].push(scope);
    }
    // The default pool reads the worker-only scope; tenant-acme overrides its one key, so reads only its own.
    expect(matrix).toEqual({
      'noxus-eso-platform': ['noxus/platform'],
      'noxus-eso-pool-default': ['noxus/workers'],
      'noxus-eso-pool-tenant-acme': ['noxus/pools/tenant-acme'],
    });
  });

  test('AWS: outside the store roles, nobody of the account reads a scope secret: a role allowed every read by its own policy is stopped by the key', async () => {
    const { json } = aws(contract());
    const readEverything = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['secretsmanager:GetSecretValue', 'kms:Decrypt'], Resource: ['*'] }] };
    const admin = { arn: 'arn:aws:iam::123456789012:role/ops-admin', policies: [readEverything] };
    expect(await canRead(json, admin, 'noxus/pools/tenant-acme')).toBe(false);
    // A role whose name extends a store role's: the key policy names each store role exactly (ArnEquals).
    expect(await canRead(json, { arn: 'arn:aws:iam::123456789012:role/noxus-eso-pool-tenant-acme-2', policies: [readEverything] }, 'noxus/pools/tenant-acme')).toBe(false);
    // The condition that holds it: the store role itself, with the same broad policy, reads.
    expect(await canRead(json, { arn: 'arn:aws:iam::123456789012:role/noxus-eso-pool-default', policies: [readEverything] }, 'noxus/pools/tenant-acme')).toBe(true);
  });

  describe('AWS: a scope every pool reads, past the 20,480 characters of a secret policy', () => {
    const many = (overriding?: string) => {
      const props = platformProps();
      const pools = Array.from({ length: 400 }, (_, i) => `p${String(i).padStart(3, '0')}`)
        .map(name => (name === overriding ? { name, secrets: ['OPENAI_API_KEY'], allowOverride: ['OPENAI_API_KEY'] } : { name }));
      return new SecretsContract({
        blueprint: new SecretsBlueprint({ ...props, pools }), backend: SM, identity: IRSA, namespace: 'noxus',
        remoteKeys: { layout: RemoteKeyLayout.PER_STORE },
      });
    };
    const workersPolicy = (json: any) => {
      const policy = resources(json, 'aws_secretsmanager_secret').find(s => s.name === 'noxus/workers').policy;
      return policy === undefined ? undefined : JSON.parse(policy);
    };

    test('names the readers by the common start of their role ARNs, which no other role of the contract has; each pool reads it, the platform store does not', async () => {
      const { json } = aws(many());
      const statement = workersPolicy(json).Statement[0];
      expect(statement.Principal).toEqual({ AWS: '*' });
      expect(statement.Condition).toEqual({
        StringEquals: { 'aws:PrincipalAccount': '123456789012' }, ArnLike: { 'aws:PrincipalArn': ['arn:aws:iam::123456789012:role/noxus-eso-pool-p*'] },
      });
      expect(resources(json, 'aws_iam_role_policy')).toEqual([]);
      expect(JSON.stringify(workersPolicy(json)).length).toBeLessThanOrEqual(20_480);
      expect(await canRead(json, { role: 'noxus-eso-pool-p000' }, 'noxus/workers')).toBe(true);
      expect(await canRead(json, { role: 'noxus-eso-pool-p399' }, 'noxus/workers')).toBe(true);
      expect(await canRead(json, { role: 'noxus-eso-platform' }, 'noxus/workers')).toBe(false);
      expect(await canRead(json, { role: 'noxus-eso-pool-p000' }, 'noxus/platform')).toBe(false);
    });

    test('a pool that does not read the scope would match the pattern: the readers are granted in their own policies instead, and it reads nothing of it', async () => {
      const { json } = aws(many('p150'));
      expect(workersPolicy(json)).toBeUndefined();
      expect(resources(json, 'aws_iam_role_policy')).toHaveLength(399);
      expect(await canRead(json, { role: 'noxus-eso-pool-p000' }, 'noxus/workers')).toBe(true);
      expect(await canRead(json, { role: 'noxus-eso-pool-p150' }, 'noxus/workers')).toBe(false);
      expect(await canRead(json, { role: 'noxus-eso-pool-p150' }, 'noxus/pools/p150')).toBe(true);
    });
  });

  test('AWS split across stacks: a store held with the key maker\'s key reads on the secret itself and decrypts by that key\'s policy; with a key of your own, through its own policy', () => {
    const c = contract();
    const app = Testing.app();
    const stackOf = (id: string) => {
      const stack = new TerraformStack(app, id);
      new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
      return stack;
    };
    const first = new NoxusAwsSecrets(stackOf('shared'), 'secrets', { contract: c, oidcProviderArn: OIDC, valueWriters: [WRITER], stores: [c.sharedStore!, c.poolStore('default')] });
    const acme = stackOf('acme');
    new NoxusAwsSecrets(acme, 'secrets', { contract: c, oidcProviderArn: OIDC, stores: [c.poolStore('tenant-acme')], kmsKeyArn: first.kmsKeyArn });
    const json = JSON.parse(Testing.synth(acme, true));
    const [secret] = resources(json, 'aws_secretsmanager_secret');
    expect([secret.name, JSON.parse(secret.policy).Statement[0].Principal.AWS]).toEqual(['noxus/pools/tenant-acme', '${aws_iam_role.secrets_Role-pool-tenant-acme_3B607B4C.arn}']);
    expect(resources(json, 'aws_iam_role_policy')).toEqual([]);
    const key = JSON.parse(resources(JSON.parse(Testing.synth(first.node.scope as TerraformStack, true)), 'aws_kms_key')[0].policy);
    expect(key.Statement.find((st: any) => st.Sid === 'StoreRolesDecryptThroughBackend').Condition.ArnEquals['aws:PrincipalArn'])
      .toContain('arn:aws:iam::123456789012:role/noxus-eso-pool-tenant-acme');

    const own = stackOf('own-key');
    new NoxusAwsSecrets(own, 'secrets', {
      contract: c, oidcProviderArn: OIDC, stores: [c.poolStore('tenant-acme')], kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/22222222-2222-2222-2222-222222222222',
    });
    const ownJson = JSON.parse(Testing.synth(own, true));
    expect(resources(ownJson, 'aws_secretsmanager_secret')[0].policy).toBeUndefined();
    expect(resources(ownJson, 'aws_iam_role_policy')).toHaveLength(1);
  });

  test('AWS: the scope secret rotates on the shortest rotation of its keys', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    new NoxusAwsSecrets(stack, 'secrets', { contract: contract(), oidcProviderArn: OIDC, valueWriters: [WRITER], rotationLambdaArn: 'arn:aws:lambda:eu-west-1:123456789012:function:rotate' });
    const json = JSON.parse(Testing.synth(stack, true));
    const names = Object.fromEntries(Object.entries<any>(json.resource.aws_secretsmanager_secret).map(([id, s]) => [id, s.name]));
    const rotations = resources(json, 'aws_secretsmanager_secret_rotation')
      .map(r => [names[/\$\{aws_secretsmanager_secret\.([^.]+)\.id\}/.exec(r.secret_id)![1]], r.rotation_rules.automatically_after_days]);
    // SIGNING_KEY rotates every 30 days, the catalog's high-risk keys every 90 (their default): the platform scope every 30.
    expect(Object.fromEntries(rotations)['noxus/platform']).toBe(30);
    expect(rotations).toHaveLength(3);
  });

  test('AWS: a grant of one key inside a scope secret is refused (it would read the scope); a store grant is taken', () => {
    const { secrets } = aws(contract());
    const other = AwsGrantee.role(new IamRole(secrets, 'Other', { name: 'other', assumeRolePolicy: '{}' }));
    expect(() => secrets.grantReadKey(secrets.contract.remoteKeyAt('pools/tenant-acme/ACME_TOKEN'), other))
      .toThrow('pools/tenant-acme/ACME_TOKEN lives in the remote secret "noxus/pools/tenant-acme" with the other keys of pools/tenant-acme (RemoteKeyLayout.PER_STORE)');
    expect(secrets.grantRead(secrets.contract.poolStore('tenant-acme'), other).addresses).toEqual(['pools/tenant-acme']);
  });

  test('GCP, Azure and Vault: one container (or read path) per scope', () => {
    const gcpContract = contract({ backend: SecretBackend.gcpSecretManager({ projectId: 'noxus-prod' }), identity: WorkloadIdentity.gkeWorkloadIdentity({ projectId: 'noxus-prod' }) });
    const gstack = new TerraformStack(Testing.app(), 'gcp');
    new GoogleProvider(gstack, 'google', { project: 'noxus-prod' });
    new NoxusGcpSecrets(gstack, 'secrets', { contract: gcpContract, projectNumber: '123456789012' });
    const gjson = JSON.parse(Testing.synth(gstack, true));
    expect(resources(gjson, 'google_secret_manager_secret').map(s => [s.secret_id, s.labels['noxus-scope']]).sort()).toEqual([
      ['noxus-platform', 'platform'], ['noxus-pools-tenant-acme', 'pools-tenant-acme'], ['noxus-workers', 'workers'],
    ]);

    const azureContract = contract({ backend: SecretBackend.azureKeyVault({ vaultUrl: 'https://noxus-kv.vault.azure.net/' }), identity: WorkloadIdentity.azureWorkloadIdentity({ tenantId: '00000000-0000-0000-0000-000000000000', clientIds: {} }) });
    const astack = new TerraformStack(Testing.app(), 'azure');
    new AzurermProvider(astack, 'azurerm', { features: [{}] });
    new NoxusAzureSecrets(astack, 'secrets', { contract: azureContract, location: 'westeurope', resourceGroupName: 'noxus', oidcIssuerUrl: 'https://oidc.example.com/' });
    const ajson = JSON.parse(Testing.synth(astack, true));
    const kv = resources(ajson, 'azurerm_key_vault_secret');
    expect(kv.map(s => [s.name, s.value_wo, s.content_type]).sort()).toEqual([
      ['noxus-platform', '{}', 'application/json'], ['noxus-pools-tenant-acme', '{}', 'application/json'], ['noxus-workers', '{}', 'application/json'],
    ]);

    const vaultContract = contract({ backend: SecretBackend.vault({ server: 'https://vault.example.com:8200' }), identity: WorkloadIdentity.vaultKubernetes() });
    const vstack = new TerraformStack(Testing.app(), 'vault');
    new VaultProvider(vstack, 'vault', { address: 'https://vault.example.com:8200' });
    new NoxusVaultSecrets(vstack, 'secrets', { contract: vaultContract });
    const vjson = JSON.parse(Testing.synth(vstack, true));
    const policies = resources(vjson, 'vault_policy').map(p => [p.name, p.policy]);
    expect(policies.find(([n]) => n.endsWith('pool-tenant-acme'))![1]).toBe('path "secret/data/noxus/pools/tenant-acme" {\n  capabilities = ["read"]\n}\n');
  });

  test('the VM reads each key as a field of its scope path, and a field not set renders no line', () => {
    const vault = SecretBackend.vault({ server: 'https://vault.example.com:8200' });
    const c = contract({ backend: vault, identity: WorkloadIdentity.vaultKubernetes() });
    const bundle = new VmBundle({ contract: c, pool: 'tenant-acme', vault: {} });
    const files = bundle.files();
    const template = files.find(f => f.path.endsWith('.ctmpl'))!.content;
    expect(template).toContain('{{ with secret "secret/data/noxus/platform" }}{{ with index .Data.data "REDIS_PASSWORD" }}{{ if regexMatch $rule . }}REDIS_PASSWORD=\'{{ . }}\'');
    // The platform scope and the pool's own: its key overrides the worker-only one, so the workers' path is not read.
    expect(bundle.vaultPolicy()).toBe('path "secret/data/noxus/platform" {\n  capabilities = ["read"]\n}\n\n' +
      'path "secret/data/noxus/pools/tenant-acme" {\n  capabilities = ["read"]\n}\n');
  });
});
