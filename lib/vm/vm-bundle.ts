import * as fs from 'fs';
import * as path from 'path';
import {
  BackendKind, EnvEntry, NoxusSecretsError, NoxusService, RemoteKeyScheme, RemoteKeySchemeProps, SecretBackend, SecretsBlueprint, SecretsContract, VaultKvVersion,
  assertDnsLabel, assertProps, commentLines, hclString, isUnresolvedToken, kvReadPath, readOnlyPolicy,
} from '../core';

/** Vault as the source of the VM's env files, through Vault Agent. */
export interface VmVaultProps {
  /**
   * `SecretBackend.vault(...)`: the same KV mount the cluster reads (shorthand without a contract).
   * @default - the contract's backend
   */
  readonly backend?: SecretBackend;
  /**
   * Remote key scheme (shorthand without a contract).
   * @default - the contract's
   */
  readonly remoteKeys?: RemoteKeySchemeProps;
  /**
   * Mount path of the AppRole auth method the agent logs in with.
   * @default 'approle'
   */
  readonly appRoleMountPath?: string;
}

/** Props of the files a VM (docker-compose) deployment of Noxus needs. */
export interface VmBundleProps {
  /**
   * The facts every side agrees on; the VM reads the same blueprint, backend and remote keys.
   * @default - built from blueprint and vault.backend (shorthand)
   */
  readonly contract?: SecretsContract;
  /**
   * The platform's blueprint (shorthand without a contract).
   * @default - the contract's
   */
  readonly blueprint?: SecretsBlueprint;
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
   * The user that owns the env files and runs Vault Agent.
   * @default 'noxus'
   */
  readonly user?: string;
  /**
   * The group of the env files.
   * @default - the user's name
   */
  readonly group?: string;
  /**
   * Render the env files from Vault with Vault Agent.
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
  /** Whether it will hold secret values once filled in (then it is 0600 and owned by the user). */
  readonly holdsValues: boolean;
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
  private readonly backend?: SecretBackend;

