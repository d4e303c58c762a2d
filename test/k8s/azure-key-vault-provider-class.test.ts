import { Chart, Testing } from 'cdk8s';
import { parse } from 'yaml';
import { AzureKeyVaultProviderClass, AzureKeyVaultProviderClassProps, KeyVaultObjectType, NoxusApp } from '../../lib';
import { renderObjects } from '../../lib/k8s/azure-key-vault-provider-class';
import { validateAll } from '../support/schema';

const TENANT = '00000000-0000-0000-0000-000000000000';
const CLIENT = '11111111-1111-1111-1111-111111111111';
const base: AzureKeyVaultProviderClassProps = {
  name: 'noxus-platform', keyvaultName: 'noxus-prod', tenantId: TENANT, clientId: CLIENT,
  objects: [{ objectName: 'noxus-platform-REDIS-URL', objectAlias: 'REDIS_URL' }, { objectName: 'tls', objectType: KeyVaultObjectType.CERT, objectVersion: 'abc' }],
  secretObjects: [{ secretName: 'app-env', data: [{ objectName: 'REDIS_URL', key: 'REDIS_URL' }] }],
};

function synth(props: Partial<AzureKeyVaultProviderClassProps> = {}): any {
  const chart = new Chart(new NoxusApp(), 'c', { namespace: 'noxus' });
  new AzureKeyVaultProviderClass(chart, 'spc', { ...base, ...props });
  const manifests = Testing.synth(chart);
  validateAll(manifests);
  return manifests[0];
}

test('renders the azure provider with workload identity parameters, all strings', () => {
  const spc = synth();
  expect(spc.apiVersion).toBe('secrets-store.csi.x-k8s.io/v1');
  expect(spc.spec.provider).toBe('azure');
  expect(Object.keys(spc.spec.parameters).sort()).toEqual(['clientID', 'cloudName', 'keyvaultName', 'objects', 'tenantID', 'usePodIdentity']);
  expect(Object.values(spc.spec.parameters).every(v => typeof v === 'string')).toBe(true);
  expect(spc.spec.parameters).toMatchObject({ clientID: CLIENT, keyvaultName: 'noxus-prod', tenantID: TENANT, cloudName: 'AzurePublicCloud', usePodIdentity: 'false' });
  expect(spc.spec.parameters.tenantId).toBeUndefined();
});

test('objects parses back to exactly the declared objects', () => {
  const outer = parse(synth().spec.parameters.objects);
  expect(Object.keys(outer)).toEqual(['array']);
  expect(outer.array.every((item: unknown) => typeof item === 'string')).toBe(true);
  expect(outer.array.map((item: string) => parse(item))).toEqual([
    { objectName: 'noxus-platform-REDIS-URL', objectType: 'secret', objectVersion: '', objectAlias: 'REDIS_URL' },
    { objectName: 'tls', objectType: 'cert', objectVersion: 'abc' },
  ]);
});

test('secretObjects sync into the named Secret', () => {
  expect(synth().spec.secretObjects).toEqual([{ secretName: 'app-env', type: 'Opaque', data: [{ objectName: 'REDIS_URL', key: 'REDIS_URL' }] }]);
  expect(synth({ secretObjects: [] }).spec.secretObjects).toBeUndefined();
});

test('another cloud name passes through', () => {
  expect(synth({ cloudName: 'AzureUSGovernmentCloud' }).spec.parameters.cloudName).toBe('AzureUSGovernmentCloud');
});

test('renderObjects is deterministic', () => {
  expect(renderObjects(base.objects)).toBe(renderObjects(base.objects));
});

describe('errors', () => {
  test.each(['ab', 'a'.repeat(25), '1vault', 'vault-', 'my_vault', 'noxus--prod'])('keyvaultName %j', name => {
    expect(() => synth({ keyvaultName: name })).toThrow(
      `[c/spc] AzureKeyVaultProviderClass: keyvaultName ${JSON.stringify(name)} is not a Key Vault name (3-24 of letters, digits and hyphens, ` +
      'starting with a letter, not ending with a hyphen, no two hyphens in a row). Use the vault\'s name, e.g. "noxus-prod".');
  });

  test('an object name outside 1-127 of [0-9A-Za-z-]', () => {
    expect(() => synth({ objects: [{ objectName: 'REDIS_URL' }] })).toThrow(
      '[c/spc] AzureKeyVaultProviderClass object: remote key "REDIS_URL" is not a valid azure-key-vault secret name (1-127 of 0-9 A-Z a-z - (case-insensitive)).');
    expect(() => synth({ objects: [{ objectName: 'a'.repeat(128) }], secretObjects: [] })).toThrow('is not a valid azure-key-vault secret name');
  });

  test('duplicate aliases', () => {
    expect(() => synth({ objects: [{ objectName: 'a', objectAlias: 'X' }, { objectName: 'b', objectAlias: 'X' }], secretObjects: [] })).toThrow(
      '[c/spc] AzureKeyVaultProviderClass: objects "a" and "b" both write the file "X" (aliases, or names without an alias, must be unique in the mount). ' +
      'Give one of them another objectAlias.');
  });

  test('a missing clientID', () => {
    expect(() => synth({ clientId: undefined as any })).toThrow(
      "[c/spc] AzureKeyVaultProviderClass: clientID is missing (the driver exchanges the pod's ServiceAccount token for this managed identity). " +
      'Pass the client ID of the identity, an output of the Azure Terraform.');
  });

  test('a clientID that is not a GUID', () => {
    expect(() => synth({ clientId: 'my-identity' })).toThrow(
      '[c/spc] AzureKeyVaultProviderClass: clientID "my-identity" is not a client ID (a GUID).');
  });

  test('a tenant that is not a GUID', () => {
    expect(() => synth({ tenantId: 'contoso' })).toThrow('[c/spc] AzureKeyVaultProviderClass: tenantID "contoso" is not a tenant ID (a GUID).');
  });

  test('no objects', () => {
    expect(() => synth({ objects: [], secretObjects: [] })).toThrow(
      '[c/spc] AzureKeyVaultProviderClass: objects is empty, so the mount would hold nothing. Add the Key Vault objects to fetch.');
  });

  test('a secretObject reading an object that does not exist', () => {
    expect(() => synth({ secretObjects: [{ secretName: 'app-env', data: [{ objectName: 'noxus-platform-REDIS-URL', key: 'REDIS_URL' }] }] })).toThrow(
      '[c/spc] AzureKeyVaultProviderClass: secretObjects "app-env" reads "noxus-platform-REDIS-URL", which no object provides ' +
      '(objects by alias or name: REDIS_URL, tls). Use an object\'s alias, or its name if it has none.');
  });

  test.each(['../x', '.', '..'])('a bad alias: %j', alias => {
    expect(() => synth({ objects: [{ objectName: 'a', objectAlias: alias }], secretObjects: [] })).toThrow(
      `[c/spc] AzureKeyVaultProviderClass: objectAlias ${JSON.stringify(alias)} of "a" is not a file name (1-253 of A-Z a-z 0-9 _ . -, not '.' or '..'). Choose another alias.`);
  });
});
