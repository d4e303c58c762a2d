import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { DataGoogleProject } from '@cdktf/provider-google/lib/data-google-project';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { PubsubTopic } from '@cdktf/provider-google/lib/pubsub-topic';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { VaultProvider } from '@cdktf/provider-vault/lib/provider';
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { NoxusPlatformSecrets, SecretBackend, SecretsContract, WorkloadIdentity, NoxusApp } from '../../lib';
import { NoxusAwsSecrets } from '../../lib/terraform/aws';
import { NoxusAzureSecrets } from '../../lib/terraform/azure';
import { Cdk8sManifests } from '../../lib/terraform/cdk8s';
import { NoxusGcpSecrets } from '../../lib/terraform/gcp';
import { NoxusVaultSecrets } from '../../lib/terraform/vault';
import { platform } from '../support/fixtures';
import { danglingReferences } from '../support/terraform-refs';

const variable = (stack: TerraformStack, name: string) => new TerraformVariable(stack, name, { type: 'string' }).stringValue;

function synth(stack: TerraformStack): any {
  const json = JSON.parse(Testing.synth(stack, true));
  expect(danglingReferences(json)).toEqual([]);
  return json;
}

describe('AWS: every prop a user fills from another resource takes a reference', () => {
  const stack = () => {
    const s = new TerraformStack(Testing.app(), 'aws');
    new AwsProvider(s, 'aws', { region: 'eu-west-1' });
    return s;
  };
  test('IRSA: oidcProviderArn (a resource), accountId (a data source), kmsKeyArn, rotationLambdaArn (variables)', () => {
    const s = stack();
    const oidc = new IamOpenidConnectProvider(s, 'oidc', { url: variable(s, 'issuer'), clientIdList: ['sts.amazonaws.com'] });
    const account = new DataAwsCallerIdentity(s, 'account', {});
    const key = new KmsKey(s, 'key', {});
    const contract = new SecretsContract({
      blueprint: platform(), namespace: 'noxus', backend: SecretBackend.awsSecretsManager({ region: 'eu-west-1' }),
      identity: WorkloadIdentity.irsa({ accountId: account.accountId }),
    });
    new NoxusAwsSecrets(s, 'secrets', { contract, oidcProviderArn: oidc.arn, kmsKeyArn: key.arn, rotationLambdaArn: variable(s, 'rotation') });
    const json = synth(s);
    expect(Object.values<any>(json.resource.aws_iam_role).every(r => /^\$\{data\.aws_iam_policy_document\.[^.]+\.json\}$/.test(r.assume_role_policy))).toBe(true);
    expect(Object.values<any>(json.resource.aws_secretsmanager_secret_rotation)[0].rotation_lambda_arn).toBe('${var.rotation}');
  });

  test('the derived IRSA condition is what AWS reads once Terraform has evaluated it', () => {
    const s = stack();
    const oidc = new IamOpenidConnectProvider(s, 'oidc', { url: variable(s, 'issuer'), clientIdList: ['sts.amazonaws.com'] });
    const contract = new SecretsContract({
      blueprint: platform(), namespace: 'noxus', backend: SecretBackend.awsSecretsManager({ region: 'eu-west-1' }),
      identity: WorkloadIdentity.irsa({ accountId: '123456789012' }),
    });
    new NoxusAwsSecrets(s, 'secrets', { valueWriters: ['arn:aws:iam::123456789012:role/noxus-secrets-admin'], contract, oidcProviderArn: oidc.arn });
    const json = synth(s);
    const doc = Object.values<any>(json.data.aws_iam_policy_document).find(d => d.statement[0].condition[0].values[0] === 'system:serviceaccount:noxus:noxus-eso-pool-tenant-acme');
    // Evaluate as Terraform would: the reference becomes the provider's ARN, replace() applies the RE2 regex.
    const arn = 'arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
    const evaluate = (template: string) => template.replace(/^\$\{replace\(aws_iam_openid_connect_provider\.oidc\.arn, "\/\^\(\.\*provider\/\)\/", ""\)\}/, arn.replace(/^(.*provider\/)/, ''));
    const policy = {
      Version: '2012-10-17',
      Statement: [{
        Effect: 'Allow', Action: 'sts:AssumeRoleWithWebIdentity', Principal: { Federated: arn },
        Condition: { StringEquals: Object.fromEntries(doc.statement[0].condition.map((c: any) => [evaluate(c.variable), c.values[0]])) },
      }],
    };
    expect(policy.Statement[0].Condition.StringEquals).toEqual({
      'oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:sub': 'system:serviceaccount:noxus:noxus-eso-pool-tenant-acme',
      'oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:aud': 'sts.amazonaws.com',
    });
    expect(doc.statement[0].principals).toEqual([{ type: 'Federated', identifiers: ['${aws_iam_openid_connect_provider.oidc.arn}'] }]);
  });

  test('Pod Identity: clusterName from a variable', () => {
    const s = stack();
    const contract = new SecretsContract({
      blueprint: platform(), namespace: 'noxus', backend: SecretBackend.awsSecretsManager({ region: 'eu-west-1' }),
      identity: WorkloadIdentity.eksPodIdentity({ accountId: '123456789012' }),
    });
    new NoxusAwsSecrets(s, 'secrets', { valueWriters: ['arn:aws:iam::123456789012:role/noxus-secrets-admin'], contract, clusterName: variable(s, 'cluster') });
    expect(Object.values<any>(synth(s).resource.aws_eks_pod_identity_association)[0].cluster_name).toBe('${var.cluster}');
  });

  test('a missing provider ARN says "required"', () => {
    const contract = new SecretsContract({
      blueprint: platform(), namespace: 'noxus', backend: SecretBackend.awsSecretsManager({ region: 'eu-west-1' }),
      identity: WorkloadIdentity.irsa({ accountId: '123456789012' }),
    });
    expect(() => new NoxusAwsSecrets(stack(), 'secrets', { valueWriters: ['arn:aws:iam::123456789012:role/noxus-secrets-admin'], contract })).toThrow(
      '[aws/secrets] NoxusAwsSecrets: oidcProviderArn is required with IRSA, because each role trusts the cluster\'s OIDC provider. ' +
      'Pass the provider\'s ARN: a literal, or a reference such as oidcProvider.arn or module.eks.oidc_provider_arn.');
  });
});

