import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse as parseHcl } from '@cdktf/hcl2json';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Testing as Cdk8sTesting } from 'cdk8s';
import { TerraformStack, Testing } from 'cdktf';
import * as fc from 'fast-check';
import {
  NoxusCatalog, NoxusPlatformSecrets, NoxusSecretsError, PlatformSecret, SecretBackend, SecretsBlueprint, SecretsContract, VmBundle, WorkloadIdentity,
} from '../../lib';
import { terraformText, terraformUnescape } from '../../lib/core';
import { NoxusAwsSecrets, NoxusAwsSecretsProps } from '../../lib/terraform/aws';
import { liveTemplates } from '../../lib/audit/rules/terraform-template-in-text';

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

  test('a description with line breaks stays comments in the env file: no line of it becomes a variable', () => {
    fc.assert(fc.property(hostile, description => {
      const secret = secretOrRefusal(description);
      if (!secret) return;
      const bundle = new VmBundle({ blueprint: new SecretsBlueprint({ secrets: [secret], global: ['A'] }) });
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
      const bundle = new VmBundle({ blueprint, vault: { backend: SecretBackend.vault({ server }) } });
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
  const contract = (backend = SM, identity = IRSA) => new SecretsContract({
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
    [{ esoNamespace: 'External_Secrets' }, 'esoNamespace "External_Secrets" is not a valid Kubernetes object name'],
  ] as [Partial<NoxusAwsSecretsProps>, string][])('AWS %#', (extra, message) => {
    expect(() => aws(extra)).toThrow(`[aws/secrets] NoxusAwsSecrets: ${message}`);
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
    expect(() => new NoxusPlatformSecrets(Cdk8sTesting.app(), 'secrets', undefined as any)).toThrow(
      '[secrets] NoxusPlatformSecrets: props are missing. Pass { contract } or { blueprint, namespace }.');
    expect(() => new NoxusPlatformSecrets(Cdk8sTesting.app(), 'secrets', [] as any)).toThrow('[secrets] NoxusPlatformSecrets: props [] is not an object.');
    expect(() => new NoxusAwsSecrets(new TerraformStack(Testing.app(), 'stack'), 'secrets', null as any)).toThrow(
      '[stack/secrets] NoxusAwsSecrets: props null is not an object. Pass { contract, ... }.');
    expect(() => new (VmBundle as any)()).toThrow('VmBundle: props are missing. Pass { contract } or { blueprint }.');
  });
});
