import { LocalProvider } from '@cdktf/provider-local/lib/provider';
import { Testing, TerraformStack } from 'cdktf';
import { SecretBackend, VmBundle } from '../../../lib';
import { NoxusVmFiles, NoxusVmFilesProps } from '../../../lib/terraform/vm';
import { platform } from '../../support/fixtures';

const bundle = () => new VmBundle({ blueprint: platform(), pool: 'tenant-acme', vault: { backend: SecretBackend.vault({ server: 'https://vault:8200' }) } });

function synth(props: Partial<NoxusVmFilesProps> = {}): any {
  const stack = new TerraformStack(Testing.app(), 'test');
  new LocalProvider(stack, 'local');
  new NoxusVmFiles(stack, 'vm', { bundle: bundle(), root: '/srv/stage', ...props });
  return JSON.parse(Testing.synth(stack, true));
}
const list = (json: any, type: string): any[] => Object.values(json.resource?.[type] ?? {});

test('templates only by default: every file with its mode, no variables, no sensitive file', () => {
  const json = synth();
  const files = list(json, 'local_file');
  expect(files.map(f => [f.filename, f.file_permission])).toEqual(bundle().files().map(f => [`/srv/stage${f.path}`, f.mode]));
  expect(json.variable).toBeUndefined();
  expect(json.resource.local_sensitive_file).toBeUndefined();
  expect(files.find(f => f.filename === '/srv/stage/etc/noxus/worker.env').content).toContain('OPENAI_API_KEY=\n');
});

test('valuesFromVariables: env files become 0600 sensitive files built from sensitive variables', () => {
  const json = synth({ valuesFromVariables: true });
  const sensitive = list(json, 'local_sensitive_file');
  expect(sensitive.map(f => [f.filename, f.file_permission, f.directory_permission])).toEqual([
    ['/srv/stage/etc/noxus/platform.env', '0600', '0700'], ['/srv/stage/etc/noxus/worker.env', '0600', '0700'],
  ]);
  expect(sensitive[1].content).toBe('OPENAI_API_KEY=${var.noxus_worker_openai_api_key}\n');
  expect(json.variable.noxus_worker_openai_api_key).toEqual({ type: 'string', sensitive: true, nullable: false, description: 'OPENAI_API_KEY for worker.env' });
  expect(json.variable.noxus_platform_redis_user).toMatchObject({ default: '', sensitive: true });
  expect(Object.keys(json.variable)).toHaveLength(12);
  expect(list(json, 'local_file').some(f => f.filename.endsWith('.env'))).toBe(false);
});

test('a relative root is an error', () => {
  expect(() => synth({ root: 'stage' })).toThrow('[test/vm] NoxusVmFiles: root "stage" is not an absolute path. Use e.g. "/" or "/srv/noxus-staging".');
});