test('GCP: projectId (a data source) in backend and identity, projectNumber, rotationTopic (a resource), firstRotationTime and workloadPool', () => {
  const s = new TerraformStack(Testing.app(), 'gcp');
  new GoogleProvider(s, 'google', {});
  const project = new DataGoogleProject(s, 'project', {});
  const topic = new PubsubTopic(s, 'topic', { name: 'rotations' });
  const contract = new SecretsContract({
    blueprint: platform(), namespace: 'noxus', backend: SecretBackend.gcpSecretManager({ projectId: project.projectId }),
    identity: WorkloadIdentity.gkeWorkloadIdentity({ projectId: project.projectId, direct: true }),
  });
  new NoxusGcpSecrets(s, 'secrets', { contract, projectNumber: project.number, rotationTopic: topic.id, firstRotationTime: variable(s, 'first'), workloadPool: variable(s, 'pool') });
  const json = synth(s);
  const grant = Object.values<any>(json.resource.google_secret_manager_secret_iam_member)[0];
  expect(grant.member).toBe('principal://iam.googleapis.com/projects/${data.google_project.project.number}/locations/global/workloadIdentityPools/${var.pool}/subject/ns/noxus/sa/noxus-eso-platform');
  expect(Object.values<any>(json.resource.google_secret_manager_secret)[0].project).toBe('${data.google_project.project.project_id}');
});

test('Azure: tenantId (a data source), resourceGroupName and location (a resource), oidcIssuerUrl and existingVaultId (variables)', () => {
  const s = new TerraformStack(Testing.app(), 'azure');
  new AzurermProvider(s, 'azurerm', { features: [{}] });
  const client = new DataAzurermClientConfig(s, 'client', {});
  const rg = new ResourceGroup(s, 'rg', { name: 'noxus', location: 'westeurope' });
  const contract = new SecretsContract({
    blueprint: platform(), namespace: 'noxus', backend: SecretBackend.azureKeyVault({ vaultUrl: 'https://noxus-prod.vault.azure.net/' }),
    identity: WorkloadIdentity.azureWorkloadIdentity({ tenantId: client.tenantId }),
  });
  new NoxusAzureSecrets(s, 'secrets', {
    contract, resourceGroupName: rg.name, location: rg.location, oidcIssuerUrl: variable(s, 'issuer'), existingVaultId: variable(s, 'vault'),
  });
  const json = synth(s);
  expect(Object.values<any>(json.resource.azurerm_federated_identity_credential)[0].issuer).toBe('${var.issuer}');
  expect(Object.values<any>(json.resource.azurerm_key_vault_secret)[0].key_vault_id).toBe('${var.vault}');
});

