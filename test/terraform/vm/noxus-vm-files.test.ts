import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { LocalProvider } from '@cdktf/provider-local/lib/provider';
import { Testing, TerraformStack } from 'cdktf';
import { ENV_VALUE_RULE, SecretBackend, SecretsContract, VmBundle, WorkloadIdentity, envValuePattern } from '../../../lib';
import { NoxusVmFiles, NoxusVmFilesProps } from '../../../lib/terraform/vm';
import { platform } from '../../support/fixtures';

const contract = () => new SecretsContract({ blueprint: platform(), backend: SecretBackend.vault({ server: 'https://vault:8200' }), identity: WorkloadIdentity.vaultKubernetes() });
const bundle = () => new VmBundle({ contract: contract(), pool: 'tenant-acme', vault: {} });

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
  expect(files.find(f => f.filename === '/srv/stage/etc/noxus/worker.env').content).toContain('OPENAI_API_KEY=\'\'\n');
});

test('owners: after the files, one terraform_data sets the directories\' modes and every owner (the local provider sets none)', () => {
  const json = synth();
  const owners = json.resource.terraform_data;
  const [data] = Object.values<any>(owners);
  expect(Object.keys(owners)).toHaveLength(1);
  expect(data.provisioner).toEqual([{ 'local-exec': { command: ['set -e', ...bundle().permissionCommands('/srv/stage')].join('\n'), interpreter: ['/bin/sh', '-c'] } }]);
  expect(data.depends_on).toHaveLength(list(json, 'local_file').length);
  expect(data.triggers_replace.files).toHaveLength(list(json, 'local_file').length);
});

test('valuesFromVariables: env files become 0600 sensitive files built from sensitive variables', () => {
  const json = synth({ valuesFromVariables: true });
  const sensitive = list(json, 'local_sensitive_file');
  expect(sensitive.map(f => [f.filename, f.file_permission, f.directory_permission])).toEqual([
    ['/srv/stage/etc/noxus/platform.env', '0600', '0700'], ['/srv/stage/etc/noxus/worker.env', '0600', '0700'],
  ]);
  expect(sensitive[1].content).toBe('OPENAI_API_KEY=\'${var.noxus_worker_openai_api_key}\'\n');
  expect(json.variable.noxus_worker_openai_api_key).toEqual({
    type: 'string', sensitive: true, nullable: false, description: 'OPENAI_API_KEY for worker.env',
    validation: [{
      condition: `\${can(regex("${envValuePattern().replace(/\\/g, '\\\\')}", var.noxus_worker_openai_api_key))}`,
      error_message: `noxus_worker_openai_api_key (OPENAI_API_KEY in /etc/noxus/worker.env) breaks the env-file rule: ${ENV_VALUE_RULE}. ` +
        'Store the value base64-encoded (and decode it in the service), or choose one without that character.',
    }],
  });
  expect(json.variable.noxus_platform_redis_user).toMatchObject({ default: '', sensitive: true });
  expect(Object.keys(json.variable)).toHaveLength(12);
  // What Terraform makes of the condition: the same pattern, by its own regex.
  const condition = json.variable.noxus_worker_openai_api_key.validation[0].condition as string;
  const terraform = spawnSync('terraform', ['version']);
  if (terraform.status !== 0) {
    console.log('SKIPPED evaluating the validation with Terraform: terraform is not installed');
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'noxus-tfv-'));
  try {
    const values = ['sk-1', 'it\'s', 'ends\\', 'a$b "#'];
    const exprs = values.map(v => condition.slice(2, -1).replace('var.noxus_worker_openai_api_key', JSON.stringify(v).replace(/\$/g, '$$$$'))).join(', ');
    const r = spawnSync('terraform', ['console', '-no-color'], { cwd: dir, input: `jsonencode([${exprs}])\n`, encoding: 'utf-8', env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null' } });
    expect(r.stderr).toBe('');
    expect(JSON.parse(JSON.parse(r.stdout.trim()))).toEqual([true, false, false, true]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  expect(list(json, 'local_file').some(f => f.filename.endsWith('.env'))).toBe(false);
});

test('a relative root is an error', () => {
  expect(() => synth({ root: 'stage' })).toThrow('[test/vm] NoxusVmFiles: root "stage" is not an absolute path. Use e.g. "/" or "/srv/noxus-staging".');
});
