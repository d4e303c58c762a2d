import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse as parseHcl } from '@cdktf/hcl2json';
import { NoxusCatalog, PlatformSecret, SecretBackend, SecretsBlueprint, VaultKvVersion, VmBundle } from '../../lib';
import { platform } from '../support/fixtures';
import { parseUnit } from '../support/systemd';

const VAULT = SecretBackend.vault({ server: 'https://vault.example.com:8200' });
const bundle = (props: Partial<ConstructorParameters<typeof VmBundle>[0]> = {}) => new VmBundle({ blueprint: platform(), pool: 'tenant-acme', vault: { backend: VAULT }, ...props });
const file = (b: VmBundle, p: string) => b.files().find(f => f.path === p)!;
const keysOf = (text: string) => text.split('\n').filter(l => /^[A-Z_][A-Z0-9_]*=/.test(l)).map(l => l.split('=')[0]);
const me = os.userInfo().username;

describe('env files', () => {
  test('platform.env has exactly the global keys, worker.env the pool\'s Secret keys; no values', () => {
    const b = bundle();
    const platformEnv = file(b, '/etc/noxus/platform.env');
    const workerEnv = file(b, '/etc/noxus/worker.env');
    expect(keysOf(platformEnv.content)).toEqual(NoxusCatalog.all().map(s => s.name).sort());
    expect(keysOf(workerEnv.content)).toEqual(['OPENAI_API_KEY']);
    for (const f of [platformEnv, workerEnv]) {
      expect(f.content.split('\n').filter(l => /^[A-Z_]/.test(l)).every(l => l.endsWith('='))).toBe(true);
      expect([f.mode, f.holdsValues]).toEqual(['0600', true]);
    }
    expect(platformEnv.content).toContain('# Redis username (optional, for ACL-based auth) (infrastructure, optional)\nREDIS_USER=\n');
  });

  test('the only pool is chosen when none is named; several pools need one', () => {
    const one = new SecretsBlueprint({ secrets: [PlatformSecret.custom({ name: 'A' })], workerOnly: ['A'], pools: [{ name: 'solo' }] });
    expect(new VmBundle({ blueprint: one }).envFiles.map(f => f.readBy)).toEqual(['workers of pool solo, after platform.env']);
    expect(() => new VmBundle({ blueprint: platform() })).toThrow(
      'VmBundle: the blueprint has 2 pools (default, tenant-acme) and a VM runs one; its worker env file needs to know which. Set pool.');
  });
});