test('Vault: server from a variable', () => {
  const s = new TerraformStack(Testing.app(), 'vault');
  const server = variable(s, 'server');
  new VaultProvider(s, 'vault', { address: server });
  const contract = new SecretsContract({
    blueprint: platform(), namespace: 'noxus', backend: SecretBackend.vault({ server }), identity: WorkloadIdentity.vaultKubernetes(),
  });
  new NoxusVaultSecrets(s, 'secrets', { contract });
  synth(s);
});

describe('references of every kind: lists and numbers as well as strings', () => {
  const listVar = (s: TerraformStack, name: string) => new TerraformVariable(s, name, { type: 'list(string)' }).listValue;
  const numberVar = (s: TerraformStack, name: string) => new TerraformVariable(s, name, { type: 'number' }).numberValue;

  test('AWS: keyReaders and valueWriters as list references join the key policy as lists; recoveryWindowInDays as a number', () => {
    const s = new TerraformStack(Testing.app(), 'aws');
    new AwsProvider(s, 'aws', { region: 'eu-west-1' });
    new NoxusAwsSecrets(s, 'secrets', {
      contract: new SecretsContract({ blueprint: platform(), namespace: 'noxus', backend: SecretBackend.awsSecretsManager({ region: 'eu-west-1' }), identity: WorkloadIdentity.irsa({ accountId: '123456789012' }) }),
      oidcProviderArn: 'arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC123',
      keyReaders: listVar(s, 'readers'), valueWriters: [...listVar(s, 'writers'), 'arn:aws:iam::123456789012:role/admin'], recoveryWindowInDays: numberVar(s, 'recovery'),
    });
    const json = synth(s);
    const policy: string = Object.values<any>(json.resource.aws_kms_key)[0].policy;
    // Terraform's jsonencode, each list reference concatenated as a list: never a list inside one string.
    expect(policy.startsWith('${jsonencode({')).toBe(true);
    expect(policy).toContain('"ArnEquals" = {"aws:PrincipalArn" = concat(["arn:aws:iam::123456789012:role/noxus-eso-platform", ' +
      '"arn:aws:iam::123456789012:role/noxus-eso-pool-default", "arn:aws:iam::123456789012:role/noxus-eso-pool-tenant-acme"], var.readers)}');
    expect(policy).toContain('"aws:PrincipalArn" = concat(["arn:aws:iam::123456789012:role/admin"], var.writers)');
    expect(Object.values<any>(json.resource.aws_secretsmanager_secret).every(r => r.recovery_window_in_days === '${var.recovery}')).toBe(true);
  });

  test('Azure: softDeleteRetentionDays as a number; Vault: tokenTtlSeconds as a number', () => {
    const a = new TerraformStack(Testing.app(), 'azure');
    new AzurermProvider(a, 'azurerm', { features: [{}] });
    new NoxusAzureSecrets(a, 'secrets', {
      contract: new SecretsContract({
        blueprint: platform(), namespace: 'noxus', backend: SecretBackend.azureKeyVault({ vaultUrl: 'https://noxus-prod.vault.azure.net/' }),
        identity: WorkloadIdentity.azureWorkloadIdentity({ tenantId: '00000000-0000-0000-0000-000000000000' }),
      }),
      resourceGroupName: 'noxus', location: 'westeurope', oidcIssuerUrl: 'https://oidc.example.com/', softDeleteRetentionDays: numberVar(a, 'retention'),
    });
    expect(Object.values<any>(synth(a).resource.azurerm_key_vault)[0].soft_delete_retention_days).toBe('${var.retention}');

    const v = new TerraformStack(Testing.app(), 'vault');
    new VaultProvider(v, 'vault', { address: 'https://vault.example.com:8200' });
    new NoxusVaultSecrets(v, 'secrets', {
      contract: new SecretsContract({ blueprint: platform(), namespace: 'noxus', backend: SecretBackend.vault({ server: 'https://vault.example.com:8200' }), identity: WorkloadIdentity.vaultKubernetes() }),
      tokenTtlSeconds: numberVar(v, 'ttl'),
    });
    expect(Object.values<any>(synth(v).resource.vault_kubernetes_auth_backend_role).every(r => r.token_ttl === '${var.ttl}' && r.token_max_ttl === '${var.ttl}')).toBe(true);
  });

  test('literals of the same props are still checked', () => {
    const s = new TerraformStack(Testing.app(), 'aws');
    expect(() => new NoxusAwsSecrets(s, 'secrets', {
      contract: new SecretsContract({ blueprint: platform(), namespace: 'noxus', backend: SecretBackend.awsSecretsManager({ region: 'eu-west-1' }), identity: WorkloadIdentity.irsa({ accountId: '123456789012' }) }),
      oidcProviderArn: 'arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC123', valueWriters: ['arn:aws:iam::123456789012:role/admin'],
      recoveryWindowInDays: 3,
    })).toThrow('NoxusAwsSecrets: recoveryWindowInDays 3 is not allowed by Secrets Manager (0, or 7 to 30). Use e.g. 30.');
  });
});

