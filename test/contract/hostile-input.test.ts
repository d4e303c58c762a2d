import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse as parseHcl } from '@cdktf/hcl2json';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Testing as Cdk8sTesting } from 'cdk8s';
import { TerraformStack, Testing } from 'cdktf';
import * as fc from 'fast-check';
import { Chart } from 'cdk8s';
import {
  AzureKeyVaultProviderClass, DataFrom, EnvSecretSource, ExternalSecretStore, ExternalSecretSync, KeyVaultObjectType, NoxusCatalog, NoxusPlatformSecrets, NoxusSecretsError,
  PlatformSecret, RemoteKeyLayout, SecretBackend, SecretsBlueprint, SecretsContract, SourceSecret, StoreAdmissionGuard, StoreKind, ValueSource, VmBundle, WorkloadIdentity, NoxusApp,
} from '../../lib';
import { terraformText, terraformUnescape } from '../../lib/terraform/references';
import { NoxusAwsSecrets, NoxusAwsSecretsProps } from '../../lib/terraform/aws';
import { liveTemplates } from '../../lib/audit/rules/terraform-template-in-text';
import { validateAll } from '../support/schema';

const RUNS = { numRuns: 40, seed: 20261129 };
const OIDC = 'arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/X';
const SM = SecretBackend.awsSecretsManager({ region: 'eu-west-1' });
const IRSA = WorkloadIdentity.irsa({ accountId: '123456789012' });

/** Unicode text with what breaks outputs mixed in: template sequences, quotes, backslashes, line breaks, NUL, emoji. */
const hostile = fc.array(fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 6 }),
  fc.constantFrom('${', '%{', '$${', '%%{', '}', '${file("/etc/passwd")}', '%{ if true }', '"', '\\', '\n', '\r\n', '\u0000', '😀', '${TfToken[', ' '),
), { maxLength: 8 }).map(parts => parts.join(''));

function awsJson(contract: SecretsContract, extra: Partial<NoxusAwsSecretsProps> = {}): any {
  const stack = new TerraformStack(Testing.app(), 'aws');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  new NoxusAwsSecrets(stack, 'secrets', { valueWriters: ['arn:aws:iam::123456789012:role/noxus-secrets-admin'], contract, oidcProviderArn: OIDC, ...extra });
  return JSON.parse(Testing.synth(stack, true));
}

/** A VM's contract: its env files read Vault (the identity is the cluster's, which a VM alone does not use). */
const vmContract = (blueprint: SecretsBlueprint, server = 'https://v:8200') =>
  new SecretsContract({ blueprint, backend: SecretBackend.vault({ server }), identity: WorkloadIdentity.vaultKubernetes() });
const contractOf = (secret: PlatformSecret) => new SecretsContract({
  blueprint: new SecretsBlueprint({ secrets: [secret], global: [secret.name] }), namespace: 'noxus', backend: SM, identity: IRSA,
});

/** The secret with this description, or undefined when the library refused it, as it must for a control character. */
function secretOrRefusal(description: string): PlatformSecret | undefined {
  try {
    return PlatformSecret.custom({ name: 'A', description });
  } catch (e) {
    expect(e).toBeInstanceOf(NoxusSecretsError);
    expect(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(description)).toBe(true);
    return undefined;
  }
}

