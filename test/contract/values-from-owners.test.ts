import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { VaultProvider } from '@cdktf/provider-vault/lib/provider';
import { App as Cdk8sApp, Testing as Cdk8sTesting } from 'cdk8s';
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { EnvSecretSource, NoxusPlatformSecrets, SecretBackend, SecretsBlueprint, SecretsContract, SourceSecret, ValueSource, VmBundle, WorkloadIdentity, checkSecretRefs, NoxusApp } from '../../lib';
import { NoxusAwsSecrets, postgresUrlFromRds, rdsMasterUserSecret, AwsGrantee } from '../../lib/terraform/aws';
import { Cdk8sManifests } from '../../lib/terraform/cdk8s';
import { NoxusVaultSecrets } from '../../lib/terraform/vault';
import { build } from '../../examples/basic/main';
import { platform, platformProps } from '../support/fixtures';
import { validateAll } from '../support/schema';
import { danglingReferences } from '../support/terraform-refs';
import { evaluate } from '../support/iam-eval';

const SM = SecretBackend.awsSecretsManager({ region: 'eu-west-1' });
const IRSA = WorkloadIdentity.irsa({ accountId: '123456789012' });
const OIDC = 'arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC123';
const RDS_ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-0123-AbCdEf';
const RDS_KEY = 'arn:aws:kms:eu-west-1:123456789012:key/11111111-1111-1111-1111-111111111111';

const literalValues = () => ({
  POSTGRESQL_URL: ValueSource.postgresUrl({
    source: new SourceSecret({ key: RDS_ARN, keys: ['username', 'password'], kmsKeyArn: RDS_KEY, label: 'RDS noxus master user' }),
    host: 'noxus.abc.eu-west-1.rds.amazonaws.com', database: 'noxus',
  }),
  PLUGIN_SERVER_API_KEY: ValueSource.generated(),
  PLUGIN_SERVER_PLATFORM_KEY: ValueSource.generated({ length: 64 }),
});
const contract = (values: Record<string, ValueSource> = literalValues()) => new SecretsContract({ blueprint: platform(), backend: SM, identity: IRSA, namespace: 'noxus', values });

