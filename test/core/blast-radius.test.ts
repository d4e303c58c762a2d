import {
  NoxusCatalog, NoxusSecretsError, PlatformSecret, RemoteKeyLayout, SecretBackend, SecretScope, SecretsBlueprint, SecretsContract, WorkloadIdentity, blastRadius,
  blastRadiusMarkdown,
} from '../../lib/core';
import { platform, platformProps } from '../support/fixtures';

const SM = SecretBackend.awsSecretsManager({ region: 'eu-west-1' });
const IRSA = WorkloadIdentity.irsa({ accountId: '123456789012' });

test('a global secret is read by every service and pool through the platform store', () => {
  const row = blastRadius(new SecretsContract({ blueprint: platform(), backend: SM, identity: IRSA })).find(r => r.address === 'platform/POSTGRESQL_URL')!;
  expect(row).toEqual({
    address: 'platform/POSTGRESQL_URL', name: 'POSTGRESQL_URL', scope: SecretScope.GLOBAL, highRisk: true,
    readers: ['frontend', 'backend', 'beat', 'workers of default', 'workers of tenant-acme'],
    stores: ['platform'], identities: ['IAM role arn:aws:iam::123456789012:role/noxus-eso-platform'], grants: [],
    remoteKey: 'noxus/platform/POSTGRESQL_URL', origin: 'manual', composedFrom: [],
  });
});

test('a worker-only value is read only by the pools that do not override it', () => {
  const rows = blastRadius(new SecretsContract({ blueprint: platform(), backend: SM, identity: IRSA }));
  expect(rows.find(r => r.address === 'workers/OPENAI_API_KEY')).toMatchObject({ readers: ['workers of default'], stores: ['pool-default'] });
  expect(rows.find(r => r.address === 'pools/tenant-acme/OPENAI_API_KEY')).toMatchObject({
    readers: ['workers of tenant-acme'], stores: ['pool-tenant-acme'], identities: ['IAM role arn:aws:iam::123456789012:role/noxus-eso-pool-tenant-acme'],
  });
});

test('a global value a pool overrides is not read by that pool', () => {
  const key = PlatformSecret.custom({ name: 'K' });
  const bp = new SecretsBlueprint({ secrets: [key], global: ['K'], pools: [{ name: 'a', secrets: ['K'], allowOverride: ['K'] }, { name: 'b', secrets: ['K'], allowOverride: ['K'] }] });
  expect(blastRadius(new SecretsContract({ blueprint: bp })).find(r => r.address === 'platform/K')!.readers).toEqual(['frontend', 'backend', 'beat']);
});

test('without a backend there are no identity or remote key columns', () => {
  const md = blastRadiusMarkdown(new SecretsContract({ blueprint: platform() }));
  expect(md).toContain('| secret | placement | high-risk | read by | store |\n');
  expect(md).not.toContain('remote key');
});

test('the Markdown has a Mermaid diagram of stores, services and pools, and one row per placement', () => {
  const md = blastRadiusMarkdown(new SecretsContract({ blueprint: platform(), backend: SM, identity: IRSA }));
  const mermaid = /```mermaid\n([\s\S]*?)```/.exec(md)![1];
  expect(mermaid.split('\n')[0]).toBe('flowchart LR');
  expect(mermaid).toContain('store_platform[("platform: 11 secret(s)")]');
  expect(mermaid).toContain('store_platform --> svc_services');
  expect(mermaid).toContain('store_pool_tenant_acme --> pool_tenant_acme');
  expect(md.split('\n').filter(l => l.startsWith('| `'))).toHaveLength(NoxusCatalog.all().length + 2);
  expect(md).toContain('| `OPENAI_API_KEY` | pools/tenant-acme/OPENAI_API_KEY | yes | workers of tenant-acme | pool-tenant-acme | IAM role arn:aws:iam::123456789012:role/noxus-eso-pool-tenant-acme | `noxus/pools/tenant-acme/OPENAI_API_KEY` |');
});

