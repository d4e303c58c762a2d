import {
  AwsIamIdentity, EksPodIdentity, IdentityKind, IrsaIdentity, PlatformSecret, SecretBackend, SecretsBlueprint, SecretsContract, StoreContext,
  WorkloadIdentity, awsPartitionOf, boundedName,
} from '../../lib/core';

const SM = SecretBackend.awsSecretsManager({ region: 'eu-west-1' });

/** A store as the contract names it, without a contract: what an identity binds to. */
const store = (id: string, namePrefix = 'noxus'): StoreContext => ({ id, namePrefix, namespace: 'noxus', serviceAccountName: `${namePrefix}-eso-${id}` });
const roleArn = (w: AwsIamIdentity, id: string) => w.bind(store(id)).roleArn;

describe('IRSA', () => {
  const irsa = WorkloadIdentity.irsa({ accountId: '123456789012' });
  test('derives one role per store, which the store\'s ServiceAccount assumes', () => {
    expect(irsa).toBeInstanceOf(IrsaIdentity);
    expect(roleArn(irsa, 'pool-tenant-acme')).toBe('arn:aws:iam::123456789012:role/noxus-eso-pool-tenant-acme');
    const b = irsa.bind(store('platform'));
    expect(b).toEqual({
      serviceAccountName: 'noxus-eso-platform', principalName: 'noxus-eso-platform', roleArn: 'arn:aws:iam::123456789012:role/noxus-eso-platform',
      principal: 'IAM role arn:aws:iam::123456789012:role/noxus-eso-platform',
    });
  });
  test('partition and prefix apply', () => {
    expect(roleArn(WorkloadIdentity.irsa({ accountId: '123456789012', partition: 'aws-cn', roleNamePrefix: 'nx' }), 'platform'))
      .toBe('arn:aws-cn:iam::123456789012:role/nx-platform');
  });
  test('the contract prefix (an environment) drives the role name', () => {
    expect(irsa.bind(store('platform', 'noxus-prod')).principalName).toBe('noxus-prod-eso-platform');
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

test('EKS Pod Identity: no store ServiceAccount, a role per store', () => {
  const pi = WorkloadIdentity.eksPodIdentity({ accountId: '123456789012' });
  expect(pi).toBeInstanceOf(EksPodIdentity);
  expect(pi.kind).toBe(IdentityKind.EKS_POD_IDENTITY);
  const b = pi.bind(store('platform'));
  expect(b.serviceAccountName).toBeUndefined();
  expect(roleArn(pi, 'pool-default')).toBe('arn:aws:iam::123456789012:role/noxus-eso-pool-default');
});

describe('names that would be too long stay unique and within limits', () => {
  test('IAM role names: 64 characters', () => {
    const irsa = WorkloadIdentity.irsa({ accountId: '123456789012' });
    const name = irsa.bind(store(`pool-${'a'.repeat(63)}`)).principalName;
    expect(name).toHaveLength(64);
    expect(name).toMatch(/^noxus-eso-pool-a+-[0-9a-f]{6}$/);
    expect(irsa.bind(store(`pool-${'a'.repeat(62)}`)).principalName).not.toBe(name);
  });
  test('GSA account IDs: 30 characters, ending in a letter or digit', () => {
    const b = WorkloadIdentity.gkeWorkloadIdentity({ projectId: 'noxus-prod' }).bind(store('pool-tenant-acme-europe'));
    const email = b.gsaEmail!;
    const id = email.split('@')[0];
    expect(id).toBe(b.principalName);
    expect(id.length).toBeLessThanOrEqual(30);
    expect(id).toMatch(/^[a-z]([-a-z0-9]*[a-z0-9])$/);
    expect(email.endsWith('@noxus-prod.iam.gserviceaccount.com')).toBe(true);
  });
  test('a short name is kept as it is', () => {
    expect(boundedName('noxus', 'platform', 30)).toBe('noxus-platform');
  });
});

describe('GKE Workload Identity', () => {
  test('one GSA per store', () => {
    expect(WorkloadIdentity.gkeWorkloadIdentity({ projectId: 'noxus-prod' }).bind(store('platform'))).toEqual({
      serviceAccountName: 'noxus-eso-platform', principalName: 'noxus-platform', gsaEmail: 'noxus-platform@noxus-prod.iam.gserviceaccount.com',
      principal: 'GSA noxus-platform@noxus-prod.iam.gserviceaccount.com',
    });
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
  test('one managed identity per store, with the client ID given for it', () => {
    const az = WorkloadIdentity.azureWorkloadIdentity({ tenantId, clientIds: { platform: '11111111-1111-1111-1111-111111111111' } });
    expect(az.tenantId).toBe(tenantId);
    expect(az._clientId('platform')).toBe('11111111-1111-1111-1111-111111111111');
    expect(az.bind(store('platform')).principalName).toBe('noxus-platform');
  });
  test('a missing client ID is an error that says where it comes from', () => {
    const az = WorkloadIdentity.azureWorkloadIdentity({ tenantId, clientIds: { platform: '11111111-1111-1111-1111-111111111111' } });
    expect(() => az._clientId('pool-default')).toThrow(
      'WorkloadIdentity.azureWorkloadIdentity: clientIds has no entry for store "pool-default" (given: platform). ' +
      'Add the client ID of its managed identity (an output of the Azure Terraform: in one stack, contract.withIdentity(identity.withClientIds(azure.clientIds)); in two, azureWorkloadIdentityFromOutputs).');
  });
  test('withClientIds keeps the tenant and prefix and sets the IDs', () => {
    const az = WorkloadIdentity.azureWorkloadIdentity({ tenantId, identityNamePrefix: 'nx' }).withClientIds({ platform: '11111111-1111-1111-1111-111111111111' });
    expect(az._clientId('platform')).toBe('11111111-1111-1111-1111-111111111111');
    expect(az.bind(store('platform')).principalName).toBe('nx-platform');
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
  expect(WorkloadIdentity.vaultKubernetes().bind(store('pool-default')).principalName).toBe('noxus-eso-pool-default');
  expect(WorkloadIdentity.vaultKubernetes({ authMountPath: 'k8s/prod' }).authMountPath).toBe('k8s/prod');
  expect(() => WorkloadIdentity.vaultKubernetes({ authMountPath: '/k8s' })).toThrow(
    'WorkloadIdentity.vaultKubernetes: authMountPath "/k8s" is not a Vault path (segments of A-Z a-z 0-9 _ . - joined by \'/\', no leading or trailing \'/\', no \'.\' or \'..\' segment). Use e.g. "kubernetes".');
});

test('Vault Kubernetes auth: the token audience the roles require (default "vault"), checked', () => {
  expect(WorkloadIdentity.vaultKubernetes().audience).toBe('vault');
  expect(WorkloadIdentity.vaultKubernetes({ audience: 'https://kubernetes.default.svc' }).audience).toBe('https://kubernetes.default.svc');
  for (const audience of ['', 'vault prod', 'vault\n']) {
    expect(() => WorkloadIdentity.vaultKubernetes({ audience })).toThrow(
      `WorkloadIdentity.vaultKubernetes: audience ${JSON.stringify(audience)} is not a token audience (a non-empty word without spaces; ` +
      'the Vault role compares it exactly). Use e.g. "vault".');
  }
});

test('an identity for another cloud\'s backend is an error', () => {
  expect(() => WorkloadIdentity.gkeWorkloadIdentity({ projectId: 'noxus-prod' }).assertCompatible(SM)).toThrow(
    'WorkloadIdentity: identity "gke-workload-identity" cannot authenticate to backend "aws-secrets-manager" ' +
    "(it works with gcp-secret-manager). Choose the identity of your backend's cloud.");
  expect(() => WorkloadIdentity.irsa({ accountId: '123456789012' }).assertCompatible(SM)).not.toThrow();
});


test('GKE direct: no annotation and no GSA', () => {
  const direct = WorkloadIdentity.gkeWorkloadIdentity({ projectId: 'noxus-prod', direct: true });
  expect(direct.direct).toBe(true);
  const b = direct.bind(store('platform'));
  expect(b.gsaEmail).toBeUndefined();
  expect(b.principalName).toBeUndefined();
  expect(b.principal).toBe('principal of ServiceAccount noxus-eso-platform');
});

describe('AWS partitions', () => {
  const contract = (region: string, partition?: string) => new SecretsContract({
    blueprint: new SecretsBlueprint({ secrets: [PlatformSecret.custom({ name: 'X' })], global: ['X'] }), namespace: 'noxus',
    backend: SecretBackend.awsSecretsManager({ region }), identity: WorkloadIdentity.irsa({ accountId: '123456789012', partition }),
  });

  test('each Region\'s partition, as botocore names them; the role ARNs carry it', () => {
    const cases: [string, string][] = [['eu-west-1', 'aws'], ['cn-north-1', 'aws-cn'], ['us-gov-west-1', 'aws-us-gov'], ['us-iso-east-1', 'aws-iso'],
      ['us-isob-east-1', 'aws-iso-b'], ['eu-isoe-west-1', 'aws-iso-e'], ['us-isof-south-1', 'aws-iso-f'], ['eusc-de-east-1', 'aws-eusc']];
    for (const [region, partition] of cases) {
      expect([region, awsPartitionOf(region)]).toEqual([region, partition]);
      const c = contract(region, partition === 'aws' ? undefined : partition);
      expect(roleArn(c.identity as IrsaIdentity, c.stores[0].id)).toMatch(new RegExp(`^arn:${partition}:iam::123456789012:role/`));
    }
  });

  test('a Region outside the identity\'s partition: the library\'s error, with the partition to set', () => {
    expect(() => contract('cn-north-1')).toThrow('WorkloadIdentity: the backend\'s region "cn-north-1" is in the AWS partition "aws-cn", but the identity\'s ' +
      'partition is "aws": every role ARN would name a partition the account is not in. Set partition: "aws-cn" on the identity.');
    expect(() => contract('eu-west-1', 'aws-us-gov')).toThrow('the backend\'s region "eu-west-1" is in the AWS partition "aws", but the identity\'s partition is "aws-us-gov"');
  });

  test('a partition that is not one, or a reference: refused by name', () => {
    expect(() => WorkloadIdentity.irsa({ accountId: '123456789012', partition: 'china' })).toThrow('WorkloadIdentity.irsa: partition "china" is not an AWS partition ' +
      '("aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"). Use the partition of the account\'s Region, e.g. "aws-cn" for cn-north-1.');
    // A reference is told from a literal by the Terraform layer's check, which an app that makes references has loaded.
    require('../../lib/terraform/references');
    const partition = require('cdktf').Token.asString({ Ref: 'partition' });
    expect(() => WorkloadIdentity.eksPodIdentity({ accountId: '123456789012', partition })).toThrow(
      `WorkloadIdentity.eksPodIdentity: partition is a Terraform reference (${partition}); it must be a literal, as the admission guard and the ServiceAccounts ` +
      'write the role ARNs it is part of. Write it, e.g. "aws-cn".');
  });
});