describe('user text reaches every output inert', () => {
  test('a description reaches Secrets Manager as text: Terraform reads back exactly the input, or the library refuses it', () => {
    fc.assert(fc.property(hostile, description => {
      const secret = secretOrRefusal(description);
      if (!secret) return;
      const json = awsJson(contractOf(secret));
      const written: string = Object.values<any>(json.resource.aws_secretsmanager_secret)[0].description;
      expect(terraformUnescape(written)).toBe(`Noxus platform secret A${description ? `: ${description}` : ''}`);
      expect(liveTemplates(written)).toEqual([]);
    }), RUNS);
  });

  test('tags reach AWS as text, or the library refuses them with its error', () => {
    fc.assert(fc.property(hostile, hostile, (key, value) => {
      let json: any;
      try {
        json = awsJson(contractOf(PlatformSecret.custom({ name: 'A' })), { tags: { [key]: value } });
      } catch (e) {
        expect(e).toBeInstanceOf(NoxusSecretsError);
        return;
      }
      const tags: Record<string, string> = Object.values<any>(json.resource.aws_secretsmanager_secret)[0].tags;
      const back = Object.fromEntries(Object.entries(tags).map(([k, v]) => [terraformUnescape(k), terraformUnescape(v)]));
      expect(back[key]).toBe(value);
    }), RUNS);
  });

  test('Azure tags and a Vault audience reach Terraform as text, or the library refuses them', () => {
    const { AzurermProvider } = require('@cdktf/provider-azurerm/lib/provider');
    const { VaultProvider } = require('@cdktf/provider-vault/lib/provider');
    const { NoxusAzureSecrets } = require('../../lib/terraform/azure');
    const { NoxusVaultSecrets } = require('../../lib/terraform/vault');
    const blueprint = new SecretsBlueprint({ secrets: [PlatformSecret.custom({ name: 'A' })], global: ['A'] });
    fc.assert(fc.property(hostile, hostile, (key, value) => {
      const stack = new TerraformStack(Testing.app(), 'azure');
      new AzurermProvider(stack, 'azurerm', { features: [{}] });
      try {
        new NoxusAzureSecrets(stack, 'secrets', {
          contract: new SecretsContract({ blueprint, namespace: 'noxus', backend: SecretBackend.azureKeyVault({ vaultUrl: 'https://noxus-prod.vault.azure.net/' }), identity: WorkloadIdentity.azureWorkloadIdentity({ tenantId: '00000000-0000-0000-0000-000000000000' }) }),
          resourceGroupName: 'rg', location: 'westeurope', oidcIssuerUrl: 'https://issuer.example/', tags: { [key]: value },
        });
      } catch (e) {
        expect(e).toBeInstanceOf(NoxusSecretsError);
        return;
      }
      const tags: Record<string, string> = Object.values<any>(JSON.parse(Testing.synth(stack, true)).resource.azurerm_key_vault).at(0).tags;
      expect(Object.fromEntries(Object.entries(tags).map(([k, v]) => [terraformUnescape(k), terraformUnescape(v)]))[key]).toBe(value);
    }), { ...RUNS, numRuns: 20 });
    fc.assert(fc.property(hostile.filter(a => a.length > 0), audience => {
      const stack = new TerraformStack(Testing.app(), 'vault');
      new VaultProvider(stack, 'vault', { address: 'https://v:8200' });
      let identity: WorkloadIdentity;
      try {
        identity = WorkloadIdentity.vaultKubernetes({ audience });
      } catch (e) {
        expect(e).toBeInstanceOf(NoxusSecretsError);
        return;
      }
      new NoxusVaultSecrets(stack, 'secrets', {
        contract: new SecretsContract({ blueprint, namespace: 'noxus', backend: SecretBackend.vault({ server: 'https://v:8200' }), identity }),
      });
      const role = Object.values<any>(JSON.parse(Testing.synth(stack, true)).resource.vault_kubernetes_auth_backend_role)[0];
      expect(terraformUnescape(role.audience)).toBe(audience);
    }), { ...RUNS, numRuns: 20 });
  });

  test('an ARN reaches Terraform as written, or the library refuses it: no template, in the key policy or elsewhere', () => {
    const KEY_POLICY = (json: any): string => Object.values<any>(json.resource.aws_kms_key)[0].policy;
    const contract = contractOf(PlatformSecret.custom({ name: 'A' }));
    // A path may hold any printable ASCII but '${' and '%{'; a Lambda qualifier may be $LATEST.
    const reader = 'arn:aws:iam::123456789012:role/team$x%y{z}/reader';
    const lambda = 'arn:aws:lambda:eu-west-1:123456789012:function:rotate:$LATEST';
    const json = awsJson(contract, { keyReaders: [reader], rotationLambdaArn: lambda });
    expect(liveTemplates(KEY_POLICY(json))).toEqual([]);
    expect(terraformUnescape(KEY_POLICY(json))).toBe(KEY_POLICY(json));
    expect(JSON.stringify(JSON.parse(KEY_POLICY(json)))).toContain(JSON.stringify(reader));
    fc.assert(fc.property(hostile, tail => {
      const arn = `arn:aws:iam::123456789012:role/${tail}/reader`;
      let written: any;
      try {
        written = awsJson(contract, { keyReaders: [arn] });
      } catch (e) {
        expect(e).toBeInstanceOf(NoxusSecretsError);
        return;
      }
      expect(liveTemplates(KEY_POLICY(written))).toEqual([]);
      const readers = JSON.parse(KEY_POLICY(written)).Statement.find((st: any) => st.Sid === 'ReadersDecryptThroughBackend');
      expect(readers.Condition.ArnEquals['aws:PrincipalArn']).toContain(arn);
    }), RUNS);
  });

  test('a description with line breaks stays comments in the env file: no line of it becomes a variable', () => {
    fc.assert(fc.property(hostile, description => {
      const secret = secretOrRefusal(description);
      if (!secret) return;
      const bundle = new VmBundle({ contract: new SecretsContract({ blueprint: new SecretsBlueprint({ secrets: [secret], global: ['A'] }) }) });
      const env = bundle.files().find(f => f.path.endsWith('platform.env'))!.content;
      // As systemd's EnvironmentFile and docker compose read it: '#' lines are comments, the rest KEY=VALUE.
      const lines = env.split('\n').filter(l => l !== '');
      expect(lines.filter(l => !l.startsWith('#'))).toEqual(["A=''"]);
      const comments = lines.filter(l => l.startsWith('#')).map(l => l.replace(/^# ?/, ''));
      for (const line of (description || 'A').split(/\r\n|\r|\n/)) expect(comments.join('\n')).toContain(line.trimEnd());
    }), RUNS);
  });

  test('a Vault server reaches agent.hcl as one quoted string that HCL reads back exactly', async () => {
    const samples = fc.sample(hostile.filter(s => !/[\r\n\u0000-\u001f]/.test(s)), { numRuns: 40, seed: 7 });
    for (const tail of samples) {
      const server = `https://vault.example.com:8200/${tail}`;
      const blueprint = new SecretsBlueprint({ secrets: NoxusCatalog.all(), global: NoxusCatalog.all().map(s => s.name) });
      const bundle = new VmBundle({ contract: vmContract(blueprint, server), vault: {} });
      const hcl = bundle.files().find(f => f.path.endsWith('agent.hcl'))!.content;
      const parsed = await parseHcl('agent.hcl', hcl);
      // hcl2json writes Terraform's JSON syntax, where a literal ${ is $${ again: unescape as Terraform would.
      // HCL, like Terraform, reads text in Unicode normal form C.
      expect([tail, terraformUnescape(parsed.vault[0].address)]).toEqual([tail, server.normalize('NFC')]);
    }
  });

  test('the VM example\'s files reach Terraform as text: no live template, and each content reads back as the bundle wrote it', () => {
    const { buildVmTerraform } = require('../../examples/vm/terraform');
    const { bundle } = require('../../examples/vm/bundle');
    const { App } = require('cdktf');
    const stack = buildVmTerraform(Testing.stubVersion(new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'noxus-vm-tf-')) })));
    const json = JSON.parse(Testing.synth(stack, true));
    const written = Object.values<any>(json.resource.local_file);
    const script = bundle.files().find((f: any) => f.path.endsWith('noxus-check-secrets'));
    expect(script.content).toContain('${values[$key]:-}');
    const match = written.find(f => terraformUnescape(f.content) === script.content);
    expect(match).toBeDefined();
    for (const f of written) expect(liveTemplates(f.content)).toEqual([]);
  });
});

