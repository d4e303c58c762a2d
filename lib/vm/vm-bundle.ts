import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import {
  EnvEntry, NoxusSecretsError, NoxusService, RemoteKeyScheme, SecretsBlueprint, SecretsContract, VaultBackend, VaultKvVersion,
  assertDnsLabel, assertProps, assertRemovedProps, assertVaultPath, commentLines, hclString, isUnresolvedToken, kvReadPath, readOnlyPolicy,
} from '../core';
import { ENV_VALUE_RULE, envFileLine, envValuePattern } from './env-file-value';

/**
 * Vault as the source of the VM's env files, through Vault Agent: the contract's backend
 * (`SecretBackend.vault(...)`, the KV mount the cluster reads) and remote keys.
 */
export interface VmVaultProps {
  /**
   * Mount path of the AppRole auth method the agent logs in with.
   * @default 'approle'
   */
  readonly appRoleMountPath?: string;
}

/** Props of the files a VM (docker-compose) deployment of Noxus needs. */
export interface VmBundleProps {
  /** The facts every side agrees on; the VM reads the same blueprint, backend and remote keys. */
  readonly contract: SecretsContract;
  /**
   * The worker pool the VM's workers run as.
   * @default - the blueprint's only pool (an error if it has several)
   */
  readonly pool?: string;
  /**
   * Directory of the env files on the VM.
   * @default '/etc/noxus'
   */
  readonly envDir?: string;
  /**
   * The user that runs Vault Agent and owns what it writes: the env files and their directory.
   * @default 'noxus'
   */
  readonly user?: string;
  /**
   * The agent's group: it owns the env files, and reads the agent's config and templates (owned by root, 0640).
   * @default - the user's name
   */
  readonly group?: string;
  /**
   * Render the env files from Vault with Vault Agent; the contract's backend must be Vault.
   * @default - templates only: an operator fills in the values
   */
  readonly vault?: VmVaultProps;
}

/** One file of the bundle. */
export interface VmFile {
  /** Absolute path on the VM. */
  readonly path: string;
  /** The file's text. */
  readonly content: string;
  /** Octal mode, e.g. '0600'. */
  readonly mode: string;
  /** Its owner on the VM: the agent's user for what the agent writes, root for the rest. */
  readonly owner: string;
  /** Its group on the VM: the agent's group for what the agent reads or writes, root for the rest. */
  readonly group: string;
  /** Whether it will hold secret values once filled in (then it is 0600 and owned by the user). */
  readonly holdsValues: boolean;
}

/** A directory of the bundle, made before its files. */
export interface VmDirectory {
  /** Absolute path on the VM. */
  readonly path: string;
  /** Octal mode, e.g. '0700'. */
  readonly mode: string;
  /** Its owner on the VM. */
  readonly owner: string;
  /** Its group on the VM. */
  readonly group: string;
}

/** One env file on the VM and the keys it carries. */
export interface VmEnvFile {
  /** Absolute path on the VM. */
  readonly path: string;
  /** Which services read it. */
  readonly readBy: string;
  /** Its keys, sorted. */
  readonly entries: EnvEntry[];
}

/** The hardening a `docker compose` driven unit tolerates: no namespaces or device access are taken from the Docker daemon, which runs apart. */
export const SYSTEMD_HARDENING: Record<string, string> = {
  NoNewPrivileges: 'yes',
  PrivateTmp: 'yes',
  ProtectSystem: 'full',
  ProtectHome: 'read-only',
  ProtectKernelTunables: 'yes',
  ProtectKernelModules: 'yes',
  ProtectKernelLogs: 'yes',
  ProtectControlGroups: 'yes',
  ProtectClock: 'yes',
  RestrictSUIDSGID: 'yes',
  RestrictRealtime: 'yes',
  LockPersonality: 'yes',
  SystemCallArchitectures: 'native',
  UMask: '0077',
};

