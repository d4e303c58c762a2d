import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { NoxusSecretsError, PlatformSecret, SecretBackend, SecretsBlueprint, SecretsContract, SourceSecret, ValueSource, WorkloadIdentity } from '../../lib';
import { NoxusGcpSecrets, GcpGrantee } from '../../lib/terraform/gcp';
import { NoxusAwsSecrets } from '../../lib/terraform/aws';
import { backendCommands } from '../../lib/cli/backend-commands';
import { WRITER } from './aws/support';
import { synthProblems } from '../support/synth-problems';
import { NoxusAzureSecrets, AzureGrantee } from '../../lib/terraform/azure';

// Azure: 4,000 role assignments per subscription (fixed); the library's error past it, counted as
// Azure counts them: every azurerm_role_assignment the construct makes, grants included.
describe('Azure role assignments per subscription (4,000, fixed)', () => {
  const azure = (pools: number, perPool: number) => {
    const names = (p: number) => Array.from({ length: perPool }, (_, i) => `P${p}_SECRET_${i}`);
    const blueprint = new SecretsBlueprint({
      secrets: Array.from({ length: pools }, (_, p) => names(p)).flat().map(name => PlatformSecret.custom({ name })),
      pools: Array.from({ length: pools }, (_, p) => ({ name: `p${p}`, secrets: names(p) })),
    });
    const stack = new TerraformStack(Testing.app(), 'test');
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    const contract = new SecretsContract({
      blueprint, backend: SecretBackend.azureKeyVault({ vaultUrl: 'https://noxus-prod.vault.azure.net/' }), namespace: 'noxus',
      identity: WorkloadIdentity.azureWorkloadIdentity({ tenantId: '00000000-0000-0000-0000-000000000000' }),
    });
    return new NoxusAzureSecrets(stack, 'secrets', {
      contract, resourceGroupName: 'noxus-rg', location: 'westeurope',
      oidcIssuerUrl: 'https://westeurope.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000000/11111111-1111-1111-1111-111111111111/',
    });
  };
  const count = (c: NoxusAzureSecrets) => c.node.findAll().filter(x => x instanceof RoleAssignment).length;

  test('just under, at and just over: the error names the count, the limit and the way out', () => {
    // 200 pools of 20 secrets: 4,000 secret-level assignments and the deployer's officer role.
    const over = azure(200, 20);
    expect(count(over)).toBe(4001);
    // What the synth finds is the library's error.
    expect(() => over.node.validate()).toThrow(new NoxusSecretsError('NoxusAzureSecrets: this construct makes 4,001 role assignments (one per secret a store or a grant reads), ' +
      'and Azure allows 4,000 role assignments in one Azure subscription, fixed, the subscription\'s other assignments included; apply would fail part-way. ' +
      'To fit, split the pools over contracts whose vaults are in different subscriptions (a vault per group of pools); roleScope: KeyVaultRoleScope.VAULT ' +
      'needs one assignment per store, but lets every store read the whole vault.', 'test/secrets'));
    const at = azure(199, 20);
    // One grant of one secret is one assignment.
    for (let i = 0; count(at) < 4000; i++) at.grantReadKey(at.contract.remoteKeyAt('pools/p0/P0_SECRET_0'), AzureGrantee.principal(`0000000${i % 10}-0000-0000-0000-00000000000${Math.floor(i / 10)}`));
    expect(count(at)).toBe(4000);
    expect(at.node.validate()).toEqual([]);
    // A grant made after construction counts.
    at.grantRead(at.contract.poolStore('p1'), AzureGrantee.principal('99999999-0000-0000-0000-000000000000'));
    expect(count(at)).toBe(4020);
    expect(() => at.node.validate()).toThrow(NoxusSecretsError);
    // The error stops the synth.
    expect(() => Testing.synth(over.node.scope as TerraformStack, true)).toThrow('this construct makes 4,001 role assignments');
  });
});