  constructor(props: VmBundleProps) {
    const subject = 'VmBundle';
    assertProps(subject, props, '{ contract } or { blueprint }');
    this.props = props;
    const contract = props.contract ?? (props.blueprint instanceof SecretsBlueprint
      ? new SecretsContract({ blueprint: props.blueprint })
      : undefined);
    if (!(contract instanceof SecretsContract)) {
      throw new NoxusSecretsError(`${subject}: neither contract nor blueprint is given. Pass contract: the SecretsContract of the other sides.`);
    }
    contract._assertSame(subject, 'blueprint', props.blueprint, contract.blueprint);
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
      if (props.contract?.backend) {
        contract._assertSame(subject, 'vault.backend', props.vault.backend, contract.backend);
        contract._assertSame(subject, 'vault.remoteKeys', props.vault.remoteKeys, contract.remoteKeys);
      }
      const backend = props.vault.backend ?? contract.backend;
      if (!(backend instanceof SecretBackend) || backend.kind !== BackendKind.VAULT) {
        throw new NoxusSecretsError(`${subject}: vault.backend ${JSON.stringify(backend?.kind)} is not HashiCorp Vault. Use SecretBackend.vault(...) ` +
          '(in the contract, or as vault.backend).');
      }
      this.backend = backend;
      this.scheme = contract.backend === backend ? contract.remoteKeyScheme : new RemoteKeyScheme(bp, backend, props.vault.remoteKeys);
    }
  }

  /** Every file of the bundle, in a fixed order. */
  public files(): VmFile[] {
    const files: VmFile[] = this.envFiles.map(f => ({ path: f.path, content: envTemplate(f), mode: '0600', holdsValues: true }));
    if (this.scheme) {
      const backend = this.backend!;
      for (const f of this.envFiles) {
        files.push({ path: `/etc/vault-agent/noxus/${path.basename(f.path)}.ctmpl`, content: agentTemplate(f, backend, this.scheme), mode: '0640', holdsValues: false });
      }
      files.push({ path: '/etc/vault-agent/noxus/agent.hcl', content: this.agentConfig(), mode: '0640', holdsValues: false });
      files.push({ path: '/etc/vault-agent/noxus/policy.hcl', content: this.vaultPolicy(), mode: '0644', holdsValues: false });
      files.push({ path: '/etc/systemd/system/noxus-vault-agent.service', content: this.agentUnit(), mode: '0644', holdsValues: false });
    }
    files.push({ path: '/etc/systemd/system/noxus.service.d/10-secrets.conf', content: this.dropIn(), mode: '0644', holdsValues: false });
    files.push({ path: '/usr/local/sbin/noxus-check-secrets', content: this.checkScript(), mode: '0755', holdsValues: false });
    return files;
  }

  /** Writes every file under `root` (their absolute paths become relative to it), each with its mode. */
  public writeTo(root: string): string[] {
    const files = this.files();
    // Checked before the first write: a file half the set of which is written is worse than none.
    for (const f of files) {
      if (isUnresolvedToken(f.content)) {
        throw new NoxusSecretsError(`VmBundle: ${f.path} holds a Terraform reference (e.g. the Vault server), which writeTo cannot resolve. ` +
          'Give the contract a literal value, or write the files with NoxusVmFiles in the cdktf stack that owns the reference.');
      }
    }
    const written: string[] = [];
    for (const f of files) {
      const target = path.join(root, f.path);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, f.content, { mode: parseInt(f.mode, 8) });
      fs.chmodSync(target, parseInt(f.mode, 8));
      written.push(target);
    }
    return written;
  }

  /** The Vault policy the VM's AppRole needs: read on exactly the env files' keys. */
  public vaultPolicy(): string {
    const backend = this.backend;
    if (!backend || !this.scheme) throw new NoxusSecretsError('VmBundle: vaultPolicy() needs the vault prop. Set vault: { backend: SecretBackend.vault(...) }.');
    return readOnlyPolicy(this.envFiles.flatMap(f => f.entries.map(e => kvReadPath(backend, this.scheme!.keyOf(e)))));
  }

  private agentConfig(): string {
    const backend = this.backend!;
    const mount = this.props.vault!.appRoleMountPath ?? 'approle';
    const templates = this.envFiles.map(f => [
      'template {',
      `  source      = "/etc/vault-agent/noxus/${path.basename(f.path)}.ctmpl"`,
      `  destination = "${f.path}"`,
      '  perms       = "0600"',
      '  error_on_missing_key = true',
      '}',
    ].join('\n'));
    return [
      '# Vault Agent for the Noxus VM, generated by noxus-secrets-cdk. It runs as the env files\' owner',
      '# (noxus-vault-agent.service), so the files it renders are that user\'s, mode 0600.',
      `vault {\n  address = ${hclString(backend.server!)}\n}`,
      'auto_auth {',
      '  method "approle" {',
      `    mount_path = "auth/${mount}"`,
      '    config = {',
      '      role_id_file_path   = "/etc/vault-agent/noxus/role-id"',
      '      secret_id_file_path = "/etc/vault-agent/noxus/secret-id"',
      '      remove_secret_id_file_after_reading = false',
      '    }',
      '  }',
      '}',
      ...templates,
      '',
    ].join('\n');
  }

  private agentUnit(): string {
    return [
      '[Unit]',
      'Description=Vault Agent rendering the Noxus env files',
      'After=network-online.target',
      'Wants=network-online.target',
      'Before=noxus.service',
      '',
      '[Service]',
      `User=${this.user}`,
      `Group=${this.group}`,
      'ExecStart=/usr/bin/vault agent -config=/etc/vault-agent/noxus/agent.hcl',
      'Restart=on-failure',
      ...Object.entries(SYSTEMD_HARDENING).map(([k, v]) => `${k}=${v}`),
      `ReadWritePaths=${path.dirname(this.envFiles[0].path)}`,
      '',
      '[Install]',
      'WantedBy=multi-user.target',
      '',
    ].join('\n');
  }

  private dropIn(): string {
    return [
      '# Drop-in for the noxus (docker compose) service, generated by noxus-secrets-cdk.',
      '# The env files are 0600 and owned by the service user. Only platform.env enters the unit\'s environment:',
      '# give worker.env to the worker services alone, with env_file in the compose file (after platform.env).',
      '[Unit]',
      ...(this.scheme ? ['Requires=noxus-vault-agent.service', 'After=noxus-vault-agent.service'] : []),
      ...this.envFiles.map(f => `AssertPathExists=${f.path}`),
      '',
      '[Service]',
      `EnvironmentFile=${this.envFiles[0].path}`,
      'ExecStartPre=/usr/local/sbin/noxus-check-secrets',
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
      '# Checks the Noxus env files on this VM: mode 0600, owner, and no required key missing or empty.',
      '# Generated by noxus-secrets-cdk from the blueprint. Exit 0 when all is well, 1 otherwise.',
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
      'check_file() {',
      '  local file="$root$1" required="$2" known="$3" mode who key value',
      '  if [ ! -f "$file" ]; then fail "$file does not exist"; return; fi',
      '  mode=$(stat -c %a "$file"); who=$(stat -c %U "$file")',
      '  [ "$mode" = "600" ] || fail "$file has mode $mode, not 600 (chmod 600 $file)"',
      '  [ "$who" = "$owner" ] || fail "$file is owned by $who, not $owner (chown $owner $file)"',
      '  for key in $required; do',
      '    value=$(grep -E "^${key}=" "$file" | tail -n 1 | cut -d= -f2-)',
      '    [ -n "$value" ] || fail "$file: required key $key is missing or empty"',
      '  done',
      '  while IFS= read -r line; do',
      '    case "$line" in ""|"#"*) continue ;; esac',
      '    key="${line%%=*}"',
      '    case " $known " in *" $key "*) ;; *) fail "$file: key $key is not in the blueprint for this file" ;; esac',
      '  done < "$file"',
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
    '# Fill in each value after the "=" (or let Vault Agent render this file).',
  ];
  for (const e of f.entries) {
    const notes = [e.secret.category, e.secret.optional ? 'optional' : 'required', e.secret.highRisk ? 'high-risk' : undefined,
      e.secret.rotation ? `rotate every ${e.secret.rotation.days} days` : undefined].filter(Boolean).join(', ');
    lines.push(...commentLines(`${e.secret.description ?? e.name} (${notes})`), `${e.name}=`);
  }
  return `${lines.join('\n')}\n`;
}

function agentTemplate(f: VmEnvFile, backend: SecretBackend, scheme: RemoteKeyScheme): string {
  const field = backend.version === VaultKvVersion.V1 ? '.Data.value' : '.Data.data.value';
  const lines = [`{{- /* ${path.basename(f.path)}: rendered by Vault Agent, generated by noxus-secrets-cdk */ -}}`];
  for (const e of f.entries) {
    lines.push(`${e.name}={{ with secret "${kvReadPath(backend, scheme.keyOf(e))}" }}{{ ${field} }}{{ end }}`);
  }
  return `${lines.join('\n')}\n`;
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}