describe('Vault Agent', () => {
  test('the config renders each env file 0600 from its template, with AppRole auto-auth', async () => {
    const b = bundle();
    const hcl = await parseHcl('agent.hcl', file(b, '/etc/vault-agent/noxus/agent.hcl').content);
    expect(hcl.vault).toEqual([{ address: 'https://vault.example.com:8200' }]);
    expect(hcl.auto_auth[0].method.approle[0].mount_path).toBe('auth/approle');
    expect(hcl.template).toEqual([
      { source: '/etc/vault-agent/noxus/platform.env.ctmpl', destination: '/etc/noxus/platform.env', perms: '0600', error_on_missing_key: true },
      { source: '/etc/vault-agent/noxus/worker.env.ctmpl', destination: '/etc/noxus/worker.env', perms: '0600', error_on_missing_key: true },
    ]);
  });

  test('each template has exactly the env file\'s keys, each read from its KV v2 path', () => {
    const b = bundle();
    const tmpl = file(b, '/etc/vault-agent/noxus/worker.env.ctmpl').content;
    expect(keysOf(tmpl)).toEqual(['OPENAI_API_KEY']);
    expect(tmpl).toContain('OPENAI_API_KEY={{ with secret "secret/data/noxus/pools/tenant-acme/OPENAI_API_KEY" }}{{ .Data.data.value }}{{ end }}');
    expect(keysOf(file(b, '/etc/vault-agent/noxus/platform.env.ctmpl').content)).toEqual(keysOf(file(b, '/etc/noxus/platform.env').content));
  });

  test('KV v1 reads .Data.value at the plain path', () => {
    const b = bundle({ vault: { backend: SecretBackend.vault({ server: 'https://v', mountPath: 'kv', version: VaultKvVersion.V1 }) } });
    expect(file(b, '/etc/vault-agent/noxus/worker.env.ctmpl').content).toContain('{{ with secret "kv/noxus/pools/tenant-acme/OPENAI_API_KEY" }}{{ .Data.value }}{{ end }}');
  });

  test('the VM policy reads exactly the keys of its env files', async () => {
    const hcl = await parseHcl('policy.hcl', bundle().vaultPolicy());
    expect(Object.keys(hcl.path)).toHaveLength(12);
    expect(Object.values<any>(hcl.path).every(v => JSON.stringify(v) === '[{"capabilities":["read"]}]')).toBe(true);
    expect(Object.keys(hcl.path)).toContain('secret/data/noxus/pools/tenant-acme/OPENAI_API_KEY');
    expect(Object.keys(hcl.path)).not.toContain('secret/data/noxus/workers/OPENAI_API_KEY');
  });

  test('the agent runs as the env files\' owner, before noxus', () => {
    const unit = parseUnit(file(bundle(), '/etc/systemd/system/noxus-vault-agent.service').content);
    expect(unit.Service.User).toEqual(['noxus']);
    expect(unit.Service.ExecStart).toEqual(['/usr/bin/vault agent -config=/etc/vault-agent/noxus/agent.hcl']);
    expect(unit.Service.ReadWritePaths).toEqual(['/etc/noxus']);
    expect(unit.Unit.Before).toEqual(['noxus.service']);
    expect(unit.Install.WantedBy).toEqual(['multi-user.target']);
  });
});

describe('systemd drop-in for noxus', () => {
  test('EnvironmentFile of the platform file only (worker keys stay out of the unit), both asserted, the check before start; hardening', () => {
    const unit = parseUnit(file(bundle(), '/etc/systemd/system/noxus.service.d/10-secrets.conf').content);
    expect(Object.keys(unit).sort()).toEqual(['Service', 'Unit']);
    expect(unit.Service.EnvironmentFile).toEqual(['/etc/noxus/platform.env']);
    expect(unit.Unit.AssertPathExists).toEqual(['/etc/noxus/platform.env', '/etc/noxus/worker.env']);
    expect(unit.Service.ExecStartPre).toEqual(['/usr/local/sbin/noxus-check-secrets']);
    expect(unit.Service.NoNewPrivileges).toEqual(['yes']);
    expect(unit.Service.UMask).toEqual(['0077']);
    expect(unit.Service.ProtectSystem).toEqual(['full']);
    expect(unit.Service.PrivateNetwork).toBeUndefined();
    expect(unit.Unit.Requires).toEqual(['noxus-vault-agent.service']);
  });

  test('without Vault: no agent files and no dependency on it', () => {
    const b = bundle({ vault: undefined });
    expect(b.files().map(f => f.path)).toEqual([
      '/etc/noxus/platform.env', '/etc/noxus/worker.env', '/etc/systemd/system/noxus.service.d/10-secrets.conf', '/usr/local/sbin/noxus-check-secrets',
    ]);
    expect(parseUnit(file(b, '/etc/systemd/system/noxus.service.d/10-secrets.conf').content).Unit.Requires).toBeUndefined();
    expect(() => b.vaultPolicy()).toThrow('VmBundle: vaultPolicy() needs the vault prop. Set vault: { backend: SecretBackend.vault(...) }.');
  });
});