// GCP: 100 service accounts per project (a quota: a warning) and 1,500 principals per allow policy
// (fixed: the library's error), counted per secret, stores and grants together.
describe('GCP service accounts per project and principals per allow policy', () => {
  const gcp = (pools: number, direct = false) => {
    const blueprint = new SecretsBlueprint({ secrets: [PlatformSecret.custom({ name: 'X' })], pools: Array.from({ length: pools }, (_, i) => ({ name: `p${i}`, secrets: ['X'] })) });
    const stack = new TerraformStack(Testing.app(), 'test');
    const contract = new SecretsContract({
      blueprint, namespace: 'noxus', backend: SecretBackend.gcpSecretManager({ projectId: 'noxus-prod' }),
      identity: WorkloadIdentity.gkeWorkloadIdentity({ projectId: 'noxus-prod', direct }),
    });
    return new NoxusGcpSecrets(stack, 'secrets', { contract, projectNumber: direct ? '123456789012' : undefined });
  };
  const warnings = (c: NoxusGcpSecrets) => c.node.metadata.filter(m => /warn/i.test(m.type)).map(m => String(m.data)).filter(w => w.includes('service accounts'));

  test('100 GSAs: no warning; 101: the quota and the ways out; a direct identity makes none', () => {
    // One store per pool (the pools hold every secret: no platform store).
    expect(warnings(gcp(100))).toEqual([]);
    expect(warnings(gcp(101))).toEqual(['NoxusGcpSecrets: this construct makes 101 Google service accounts (one per store) in project "noxus-prod", ' +
      'and a project holds 100 by default, its other service accounts included. To fit, request a quota increase (IAM API, "Service Account Count") ' +
      'in the Google Cloud console, or use GcpIdentityMode.DIRECT, which needs no service accounts.']);
    expect(warnings(gcp(101, true))).toEqual([]);
  });

  test('1,500 principals on one secret: valid; 1,501: the library\'s error, and the synth stops', () => {
    const c = gcp(1);
    const member = (i: number) => `group:readers-${i}@example.com`;
    // The pool's store reads pools/p0/X: 1 principal; 1,499 grants more make 1,500 (a repeated member counts once).
    for (let i = 0; i < 1499; i++) c.grantReadKey(c.contract.remoteKeyAt('pools/p0/X'), GcpGrantee.member(member(i)));
    c.grantReadKey(c.contract.remoteKeyAt('pools/p0/X'), GcpGrantee.member(member(0)));
    expect(c.node.validate()).toEqual([]);
    c.grantReadKey(c.contract.remoteKeyAt('pools/p0/X'), GcpGrantee.member(member(1499)));
    expect(() => c.node.validate()).toThrow(new NoxusSecretsError('NoxusGcpSecrets: the allow policy of secret "noxus-pools-p0-X" would name 1,501 principals (each store and grant that reads it), ' +
      'and GCP allows 1,500 principals in one GCP allow policy (all its role bindings), fixed. To fit, have fewer stores read one secret: split the pools ' +
      'that read it over contracts, each with a copy of the secret of its own.', 'test/secrets'));
    expect(() => Testing.synth(c.node.scope as TerraformStack, true)).toThrow('would name 1,501 principals');
  });
});

test('GCP: a source secret that every pool\'s composed value reads counts each store once', () => {
  const db = new SourceSecret({ key: 'shared-db', keys: ['username', 'password'] });
  const blueprint = (pools: number) => new SecretsBlueprint({
    secrets: [PlatformSecret.custom({ name: 'DB_URL' })], pools: Array.from({ length: pools }, (_, i) => ({ name: `p${i}`, secrets: ['DB_URL'] })),
  });
  const problems = (pools: number) => synthProblems(() => {
    const stack = new TerraformStack(Testing.app(), 'test');
    return new NoxusGcpSecrets(stack, 'secrets', {
      contract: new SecretsContract({
        blueprint: blueprint(pools), namespace: 'noxus', backend: SecretBackend.gcpSecretManager({ projectId: 'noxus-prod' }),
        identity: WorkloadIdentity.gkeWorkloadIdentity({ projectId: 'noxus-prod', direct: true }),
        values: { DB_URL: ValueSource.fromSecretKeys({ sources: { db }, template: 'postgresql://{{ .db.username }}:{{ .db.password }}@db:5432/noxus' }) },
      }),
      projectNumber: '123456789012',
    }).node.validate();
  });
  expect(problems(1500)).toEqual([]);
  expect(problems(1501).join()).toContain('the allow policy of secret "shared-db" would name 1,501 principals');
});