const USER = /^[a-z_][a-z0-9_-]{0,31}$/;
const AGENT_DIR = '/etc/vault-agent/noxus';
const RENDER_UNIT = 'noxus-vault-agent-render.service';
const AGENT_UNIT = 'noxus-vault-agent.service';
/** Marks a key whose value in Vault breaks the env-file rule: the agent's template writes it instead of the value, the check script fails on it. */
const REFUSED = '# noxus-refused: ';

/**
 * The files a VM deployment needs, from the blueprint: the env files (one for
 * every service, one for workers only, so that Frontend and Backend never get
 * worker keys), their Vault Agent config and templates, a systemd drop-in for
 * the `noxus` service, and a check script for the operator. No file holds a
 * value: the env files are templates until an operator or Vault Agent fills them.
 */
export class VmBundle {
  /** The env files and their keys: platform (all services), then worker. */
  public readonly envFiles: VmEnvFile[];
  public readonly user: string;
  public readonly group: string;
  /** The blueprint the files come from. */
  public readonly blueprint: SecretsBlueprint;
  private readonly props: VmBundleProps;
  private readonly scheme?: RemoteKeyScheme;
  private readonly backend?: VaultBackend;

  constructor(props: VmBundleProps) {
    const subject = 'VmBundle';
    assertProps(subject, props, '{ contract }');
    assertRemovedProps(subject, props, ['blueprint']);
    assertRemovedProps(subject, props.vault, ['backend', 'remoteKeys'], { prefix: 'vault.' });
    this.props = props;
    const contract = SecretsContract._given(subject, props.contract);
    const made = contract._madeInCluster();
    if (made.length > 0) {
      throw new NoxusSecretsError(`${subject}: ${made.join(', ')} are made by External Secrets Operator in the cluster, which a VM does not run, ` +
        'so the VM would have no value. Give the VM a contract whose values are set by hand in Vault.');
    }
    this.blueprint = contract.blueprint;
    const bp = this.blueprint;
    const envDir = props.envDir ?? '/etc/noxus';
    if (!/^\/[A-Za-z0-9._/-]*$/.test(envDir) || envDir.split('/').includes('..')) {
      throw new NoxusSecretsError(`${subject}: envDir ${JSON.stringify(envDir)} is not an absolute path without "..". Use e.g. "/etc/noxus".`);
    }
    this.user = props.user ?? 'noxus';
    this.group = props.group ?? this.user;
    for (const [field, value] of [['user', this.user], ['group', this.group]]) {
      if (!USER.test(value)) {
        throw new NoxusSecretsError(`${subject}: ${field} ${JSON.stringify(value)} is not a system user or group name (a-z, 0-9, '_', '-'; max 32). Use e.g. "noxus".`);
      }
    }
    let pool = props.pool;
    if (pool === undefined) {
      if (bp.pools.length > 1) {
        throw new NoxusSecretsError(`${subject}: the blueprint has ${bp.pools.length} pools (${bp.pools.map(p => p.name).join(', ')}) and a VM runs one; ` +
          'its worker env file needs to know which. Set pool.');
      }
      pool = bp.pools[0]?.name;
    } else {
      assertDnsLabel(subject, 'pool', pool);
      bp.pool(pool);
    }
    this.envFiles = [
      { path: `${envDir}/platform.env`, readBy: 'all services (Frontend, Backend, Beat, workers)', entries: bp.environmentOf(NoxusService.FRONTEND) },
      ...(pool === undefined ? [] : [{ path: `${envDir}/worker.env`, readBy: `workers of pool ${pool}, after platform.env`, entries: bp.poolSecretKeys(pool) }]),
    ].filter(f => f.entries.length > 0);

    if (props.vault) {
      const backend = contract.backend;
      if (!(backend instanceof VaultBackend)) {
        throw new NoxusSecretsError(`${subject}: vault is set, but the contract's backend ${JSON.stringify(backend?.kind)} is not HashiCorp Vault, ` +
          'which Vault Agent reads. Give the contract SecretBackend.vault(...), or leave vault out for templates only.');
      }
      // The agent logs in at auth/<mount>/login: a Vault path, written into agent.hcl.
      if (props.vault.appRoleMountPath !== undefined) assertVaultPath(subject, 'vault.appRoleMountPath', props.vault.appRoleMountPath, 'approle');
      this.backend = backend;
      this.scheme = contract.remoteKeyScheme;
    }
  }