describe('the check script, run for real', () => {
  function setUp(fill: (name: string) => string | undefined) {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'noxus-vm-'));
    const b = bundle({ user: me === 'root' ? 'root' : me.toLowerCase() });
    b.writeTo(root);
    for (const f of b.envFiles) {
      const text = f.entries.map(e => fill(e.name) === undefined ? '' : `${e.name}=${fill(e.name)}\n`).join('');
      fs.writeFileSync(path.join(root, f.path), text);
    }
    const run = () => spawnSync('bash', [path.join(root, 'usr/local/sbin/noxus-check-secrets'), '--root', root, '--owner', me], { encoding: 'utf-8' });
    return { root, run };
  }

  test('complete files, 0600, owned by the user: exit 0', () => {
    const { run } = setUp(name => (name === 'REDIS_USER' ? undefined : 'x'));
    const r = run();
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('OK: Noxus env files are 0600');
  });

  test('a file readable by others: exit 1 with the fix', () => {
    const { root, run } = setUp(() => 'x');
    fs.chmodSync(path.join(root, 'etc/noxus/worker.env'), 0o644);
    const r = run();
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`FAIL: ${root}/etc/noxus/worker.env has mode 644, not 600 (chmod 600 ${root}/etc/noxus/worker.env)`);
  });

  test('a required key empty or an unknown key: exit 1 naming the key', () => {
    const { root, run } = setUp(name => (name === 'POSTGRESQL_URL' ? '' : 'x'));
    fs.appendFileSync(path.join(root, 'etc/noxus/platform.env'), 'OPENAI_API_KEY=leak\n');
    const r = run();
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('required key POSTGRESQL_URL is missing or empty');
    expect(r.stderr).toContain('key OPENAI_API_KEY is not in the blueprint for this file');
  });

  test('a wrong owner: exit 1', () => {
    const { root } = setUp(() => 'x');
    const r = spawnSync('bash', [path.join(root, 'usr/local/sbin/noxus-check-secrets'), '--root', root, '--owner', 'nobody-else'], { encoding: 'utf-8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`is owned by ${me}, not nobody-else`);
  });

  test('writeTo sets each file\'s mode', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'noxus-vm-'));
    bundle().writeTo(root);
    expect((fs.statSync(path.join(root, 'etc/noxus/platform.env')).mode & 0o777).toString(8)).toBe('600');
    expect((fs.statSync(path.join(root, 'usr/local/sbin/noxus-check-secrets')).mode & 0o777).toString(8)).toBe('755');
  });
});

describe('errors', () => {
  test.each([
    [{ envDir: 'etc/noxus' }, 'VmBundle: envDir "etc/noxus" is not an absolute path without "..". Use e.g. "/etc/noxus".'],
    [{ user: 'Noxus User' }, 'VmBundle: user "Noxus User" is not a system user or group name (a-z, 0-9, \'_\', \'-\'; max 32). Use e.g. "noxus".'],
    [{ pool: 'acme' }, 'SecretsBlueprint: no worker pool named "acme" (pools: default, tenant-acme). Fix the name or add the pool to pools.'],
    [{ vault: { backend: SecretBackend.awsSecretsManager({ region: 'eu-west-1' }) } }, 'VmBundle: vault.backend "aws-secrets-manager" is not HashiCorp Vault. Use SecretBackend.vault(...) (in the contract, or as vault.backend).'],
  ] as [any, string][])('%#', (props, message) => {
    expect(() => bundle(props)).toThrow(message);
  });
});

test('writeTo refuses a Terraform reference before writing anything', () => {
  const { TerraformStack, TerraformVariable, Testing } = require('cdktf');
  const stack = new TerraformStack(Testing.app(), 's');
  const server = new TerraformVariable(stack, 'server', { type: 'string' }).stringValue;
  const bundle = new VmBundle({ blueprint: new SecretsBlueprint({ secrets: NoxusCatalog.all(), global: NoxusCatalog.all().map(s => s.name) }), vault: { backend: SecretBackend.vault({ server }) } });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'noxus-vm-ref-'));
  try {
    expect(() => bundle.writeTo(dir)).toThrow('VmBundle: /etc/vault-agent/noxus/agent.hcl holds a Terraform reference (e.g. the Vault server), which writeTo cannot resolve.');
    expect(fs.readdirSync(dir)).toEqual([]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