test('grants show who else reads a secret, in their own column', () => {
  const contract = new SecretsContract({ blueprint: platform(), backend: SM, identity: IRSA });
  const md = blastRadiusMarkdown(contract, [{ addresses: ['platform/POSTGRESQL_URL'], grantee: 'IAM role migrations' }]);
  expect(md).toContain('| secret | placement | high-risk | read by | store | identity | granted to | remote key |');
  expect(md.split('\n').find(l => l.startsWith('| `POSTGRESQL_URL`'))).toContain('| IAM role migrations |');
  expect(md.split('\n').find(l => l.startsWith('| `REDIS_URL`'))).toContain('|  |');
});

test('an environment prefixes the identities and remote keys', () => {
  const row = blastRadius(new SecretsContract({ blueprint: platform(), backend: SM, identity: IRSA, environment: 'prod' })).find(r => r.address === 'platform/REDIS_URL')!;
  expect(row.identities).toEqual(['IAM role arn:aws:iam::123456789012:role/noxus-prod-eso-platform']);
  expect(row.remoteKey).toBe('noxus-prod/platform/REDIS_URL');
});

test('per store, the report names every store that reads a scope secret as a reader of each of its keys, overridden ones included', () => {
  const props = platformProps();
  const c = new SecretsContract({
    blueprint: new SecretsBlueprint({
      ...props, secrets: [...props.secrets, PlatformSecret.custom({ name: 'ANTHROPIC_API_KEY' })], workerOnly: ['OPENAI_API_KEY', 'ANTHROPIC_API_KEY'],
    }),
    backend: SM, identity: IRSA, namespace: 'noxus', remoteKeys: { layout: RemoteKeyLayout.PER_STORE },
  });
  const row = blastRadius(c).find(r => r.address === 'workers/OPENAI_API_KEY')!;
  // tenant-acme overrides OPENAI_API_KEY, but its store extracts noxus/workers for ANTHROPIC_API_KEY: its role reads the shared key too.
  expect(row.stores).toEqual(['pool-default', 'pool-tenant-acme']);
  expect(row.readers).toEqual(['workers of default']);
  const perKey = blastRadius(new SecretsContract({ blueprint: c.blueprint, backend: SM, identity: IRSA, namespace: 'noxus' }));
  expect(perKey.find(r => r.address === 'workers/OPENAI_API_KEY')!.stores).toEqual(['pool-default']);
});

describe('a JavaScript caller\'s arguments', () => {
  const contract = new SecretsContract({ blueprint: platform(), backend: SM, identity: IRSA });
  test.each([
    [() => blastRadius(platform() as any),
      'blastRadius: contract a SecretsBlueprint is not a SecretsContract. Pass the contract the constructs take: new SecretsContract({ blueprint, backend, identity, namespace }).'],
    [() => blastRadius(contract, 'x' as any),
      'blastRadius: grants "x" is not a list. Pass e.g. [{ grantee: "arn:aws:iam::123456789012:role/reader", addresses: ["platform/OPENAI_API_KEY"] }], or leave it out.'],
    [() => blastRadiusMarkdown(contract, [{ grantee: 'r', addresses: 'platform/X' }] as any),
      'blastRadiusMarkdown: grants[0] {"grantee":"r","addresses":"platform/X"} is not a grant (grantee, a string, and addresses, a list of strings). ' +
      'Pass e.g. { grantee: "arn:aws:iam::123456789012:role/reader", addresses: ["platform/OPENAI_API_KEY"] }.'],
    [() => blastRadiusMarkdown(contract, [], { admissionGuard: 'yes' } as any),
      'blastRadiusMarkdown: context.admissionGuard "yes" is not a boolean (true or false, not a string or number). Pass e.g. context.admissionGuard: true, or leave it out.'],
  ])('%#', (call, message) => {
    expect(call).toThrow(new NoxusSecretsError(message));
  });
});