describe('the Kubernetes side', () => {
  const manifests = () => Cdk8sTesting.synth(new NoxusPlatformSecrets(new NoxusApp(), 'secrets', { contract: contract() }));

  test('the shared ExternalSecret reads the RDS secret\'s keys and composes POSTGRESQL_URL with its template; every key is in the template', () => {
    const all = manifests();
    validateAll(all);
    const es = all.find(m => m.kind === 'ExternalSecret' && m.metadata.name === 'app-env');
    expect(es.spec.data.filter((d: any) => d.secretKey.startsWith('POSTGRESQL_URL'))).toEqual([
      { secretKey: 'POSTGRESQL_URL.db.username', remoteRef: { key: RDS_ARN, property: 'username' } },
      { secretKey: 'POSTGRESQL_URL.db.password', remoteRef: { key: RDS_ARN, property: 'password' } },
    ]);
    // No remote key of the library's own for a composed or generated value.
    expect(es.spec.data.map((d: any) => d.remoteRef.key)).not.toContain('noxus/platform/POSTGRESQL_URL');
    expect(es.spec.data.some((d: any) => d.secretKey.startsWith('PLUGIN_SERVER'))).toBe(false);
    const template = es.spec.target.template;
    expect(template.engineVersion).toBe('v2');
    expect(template.data.POSTGRESQL_URL).toBe('postgresql://{{ with index . "POSTGRESQL_URL.db.username" }}{{ . | urlquery | replace "+" "%20" }}{{ else }}{{ fail "POSTGRESQL_URL: key username of source db is missing or empty" }}{{ end }}:' +
      '{{ with index . "POSTGRESQL_URL.db.password" }}{{ . | urlquery | replace "+" "%20" }}{{ else }}{{ fail "POSTGRESQL_URL: key password of source db is missing or empty" }}{{ end }}@noxus.abc.eu-west-1.rds.amazonaws.com:5432/noxus?sslmode=require');
    // The template replaces the Secret's data: every required key set by hand is in it, read so that a missing one fails
    // the sync (missingkey=error); the optional REDIS_USER is left out when not set; the source keys are not in it.
    expect(template.data.REDIS_URL).toBe('{{ .REDIS_URL }}');
    expect(Object.keys(template.data).sort()).toEqual(['POSTGRESQL_URL', 'PROM_REMOTE_WRITE_PASSWORD', 'PROM_REMOTE_WRITE_USERNAME', 'REDIS_PASSWORD', 'REDIS_URL',
      'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY', 'VECTOR_POSTGRESQL_URL']);
    expect(template.templateFrom).toEqual([
      { target: 'Data', secret: { name: 'app-env-plugin-server-api-key', items: [{ key: 'PLUGIN_SERVER_API_KEY', templateAs: 'Values' }] } },
      { target: 'Data', secret: { name: 'app-env-plugin-server-platform-key', items: [{ key: 'PLUGIN_SERVER_PLATFORM_KEY', templateAs: 'Values' }] } },
      { target: 'Data', literal: '{{ with index . "REDIS_USER" }}"REDIS_USER": {{ toJson . }}\n{{ end }}' },
    ]);
    expect(es.spec.target.deletionPolicy).toBe('Merge');
  });

  test('each generated value: a Password generator and its own ExternalSecret that writes it into a Secret of its own', () => {
    const all = manifests();
    const generators = all.filter(m => m.kind === 'Password');
    expect(generators.map(g => [g.metadata.name, g.spec])).toEqual([
      ['noxus-platform-plugin-server-api-key', { length: 48, symbols: 0, noUpper: false, allowRepeat: true }],
      ['noxus-platform-plugin-server-platform-key', { length: 64, symbols: 0, noUpper: false, allowRepeat: true }],
    ]);
    const es = all.find(m => m.kind === 'ExternalSecret' && m.metadata.name === 'app-env-plugin-server-api-key');
    expect(es.spec).toEqual({
      // The catalog rotates PLUGIN_SERVER_API_KEY (high-risk, 90 days): generated again on that period only.
      refreshPolicy: 'Periodic', refreshInterval: '2160h',
      target: { name: 'app-env-plugin-server-api-key', creationPolicy: 'Owner', deletionPolicy: 'Retain' },
      dataFrom: [{
        sourceRef: { generatorRef: { apiVersion: 'generators.external-secrets.io/v1alpha1', kind: 'Password', name: 'noxus-platform-plugin-server-api-key' } },
        rewrite: [{ regexp: { source: '^password$', target: 'PLUGIN_SERVER_API_KEY' } }],
      }],
    });
  });

  test('a generated value\'s ExternalSecret that takes the name of a pool\'s is an error, and nothing is written', () => {
    // The generated PLUGIN_SERVER_API_KEY's ExternalSecret is 'app-env-plugin-server-api-key'; so is the pool
    // 'plugin-server-api-key''s, for its Secret of that name. Kubernetes would keep one of the two.
    const blueprint = new SecretsBlueprint({ ...platformProps(), pools: [{ name: 'default' }, { name: 'plugin-server-api-key' }] });
    const c = new SecretsContract({ blueprint, backend: SM, identity: IRSA, namespace: 'noxus', values: { PLUGIN_SERVER_API_KEY: ValueSource.generated() } });
    const app = new NoxusApp();
    new NoxusPlatformSecrets(app, 'secrets', { contract: c });
    expect(() => app.synthYaml()).toThrow('NoxusPlatformSecrets: secrets/Shared/Resource/Generated-PLUGIN_SERVER_API_KEY/Resource and secrets/Pool-plugin-server-api-key/Resource/Resource ' +
      'are both ExternalSecret "app-env-plugin-server-api-key" in namespace "noxus"; Kubernetes keeps one of them. Give one of the Secrets another name');
    // With the pool's Secret named otherwise, the same model synthesizes.
    const renamed = new NoxusPlatformSecrets(new NoxusApp(), 'secrets', { contract: c, poolSecretNames: { 'plugin-server-api-key': 'app-env-psak' } });
    expect(() => (renamed.node.root as Cdk8sApp).synthYaml()).not.toThrow();
  });

  test('the admission guard admits the composed and the generated ExternalSecrets', () => {
    const { run } = require('@bufbuild/cel');
    const toCel = (v: any): any => (Array.isArray(v) ? v.map(toCel) : v !== null && typeof v === 'object' ? new Map(Object.entries(v).map(([k, x]) => [k, toCel(x)])) : v);
    const all = manifests();
    const policy = all.find(m => m.kind === 'ValidatingAdmissionPolicy');
    for (const m of all.filter(x => x.kind === 'ExternalSecret')) {
      const bindings: any = { object: toCel(m), request: toCel({ namespace: 'noxus' }) };
      const variables = new Map<string, any>();
      for (const v of policy.spec.variables) variables.set(v.name, run(v.expression, { ...bindings, variables }));
      expect([m.metadata.name, policy.spec.validations.every((v: any) => run(v.expression, { ...bindings, variables }) === true)]).toEqual([m.metadata.name, true]);
    }
  });

  test('the report names the source of a composed value and says a generated one is made in the cluster', () => {
    const report = new NoxusPlatformSecrets(new NoxusApp(), 'secrets', { contract: contract() }).blastRadiusReport();
    expect(report.split('\n').find(l => l.startsWith('| `POSTGRESQL_URL`'))).toContain('composed by ESO from `RDS noxus master user`');
    expect(report.split('\n').find(l => l.startsWith('| `PLUGIN_SERVER_API_KEY`'))).toContain('generated by ESO in the cluster');
  });

  test('bad input: a source other than ESO cannot make the values; neither can a VM', () => {
    expect(() => new NoxusPlatformSecrets(new NoxusApp(), 'secrets', { contract: contract(), source: EnvSecretSource.existing() })).toThrow(
      '[secrets] NoxusPlatformSecrets: the contract has values that External Secrets Operator composes or generates (PLUGIN_SERVER_API_KEY (generated), ' +
      'PLUGIN_SERVER_PLATFORM_KEY (generated), POSTGRESQL_URL (from-secret-keys)), but the source does not write the env Secrets through ESO');
    const vault = new SecretsContract({
      blueprint: platform(), backend: SecretBackend.vault({ server: 'https://vault.example.com:8200' }), identity: WorkloadIdentity.vaultKubernetes(), namespace: 'noxus',
      values: { PLUGIN_SERVER_API_KEY: ValueSource.generated() },
    });
    expect(() => new VmBundle({ contract: vault })).toThrow('VmBundle: PLUGIN_SERVER_API_KEY (generated) are made by External Secrets Operator in the cluster, which a VM does not run');
  });
});