describe('the Kubernetes side', () => {
  const tokenContract = (s: TerraformStack) => new SecretsContract({
    blueprint: platform(), namespace: 'noxus', backend: SecretBackend.awsSecretsManager({ region: 'eu-west-1' }),
    identity: WorkloadIdentity.irsa({ accountId: new DataAwsCallerIdentity(s, 'account', {}).accountId }),
  });

  test('a plain cdk8s synth refuses a Terraform reference, naming the object, the field and the ways out', () => {
    const s = new TerraformStack(Testing.app(), 'aws');
    const app = new NoxusApp();
    new NoxusPlatformSecrets(app, 'secrets', { contract: tokenContract(s) });
    expect(() => app.synthYaml()).toThrow(
      'NoxusPlatformSecrets: ServiceAccount "noxus-eso-platform" metadata.annotations["eks.amazonaws.com/role-arn"] is a Terraform reference ' +
      '(arn:aws:iam::${TfToken[');
    expect(() => app.synthYaml()).toThrow('which a plain cdk8s synth cannot resolve. Give the contract a literal value there (e.g. accountId: "123456789012"), ' +
      'or deploy the manifests from the cdktf stack that owns the reference with Cdk8sManifests (noxus-secrets-cdk/cdk8s-in-terraform).');
  });

  test('composed with Cdk8sManifests, the reference reaches the manifest as a Terraform reference', () => {
    const s = new TerraformStack(Testing.app(), 'aws');
    new AwsProvider(s, 'aws', { region: 'eu-west-1' });
    new KubernetesProvider(s, 'kubernetes', {});
    const cdk8sApp = new NoxusApp({ outdir: 'unused' });
    new NoxusPlatformSecrets(cdk8sApp, 'secrets', { contract: tokenContract(s) });
    new Cdk8sManifests(s, 'manifests', { cdk8sApp });
    const json = synth(s);
    const sa = Object.values<any>(json.resource.kubernetes_manifest).map(r => r.manifest).find(m => m.kind === 'ServiceAccount' && m.metadata.name === 'noxus-eso-platform');
    expect(sa.metadata.annotations['eks.amazonaws.com/role-arn']).toBe('arn:aws:iam::${data.aws_caller_identity.account.account_id}:role/noxus-eso-platform');
    // The admission guard names the same roles by name, as IAM does in an account: the account reference is not needed there.
    const guard = Object.values<any>(json.resource.kubernetes_manifest).map(r => r.manifest).find(m => m.kind === 'ValidatingAdmissionPolicy');
    expect(guard.spec.variables.find((v: any) => v.name === 'roleOwners').expression).toContain('"noxus-eso-pool-tenant-acme": "noxus-pool-tenant-acme"');
    expect(JSON.stringify(guard)).not.toContain('${');
  });

  test('a plain cdk8s synth refuses the references (in the ServiceAccounts; the guard holds none)', () => {
    const s = new TerraformStack(Testing.app(), 'aws');
    const app = new NoxusApp();
    new NoxusPlatformSecrets(app, 'secrets', { contract: tokenContract(s) });
    expect(() => app.synthYaml()).toThrow('NoxusPlatformSecrets: ServiceAccount "noxus-eso-platform" metadata.annotations["eks.amazonaws.com/role-arn"] is a Terraform reference');
    expect(() => app.synthYaml()).not.toThrow('ValidatingAdmissionPolicy');
  });
});

test('a token where only a literal works is the library\'s error', () => {
  const s = new TerraformStack(Testing.app(), 'azure');
  expect(() => SecretBackend.azureKeyVault({ vaultUrl: variable(s, 'url') })).toThrow(
    'SecretBackend.azureKeyVault: vaultUrl "${TfToken[');
  expect(() => SecretBackend.azureKeyVault({ vaultUrl: variable(s, 'url2') })).toThrow(
    'is a Terraform reference, but the vault\'s name (which the SecretProviderClass and the vault resource need) must be known when the library synthesizes. ' +
    'Give the URL as a literal, and pass an existing vault by reference with NoxusAzureSecrets existingVaultId.');
});

test('the reference checker finds a reference to nothing', () => {
  expect(danglingReferences({ resource: { a_b: { x: { v: '${a_b.x.id} ${a_b.missing.id} $${not.a_ref} ${var.nope} ${replace(a_b.x.id, "a.b", "")}' } } } }))
    .toEqual(['a_b.missing', 'var.nope']);
});