// Parameter Store: 10,000 standard parameters per account and Region (fixed). Past it, the CLI and
// Terraform create advanced parameters, and the synth says so.
describe('Parameter Store standard parameters per account and Region (10,000, fixed)', () => {
  const contract = (n: number, values?: Record<string, ValueSource>) => {
    const names = Array.from({ length: n }, (_, i) => `SECRET_${i}`);
    return new SecretsContract({
      blueprint: new SecretsBlueprint({ secrets: names.map(name => PlatformSecret.custom({ name })), global: names }),
      namespace: 'noxus', backend: SecretBackend.awsParameterStore({ region: 'eu-west-1' }), identity: WorkloadIdentity.irsa({ accountId: '123456789012' }), values,
    });
  };
  const warnings = (c: SecretsContract) => {
    const aws = new NoxusAwsSecrets(new TerraformStack(Testing.app(), 'test'), 'secrets', {
      contract: c, oidcProviderArn: 'arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC123', valueWriters: [WRITER],
    });
    return aws.node.metadata.filter(m => /warn/i.test(m.type)).map(m => String(m.data)).filter(w => w.includes('parameters'));
  };
  const tier = (c: SecretsContract) => {
    const argv = backendCommands(c).set('/noxus/platform/SECRET_0', { bytes: 10 });
    return argv[argv.indexOf('--tier') + 1];
  };

  test('10,000: standard, no warning; 10,001: advanced from the CLI, and a warning that names the limit', () => {
    const at = contract(10_000);
    expect(warnings(at)).toEqual([]);
    expect(tier(at)).toBe('Standard');
    const over = contract(10_001);
    expect(warnings(over)).toEqual(['NoxusAwsSecrets: the contract keeps 10,001 parameters, and an AWS account holds 10,000 standard parameters per Region, fixed, ' +
      'its other parameters included. `noxus-secrets values` creates them in the advanced tier at this size, and the parameters Terraform writes are advanced; ' +
      'advanced parameters are charged per parameter-month. To stay standard, split the pools over accounts or Regions, or use Secrets Manager.']);
    expect(tier(over)).toBe('Advanced');
    expect(backendCommands(over).notes.join(' ')).toContain('The contract keeps 10,001 parameters, and an account and Region holds 10,000 standard ones (fixed)');
  });

  test('a parameter Terraform writes is advanced past the limit, standard at it', () => {
    const tierOf = (n: number) => {
      const stack = new TerraformStack(Testing.app(), 'test');
      const value = new TerraformVariable(stack, 'value', { type: 'string', sensitive: true });
      const aws = new NoxusAwsSecrets(stack, 'secrets', {
        contract: contract(n, { SECRET_0: ValueSource.fromTerraform(value.stringValue) }),
        oidcProviderArn: 'arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC123', valueWriters: [WRITER],
        deployerArn: 'arn:aws:iam::123456789012:role/deployer',
      });
      // The resource as constructed (a synth of 10,000 keys runs the whole audit: the tier is the input either way).
      return aws.node.findAll().filter((c): c is SsmParameter => c instanceof SsmParameter).map(p => p.tierInput);
    };
    expect(tierOf(10_000)).toEqual([undefined]);
    expect(tierOf(10_001)).toEqual(['Advanced']);
  });
});
