import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse as parseHcl } from '@cdktf/hcl2json';
import { ENV_VALUE_RULE, NoxusCatalog, PlatformSecret, SecretBackend, SecretsBlueprint, SecretsContract, VaultKvVersion, VmBundle, WorkloadIdentity, envValuePattern } from '../../lib';
import { platform } from '../support/fixtures';
import { parseUnit } from '../support/systemd';

const VAULT = SecretBackend.vault({ server: 'https://vault.example.com:8200' });
/** The contract of the VM and the cluster: its env files read Vault (the identity is the cluster's, which a VM alone does not use). */
const contractOf = (blueprint = platform(), backend = VAULT) => new SecretsContract({ blueprint, backend, identity: WorkloadIdentity.vaultKubernetes() });
const bundle = (props: Partial<ConstructorParameters<typeof VmBundle>[0]> = {}) => new VmBundle({ contract: contractOf(), pool: 'tenant-acme', vault: {}, ...props });
const file = (b: VmBundle, p: string) => b.files().find(f => f.path === p)!;
const keysOf = (text: string) => text.split('\n').filter(l => /^[A-Z_][A-Z0-9_]*=/.test(l)).map(l => l.split('=')[0]);
const me = os.userInfo().username;
const tmpDirs: string[] = [];
const tmp = (prefix = 'noxus-vm-') => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tmpDirs.push(dir);
  return dir;
};
afterEach(() => {
  jest.restoreAllMocks();
  for (const dir of tmpDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
/** Runs fn with process warnings captured (writeTo reports owners it cannot set as one). */
function warningsOf(fn: () => void): string[] {
  const seen: string[] = [];
  jest.spyOn(process, 'emitWarning').mockImplementation(((w: string | Error, o?: any) => { seen.push(`${o?.code}: ${String(w)}`); }) as any);
  fn();
  return seen;
}
const CHOWN_ALL = (root: string, user = 'noxus', group = user) => [
  `chmod 0700 '${root}etc/noxus'`, `chmod 0750 '${root}etc/vault-agent/noxus'`,
  `chown ${user}:${group} '${root}etc/noxus' '${root}etc/noxus/platform.env' '${root}etc/noxus/worker.env'`,
  `chown root:${group} '${root}etc/vault-agent/noxus' '${root}etc/vault-agent/noxus/platform.env.ctmpl' '${root}etc/vault-agent/noxus/worker.env.ctmpl' '${root}etc/vault-agent/noxus/agent.hcl'`,
  `chown root:root '${root}etc/vault-agent/noxus/policy.hcl' '${root}etc/systemd/system/noxus-vault-agent-render.service' '${root}etc/systemd/system/noxus-vault-agent.service' ` +
    `'${root}etc/systemd/system/noxus.service.d/10-secrets.conf' '${root}usr/local/sbin/noxus-check-secrets'`,
];

describe('env files', () => {
  test('platform.env has exactly the global keys, worker.env the pool\'s Secret keys; no values', () => {
    const b = bundle();
    const platformEnv = file(b, '/etc/noxus/platform.env');
    const workerEnv = file(b, '/etc/noxus/worker.env');
    expect(keysOf(platformEnv.content)).toEqual(NoxusCatalog.all().map(s => s.name).sort());
    expect(keysOf(workerEnv.content)).toEqual(['OPENAI_API_KEY']);
    for (const f of [platformEnv, workerEnv]) {
      expect(f.content.split('\n').filter(l => /^[A-Z_]/.test(l)).every(l => l.endsWith('=\'\''))).toBe(true);
      expect([f.mode, f.owner, f.group, f.holdsValues]).toEqual(['0600', 'noxus', 'noxus', true]);
    }
    expect(platformEnv.content).toContain('# Redis username (optional, for ACL-based auth) (infrastructure, optional)\nREDIS_USER=\'\'\n');
    expect(platformEnv.content).toContain('# The rule: values are written single-quoted (KEY=\'...\')');
  });

  test('the only pool is chosen when none is named; several pools need one', () => {
    const one = new SecretsBlueprint({ secrets: [PlatformSecret.custom({ name: 'A' })], workerOnly: ['A'], pools: [{ name: 'solo' }] });
    expect(new VmBundle({ contract: new SecretsContract({ blueprint: one }) }).envFiles.map(f => f.readBy)).toEqual(['workers of pool solo, after platform.env']);
    expect(() => new VmBundle({ contract: new SecretsContract({ blueprint: platform() }) })).toThrow(
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

  test('each template has exactly the env file\'s keys, each read from its KV v2 path, single-quoted only when the rule allows', () => {
    const b = bundle();
    const tmpl = file(b, '/etc/vault-agent/noxus/worker.env.ctmpl').content;
    const templateKeys = (t: string) => [...t.matchAll(/\}\}([A-Z_][A-Z0-9_]*)='/g)].map(m => m[1]);
    expect(templateKeys(tmpl)).toEqual(['OPENAI_API_KEY']);
    expect(tmpl).toContain(`{{- $rule := \`${envValuePattern()}\` -}}`);
    expect(tmpl).toContain('{{ with secret "secret/data/noxus/pools/tenant-acme/OPENAI_API_KEY" }}{{ if regexMatch $rule .Data.data.value }}' +
      'OPENAI_API_KEY=\'{{ .Data.data.value }}\'{{ else }}# noxus-refused: OPENAI_API_KEY{{ end }}{{ end }}');
    expect(templateKeys(file(b, '/etc/vault-agent/noxus/platform.env.ctmpl').content)).toEqual(keysOf(file(b, '/etc/noxus/platform.env').content));
  });

  test('the agent reads its config and templates through its group (root-owned, 0640), and exits on a missing key', async () => {
    const b = bundle({ user: 'svc-noxus', group: 'noxus-readers' });
    for (const p of ['/etc/vault-agent/noxus/agent.hcl', '/etc/vault-agent/noxus/platform.env.ctmpl', '/etc/vault-agent/noxus/worker.env.ctmpl']) {
      expect([file(b, p).owner, file(b, p).group, file(b, p).mode]).toEqual(['root', 'noxus-readers', '0640']);
    }
    expect([file(b, '/etc/noxus/worker.env').owner, file(b, '/etc/noxus/worker.env').group]).toEqual(['svc-noxus', 'noxus-readers']);
    expect(b.directories()).toEqual([
      { path: '/etc/noxus', mode: '0700', owner: 'svc-noxus', group: 'noxus-readers' },
      { path: '/etc/vault-agent/noxus', mode: '0750', owner: 'root', group: 'noxus-readers' },
    ]);
    const hcl = await parseHcl('agent.hcl', file(b, '/etc/vault-agent/noxus/agent.hcl').content);
    expect(hcl.template_config).toEqual([{ exit_on_retry_failure: true }]);
  });

  test('KV v1 reads .Data.value at the plain path', () => {
    const b = bundle({ contract: contractOf(platform(), SecretBackend.vault({ server: 'https://v', mountPath: 'kv', version: VaultKvVersion.V1 })) });
    expect(file(b, '/etc/vault-agent/noxus/worker.env.ctmpl').content).toContain(
      '{{ with secret "kv/noxus/pools/tenant-acme/OPENAI_API_KEY" }}{{ if regexMatch $rule .Data.value }}OPENAI_API_KEY=\'{{ .Data.value }}\'');
  });

  test('the VM policy reads exactly the keys of its env files', async () => {
    const hcl = await parseHcl('policy.hcl', bundle().vaultPolicy());
    expect(Object.keys(hcl.path)).toHaveLength(12);
    expect(Object.values<any>(hcl.path).every(v => JSON.stringify(v) === '[{"capabilities":["read"]}]')).toBe(true);
    expect(Object.keys(hcl.path)).toContain('secret/data/noxus/pools/tenant-acme/OPENAI_API_KEY');
    expect(Object.keys(hcl.path)).not.toContain('secret/data/noxus/workers/OPENAI_API_KEY');
  });

  test('a oneshot renders the files once (-exit-after-auth) before noxus; the agent then keeps them current and restarts on failure', () => {
    const b = bundle();
    const render = parseUnit(file(b, '/etc/systemd/system/noxus-vault-agent-render.service').content);
    expect(render.Service.Type).toEqual(['oneshot']);
    expect(render.Service.ExecStart).toEqual(['/usr/bin/vault agent -config=/etc/vault-agent/noxus/agent.hcl -exit-after-auth']);
    expect(render.Service.TimeoutStartSec).toEqual(['120']);
    expect(render.Unit.Before).toEqual(['noxus.service noxus-vault-agent.service']);
    const agent = parseUnit(file(b, '/etc/systemd/system/noxus-vault-agent.service').content);
    expect(agent.Service.Type).toEqual(['simple']);
    expect(agent.Service.ExecStart).toEqual(['/usr/bin/vault agent -config=/etc/vault-agent/noxus/agent.hcl']);
    expect([agent.Service.Restart, agent.Service.RestartSec]).toEqual([['on-failure'], ['5s']]);
    expect(agent.Unit.After).toEqual(['network-online.target noxus-vault-agent-render.service']);
    for (const unit of [render, agent]) {
      expect([unit.Service.User, unit.Service.Group]).toEqual([['noxus'], ['noxus']]);
      expect(unit.Service.ReadWritePaths).toEqual(['/etc/noxus']);
      expect(unit.Install.WantedBy).toEqual(['multi-user.target']);
    }
  });
});

describe('systemd-analyze verify', () => {
  const analyze = spawnSync('systemd-analyze', ['--version'], { encoding: 'utf-8' });
  // The binaries the units run are not on this machine; every other complaint fails the test.
  const ABSENT = /^\S+: Command (\/usr\/bin\/vault|\/usr\/local\/sbin\/noxus-check-secrets|\/usr\/bin\/docker) is not executable: No such file or directory$/;
  (analyze.status === 0 ? test : test.skip)('accepts the rendered units and the drop-in (on a stand-in noxus.service)', () => {
    const root = tmp();
    warningsOf(() => bundle().writeTo(root));
    const dir = path.join(root, 'etc/systemd/system');
    fs.writeFileSync(path.join(dir, 'noxus.service'), '[Unit]\nDescription=Noxus\n[Service]\nType=simple\nExecStart=/usr/bin/docker compose up\n');
    const units = ['noxus.service', 'noxus-vault-agent.service', 'noxus-vault-agent-render.service'].map(u => path.join(dir, u));
    const r = spawnSync('systemd-analyze', ['verify', '--man=no', ...units], { encoding: 'utf-8' });
    const complaints = `${r.stdout}${r.stderr}`.split('\n').filter(l => l !== '' && !ABSENT.test(l));
    expect(complaints).toEqual([]);
    // The check can fail: a broken drop-in is reported.
    fs.appendFileSync(path.join(dir, 'noxus.service.d/10-secrets.conf'), 'RestartSec=soon\n');
    const broken = spawnSync('systemd-analyze', ['verify', '--man=no', units[0]], { encoding: 'utf-8' });
    expect(`${broken.stdout}${broken.stderr}`).toContain('10-secrets.conf:30: Failed to parse sec value, ignoring: soon');
  });
  if (analyze.status !== 0) console.log('SKIPPED systemd-analyze verify: systemd-analyze is not installed on this machine');
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
    expect(unit.Unit.Requires).toBeUndefined();
    expect(unit.Unit.Wants).toEqual(['noxus-vault-agent-render.service noxus-vault-agent.service']);
    expect(unit.Unit.After).toEqual(['noxus-vault-agent-render.service noxus-vault-agent.service']);
    expect([unit.Service.Restart, unit.Service.RestartSec]).toEqual([['on-failure'], ['10s']]);
  });

  test('says that EnvironmentFile= reaches docker compose on the host, not the containers', () => {
    expect(file(bundle(), '/etc/systemd/system/noxus.service.d/10-secrets.conf').content).toContain(
      '# of this unit on the host (docker compose itself, for ${VAR} in the compose file), not to the containers:\n' +
      '# give each container its files with env_file in the compose file (platform.env, then worker.env for workers).');
  });

  test('without Vault: no agent files and no dependency on it', () => {
    const b = bundle({ vault: undefined });
    expect(b.files().map(f => f.path)).toEqual([
      '/etc/noxus/platform.env', '/etc/noxus/worker.env', '/etc/systemd/system/noxus.service.d/10-secrets.conf', '/usr/local/sbin/noxus-check-secrets',
    ]);
    expect(parseUnit(file(b, '/etc/systemd/system/noxus.service.d/10-secrets.conf').content).Unit.Wants).toBeUndefined();
    expect(b.directories()).toEqual([{ path: '/etc/noxus', mode: '0700', owner: 'noxus', group: 'noxus' }]);
    expect(() => b.vaultPolicy()).toThrow('VmBundle: vaultPolicy() needs the vault prop. Set vault: {}, with a contract whose backend is SecretBackend.vault(...).');
  });
});

describe('the check script, run for real', () => {
  function setUp(fill: (name: string) => string | undefined) {
    const root = tmp();
    const b = bundle({ user: me === 'root' ? 'root' : me.toLowerCase() });
    warningsOf(() => b.writeTo(root));
    for (const f of b.envFiles) {
      const values = Object.fromEntries(f.entries.filter(e => fill(e.name) !== undefined).map(e => [e.name, fill(e.name)!]));
      fs.writeFileSync(path.join(root, f.path), b.renderEnvFile(f.path, values));
    }
    const run = () => spawnSync('bash', [path.join(root, 'usr/local/sbin/noxus-check-secrets'), '--root', root, '--owner', me], { encoding: 'utf-8' });
    return { root, run };
  }

  test('complete files, 0600, owned by the user: exit 0, hostile but writable values included', () => {
    const { run } = setUp(name => (name === 'REDIS_USER' ? undefined : name === 'POSTGRESQL_URL' ? 'u:p$w "#\\x@h:5432 ' : 'x'));
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
    fs.appendFileSync(path.join(root, 'etc/noxus/platform.env'), 'OPENAI_API_KEY=\'leak\'\n');
    const r = run();
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('required key POSTGRESQL_URL is missing or empty');
    expect(r.stderr).toContain('key OPENAI_API_KEY is not in the blueprint for this file');
  });

  test('a line not in the shared form (unquoted, a quote inside, text after it, a trailing backslash): exit 1 naming line and key, never the value', () => {
    const { root, run } = setUp(() => 'x');
    fs.appendFileSync(path.join(root, 'etc/noxus/worker.env'), 'OPENAI_API_KEY=sk-plain\nOPENAI_API_KEY=\'it\'s\'\nOPENAI_API_KEY=\'x\' # c\nOPENAI_API_KEY=\'sk\\\'\n');
    const r = run();
    expect(r.status).toBe(1);
    const file = `${root}/etc/noxus/worker.env`;
    const n = fs.readFileSync(file, 'utf-8').split('\n').length - 5;
    expect(r.stderr).toContain(`FAIL: ${file}: line ${n + 1} (OPENAI_API_KEY) is not KEY='value' with nothing after the closing quote and no single quote inside`);
    expect(r.stderr).toContain(`FAIL: ${file}: line ${n + 2} (OPENAI_API_KEY) is not KEY='value'`);
    expect(r.stderr).toContain(`FAIL: ${file}: line ${n + 3} (OPENAI_API_KEY) is not KEY='value'`);
    expect(r.stderr).toContain(`FAIL: ${file}: OPENAI_API_KEY ends with a backslash, which Docker Compose reads as an escaped quote`);
    expect(r.stderr).not.toContain('sk-plain');
  });

  test('a value Vault Agent refused to render (the template\'s marker line): exit 1 naming the key', () => {
    const { root, run } = setUp(() => 'x');
    fs.writeFileSync(path.join(root, 'etc/noxus/worker.env'), '# noxus-refused: OPENAI_API_KEY\n');
    const r = run();
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`FAIL: ${root}/etc/noxus/worker.env: the value of OPENAI_API_KEY in Vault breaks the env-file rule, so Vault Agent did not write it (see the rule at the top of this script)`);
    expect(r.stderr).toContain('required key OPENAI_API_KEY is missing or empty');
  });

  test('a wrong owner: exit 1', () => {
    const { root } = setUp(() => 'x');
    const r = spawnSync('bash', [path.join(root, 'usr/local/sbin/noxus-check-secrets'), '--root', root, '--owner', 'nobody-else'], { encoding: 'utf-8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`is owned by ${me}, not nobody-else`);
  });
});

describe('renderEnvFile', () => {
  test('writes the given values single-quoted, in the file\'s key order', () => {
    expect(bundle().renderEnvFile('/etc/noxus/platform.env', { REDIS_URL: 'redis', POSTGRESQL_URL: 'p$q #r' })).toBe('POSTGRESQL_URL=\'p$q #r\'\nREDIS_URL=\'redis\'\n');
  });

  test.each([
    ['/etc/noxus/other.env', {}, 'VmBundle: "/etc/noxus/other.env" is not an env file of this bundle (/etc/noxus/platform.env, /etc/noxus/worker.env). Use one of those.'],
    ['/etc/noxus/platform.env', { OPENAI_API_KEY: 'x' }, 'VmBundle: OPENAI_API_KEY is not in the blueprint for /etc/noxus/platform.env, which its readers ' +
      '(all services (Frontend, Backend, Beat, workers)) must not get. Leave it out, or add it to the blueprint for them.'],
    ['/etc/noxus/worker.env', { OPENAI_API_KEY: 'sk\'1' }, 'VmBundle worker.env: the value of OPENAI_API_KEY (4 characters) has a single quote at character 3; ' +
      `${ENV_VALUE_RULE}. Store the value base64-encoded (and decode it in the service), or choose one without that character.`],
  ] as [string, Record<string, string>, string][])('refuses %s %j', (p, values, message) => {
    expect(() => bundle().renderEnvFile(p, values)).toThrow(message);
  });
});

describe('writeTo: modes and owners', () => {
  test('sets each file\'s and directory\'s mode', () => {
    const root = tmp();
    warningsOf(() => bundle().writeTo(root));
    const mode = (p: string) => (fs.statSync(path.join(root, p)).mode & 0o777).toString(8);
    expect(['etc/noxus/platform.env', 'usr/local/sbin/noxus-check-secrets', 'etc/noxus', 'etc/vault-agent/noxus', 'etc/vault-agent/noxus/agent.hcl'].map(mode))
      .toEqual(['600', '755', '700', '750', '640']);
  });

  (process.getuid?.() === 0 ? test : test.skip)('as root, with the user and group on this machine: the agent\'s for what it writes, root:group for what it reads', () => {
    const [user, group] = ['nobody', spawnSync('getent', ['group', 'nogroup']).status === 0 ? 'nogroup' : 'nobody'];
    const ids = (db: string, name: string) => Number(spawnSync('getent', [db, name], { encoding: 'utf-8' }).stdout.split(':')[2]);
    const root = tmp();
    expect(warningsOf(() => bundle({ user, group }).writeTo(root))).toEqual([]);
    const owner = (p: string) => { const st = fs.statSync(path.join(root, p)); return [st.uid, st.gid]; };
    expect(owner('etc/noxus')).toEqual([ids('passwd', user), ids('group', group)]);
    expect(owner('etc/noxus/worker.env')).toEqual([ids('passwd', user), ids('group', group)]);
    expect(owner('etc/vault-agent/noxus/agent.hcl')).toEqual([0, ids('group', group)]);
    expect(owner('etc/vault-agent/noxus/worker.env.ctmpl')).toEqual([0, ids('group', group)]);
    expect(owner('etc/systemd/system/noxus-vault-agent.service')).toEqual([0, 0]);
  });
  if (process.getuid?.() !== 0) console.log('SKIPPED writeTo as root: this test process is not root, so it cannot chown (the non-root path is tested)');

  test('as root, with a user that does not exist here: writes the files, keeps root, and says what to run', () => {
    jest.spyOn(process, 'getuid').mockReturnValue(0);
    const root = tmp();
    const warnings = warningsOf(() => bundle({ user: 'noxus-absent-x' }).writeTo(root));
    expect(warnings).toEqual([`NOXUS_VM_OWNERS: VmBundle.writeTo: user "noxus-absent-x" and group "noxus-absent-x" do not exist on this machine, so the files keep root as their owner. ` +
      `Create them (e.g. useradd --system --user-group noxus-absent-x) and write again, or set them where the files end up, as root: ${CHOWN_ALL('/', 'noxus-absent-x').join('; ')}.`]);
    expect(fs.existsSync(path.join(root, 'etc/noxus/platform.env'))).toBe(true);
  });

  test('not root (a test, a CI runner): writes the files with this process\'s owner and says what to run, without failing', () => {
    jest.spyOn(process, 'getuid').mockReturnValue(1000);
    const root = tmp();
    const warnings = warningsOf(() => bundle().writeTo(root));
    expect(warnings).toEqual([`NOXUS_VM_OWNERS: VmBundle.writeTo: this process is not root, so the files keep its owner instead of noxus:noxus and root ` +
      `(the agent could not read its config nor write the env files): set them where the files end up, as root: ${CHOWN_ALL('/').join('; ')}.`]);
    expect(fs.readdirSync(path.join(root, 'etc/noxus')).sort()).toEqual(['platform.env', 'worker.env']);
    expect(fs.statSync(path.join(root, 'etc/noxus/platform.env')).uid).toBe(os.userInfo().uid);
  });

  test('permissionCommands places the paths under a root', () => {
    expect(bundle().permissionCommands('/srv/img')).toEqual(CHOWN_ALL('/srv/img/'));
  });
});

describe('errors', () => {
  test.each([
    [{ envDir: 'etc/noxus' }, 'VmBundle: envDir "etc/noxus" is not an absolute path without "..". Use e.g. "/etc/noxus".'],
    [{ user: 'Noxus User' }, 'VmBundle: user "Noxus User" is not a system user or group name (a-z, 0-9, \'_\', \'-\'; max 32). Use e.g. "noxus".'],
    [{ pool: 'acme' }, 'SecretsBlueprint: no worker pool named "acme" (pools: default, tenant-acme). Fix the name or add the pool to pools.'],
    [{ contract: new SecretsContract({ blueprint: platform(), backend: SecretBackend.awsSecretsManager({ region: 'eu-west-1' }), identity: WorkloadIdentity.irsa({ accountId: '123456789012' }) }) },
      'VmBundle: vault is set, but the contract\'s backend "aws-secrets-manager" is not HashiCorp Vault, which Vault Agent reads. ' +
      'Give the contract SecretBackend.vault(...), or leave vault out for templates only.'],
    [{ contract: undefined }, 'VmBundle: contract is required. Pass contract: new SecretsContract({ blueprint, backend, identity, namespace }), the same one every side takes.'],
    [{ blueprint: platform() }, 'VmBundle: blueprint is no longer a prop: the SecretsContract holds it, so that every side reads one value. ' +
      'Pass contract: new SecretsContract({ blueprint, backend, identity, namespace }).'],
    [{ vault: { backend: VAULT, remoteKeys: {} } }, 'VmBundle: vault.backend and vault.remoteKeys are no longer props: the SecretsContract holds them, so that every side reads one value. ' +
      'Pass contract: new SecretsContract({ blueprint, backend, identity, namespace }).'],
  ] as [any, string][])('%#', (props, message) => {
    expect(() => bundle(props)).toThrow(message);
  });
});

test('writeTo refuses a Terraform reference before writing anything', () => {
  // A reference is told from a literal by the Terraform layer's check, which an app that makes references has loaded.
  require('../../lib/terraform/references');
  const { TerraformStack, TerraformVariable, Testing } = require('cdktf');
  const stack = new TerraformStack(Testing.app(), 's');
  const server = new TerraformVariable(stack, 'server', { type: 'string' }).stringValue;
  const bundle = new VmBundle({ contract: contractOf(new SecretsBlueprint({ secrets: NoxusCatalog.all(), global: NoxusCatalog.all().map(s => s.name) }), SecretBackend.vault({ server })), vault: {} });
  const dir = tmp('noxus-vm-ref-');
  expect(() => bundle.writeTo(dir)).toThrow('VmBundle: /etc/vault-agent/noxus/agent.hcl holds a Terraform reference (e.g. the Vault server), which writeTo cannot resolve.');
  expect(fs.readdirSync(dir)).toEqual([]);
});