  /** Every file of the bundle, in a fixed order. */
  public files(): VmFile[] {
    const root = { owner: 'root', group: 'root' };
    // The agent writes the env files (and so owns them); it reads its config and templates through its group, and cannot change them.
    const agentWrites = { owner: this.user, group: this.group };
    const agentReads = { owner: 'root', group: this.group };
    const files: VmFile[] = this.envFiles.map(f => ({ path: f.path, content: envTemplate(f), mode: '0600', ...agentWrites, holdsValues: true }));
    if (this.scheme) {
      const backend = this.backend!;
      for (const f of this.envFiles) {
        files.push({ path: `${AGENT_DIR}/${path.basename(f.path)}.ctmpl`, content: agentTemplate(f, backend, this.scheme), mode: '0640', ...agentReads, holdsValues: false });
      }
      files.push({ path: `${AGENT_DIR}/agent.hcl`, content: this.agentConfig(), mode: '0640', ...agentReads, holdsValues: false });
      files.push({ path: `${AGENT_DIR}/policy.hcl`, content: this.vaultPolicy(), mode: '0644', ...root, holdsValues: false });
      files.push({ path: `/etc/systemd/system/${RENDER_UNIT}`, content: this.renderUnit(), mode: '0644', ...root, holdsValues: false });
      files.push({ path: `/etc/systemd/system/${AGENT_UNIT}`, content: this.agentUnit(), mode: '0644', ...root, holdsValues: false });
    }
    files.push({ path: '/etc/systemd/system/noxus.service.d/10-secrets.conf', content: this.dropIn(), mode: '0644', ...root, holdsValues: false });
    files.push({ path: '/usr/local/sbin/noxus-check-secrets', content: this.checkScript(), mode: '0755', ...root, holdsValues: false });
    return files;
  }

  /**
   * The directories whose owner or mode matters: the env files' (the agent renders into it, through a
   * temporary file and a rename, so it must be the agent's) and the agent's config directory.
   */
  public directories(): VmDirectory[] {
    const envDir = path.dirname(this.envFiles[0].path);
    return [
      { path: envDir, mode: '0700', owner: this.user, group: this.group },
      ...(this.scheme ? [{ path: AGENT_DIR, mode: '0750', owner: 'root', group: this.group }] : []),
    ];
  }

  /**
   * The shell commands that give the directories their modes and every directory and file its owner,
   * with their paths under `root`: what `writeTo` does as root, for where it cannot (or for Terraform).
   */
  public permissionCommands(root: string = '/'): string[] {
    const byOwner = new Map<string, string[]>();
    for (const e of [...this.directories(), ...this.files()]) {
      const who = `${e.owner}:${e.group}`;
      byOwner.set(who, [...(byOwner.get(who) ?? []), shellQuote(path.join(root, e.path))]);
    }
    return [
      ...this.directories().map(d => `chmod ${d.mode} ${shellQuote(path.join(root, d.path))}`),
      ...[...byOwner].map(([who, paths]) => `chown ${who} ${paths.join(' ')}`),
    ];
  }

  /**
   * An env file of the bundle filled with values (e.g. in an image build), each written single-quoted,
   * the form systemd and Docker Compose both read back unchanged; a value neither can carry is refused.
   */
  public renderEnvFile(envFilePath: string, values: Record<string, string>): string {
    const f = this.envFiles.find(e => e.path === envFilePath);
    if (!f) {
      throw new NoxusSecretsError(`VmBundle: ${JSON.stringify(envFilePath)} is not an env file of this bundle (${this.envFiles.map(e => e.path).join(', ')}). Use one of those.`);
    }
    const known = new Set(f.entries.map(e => e.name));
    const unknown = Object.keys(values).filter(k => !known.has(k)).sort();
    if (unknown.length > 0) {
      throw new NoxusSecretsError(`VmBundle: ${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not in the blueprint for ${f.path}, which its readers (${f.readBy}) must not get. ` +
        'Leave it out, or add it to the blueprint for them.');
    }
    const lines = f.entries.filter(e => values[e.name] !== undefined).map(e => envFileLine(`VmBundle ${path.basename(f.path)}`, e.name, values[e.name]));
    return `${lines.join('\n')}\n`;
  }

