// The Secrets Store CSI driver publishes no npm model; this checks a
// SecretProviderClass against its CRD (secrets-store.csi.x-k8s.io/v1) and the
// Azure provider's documented parameters, strictly: unknown fields fail.
const AZURE_PARAMETERS = new Set([
  'usePodIdentity', 'useVMManagedIdentity', 'userAssignedIdentityID', 'clientID', 'keyvaultName',
  'cloudName', 'cloudEnvFileName', 'objects', 'tenantID',
]);
const REQUIRED_AZURE = ['keyvaultName', 'objects', 'tenantID'];

function fail(message: string): never {
  throw new Error(`SecretProviderClass: ${message}`);
}

function onlyKeys(where: string, o: Record<string, unknown>, allowed: string[]): void {
  for (const k of Object.keys(o)) if (!allowed.includes(k)) fail(`${where} has unknown field ${k}`);
}

function stringMap(where: string, o: unknown): void {
  if (o === null || typeof o !== 'object' || Array.isArray(o)) fail(`${where} is not a map`);
  for (const [k, v] of Object.entries(o as object)) if (typeof v !== 'string') fail(`${where}.${k} is not a string`);
}

export function validateSecretProviderClass(m: any): void {
  onlyKeys('the object', m, ['apiVersion', 'kind', 'metadata', 'spec']);
  if (m.apiVersion !== 'secrets-store.csi.x-k8s.io/v1' || m.kind !== 'SecretProviderClass') fail('wrong apiVersion or kind');
  if (typeof m.metadata?.name !== 'string' || m.metadata.name === '') fail('metadata.name is required');
  onlyKeys('spec', m.spec, ['provider', 'parameters', 'secretObjects']);
  if (typeof m.spec.provider !== 'string') fail('spec.provider is required');
  if (m.spec.parameters !== undefined) stringMap('spec.parameters', m.spec.parameters);
  if (m.spec.provider === 'azure') {
    for (const k of Object.keys(m.spec.parameters ?? {})) if (!AZURE_PARAMETERS.has(k)) fail(`spec.parameters has unknown azure parameter ${k}`);
    for (const k of REQUIRED_AZURE) if (!m.spec.parameters?.[k]) fail(`spec.parameters.${k} is required`);
  }
  for (const [i, s] of (m.spec.secretObjects ?? []).entries()) {
    const where = `spec.secretObjects[${i}]`;
    onlyKeys(where, s, ['secretName', 'type', 'data', 'labels', 'annotations']);
    if (typeof s.secretName !== 'string' || typeof s.type !== 'string') fail(`${where} needs secretName and type`);
    if (s.labels !== undefined) stringMap(`${where}.labels`, s.labels);
    if (s.annotations !== undefined) stringMap(`${where}.annotations`, s.annotations);
    for (const [j, d] of (s.data ?? []).entries()) {
      onlyKeys(`${where}.data[${j}]`, d, ['objectName', 'key']);
      if (typeof d.objectName !== 'string' || typeof d.key !== 'string') fail(`${where}.data[${j}] needs objectName and key`);
    }
  }
}
