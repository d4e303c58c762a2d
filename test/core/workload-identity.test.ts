import { IdentityKind, SecretBackend, WorkloadIdentity, boundedName, storeIdOf, storeIds } from '../../lib/core';
import { platform } from '../support/fixtures';

const SM = SecretBackend.awsSecretsManager({ region: 'eu-west-1' });

test('store IDs: the shared Secret, then one per pool', () => {
  expect(storeIds(platform())).toEqual(['platform', 'pool-default', 'pool-tenant-acme']);
  expect([storeIdOf(), storeIdOf('x')]).toEqual(['platform', 'pool-x']);
});

describe('IRSA', () => {
  const irsa = WorkloadIdentity.irsa({ accountId: '123456789012' });
  test('derives one role per store and annotates the ServiceAccount with its ARN', () => {
    expect(irsa.roleArn('pool-tenant-acme')).toBe('arn:aws:iam::123456789012:role/noxus-eso-pool-tenant-acme');
    expect(irsa.serviceAccountAnnotations('platform')).toEqual({ 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/noxus-eso-platform' });
    expect(irsa.usesStoreServiceAccount).toBe(true);
  });
  test('partition and prefix apply', () => {
    expect(WorkloadIdentity.irsa({ accountId: '123456789012', partition: 'aws-cn', roleNamePrefix: 'nx' }).roleArn('platform'))
      .toBe('arn:aws-cn:iam::123456789012:role/nx-platform');
  });
  test('a bad account ID is an error', () => {
    expect(() => WorkloadIdentity.irsa({ accountId: '1234' })).toThrow(
      'WorkloadIdentity.irsa: accountId "1234" is not an AWS account ID (12 digits). Use e.g. "123456789012".');
  });
  test('a bad role prefix is an error', () => {
    expect(() => WorkloadIdentity.eksPodIdentity({ accountId: '123456789012', roleNamePrefix: 'a b' })).toThrow(
      'WorkloadIdentity.eksPodIdentity: roleNamePrefix "a b" is not a role name prefix (1-32 of A-Z a-z 0-9 + = , . @ _ -). Use e.g. "noxus-eso".');
  });
});

test('EKS Pod Identity: no annotation, no store ServiceAccount, a role per store', () => {
  const pi = WorkloadIdentity.eksPodIdentity({ accountId: '123456789012' });
  expect(pi.kind).toBe(IdentityKind.EKS_POD_IDENTITY);
  expect(pi.serviceAccountAnnotations('platform')).toEqual({});
  expect(pi.usesStoreServiceAccount).toBe(false);
  expect(pi.roleArn('pool-default')).toBe('arn:aws:iam::123456789012:role/noxus-eso-pool-default');
});

describe('names that would be too long stay unique and within limits', () => {
  test('IAM role names: 64 characters', () => {
    const long = `pool-${'a'.repeat(63)}`;
    const name = WorkloadIdentity.irsa({ accountId: '123456789012' }).roleName(long);
    expect(name).toHaveLength(64);
    expect(name).toMatch(/^noxus-eso-pool-a+-[0-9a-f]{6}$/);
    expect(WorkloadIdentity.irsa({ accountId: '123456789012' }).roleName(`pool-${'a'.repeat(62)}`)).not.toBe(name);
  });
  test('GSA account IDs: 30 characters, ending in a letter or digit', () => {
    const email = WorkloadIdentity.gkeWorkloadIdentity({ projectId: 'noxus-prod' }).gsaEmail('pool-tenant-acme-europe');
    const id = email.split('@')[0];
    expect(id.length).toBeLessThanOrEqual(30);
    expect(id).toMatch(/^[a-z]([-a-z0-9]*[a-z0-9])$/);
    expect(email.endsWith('@noxus-prod.iam.gserviceaccount.com')).toBe(true);
  });
  test('a short name is kept as it is', () => {
    expect(boundedName('noxus', 'platform', 30)).toBe('noxus-platform');
  });
});

describe('GKE Workload Identity', () => {
  test('annotates with the GSA email', () => {
    expect(WorkloadIdentity.gkeWorkloadIdentity({ projectId: 'noxus-prod' }).serviceAccountAnnotations('platform'))
      .toEqual({ 'iam.gke.io/gcp-service-account': 'noxus-platform@noxus-prod.iam.gserviceaccount.com' });
  });
  test('a bad project or prefix is an error', () => {
    expect(() => WorkloadIdentity.gkeWorkloadIdentity({ projectId: 'Noxus' })).toThrow(
      'WorkloadIdentity.gkeWorkloadIdentity: projectId "Noxus" is not a GCP project ID (6-30 of a-z, 0-9, \'-\', starting with a letter). Use e.g. "noxus-prod".');
    expect(() => WorkloadIdentity.gkeWorkloadIdentity({ projectId: 'noxus-prod', gsaPrefix: '1x' })).toThrow(
      'WorkloadIdentity.gkeWorkloadIdentity: gsaPrefix "1x" is not a GSA prefix (1-15 of a-z, 0-9, \'-\', starting with a letter). Use e.g. "noxus".');
  });
});

describe('Azure Workload Identity', () => {
  const tenantId = '00000000-0000-0000-0000-000000000000';
  test('annotates with the store\'s client ID and the tenant', () => {
    const az = WorkloadIdentity.azureWorkloadIdentity({ tenantId, clientIds: { platform: '11111111-1111-1111-1111-111111111111' } });
    expect(az.serviceAccountAnnotations('platform')).toEqual({
      'azure.workload.identity/client-id': '11111111-1111-1111-1111-111111111111',
      'azure.workload.identity/tenant-id': tenantId,
    });
  });
  test('a missing client ID is an error that says where it comes from', () => {
    const az = WorkloadIdentity.azureWorkloadIdentity({ tenantId, clientIds: { platform: '11111111-1111-1111-1111-111111111111' } });
    expect(() => az.clientId('pool-default', 'c/s')).toThrow(
      '[c/s] WorkloadIdentity.azureWorkloadIdentity: clientIds has no entry for store "pool-default" (given: platform). ' +
      'Add the client ID of its managed identity (an output of the Azure Terraform).');
  });
  test('a malformed client ID or tenant is an error', () => {
    expect(() => WorkloadIdentity.azureWorkloadIdentity({ tenantId, clientIds: { platform: 'abc' } })).toThrow(
      'WorkloadIdentity.azureWorkloadIdentity: clientIds["platform"] "abc" is not a client ID (a GUID). ' +
      "Use the managed identity's client ID (the Azure Terraform's output), not its principal or resource ID.");
    expect(() => WorkloadIdentity.azureWorkloadIdentity({ tenantId: 'contoso', clientIds: {} })).toThrow(
      'WorkloadIdentity.azureWorkloadIdentity: tenantId "contoso" is not a tenant ID (a GUID). Use the directory (tenant) ID, e.g. "00000000-0000-0000-0000-000000000000".');
  });
});

test('Vault Kubernetes auth: a role per store, the auth mount checked', () => {
  expect(WorkloadIdentity.vaultKubernetes().vaultRole('pool-default')).toBe('noxus-eso-pool-default');
  expect(WorkloadIdentity.vaultKubernetes({ authMountPath: 'k8s/prod' }).authMountPath).toBe('k8s/prod');
  expect(() => WorkloadIdentity.vaultKubernetes({ authMountPath: '/k8s' })).toThrow(
    'WorkloadIdentity.vaultKubernetes: authMountPath "/k8s" is not a Vault path (segments of A-Z a-z 0-9 _ . - joined by \'/\'). Use e.g. "kubernetes".');
});

test('an identity for another cloud\'s backend is an error', () => {
  expect(() => WorkloadIdentity.gkeWorkloadIdentity({ projectId: 'noxus-prod' }).assertCompatible(SM)).toThrow(
    'WorkloadIdentity: identity "gke-workload-identity" cannot authenticate to backend "aws-secrets-manager" ' +
    "(it works with gcp-secret-manager). Choose the identity of your backend's cloud.");
  expect(() => WorkloadIdentity.irsa({ accountId: '123456789012' }).assertCompatible(SM)).not.toThrow();
});

test('asking an identity for another kind\'s name is an error', () => {
  expect(() => WorkloadIdentity.vaultKubernetes().roleArn('platform')).toThrow(
    'WorkloadIdentity: roleName() is for irsa or eks-pod-identity, not vault-kubernetes.');
});

test('GKE direct: no annotation and no GSA', () => {
  const direct = WorkloadIdentity.gkeWorkloadIdentity({ projectId: 'noxus-prod', direct: true });
  expect(direct.direct).toBe(true);
  expect(direct.serviceAccountAnnotations('platform')).toEqual({});
  expect(() => direct.gsaEmail('platform')).toThrow(
    'WorkloadIdentity: gsaEmail() has no answer with direct: true (no Google service account is used). Grant to the ServiceAccount principal instead.');
});

describe('Azure client IDs from the cdktf outputs file', () => {
  const fs = require('fs');
  const os = require('os');
  const path = require('path');
  const tenantId = '00000000-0000-0000-0000-000000000000';
  const write = (content: unknown) => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'noxus-out-')), 'outputs.json');
    fs.writeFileSync(file, JSON.stringify(content));
    return file;
  };
  // The shape `cdktf deploy --outputs-file` writes: stack, then construct IDs, then output IDs.
  const outputs = {
    'noxus-secrets-azure': {
      secrets: {
        'ClientId-platform': '11111111-1111-1111-1111-111111111111',
        'ClientId-pool-default': '22222222-2222-2222-2222-222222222222',
        'SecretArn-other': 'x',
      },
    },
  };

  test('reads one client ID per store', () => {
    const az = WorkloadIdentity.azureWorkloadIdentityFromOutputs({ tenantId, outputsFile: write(outputs), stackName: 'noxus-secrets-azure' });
    expect(az.clientId('platform')).toBe('11111111-1111-1111-1111-111111111111');
    expect(az.clientId('pool-default')).toBe('22222222-2222-2222-2222-222222222222');
  });

  test('a missing file says to deploy first', () => {
    expect(() => WorkloadIdentity.azureWorkloadIdentityFromOutputs({ tenantId, outputsFile: '/nonexistent/outputs.json', stackName: 's' })).toThrow(
      'WorkloadIdentity.azureWorkloadIdentityFromOutputs: outputsFile "/nonexistent/outputs.json" cannot be read as JSON');
    expect(() => WorkloadIdentity.azureWorkloadIdentityFromOutputs({ tenantId, outputsFile: '/nonexistent/outputs.json', stackName: 's' })).toThrow(
      'Deploy the Azure side first: cdktf deploy s --outputs-file /nonexistent/outputs.json.');
  });

  test('a wrong stack or construct path names what is missing', () => {
    const file = write(outputs);
    expect(() => WorkloadIdentity.azureWorkloadIdentityFromOutputs({ tenantId, outputsFile: file, stackName: 'noxus-secrets-azure', constructPath: ['azure'] })).toThrow(
      `WorkloadIdentity.azureWorkloadIdentityFromOutputs: ${JSON.stringify(file)} has no "noxus-secrets-azure.azure" (the outputs of stack "noxus-secrets-azure" ` +
      'under construct path "azure"). Check stackName and constructPath against the cdktf app.');
    expect(() => WorkloadIdentity.azureWorkloadIdentityFromOutputs({ tenantId, outputsFile: write({ s: { secrets: { other: 'x' } } }), stackName: 's' })).toThrow(
      'has no ClientId-<store> outputs under "s.secrets". Point constructPath at the NoxusAzureSecrets construct.');
  });
});