  /**
   * Writes every file under `root` (their absolute paths become relative to it), each with its mode
   * and, when this process is root and the user and group exist here, its owner. Otherwise it writes
   * the files all the same and says, in a process warning (code NOXUS_VM_OWNERS), which owners to set.
   */
  public writeTo(root: string): string[] {
    // Every path is joined to root: an empty root would write into this machine's own /etc, a relative one that
    // names no folder ('.', './', 'a/..', blanks) under wherever the process runs. Refused before any write: name the folder.
    if (typeof root !== 'string') {
      throw new NoxusSecretsError(`VmBundle.writeTo: root ${JSON.stringify(root) ?? String(root)} is not a folder path. Pass the folder to write under, e.g. "./vm-root".`);
    }
    if (root.trim() === '' || (!path.isAbsolute(root) && path.resolve(root) === path.resolve('.'))) {
      throw new NoxusSecretsError(`VmBundle.writeTo: root ${JSON.stringify(root)} names no folder, so the files' absolute paths would land in ` +
        `${root === '' ? "this machine's own /etc and /usr" : 'whatever the current directory is'}. ` +
        'Pass the folder to write under, e.g. "./vm-root", or "/" to install the files on this machine.');
    }
    const files = this.files();
    // Checked before the first write: a file half the set of which is written is worse than none.
    for (const f of files) {
      if (isUnresolvedToken(f.content)) {
        throw new NoxusSecretsError(`VmBundle: ${f.path} holds a Terraform reference (e.g. the Vault server), which writeTo cannot resolve. ` +
          'Give the contract a literal value, or write the files with NoxusVmFiles in the cdktf stack that owns the reference.');
      }
    }
    const ids = this.ownerIds();
    const own = (target: string, e: { owner: string; group: string }) => {
      if (ids) fs.chownSync(target, ids.get(e.owner)!, ids.get(e.group)!);
    };
    for (const d of this.directories()) {
      const target = path.join(root, d.path);
      fs.mkdirSync(target, { recursive: true });
      fs.chmodSync(target, parseInt(d.mode, 8));
      own(target, d);
    }
    const written: string[] = [];
    for (const f of files) {
      const target = path.join(root, f.path);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, f.content, { mode: parseInt(f.mode, 8) });
      fs.chmodSync(target, parseInt(f.mode, 8));
      own(target, f);
      written.push(target);
    }
    return written;
  }

  /** Uid and gid of every owner, or undefined (after a warning) when they cannot be set from here. */
  private ownerIds(): Map<string, number> | undefined {
    const fix = `set them where the files end up, as root: ${this.permissionCommands().join('; ')}.`;
    if (process.getuid?.() !== 0) {
      process.emitWarning(`VmBundle.writeTo: this process is not root, so the files keep its owner instead of ${this.user}:${this.group} and root ` +
        `(the agent could not read its config nor write the env files): ${fix}`, { code: 'NOXUS_VM_OWNERS' });
      return undefined;
    }
    const ids = new Map<string, number>([['root', 0]]);
    const missing: string[] = [];
    for (const [db, name] of [['passwd', this.user], ['group', this.group]] as const) {
      const id = lookupId(db, name);
      if (id === undefined) missing.push(`${db === 'passwd' ? 'user' : 'group'} "${name}"`);
      else ids.set(name, id);
    }
    if (missing.length > 0) {
      process.emitWarning(`VmBundle.writeTo: ${missing.join(' and ')} ${missing.length === 1 ? 'does' : 'do'} not exist on this machine, so the files keep root as their owner. ` +
        `Create ${missing.length === 1 ? 'it' : 'them'} (e.g. useradd --system --user-group ${this.user}) and write again, or ${fix}`, { code: 'NOXUS_VM_OWNERS' });
      return undefined;
    }
    return ids;
  }

  /** The Vault policy the VM's AppRole needs: read on exactly the env files' keys. */
  public vaultPolicy(): string {
    const backend = this.backend;
    if (!backend || !this.scheme) throw new NoxusSecretsError('VmBundle: vaultPolicy() needs the vault prop. Set vault: {}, with a contract whose backend is SecretBackend.vault(...).');
    return readOnlyPolicy(this.envFiles.flatMap(f => f.entries.map(e => kvReadPath(backend, this.scheme!.keyOf(e)))));
  }

  private agentConfig(): string {
    const backend = this.backend!;
    const mount = this.props.vault!.appRoleMountPath ?? 'approle';
    const templates = this.envFiles.map(f => [
      'template {',
      `  source      = "${AGENT_DIR}/${path.basename(f.path)}.ctmpl"`,
      `  destination = "${f.path}"`,
      '  perms       = "0600"',
      '  error_on_missing_key = true',
      '}',
    ].join('\n'));
    return [
      '# Vault Agent for the Noxus VM, generated by noxus-secrets-cdk. It runs as the env files\' owner',
      `# (${RENDER_UNIT} once, then ${AGENT_UNIT}), so the files it renders are that user's, mode 0600.`,
      `vault {\n  address = ${hclString(backend.server)}\n}`,
      '# A key missing in Vault, or Vault out of reach past the retries, ends the agent with an error (systemd then',
      '# restarts it) instead of leaving a half-rendered file: error_on_missing_key needs exit_on_retry_failure to exit.',
      'template_config {\n  exit_on_retry_failure = true\n}',
      'auto_auth {',
      '  method "approle" {',
      `    mount_path = ${hclString(`auth/${mount}`)}`,
      '    config = {',
      `      role_id_file_path   = "${AGENT_DIR}/role-id"`,
      `      secret_id_file_path = "${AGENT_DIR}/secret-id"`,
      '      remove_secret_id_file_after_reading = false',
      '    }',
      '  }',
      '}',
      ...templates,
      '',
    ].join('\n');
  }

  /*
   * The unit order that waits for rendering. Vault Agent does speak sd_notify, but it sends READY=1
   * right after writing its PID file, before the template server has rendered anything
   * (hashicorp/vault command/agent.go: notifySystemd(SdNotifyReady) before g.Run()), so Type=notify
   * would not hold noxus back either. With -exit-after-auth the agent exits 0 once every template
   * is rendered (command/agent/template/template.go: doneRendering && exitAfterAuth), so a oneshot
   * running it is finished exactly when the env files are: noxus is ordered after that step, and
   * the long-running agent after it keeps the files current. noxus only Wants= both: should the
   * first render fail (Vault down), noxus still starts, its check fails, and Restart=on-failure
   * tries again while the agent keeps trying; a Requires= would fail it once, for good.
   */
  private renderUnit(): string {
    return this.agentService([
      '[Unit]',
      'Description=Vault Agent: render the Noxus env files once, before noxus starts',
      'After=network-online.target',
      'Wants=network-online.target',
      `Before=noxus.service ${AGENT_UNIT}`,
      '',
      '[Service]',
      'Type=oneshot',
      `ExecStart=/usr/bin/vault agent -config=${AGENT_DIR}/agent.hcl -exit-after-auth`,
      // A oneshot has no start timeout by default: a Vault out of reach would hold the boot.
      'TimeoutStartSec=120',
    ]);
  }

  private agentUnit(): string {
    return this.agentService([
      '[Unit]',
      'Description=Vault Agent keeping the Noxus env files current',
      `After=network-online.target ${RENDER_UNIT}`,
      'Wants=network-online.target',
      'Before=noxus.service',
      '',
      '[Service]',
      // simple, not notify: its READY=1 comes before rendering (see renderUnit), and notify would wait on agents older than 1.12.
      'Type=simple',
      `ExecStart=/usr/bin/vault agent -config=${AGENT_DIR}/agent.hcl`,
      'Restart=on-failure',
      'RestartSec=5s',
    ]);
  }

  private agentService(head: string[]): string {
    return [
      ...head,
      `User=${this.user}`,
      `Group=${this.group}`,
      ...Object.entries(SYSTEMD_HARDENING).map(([k, v]) => `${k}=${v}`),
      `ReadWritePaths=${path.dirname(this.envFiles[0].path)}`,
      '',
      '[Install]',
      'WantedBy=multi-user.target',
      '',
    ].join('\n');
  }

  private dropIn(): string {
    const agent = this.scheme ? [`${RENDER_UNIT} ${AGENT_UNIT}`] : [];
    return [
      '# Drop-in for the noxus (docker compose) service, generated by noxus-secrets-cdk.',
      '# The env files are 0600 and owned by the agent\'s user. EnvironmentFile= gives platform.env to the processes',
      '# of this unit on the host (docker compose itself, for ${VAR} in the compose file), not to the containers:',
      '# give each container its files with env_file in the compose file (platform.env, then worker.env for workers).',
      '[Unit]',
      ...agent.flatMap(units => [`Wants=${units}`, `After=${units}`]),
      ...this.envFiles.map(f => `AssertPathExists=${f.path}`),
      '',
      '[Service]',
      `EnvironmentFile=${this.envFiles[0].path}`,
      'ExecStartPre=/usr/local/sbin/noxus-check-secrets',
      // The check fails until the env files are complete (a first boot whose render failed, values not yet set): try again.
      'Restart=on-failure',
      'RestartSec=10s',
      ...Object.entries(SYSTEMD_HARDENING).map(([k, v]) => `${k}=${v}`),
      '',
    ].join('\n');
  }

  private checkScript(): string {
    const checks = this.envFiles.map(f => {
      const required = f.entries.filter(e => !e.secret.optional).map(e => e.name).join(' ');
      const known = f.entries.map(e => e.name).join(' ');
      return `check_file ${shellQuote(f.path)} ${shellQuote(required)} ${shellQuote(known)}`;
    });
    return [
      '#!/usr/bin/env bash',
      '# Checks the Noxus env files on this VM: mode 0600, owner, every line KEY=\'value\', and no required key missing or empty.',
      `# The rule: ${ENV_VALUE_RULE}.`,
      '# Generated by noxus-secrets-cdk from the blueprint. Exit 0 when all is well, 1 otherwise. Values are never printed.',
      '# Usage: noxus-check-secrets [--owner USER] [--root DIR]   (--root checks a copy of the tree, e.g. in CI)',
      'set -u',
      `owner=${shellQuote(this.user)}`,
      'root=""',
      'while [ $# -gt 0 ]; do',
      '  case "$1" in',
      '    --owner) owner="$2"; shift 2 ;;',
      '    --root) root="$2"; shift 2 ;;',
      '    *) echo "usage: noxus-check-secrets [--owner USER] [--root DIR]" >&2; exit 2 ;;',
      '  esac',
      'done',
      'failed=0',
      'fail() { echo "FAIL: $*" >&2; failed=1; }',
      `refused=${shellQuote(REFUSED)}`,
      `assignment="^([A-Za-z_][A-Za-z0-9_]*)='([^']*)'\$"`,
      'check_file() {',
      '  local file="$root$1" required="$2" known="$3" mode who key value line n=0',
      '  local -A values=()',
      '  if [ ! -f "$file" ]; then fail "$file does not exist"; return; fi',
      '  mode=$(stat -c %a "$file"); who=$(stat -c %U "$file")',
      '  [ "$mode" = "600" ] || fail "$file has mode $mode, not 600 (chmod 600 $file)"',
      '  [ "$who" = "$owner" ] || fail "$file is owned by $who, not $owner (chown $owner $file)"',
      '  while IFS= read -r line || [ -n "$line" ]; do',
      '    n=$((n + 1))',
      '    case "$line" in "$refused"*) fail "$file: the value of ${line#"$refused"} in Vault breaks the env-file rule, so Vault Agent did not write it (see the rule at the top of this script)"; continue ;; esac',
      '    case "$line" in ""|"#"*) continue ;; esac',
      '    if ! [[ $line =~ $assignment ]]; then',
      '      fail "$file: line $n (${line%%=*}) is not KEY=\'value\' with nothing after the closing quote and no single quote inside"; continue',
      '    fi',
      '    key="${BASH_REMATCH[1]}" value="${BASH_REMATCH[2]}"',
      '    case "$value" in *[[:cntrl:]]*) fail "$file: $key holds a control character" ;; *\\\\) fail "$file: $key ends with a backslash, which Docker Compose reads as an escaped quote" ;; esac',
      '    case " $known " in *" $key "*) values[$key]="$value" ;; *) fail "$file: key $key is not in the blueprint for this file" ;; esac',
      '  done < "$file"',
      '  for key in $required; do',
      '    [ -n "${values[$key]:-}" ] || fail "$file: required key $key is missing or empty"',
      '  done',
      '}',
      ...checks,
      'if [ "$failed" = 0 ]; then echo "OK: Noxus env files are 0600, owned by $owner, and complete"; fi',
      'exit "$failed"',
      '',
    ].join('\n');
  }
}

