import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { azureWorkloadIdentityFromOutputs } from '../../../lib/terraform/azure';

describe('Azure client IDs from the cdktf outputs file', () => {
  const tenantId = '00000000-0000-0000-0000-000000000000';
  const dirs: string[] = [];
  afterAll(() => dirs.forEach(d => fs.rmSync(d, { recursive: true, force: true })));
  const write = (content: unknown) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'noxus-out-'));
    dirs.push(dir);
    const file = path.join(dir, 'outputs.json');
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
    const az = azureWorkloadIdentityFromOutputs({ tenantId, outputsFile: write(outputs), stackName: 'noxus-secrets-azure' });
    expect(az._clientId('platform')).toBe('11111111-1111-1111-1111-111111111111');
    expect(az._clientId('pool-default')).toBe('22222222-2222-2222-2222-222222222222');
  });

  test('a missing file says to deploy first', () => {
    expect(() => azureWorkloadIdentityFromOutputs({ tenantId, outputsFile: '/nonexistent/outputs.json', stackName: 's' })).toThrow(
      'azureWorkloadIdentityFromOutputs: outputsFile "/nonexistent/outputs.json" cannot be read as JSON');
    expect(() => azureWorkloadIdentityFromOutputs({ tenantId, outputsFile: '/nonexistent/outputs.json', stackName: 's' })).toThrow(
      'Deploy the Azure side first: cdktf deploy s --outputs-file /nonexistent/outputs.json.');
  });

  test('a wrong stack or construct path names what is missing', () => {
    const file = write(outputs);
    expect(() => azureWorkloadIdentityFromOutputs({ tenantId, outputsFile: file, stackName: 'noxus-secrets-azure', constructPath: ['azure'] })).toThrow(
      `azureWorkloadIdentityFromOutputs: ${JSON.stringify(file)} has no "noxus-secrets-azure.azure" (the outputs of stack "noxus-secrets-azure" ` +
      'under construct path "azure"). Check stackName and constructPath against the cdktf app.');
    expect(() => azureWorkloadIdentityFromOutputs({ tenantId, outputsFile: write({ s: { secrets: { other: 'x' } } }), stackName: 's' })).toThrow(
      'has no ClientId-<store> outputs under "s.secrets". Point constructPath at the NoxusAzureSecrets construct.');
  });

  test('an outputsFile that is no path is refused before anything is read (a number would be read as a file descriptor)', () => {
    expect(() => azureWorkloadIdentityFromOutputs({ tenantId, outputsFile: 0 as any, stackName: 's' })).toThrow(
      'azureWorkloadIdentityFromOutputs: outputsFile 0 is not a string. Pass e.g. outputsFile: "cdktf-outputs.json".');
  });
});