const terraform = spawnSync('terraform', ['version'], { encoding: 'utf-8' });
const maybe = terraform.status === 0 ? test : test.skip;
if (terraform.status !== 0) {
  test('Terraform itself reads the escaped text back (skipped: no terraform binary on PATH)', () => undefined);
}
maybe('Terraform itself reads the escaped text back: a providerless configuration applies and outputs each input', () => {
  const inputs = [...fc.sample(hostile.filter(s => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s) && !s.includes('${TfToken[')), { numRuns: 40, seed: 11 }),
    'x ${file("/etc/passwd")} %{ if true }y%{ endif } $${kept} %%{kept}'];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'noxus-tf-readback-'));
  const config = {
    locals: Object.fromEntries(inputs.map((s, i) => [`v${i}`, terraformText(s)])),
    output: Object.fromEntries(inputs.map((_, i) => [`v${i}`, { value: `\${local.v${i}}` }])),
  };
  fs.writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify(config));
  const env = { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null', CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' };
  for (const args of [['init', '-input=false'], ['apply', '-auto-approve', '-input=false']]) {
    const r = spawnSync('terraform', args, { cwd: dir, env, encoding: 'utf-8' });
    expect([args[0], r.status, r.stderr]).toEqual([args[0], 0, '']);
  }
  const out = JSON.parse(spawnSync('terraform', ['output', '-json'], { cwd: dir, env, encoding: 'utf-8' }).stdout);
  // Terraform stores strings in Unicode normal form C; the text is otherwise exactly the input.
  inputs.forEach((s, i) => expect(out[`v${i}`].value).toBe(s.normalize('NFC')));
});