function envTemplate(f: VmEnvFile): string {
  const lines = [
    `# ${path.basename(f.path)}: read by ${f.readBy}. Generated by noxus-secrets-cdk; keep mode 0600.`,
    '# Fill in each value between the single quotes (or let Vault Agent render this file).',
    ...commentLines(`The rule: ${ENV_VALUE_RULE}.`),
  ];
  for (const e of f.entries) {
    const notes = [e.secret.category, e.secret.optional ? 'optional' : 'required', e.secret.highRisk ? 'high-risk' : undefined,
      e.secret.rotation ? `rotate every ${e.secret.rotation.days} days` : undefined].filter(Boolean).join(', ');
    lines.push(...commentLines(`${e.secret.description ?? e.name} (${notes})`), envFileLine('VmBundle', e.name, ''));
  }
  return `${lines.join('\n')}\n`;
}

function agentTemplate(f: VmEnvFile, backend: VaultBackend, scheme: RemoteKeyScheme): string {
  const field = backend.version === VaultKvVersion.V1 ? '.Data.value' : '.Data.data.value';
  // A value goes between single quotes only if the rule allows it (regexMatch is Go's RE2, as envValuePattern is);
  // otherwise a marker line, on which noxus-check-secrets fails, so that no value is cut or read differently.
  const lines = [
    `{{- /* ${path.basename(f.path)}: rendered by Vault Agent, generated by noxus-secrets-cdk */ -}}`,
    `{{- $rule := \`${envValuePattern()}\` -}}`,
  ];
  for (const e of f.entries) {
    const property = scheme.fieldOf(e);
    if (property === undefined) {
      lines.push(`{{ with secret "${kvReadPath(backend, scheme.keyOf(e))}" }}{{ if regexMatch $rule ${field} }}` +
        `${e.name}='{{ ${field} }}'{{ else }}${REFUSED}${e.name}{{ end }}{{ end }}`);
      continue;
    }
    // A scope's secret (RemoteKeyLayout.PER_STORE): the key is one field of it. A field not set yet renders no
    // line (noxus-check-secrets fails on a required key missing), never Go's "<no value>".
    const data = backend.version === VaultKvVersion.V1 ? '.Data' : '.Data.data';
    lines.push(`{{ with secret "${kvReadPath(backend, scheme.keyOf(e))}" }}{{ with index ${data} "${property}" }}{{ if regexMatch $rule . }}` +
      `${e.name}='{{ . }}'{{ else }}${REFUSED}${e.name}{{ end }}{{ end }}{{ end }}`);
  }
  return `${lines.join('\n')}\n`;
}

function lookupId(db: 'passwd' | 'group', name: string): number | undefined {
  const r = spawnSync('getent', [db, name], { encoding: 'utf-8' });
  const id = r.status === 0 ? Number(r.stdout.split(':')[2]) : NaN;
  return Number.isInteger(id) ? id : undefined;
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}
