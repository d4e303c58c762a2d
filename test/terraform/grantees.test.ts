import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { Grant, SecretBackend, SecretsContract, WorkloadIdentity } from '../../lib';
import { AwsGrantee, NoxusAwsSecrets } from '../../lib/terraform/aws';
import { AzureGrantee, AzurePrincipalType } from '../../lib/terraform/azure';
import { GcpGrantee, NoxusGcpSecrets } from '../../lib/terraform/gcp';
import { VaultGrantee } from '../../lib/terraform/vault';
import { platform } from '../support/fixtures';
import { WRITER } from './aws/support';

// One grant shape on every cloud: grantRead(store, grantee) and grantReadKey(key, grantee), each
// cloud with its grantee, returning a Grant.

function aws() {
  const stack = new TerraformStack(Testing.app(), 'aws');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  const contract = new SecretsContract({ blueprint: platform(), namespace: 'noxus', backend: SecretBackend.awsSecretsManager({ region: 'eu-west-1' }), identity: WorkloadIdentity.irsa({ accountId: '123456789012' }) });
  const secrets = new NoxusAwsSecrets(stack, 'secrets', { contract, oidcProviderArn: 'arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC', valueWriters: [WRITER] });
  const role = new IamRole(stack, 'Migrations', { name: 'migrations', assumeRolePolicy: '{}' });
  return { stack, contract, secrets, role };
}

test('a grant says who, which secrets and through which resources', () => {
  const { contract, secrets, role } = aws();
  const grant = secrets.grantRead(contract.poolStore('tenant-acme'), AwsGrantee.role(role));
  expect(grant).toBeInstanceOf(Grant);
  expect(grant.grantee.label).toBe('IAM role aws/Migrations');
  expect(grant.addresses).toEqual(contract.poolStore('tenant-acme').remoteKeys.map(k => k.address));
  expect(grant.resources.map(r => r.node.id)).toEqual(['Grant-0-pool-tenant-acme']);
  const key = secrets.grantReadKey(contract.remoteKeyAt('platform/REDIS_PASSWORD'), AwsGrantee.role(role));
  expect([key.addresses, key.resources.map(r => r.node.id)]).toEqual([['platform/REDIS_PASSWORD'], ['Grant-1-platform_REDIS_PASSWORD']]);
  expect(secrets.blastRadiusReport()).toContain('IAM role aws/Migrations');
});

test('another cloud\'s grantee, a string where a Store goes, and what is not a remote secret are the library\'s errors', () => {
  const { contract, secrets, role } = aws();
  expect(() => secrets.grantRead(contract.sharedStore!, GcpGrantee.member('group:oncall@example.com'))).toThrow(
    '[aws/secrets] NoxusAwsSecrets: the grantee "group:oncall@example.com" (gcp) is not an AWS grantee. Pass AwsGrantee.role(role).');
  expect(() => secrets.grantRead('tenant-acme' as any, AwsGrantee.role(role))).toThrow(
    "[aws/secrets] NoxusAwsSecrets: grantRead takes a Store of the contract (contract.poolStore('<pool>'), contract.sharedStore), not \"tenant-acme\". " +
    "For one secret, use grantReadKey(contract.remoteKeyAt('platform/NAME'), grantee).");
  expect(() => secrets.grantReadKey('platform/REDIS_PASSWORD' as any, AwsGrantee.role(role))).toThrow(
    "[aws/secrets] NoxusAwsSecrets: grantReadKey takes a remote secret of the contract (contract.remoteKeyAt('platform/NAME')), not \"platform/REDIS_PASSWORD\".");
  expect(() => secrets.grantRead(contract.sharedStore!, role as any)).toThrow('[aws/secrets] NoxusAwsSecrets: the grantee a IamRole is not an AWS grantee. Pass AwsGrantee.role(role).');
});

test('each grantee checks what it is given; a reference is taken as it is', () => {
  expect(() => AwsGrantee.role('arn:aws:iam::123456789012:role/x' as any)).toThrow(
    'AwsGrantee.role: "arn:aws:iam::123456789012:role/x" is not an IamRole of your stack. Pass the role construct (new IamRole(...)): the grant adds a policy to it.');
  expect(() => AzureGrantee.principal('migrations')).toThrow(
    'AzureGrantee.principal: objectId "migrations" is not an object ID (a GUID, e.g. a managed identity\'s principalId). Pass identity.principalId or the group\'s object ID.');
  expect(() => AzureGrantee.principal('44444444-4444-4444-4444-444444444444', 'Robot' as AzurePrincipalType)).toThrow(
    'AzureGrantee.principal: type "Robot" is not a principal type (ServicePrincipal, User, Group). Use AzurePrincipalType.SERVICE_PRINCIPAL, USER or GROUP.');
  expect(AzureGrantee.principal('44444444-4444-4444-4444-444444444444', AzurePrincipalType.GROUP).label).toBe('principal 44444444-4444-4444-4444-444444444444');
  expect(() => VaultGrantee.policy('')).toThrow('VaultGrantee.policy: "" is not a Vault policy name (1-128 of A-Z a-z 0-9 _ . -). Use e.g. "noxus-migrations-read".');
  const stack = new TerraformStack(Testing.app(), 'gcp');
  new GoogleProvider(stack, 'google', { project: 'noxus-prod' });
  const member = new TerraformVariable(stack, 'member', { type: 'string' }).stringValue;
  const grantee = GcpGrantee.member(member);
  expect(grantee.label).toBe('IAM member (Terraform reference)');
  const contract = new SecretsContract({
    blueprint: platform(), namespace: 'noxus', backend: SecretBackend.gcpSecretManager({ projectId: 'noxus-prod' }), identity: WorkloadIdentity.gkeWorkloadIdentity({ projectId: 'noxus-prod' }),
  });
  const gcp = new NoxusGcpSecrets(stack, 'secrets', { contract, projectNumber: '123456789012' });
  const grant = gcp.grantRead(contract.poolStore('tenant-acme'), grantee);
  const json = JSON.parse(Testing.synth(stack));
  expect(grant.resources.map(r => json.resource.google_secret_manager_secret_iam_member[(r as any).friendlyUniqueId].member)).toEqual(grant.addresses.map(() => '${var.member}'));
});

test('a Grant is made by grantRead: built by hand with what is not one, it says so', () => {
  expect(() => new Grant({ label: 'x' } as any, [], [])).toThrow(
    'Grant: grantee {"label":"x"} is not a grantee (cloud and label, strings). Grants are made by a cloud construct\'s grantRead.');
  expect(() => new Grant({ cloud: 'aws', label: 'x' }, 'platform/X' as any, [])).toThrow(
    'Grant: addresses "platform/X" is not a list of addresses. Grants are made by a cloud construct\'s grantRead.');
});