describe('literals are checked against the system that receives them', () => {
  const contract = (backend: SecretBackend = SM, identity: WorkloadIdentity = IRSA) => new SecretsContract({
    blueprint: new SecretsBlueprint({ secrets: NoxusCatalog.all(), global: NoxusCatalog.all().map(s => s.name) }), namespace: 'noxus', backend, identity,
  });
  const aws = (extra: Partial<NoxusAwsSecretsProps>, c = contract()) => awsJson(c, extra);

  test.each([
    [{ tags: { 'aws:owner': 'x' } }, "tag key \"aws:owner\" uses the prefix 'aws:', which AWS reserves. Rename it."],
    [{ tags: { team: 'a<b' } }, 'tag value "a<b" is not an AWS tag value (0-256 Unicode letters, digits, spaces and _ . : / = + - @). Rename it.'],
    [{ tags: Object.fromEntries(Array.from({ length: 48 }, (_, i) => [`t${i}`, 'x'])) }, "tags has 51 tags with the library's own, and AWS allows 50 per resource. Remove some."],
    [{ rotationLambdaArn: 'rotate-noxus' }, 'rotationLambdaArn "rotate-noxus" is not a Lambda function ARN, and Secrets Manager takes the ARN, not the name.'],
    [{ oidcProviderArn: 'arn:aws:iam::210987654321:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/X' },
      "oidcProviderArn is in account 210987654321, but the identity's roles are in 123456789012; a role trusts an OIDC provider of its own account only."],
    [{ esoNamespace: 'External_Secrets' }, 'esoNamespace "External_Secrets" is not a valid Kubernetes name (lowercase RFC 1123 label: a-z, 0-9, \'-\'; max 63). Use e.g. "external-secrets".'],
    [{ esoNamespace: 'external.secrets' }, 'esoNamespace "external.secrets" is not a valid Kubernetes name (lowercase RFC 1123 label: a-z, 0-9, \'-\'; max 63). Use e.g. "external-secrets".'],
  ] as [Partial<NoxusAwsSecretsProps>, string][])('AWS %#', (extra, message) => {
    expect(() => aws(extra)).toThrow(`[aws/secrets] NoxusAwsSecrets: ${message}`);
  });

  const KEY = 'arn:aws:kms:eu-west-1:123456789012:key/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
  test.each([
    [{ keyReaders: ['arn:aws:iam::123456789012:role/${var.reader}'] }, 'keyReaders[0] "arn:aws:iam::123456789012:role/${var.reader}" holds "${", which Terraform would ' +
      'evaluate as a template (the value would not reach the cloud as written). Write the literal value, or pass a reference as a token (e.g. role.arn, ' +
      'new TerraformVariable(...).stringValue), not "${...}" text.'],
    [{ rotationLambdaArn: 'arn:aws:lambda:eu-west-1:123456789012:function:%{ if true }x%{ endif }' }, 'rotationLambdaArn "arn:aws:lambda:eu-west-1:123456789012:function:' +
      '%{ if true }x%{ endif }" holds "%{", which Terraform would evaluate as a template'],
    [{ kmsKeyArn: 'alias/noxus' }, 'kmsKeyArn "alias/noxus" is not a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<key id>), and the stores\' policies ' +
      'allow kms:Decrypt on the key\'s ARN, which an alias, an alias ARN or a bare key ID does not match. Pass the key\'s ARN (aws_kms_key.arn, or aws kms ' +
      'describe-key --key-id <alias> --query KeyMetadata.Arn).'],
    [{ kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:alias/noxus' }, 'kmsKeyArn "arn:aws:kms:eu-west-1:123456789012:alias/noxus" is not a KMS key ARN'],
    [{ kmsKeyArn: KEY.replace('eu-west-1', 'us-east-1') }, `kmsKeyArn "${KEY.replace('eu-west-1', 'us-east-1')}" is a key in region "us-east-1", but the secrets ` +
      'are in "eu-west-1", and Secrets Manager encrypts only with a key of its own Region. Use a key (or a multi-Region key\'s replica) in "eu-west-1".'],
    [{ valueWriters: ['arn:aws-cn:iam::123456789012:role/admin'] }, 'valueWriters[0] "arn:aws-cn:iam::123456789012:role/admin" is in the AWS partition "aws-cn", ' +
      'but the identity\'s roles are in "aws", and IAM and KMS refuse an ARN of another partition. Use the ARN of a resource in "aws".'],
    [{ keyReaders: ['arn:aws:iam::123456789012:role/a b'] }, 'keyReaders[0] "arn:aws:iam::123456789012:role/a b" is not an IAM role or user ARN.'],
    // A wildcard would turn the readers' condition into ArnLike: every role of the account could decrypt.
    [{ keyReaders: ['arn:aws:iam::123456789012:role/*'] }, 'keyReaders[0] "arn:aws:iam::123456789012:role/*" is not an IAM role or user ARN.'],
    [{ keyReaders: ['arn:aws:iam::123456789012:role//reader'] }, 'keyReaders[0] "arn:aws:iam::123456789012:role//reader" is not an IAM role or user ARN.'],
    [{ deployerArn: 'arn:aws:iam::123456789012:role/' }, 'deployerArn "arn:aws:iam::123456789012:role/" is not an IAM role or user ARN'],
    [{ permissionsBoundary: 'arn:aws:iam::123456789012:policy/${var.boundary}' }, 'permissionsBoundary "arn:aws:iam::123456789012:policy/${var.boundary}" holds "${"'],
    [{ permissionsBoundary: 'arn:aws:iam::123456789012:policy/' }, 'permissionsBoundary "arn:aws:iam::123456789012:policy/" is not an IAM policy ARN.'],
    [{ oidcProviderArn: 'arn:aws:iam::123456789012:oidc-provider/https://oidc.eks.eu-west-1.amazonaws.com/id/X' },
      'oidcProviderArn "arn:aws:iam::123456789012:oidc-provider/https://oidc.eks.eu-west-1.amazonaws.com/id/X" is not an IAM OIDC provider ARN'],
  ] as [Partial<NoxusAwsSecretsProps>, string][])('AWS ARNs %#', (extra, message) => {
    expect(() => aws(extra)).toThrow(`[aws/secrets] NoxusAwsSecrets: ${message}`);
  });

  test('AWS: an EKS cluster ARN whose name is no cluster name', () => {
    const c = contract(SM, WorkloadIdentity.eksPodIdentity({ accountId: '123456789012' }));
    expect(() => aws({ clusterName: 'noxus', clusterArn: 'arn:aws:eks:eu-west-1:123456789012:cluster/noxus/extra' }, c)).toThrow(
      '[aws/secrets] NoxusAwsSecrets: clusterArn "arn:aws:eks:eu-west-1:123456789012:cluster/noxus/extra" is not an EKS cluster ARN');
  });

  test('AWS: an existing secret read by a partial ARN, or with a key alias', () => {
    const withSource = (source: SourceSecret) => new SecretsContract({
      blueprint: new SecretsBlueprint({ secrets: NoxusCatalog.all(), global: NoxusCatalog.all().map(s => s.name) }), namespace: 'noxus', backend: SM, identity: IRSA,
      values: { POSTGRESQL_URL: ValueSource.postgresUrl({ source, host: 'db.example.com', database: 'noxus' }) },
    });
    const partial = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-0123';
    expect(() => aws({}, withSource(new SourceSecret({ key: partial, keys: ['username', 'password'], label: 'RDS' })))).toThrow(
      `[aws/secrets] NoxusAwsSecrets: source secret "RDS" arn "${partial}" is not a whole Secrets Manager secret ARN ` +
      '(arn:<partition>:secretsmanager:<region>:<account>:secret:<name>-<6 characters>), and the store\'s policy names it exactly: a partial ARN ' +
      'matches no secret. Pass the secret\'s arn attribute, or its name as key.');
    expect(() => aws({}, withSource(new SourceSecret({ key: `${partial}-AbCdEf`, keys: ['username', 'password'], label: 'RDS', kmsKeyArn: 'alias/aws/rds' })))).toThrow(
      '[aws/secrets] NoxusAwsSecrets: source secret "RDS" kmsKeyArn "alias/aws/rds" is not a KMS key ARN');
    expect(() => aws({}, withSource(new SourceSecret({ key: `${partial}-AbCdEf`, keys: ['username', 'password'], label: 'RDS', kmsKeyArn: KEY })))).not.toThrow();
  });

  test('AWS: a Pod Identity cluster given by ARN', () => {
    const c = contract(SM, WorkloadIdentity.eksPodIdentity({ accountId: '123456789012' }));
    expect(() => aws({ clusterName: 'arn:aws:eks:eu-west-1:123456789012:cluster/noxus' }, c)).toThrow(
      '[aws/secrets] NoxusAwsSecrets: clusterName "arn:aws:eks:eu-west-1:123456789012:cluster/noxus" is not an EKS cluster name');
  });

  test('AWS: a region of another partition with role ARNs left in aws', () => {
    expect(() => aws({}, contract(SecretBackend.awsSecretsManager({ region: 'cn-north-1' })))).toThrow(
      'WorkloadIdentity: the backend\'s region "cn-north-1" is in the AWS partition "aws-cn", but the identity\'s partition is "aws": every role ARN would name ' +
      'a partition the account is not in. Set partition: "aws-cn" on the identity.');
  });

  test('AWS: the stack\'s provider in another region than the backend', () => {
    const stack = new TerraformStack(Testing.app(), 'aws');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    new NoxusAwsSecrets(stack, 'secrets', { valueWriters: ['arn:aws:iam::123456789012:role/noxus-secrets-admin'], contract: contract(), oidcProviderArn: OIDC });
    expect(() => Testing.synth(stack, true)).toThrow('NoxusAwsSecrets: the stack\'s AWS provider aws/aws is in region "us-east-1", but the contract\'s backend is in "eu-west-1"');
  });

  test('AWS: descriptions longer than the service takes', () => {
    const long = PlatformSecret.custom({ name: 'A', description: 'x'.repeat(1010) });
    const ps = new SecretsContract({ blueprint: new SecretsBlueprint({ secrets: [long], global: ['A'] }), namespace: 'noxus', backend: SecretBackend.awsParameterStore({ region: 'eu-west-1' }), identity: IRSA });
    expect(() => awsJson(ps)).toThrow("[aws/secrets] NoxusAwsSecrets: the description of A would be 1035 characters with the library's prefix, and Parameter Store takes at most 1024.");
  });

  test('Parameter Store names under the reserved prefixes, or too deep', () => {
    const bp = new SecretsBlueprint({ secrets: [PlatformSecret.custom({ name: 'A' })], global: ['A'] });
    const ps = SecretBackend.awsParameterStore({ region: 'eu-west-1' });
    expect(() => new SecretsContract({ blueprint: bp, backend: ps, identity: IRSA, remoteKeys: { prefix: 'ssm-noxus' } })).toThrow(
      'RemoteKeyScheme platform/A: remote key "/ssm-noxus/platform/A" starts with "ssm-noxus", and Parameter Store reserves names beginning with \'aws\' or \'ssm\'.');
    expect(() => new SecretsContract({ blueprint: bp, backend: ps, identity: IRSA, remoteKeys: { overrides: { 'platform/A': `/${Array(16).fill('a').join('/')}` } } })).toThrow(
      'has 16 levels, and Parameter Store allows 15. Shorten the prefix.');
  });

  test('Vault: a "." segment, a reserved mount', () => {
    const bp = new SecretsBlueprint({ secrets: [PlatformSecret.custom({ name: 'A' })], global: ['A'] });
    expect(() => new SecretsContract({ blueprint: bp, backend: SecretBackend.vault({ server: 'https://v:8200' }), identity: WorkloadIdentity.vaultKubernetes(), remoteKeys: { overrides: { 'platform/A': 'noxus/../A' } } }))
      .toThrow('RemoteKeyScheme platform/A: remote key "noxus/../A" has a \'.\' or \'..\' segment, which Vault removes from the path it reads');
    expect(() => SecretBackend.vault({ server: 'https://v:8200', mountPath: 'sys' })).toThrow(
      'SecretBackend.vault: mountPath "sys" is under "sys", which Vault reserves (sys, auth, identity, cubbyhole). Use the KV engine\'s own mount, e.g. "secret".');
  });

  test('Azure: a vault name with "--"', () => {
    expect(() => SecretBackend.azureKeyVault({ vaultUrl: 'https://noxus--prod.vault.azure.net/' })).toThrow('SecretBackend.azureKeyVault: vaultUrl "https://noxus--prod.vault.azure.net/" is not a Key Vault URL');
  });

  test('GKE: cluster fields', () => {
    expect(() => WorkloadIdentity.gkeWorkloadIdentity({ projectId: 'noxus-prod', clusterLocation: 'Europe West' })).toThrow(
      'WorkloadIdentity.gkeWorkloadIdentity: clusterLocation "Europe West" is not a GCP region or zone. Use e.g. "europe-west1" or "europe-west1-b".');
    expect(() => WorkloadIdentity.gkeWorkloadIdentity({ projectId: 'noxus-prod', clusterName: 'projects/p/locations/l/clusters/c' })).toThrow(
      'WorkloadIdentity.gkeWorkloadIdentity: clusterName "projects/p/locations/l/clusters/c" is not a GKE cluster name');
  });

  test('the model: an empty blueprint, a typo, JavaScript callers', () => {
    expect(() => new SecretsBlueprint({ secrets: [] })).toThrow(
      'SecretsBlueprint: secrets [] is empty or not a list, and a platform with no secrets would wire workloads to Secrets that nothing creates.');
    expect(() => new SecretsBlueprint({ secrets: NoxusCatalog.all(), global: ['REDIS_PASWORD'] })).toThrow('Did you mean REDIS_PASSWORD? Fix the name.');
    expect(() => new (SecretsBlueprint as any)()).toThrow('SecretsBlueprint: props are missing.');
    expect(() => PlatformSecret.custom(undefined as any)).toThrow('PlatformSecret.custom: props are missing.');
    expect(() => PlatformSecret.custom({ name: 42 } as any)).toThrow('PlatformSecret 42: name 42 is not a string (an environment variable name). Use e.g. "OPENAI_API_KEY".');
    expect(() => SecretBackend.awsSecretsManager(undefined as any)).toThrow('SecretBackend.awsSecretsManager: props are missing. Pass { region: \'eu-west-1\' }.');
    expect(() => WorkloadIdentity.irsa({} as any)).toThrow(new NoxusSecretsError('WorkloadIdentity.irsa: accountId is required, and it is missing. Pass e.g. accountId: "123456789012".'));
  });

  test('JavaScript callers without props: every construct and the contract say the same thing, with the construct\'s path', () => {
    expect(() => new (SecretsContract as any)()).toThrow('SecretsContract: props are missing. Pass { blueprint, backend, identity, namespace }.');
    expect(() => new NoxusPlatformSecrets(new NoxusApp(), 'secrets', undefined as any)).toThrow(
      '[secrets] NoxusPlatformSecrets: props are missing. Pass { contract }.');
    expect(() => new NoxusPlatformSecrets(new NoxusApp(), 'secrets', [] as any)).toThrow('[secrets] NoxusPlatformSecrets: props [] is not an object.');
    expect(() => new NoxusAwsSecrets(new TerraformStack(Testing.app(), 'stack'), 'secrets', null as any)).toThrow(
      '[stack/secrets] NoxusAwsSecrets: props null is not an object. Pass { contract, ... }.');
    expect(() => new (VmBundle as any)()).toThrow('VmBundle: props are missing. Pass { contract }.');
  });
  describe('Kubernetes names and keys', () => {
    const LABEL_RULE = "lowercase RFC 1123 label: a-z, 0-9, '-'; max 63";
    const SUBDOMAIN_RULE = "lowercase RFC 1123 subdomain: a-z, 0-9, '-', '.'; max 253";
    const SECRET_KEY_RULE = "1-253 of A-Z a-z 0-9 - _ ., not '.' and not starting with '..'";
    const vaultContract = () => new SecretsContract({
      blueprint: new SecretsBlueprint({ secrets: [PlatformSecret.custom({ name: 'A' })], global: ['A'] }), namespace: 'noxus',
      backend: SecretBackend.vault({ server: 'https://v:8200' }), identity: WorkloadIdentity.vaultKubernetes(),
    });

    test('namespaces: a name with a dot or a capital is no DNS label, wherever it enters', () => {
      expect(() => new ExternalSecretStore(new Chart(new NoxusApp(), 'c'), 'store', { store: vaultContract().sharedStore!, serviceAccountNamespace: 'Noxus Apps' })).toThrow(
        `[c/store] ExternalSecretStore "platform": serviceAccountNamespace "Noxus Apps" is not a valid Kubernetes name (${LABEL_RULE}). Use e.g. "noxus-apps".`);
      expect(() => EnvSecretSource.externalSecrets({ esoController: { namespace: 'external.secrets' } })).toThrow(
        `EnvSecretSource.externalSecrets: esoController.namespace "external.secrets" is not a valid Kubernetes name (${LABEL_RULE}). Use e.g. "external-secrets".`);
      const facts = { namespace: 'Noxus', secretStores: {}, roleOwners: {}, serviceAccountOwners: {}, generatedSecrets: {}, keyPrefixes: [], aws: false };
      expect(() => new StoreAdmissionGuard(new Chart(new NoxusApp(), 'c'), 'guard', { name: 'noxus-guard', facts })).toThrow(
        `[c/guard] StoreAdmissionGuard: facts.namespace "Noxus" is not a valid Kubernetes name (${LABEL_RULE}). Use e.g. "noxus".`);
      expect(() => new StoreAdmissionGuard(new Chart(new NoxusApp(), 'c'), 'guard', { name: 'Noxus Guard', facts: { ...facts, namespace: 'noxus' } })).toThrow(
        `[c/guard] StoreAdmissionGuard: name "Noxus Guard" is not a valid Kubernetes object name (${SUBDOMAIN_RULE}). Use e.g. "noxus-guard".`);
    });

    test('a store named by hand is checked as ESO\'s CRD checks secretStoreRef', () => {
      expect(() => ExternalSecretStore.fromStoreName('Shared_Store')).toThrow(
        `ExternalSecretStore.fromStoreName: store name "Shared_Store" is not a valid Kubernetes object name (${SUBDOMAIN_RULE}). Use e.g. "shared-store".`);
      expect(() => ExternalSecretStore.fromStoreName('shared', 'SecretStores' as StoreKind)).toThrow(
        'ExternalSecretStore.fromStoreName: store kind "SecretStores" is not an ESO store kind (SecretStore, ClusterSecretStore). Use StoreKind.SECRET_STORE.');
      const sync = (store: any, extra: any = {}) => new ExternalSecretSync(new Chart(new NoxusApp(), 'c'), 'es', {
        store, targetSecretName: 'app-env', data: [{ secretKey: 'A', remoteKey: 'a', ...extra }],
      });
      expect(() => sync({ storeName: 'my store', storeKind: StoreKind.SECRET_STORE })).toThrow(
        `[c/es] ExternalSecretSync "app-env": store name "my store" is not a valid Kubernetes object name (${SUBDOMAIN_RULE}). Use e.g. "my-store".`);
      expect(() => sync(ExternalSecretStore.fromStoreName('shared'), { store: { storeName: 'Other', storeKind: StoreKind.SECRET_STORE } })).toThrow(
        `[c/es] ExternalSecretSync "app-env": data "A" store name "Other" is not a valid Kubernetes object name (${SUBDOMAIN_RULE}). Use e.g. "other".`);
      expect(() => sync(undefined)).toThrow(
        '[c/es] ExternalSecretSync "app-env": store undefined is not a store (an ExternalSecretStore, or ExternalSecretStore.fromStoreName("<name>")). Pass one.');
    });

    test('an empty dataFrom.extract key names no remote secret', () => {
      for (const key of ['', '  ']) {
        expect(() => DataFrom.extract({ key })).toThrow(
          `DataFrom.extract: key ${JSON.stringify(key)} names no remote secret. Give the remote secret's name, e.g. "noxus/platform/POSTGRESQL_URL".`);
      }
    });

    test('SecretProviderClass: a vault name with "--", an object type the Azure provider does not fetch, Secret keys with a space or a leading ".."', () => {
      const spc = (props: any) => new AzureKeyVaultProviderClass(new Chart(new NoxusApp(), 'c'), 'spc', {
        keyvaultName: 'noxus-prod', tenantId: '00000000-0000-0000-0000-000000000000', clientId: '11111111-1111-1111-1111-111111111111',
        objects: [{ objectName: 'noxus-platform-A', objectAlias: 'A' }], ...props,
      });
      expect(() => spc({ keyvaultName: 'noxus--prod' })).toThrow(
        '[c/spc] AzureKeyVaultProviderClass: keyvaultName "noxus--prod" is not a Key Vault name (3-24 of letters, digits and hyphens, ' +
        'starting with a letter, not ending with a hyphen, no two hyphens in a row). Use the vault\'s name, e.g. "noxus-prod".');
      expect(() => spc({ objects: [{ objectName: 'tls', objectType: 'certificate' }] })).toThrow(
        '[c/spc] AzureKeyVaultProviderClass: objectType "certificate" of "tls" is not a type the Azure provider fetches (secret, key, cert). Use KeyVaultObjectType.SECRET, KEY or CERT.');
      for (const key of ['API KEY', '..A', '.']) {
        expect(() => spc({ secretObjects: [{ secretName: 'app-env', data: [{ objectName: 'A', key }] }] })).toThrow(
          `[c/spc] AzureKeyVaultProviderClass: secretObjects "app-env" key ${JSON.stringify(key)} is not a Kubernetes Secret key (${SECRET_KEY_RULE}). Use the env var name.`);
      }
      expect(() => spc({ name: 'Noxus_Platform' })).toThrow(
        `[c/spc] AzureKeyVaultProviderClass: name "Noxus_Platform" is not a valid Kubernetes object name (${SUBDOMAIN_RULE}). Use e.g. "noxus-platform".`);
      // The accepted boundary: each type, a key with '.', '-' and '_', a 24-character vault name with single hyphens.
      const chart = new Chart(new NoxusApp(), 'ok');
      new AzureKeyVaultProviderClass(chart, 'spc', {
        name: 'noxus.platform-1', keyvaultName: `n-${'x'.repeat(20)}-p`, tenantId: '00000000-0000-0000-0000-000000000000', clientId: '11111111-1111-1111-1111-111111111111',
        objects: Object.values(KeyVaultObjectType).map(objectType => ({ objectName: objectType, objectType })),
        secretObjects: [{ secretName: 'app-env', data: [{ objectName: 'secret', key: 'a.B-c_1' }] }],
      });
      validateAll(Cdk8sTesting.synth(chart));
    });

    test('env names: 244 characters reach every Secret key and AWS tag within its limit; 245 are refused', () => {
      const name = `A${'B'.repeat(243)}`;
      expect(() => PlatformSecret.custom({ name: `${name}C` })).toThrow(
        `PlatformSecret "${name}C": name "${name.slice(0, 20)}..." is 245 characters, and an env name is at most 244 ` +
        "(it becomes a Kubernetes Secret key, max 253, with the library's scope prefix of up to 9). Shorten it.");
      const blueprint = new SecretsBlueprint({ secrets: [PlatformSecret.custom({ name })], global: [name] });
      for (const layout of [RemoteKeyLayout.PER_KEY, RemoteKeyLayout.PER_STORE]) {
        const c = new SecretsContract({ blueprint, namespace: 'noxus', backend: SM, identity: IRSA, remoteKeys: { layout } });
        const manifests = Cdk8sTesting.synth(new NoxusPlatformSecrets(new NoxusApp(), 'secrets', { contract: c, writeHelmValues: false }));
        validateAll(manifests);
        const es = manifests.find(m => m.kind === 'ExternalSecret');
        // The keys ESO validates after its rewrite (a scope prefix with PER_STORE) and the Secret's own.
        const rewritten = (es.spec.dataFrom ?? []).map((d: any) => d.rewrite[0].regexp.target.replace('$1', name));
        for (const key of [...rewritten, ...Object.keys(es.spec.target.template.data)]) expect(key.length).toBeLessThanOrEqual(253);
        const tags = Object.values<any>(awsJson(c).resource.aws_secretsmanager_secret).map(r => r.tags);
        for (const t of tags) for (const v of Object.values<string>(t)) expect(v.length).toBeLessThanOrEqual(256);
      }
    });
  });

  describe('Vault and the VM', () => {
    const VAULT_PATH_RULE = "segments of A-Z a-z 0-9 _ . - joined by '/', no leading or trailing '/', no '.' or '..' segment";
    const blueprint = () => new SecretsBlueprint({ secrets: [PlatformSecret.custom({ name: 'A' })], global: ['A'] });

    test('mount paths with a ".." segment', () => {
      expect(() => SecretBackend.vault({ server: 'https://v:8200', mountPath: 'kv/../sys' })).toThrow(
        `SecretBackend.vault: mountPath "kv/../sys" is not a Vault path (${VAULT_PATH_RULE}). Use e.g. "secret".`);
      expect(() => WorkloadIdentity.vaultKubernetes({ authMountPath: 'kubernetes/..' })).toThrow(
        `WorkloadIdentity.vaultKubernetes: authMountPath "kubernetes/.." is not a Vault path (${VAULT_PATH_RULE}). Use e.g. "kubernetes".`);
      expect(() => new VmBundle({ contract: vmContract(blueprint()), vault: { appRoleMountPath: '../approle' } })).toThrow(
        `VmBundle: vault.appRoleMountPath "../approle" is not a Vault path (${VAULT_PATH_RULE}). Use e.g. "approle".`);
    });

    test('role name prefixes with "/", a space or a capital', () => {
      for (const prefix of ['noxus/eso', 'noxus eso', 'Noxus-eso', '-noxus', '']) {
        expect(() => WorkloadIdentity.vaultKubernetes({ roleNamePrefix: prefix })).toThrow(
          `WorkloadIdentity.vaultKubernetes: roleNamePrefix ${JSON.stringify(prefix)} is not a Vault role name prefix (1-64 of a-z, 0-9, '_', '.', '-', ` +
          "starting with a letter, digit or '_'; each role's policy has its name, which Vault keeps in lower case). Use e.g. \"noxus-eso\".");
      }
      // The accepted boundary: 64 characters of every allowed kind; role and policy names keep Vault's role path pattern.
      const prefix = `_a.b-${'c'.repeat(59)}`;
      const c = new SecretsContract({ blueprint: blueprint(), namespace: 'noxus', backend: SecretBackend.vault({ server: 'https://v:8200' }), identity: WorkloadIdentity.vaultKubernetes({ roleNamePrefix: prefix }) });
      expect(c.stores[0].identity.principalName).toBe(`${prefix}-platform`);
      expect(c.stores[0].identity.principalName).toMatch(/^\w([\w.-]*\w)?$/);
    });

    test('an AppRole mount path with a quote and a line break is refused; an accepted one reaches agent.hcl as HCL reads it', async () => {
      const bundle = (appRoleMountPath: string) => new VmBundle({ contract: vmContract(blueprint()), vault: { appRoleMountPath } });
      expect(() => bundle('approle"\n  }\n}\nvault {')).toThrow(
        `VmBundle: vault.appRoleMountPath "approle\\"\\n  }\\n}\\nvault {" is not a Vault path (${VAULT_PATH_RULE}). Use e.g. "approle".`);
      const hcl = bundle('approle/noxus_prod-1.v2').files().find(f => f.path.endsWith('agent.hcl'))!.content;
      const parsed = await parseHcl('agent.hcl', hcl);
      expect(parsed.auto_auth[0].method.approle[0].mount_path).toBe('auth/approle/noxus_prod-1.v2');
    });

    test('writeTo with a root that names no folder writes nothing, in /etc or anywhere', () => {
      const bundle = new VmBundle({ contract: vmContract(blueprint()), vault: {} });
      // Spied, so that a regression writes nothing into this machine's /etc but still fails here.
      // (The fs module itself, not this file's namespace import of it, whose bindings cannot be redefined.)
      const nodeFs = require('fs');
      const writes = ['mkdirSync', 'writeFileSync', 'chmodSync', 'chownSync'].map(f => jest.spyOn(nodeFs, f).mockImplementation(() => undefined));
      try {
        expect(() => bundle.writeTo('')).toThrow(
          'VmBundle.writeTo: root "" names no folder, so the files\' absolute paths would land in this machine\'s own /etc and /usr. ' +
          'Pass the folder to write under, e.g. "./vm-root", or "/" to install the files on this machine.');
        for (const root of ['.', './', 'out/..', '  ']) {
          expect(() => bundle.writeTo(root)).toThrow(
            `VmBundle.writeTo: root ${JSON.stringify(root)} names no folder, so the files' absolute paths would land in whatever the current directory is. ` +
            'Pass the folder to write under, e.g. "./vm-root", or "/" to install the files on this machine.');
        }
        expect(() => bundle.writeTo(undefined as any)).toThrow('VmBundle.writeTo: root undefined is not a folder path. Pass the folder to write under, e.g. "./vm-root".');
        for (const w of writes) expect(w).not.toHaveBeenCalled();
      } finally {
        for (const w of writes) w.mockRestore();
      }
    });
  });
});