describe('the AWS side', () => {
  const synthAws = (c = contract()) => {
    const stack = new TerraformStack(Testing.app(), 'aws');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    const aws = new NoxusAwsSecrets(stack, 'secrets', { valueWriters: ['arn:aws:iam::123456789012:role/noxus-secrets-admin'], contract: c, oidcProviderArn: OIDC });
    return { json: JSON.parse(Testing.synth(stack, true)), aws, stack };
  };
  const policyOf = (json: any, roleName: string) => {
    const roleId = Object.entries<any>(json.resource.aws_iam_role).find(([, r]) => r.name === roleName)![0];
    return JSON.parse(Object.values<any>(json.resource.aws_iam_role_policy).find(p => p.role === `\${aws_iam_role.${roleId}.id}`).policy);
  };

  test('no container for a composed or generated value; no value anywhere', () => {
    const { json } = synthAws();
    const names = Object.values<any>(json.resource.aws_secretsmanager_secret).map(s => s.name);
    expect(names).toHaveLength(13 - 3);
    for (const n of ['POSTGRESQL_URL', 'PLUGIN_SERVER_API_KEY', 'PLUGIN_SERVER_PLATFORM_KEY']) expect(names).not.toContain(`noxus/platform/${n}`);
    expect(json.resource.aws_secretsmanager_secret_version).toBeUndefined();
  });

  test('the platform role reads exactly the RDS secret and decrypts it with its key, bound to that secret; no pool role does', () => {
    const { json } = synthAws();
    const platformPolicy = policyOf(json, 'noxus-eso-platform');
    expect(platformPolicy.Statement.find((s: any) => s.Sid === 'ReadSourceSecrets')).toEqual({
      Sid: 'ReadSourceSecrets', Effect: 'Allow', Action: ['secretsmanager:DescribeSecret', 'secretsmanager:GetResourcePolicy', 'secretsmanager:GetSecretValue', 'secretsmanager:ListSecretVersionIds'],
      Resource: [RDS_ARN],
    });
    expect(platformPolicy.Statement.find((s: any) => s.Sid === 'DecryptOnlyTheSourcesThroughBackend')).toEqual({
      Sid: 'DecryptOnlyTheSourcesThroughBackend', Effect: 'Allow', Action: ['kms:Decrypt'], Resource: [RDS_KEY],
      Condition: { StringEquals: { 'kms:ViaService': 'secretsmanager.eu-west-1.amazonaws.com' }, StringLike: { 'kms:EncryptionContext:SecretARN': [RDS_ARN] } },
    });
    const decrypt = (arn: string) => evaluate(platformPolicy, {
      action: 'kms:Decrypt', resource: RDS_KEY, context: { 'kms:ViaService': 'secretsmanager.eu-west-1.amazonaws.com', 'kms:EncryptionContext:SecretARN': arn },
    });
    expect(decrypt(RDS_ARN)).toBe('allow');
    expect(decrypt('arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-9999-XyZ')).toBe('implicit-deny');
    expect(evaluate(platformPolicy, { action: 'secretsmanager:GetSecretValue', resource: RDS_ARN })).toBe('allow');
    expect(evaluate(platformPolicy, { action: 'secretsmanager:GetSecretValue', resource: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-9999-XyZ' })).toBe('implicit-deny');
    for (const pool of ['noxus-eso-pool-default', 'noxus-eso-pool-tenant-acme']) expect(JSON.stringify(policyOf(json, pool))).not.toContain('rds!db');
  });

  test('a source given by name with its own key: read and decrypt match its ARN\'s random suffix, and nothing else', () => {
    const byName = new SourceSecret({ key: 'noxus/elasticache-auth', keys: ['password'], kmsKeyArn: RDS_KEY });
    const { json } = synthAws(contract({ REDIS_URL: ValueSource.redisUrl({ source: byName, host: 'h' }) }));
    const policy = policyOf(json, 'noxus-eso-platform');
    const real = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:noxus/elasticache-auth-Ab12Cd';
    expect(evaluate(policy, { action: 'secretsmanager:GetSecretValue', resource: real })).toBe('allow');
    const decrypt = (arn: string) => evaluate(policy, {
      action: 'kms:Decrypt', resource: RDS_KEY, context: { 'kms:ViaService': 'secretsmanager.eu-west-1.amazonaws.com', 'kms:EncryptionContext:SecretARN': arn },
    });
    expect(decrypt(real)).toBe('allow');
    expect(decrypt('arn:aws:secretsmanager:eu-west-1:123456789012:secret:noxus/elasticache-auth-other-Ab12Cd')).toBe('implicit-deny');
    expect(decrypt('arn:aws:secretsmanager:eu-west-1:123456789012:secret:noxus/platform/REDIS_URL-Ab12Cd')).toBe('implicit-deny');
  });

  test('a grant of the whole store includes the source; a grant of a composed address is refused', () => {
    const { aws, stack } = synthAws();
    const job = new IamRole(stack, 'Migrations', { name: 'migrations', assumeRolePolicy: '{}' });
    aws.grantRead(aws.contract.sharedStore!, AwsGrantee.role(job));
    const json = JSON.parse(Testing.synth(stack));
    const grant = Object.values<any>(json.resource.aws_iam_role_policy).find(p => p.role.includes('Migrations'));
    expect(JSON.parse(grant.policy).Statement.find((s: any) => s.Sid === 'ReadSourceSecrets').Resource).toEqual([RDS_ARN]);
    expect(() => aws.grantReadKey(aws.contract.remoteKeyAt('platform/POSTGRESQL_URL'), AwsGrantee.role(job))).toThrow(
      '[aws/secrets] NoxusAwsSecrets: platform/POSTGRESQL_URL is from-secret-keys by ESO in the cluster, so the backend holds no secret to grant.');
  });

  test('one stack with an RDS instance: its managed secret\'s ARN, key, host and port flow in as references, through Cdk8sManifests', () => {
    const stack = new TerraformStack(Testing.app(), 'aws');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    new KubernetesProvider(stack, 'kubernetes', {});
    const db = new DbInstance(stack, 'Db', {
      identifier: 'noxus', engine: 'postgres', engineVersion: '16', instanceClass: 'db.t4g.medium', allocatedStorage: 20,
      username: 'noxus_admin', manageMasterUserPassword: true, skipFinalSnapshot: true, storageEncrypted: true,
    });
    const c = contract({
      POSTGRESQL_URL: postgresUrlFromRds(db, { database: 'noxus' }),
      VECTOR_POSTGRESQL_URL: postgresUrlFromRds(db, { database: 'noxus_vector' }),
      PLUGIN_SERVER_API_KEY: ValueSource.generated(),
      PLUGIN_SERVER_PLATFORM_KEY: ValueSource.generated(),
    });
    new NoxusAwsSecrets(stack, 'secrets', { valueWriters: ['arn:aws:iam::123456789012:role/noxus-secrets-admin'], contract: c, oidcProviderArn: OIDC });
    const cdk8sApp = new NoxusApp({ outdir: 'unused' });
    new NoxusPlatformSecrets(cdk8sApp, 'secrets', { contract: c });
    new Cdk8sManifests(stack, 'manifests', { cdk8sApp });
    const json = JSON.parse(Testing.synth(stack, true));
    expect(danglingReferences(json)).toEqual([]);
    const es = Object.values<any>(json.resource.kubernetes_manifest).map(r => r.manifest).find(m => m.kind === 'ExternalSecret' && m.metadata.name === 'app-env');
    expect(es.spec.data.find((d: any) => d.secretKey === 'POSTGRESQL_URL.db.password').remoteRef).toEqual({ key: '${aws_db_instance.Db.master_user_secret[0].secret_arn}', property: 'password' });
    expect(es.spec.target.template.data.VECTOR_POSTGRESQL_URL).toBe('postgresql://{{ with index . "VECTOR_POSTGRESQL_URL.db.username" }}{{ . | urlquery | replace "+" "%20" }}{{ else }}{{ fail "VECTOR_POSTGRESQL_URL: key username of source db is missing or empty" }}{{ end }}:' +
      '{{ with index . "VECTOR_POSTGRESQL_URL.db.password" }}{{ . | urlquery | replace "+" "%20" }}{{ else }}{{ fail "VECTOR_POSTGRESQL_URL: key password of source db is missing or empty" }}{{ end }}@${aws_db_instance.Db.address}:${aws_db_instance.Db.port}/noxus_vector?sslmode=require');
    const roleId = Object.entries<any>(json.resource.aws_iam_role).find(([, r]) => r.name === 'noxus-eso-platform')![0];
    const policy = JSON.parse(Object.values<any>(json.resource.aws_iam_role_policy).find(p => p.role === `\${aws_iam_role.${roleId}.id}`).policy);
    expect(policy.Statement.find((s: any) => s.Sid === 'ReadSourceSecrets').Resource).toEqual(['${aws_db_instance.Db.master_user_secret[0].secret_arn}']);
    expect(policy.Statement.find((s: any) => s.Sid === 'DecryptOnlyTheSourcesThroughBackend').Resource).toEqual(['${aws_db_instance.Db.master_user_secret[0].kms_key_id}']);
    // Nothing of the value in the configuration, and no secret version: it exists only in the cluster.
    expect(json.resource.aws_secretsmanager_secret_version).toBeUndefined();
    expect(JSON.stringify(json)).not.toMatch(/"password"\s*:\s*"[^$]/);
  });

  test('an RDS instance without a managed password is the library\'s error', () => {
    const stack = new TerraformStack(Testing.app(), 'aws');
    const db = new DbInstance(stack, 'Db', { instanceClass: 'db.t4g.medium', engine: 'postgres', username: 'u', password: 'typed-in' });
    expect(() => rdsMasterUserSecret(db)).toThrow('rdsMasterUserSecret: aws/Db does not set manageMasterUserPassword: true');
  });
});

describe('another backend: Vault, any JSON secret', () => {
  test('the store reads the source path; its policy grants exactly that path beside its own', () => {
    const vaultBackend = SecretBackend.vault({ server: 'https://vault.example.com:8200' });
    const c = new SecretsContract({
      blueprint: platform(), backend: vaultBackend, identity: WorkloadIdentity.vaultKubernetes(), namespace: 'noxus',
      values: { POSTGRESQL_URL: ValueSource.postgresUrl({ source: new SourceSecret({ key: 'databases/noxus', keys: ['username', 'password'] }), host: 'pg.internal', database: 'noxus' }) },
    });
    const manifests = Cdk8sTesting.synth(new NoxusPlatformSecrets(new NoxusApp(), 'secrets', { contract: c }));
    validateAll(manifests);
    const es = manifests.find(m => m.kind === 'ExternalSecret' && m.metadata.name === 'app-env');
    expect(es.spec.data.find((d: any) => d.secretKey === 'POSTGRESQL_URL.db.username')).toEqual({ secretKey: 'POSTGRESQL_URL.db.username', remoteRef: { key: 'databases/noxus', property: 'username' } });
    const stack = new TerraformStack(Testing.app(), 'vault');
    new VaultProvider(stack, 'vault', { address: 'https://vault.example.com:8200' });
    const vault = new NoxusVaultSecrets(stack, 'secrets', { contract: c });
    expect(vault.policies.platform).toContain('path "secret/data/databases/noxus" {');
    expect(vault.policies['pool-default']).not.toContain('databases/noxus');
    expect(vault.policies.platform).not.toContain('noxus/platform/POSTGRESQL_URL');
  });
});

describe('opting into a value Terraform computes', () => {
  test('written into the secret version; the audit warns by name that it is in state (NX3a), and does not fail', () => {
    const stack = new TerraformStack(Testing.app(), 'aws');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    const password = new TerraformVariable(stack, 'redis_password', { type: 'string', sensitive: true });
    const c = new SecretsContract({ blueprint: platform(), backend: SM, identity: IRSA, namespace: 'noxus', values: { REDIS_PASSWORD: ValueSource.fromTerraform(password.stringValue) } });
    const aws = new NoxusAwsSecrets(stack, 'secrets', { valueWriters: ['arn:aws:iam::123456789012:role/noxus-secrets-admin'], contract: c, oidcProviderArn: OIDC });
    const json = JSON.parse(Testing.synth(stack, true));
    // Write-only: the version keeps no copy in its state or plan.
    expect(Object.values<any>(json.resource.aws_secretsmanager_secret_version)).toEqual([expect.objectContaining({ secret_string_wo: '${var.redis_password}', secret_string_wo_version: 1 })]);
    const warnings = aws.node.metadata.filter(m => /warn/i.test(m.type)).map(m => String(m.data)).join('\n');
    expect(warnings).toMatch(/NX3a warning aws_secretsmanager_secret_version\.[^:]+: holds the value of REDIS_PASSWORD from Terraform \(ValueSource\.fromTerraform\): through secret_string_wo, it is in the Terraform configuration\./);
    // The cluster still reads it from its container, by remote key.
    const es = Cdk8sTesting.synth(new NoxusPlatformSecrets(new NoxusApp(), 'secrets', { contract: c })).find(m => m.kind === 'ExternalSecret' && m.metadata.name === 'app-env');
    expect(es.spec.data.find((d: any) => d.secretKey === 'REDIS_PASSWORD').remoteRef).toEqual({ key: 'noxus/platform/REDIS_PASSWORD' });
  });

  test('a literal is refused; another cloud side says it cannot write it', () => {
    expect(() => ValueSource.fromTerraform('hunter2')).toThrow('ValueSource.fromTerraform: value is a literal');
    const stack = new TerraformStack(Testing.app(), 'vault');
    new VaultProvider(stack, 'vault', { address: 'https://vault.example.com:8200' });
    const v = new TerraformVariable(stack, 'x', { type: 'string', sensitive: true });
    const c = new SecretsContract({
      blueprint: platform(), backend: SecretBackend.vault({ server: 'https://vault.example.com:8200' }), identity: WorkloadIdentity.vaultKubernetes(), namespace: 'noxus',
      values: { REDIS_PASSWORD: ValueSource.fromTerraform(v.stringValue) },
    });
    expect(() => new NoxusVaultSecrets(stack, 'secrets', { contract: c })).toThrow(
      '[vault/secrets] NoxusVaultSecrets: platform/REDIS_PASSWORD takes its value from Terraform (ValueSource.fromTerraform), which only NoxusAwsSecrets writes for now.');
  });
});

describe('wiring keeps working', () => {
  test('Reloader annotations name the env Secret a composed or generated value lands in; check-refs still finds the keys', () => {
    const app = new NoxusApp();
    build(app, contract(), EnvSecretSource.externalSecrets());
    const deployments = app.charts.flatMap(c => c.toJson()).filter(m => m.kind === 'Deployment');
    const backend = deployments.find(d => d.metadata.name === 'noxus-backend');
    expect(backend.metadata.annotations['secret.reloader.stakater.com/reload']).toBe('app-env');
    expect(backend.spec.template.spec.containers[0].envFrom).toEqual([{ secretRef: { name: 'app-env' } }]);
    const flow = { nodes: [{ config: { dsn: '{{secret.POSTGRESQL_URL}}', key: '{{secret.PLUGIN_SERVER_API_KEY}}' } }] };
    expect(checkSecretRefs(platform(), 'default', [{ file: 'flow.json', document: flow }]).unresolved).toEqual([]);
  });
});

describe('another backend: GCP, any JSON secret', () => {
  test('the store\'s GSA gets secretAccessor on exactly the source secret, and no pool\'s does', () => {
    const { GoogleProvider } = require('@cdktf/provider-google/lib/provider');
    const { NoxusGcpSecrets } = require('../../lib/terraform/gcp');
    const c = new SecretsContract({
      blueprint: platform(), backend: SecretBackend.gcpSecretManager({ projectId: 'noxus-prod' }), identity: WorkloadIdentity.gkeWorkloadIdentity({ projectId: 'noxus-prod' }),
      namespace: 'noxus',
      values: { POSTGRESQL_URL: ValueSource.postgresUrl({ source: new SourceSecret({ key: 'cloudsql-noxus-admin', keys: ['username', 'password'] }), host: '10.0.0.5', database: 'noxus' }) },
    });
    const stack = new TerraformStack(Testing.app(), 'gcp');
    new GoogleProvider(stack, 'google', { project: 'noxus-prod' });
    new NoxusGcpSecrets(stack, 'secrets', { contract: c });
    const json = JSON.parse(Testing.synth(stack, true));
    const members = Object.values<any>(json.resource.google_secret_manager_secret_iam_member).filter(m => m.secret_id === 'cloudsql-noxus-admin');
    const gsaId = Object.entries<any>(json.resource.google_service_account).find(([, g]) => g.account_id === 'noxus-platform')![0];
    expect(members).toEqual([{ secret_id: 'cloudsql-noxus-admin', project: 'noxus-prod', role: 'roles/secretmanager.secretAccessor', member: `serviceAccount:\${google_service_account.${gsaId}.email}` }]);
    expect(Object.values<any>(json.resource.google_secret_manager_secret).map(s => s.secret_id)).not.toContain('noxus-platform-POSTGRESQL_URL');
  });
});
