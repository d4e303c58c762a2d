import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * Where this run's providers come from, found the way Terraform finds them: a project setting
 * (NOXUS_TF_PLUGIN_MIRROR, the folder that holds `registry.terraform.io`), else a
 * `filesystem_mirror` of the CLI config (TF_CLI_CONFIG_FILE, else ~/.terraformrc), else
 * Terraform's implied local mirror folders, else the registry itself.
 */
export interface ProviderSource {
  /** A filesystem mirror, if one is configured. */
  readonly mirror?: string;
  /** Whether Terraform may download from the registry the providers the mirror lacks. */
  readonly direct: boolean;
  /** How it was found, for the run's log. */
  readonly description: string;
  /** The CLI config file this run's terraform reads, if any. */
  readonly cliConfigFile?: string;
}

/** The `terraform` binary on PATH (or NOXUS_TERRAFORM), undefined if there is none. */
export function findTerraform(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.NOXUS_TERRAFORM) return fs.existsSync(env.NOXUS_TERRAFORM) ? env.NOXUS_TERRAFORM : undefined;
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, 'terraform');
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

/** The CLI config file Terraform reads: TF_CLI_CONFIG_FILE, else ~/.terraformrc (Unix). */
export function cliConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.TF_CLI_CONFIG_FILE || path.join(env.HOME ?? os.homedir(), '.terraformrc');
}

/** The `path` of the first `filesystem_mirror` block of a CLI config's text, and whether it has a `provider_installation` block at all. */
export function parseCliConfig(text: string): { mirror?: string; providerInstallation: boolean; direct: boolean } {
  const noComments = text.replace(/(^|\s)(#|\/\/).*$/gm, '$1');
  const providerInstallation = /\bprovider_installation\s*\{/.test(noComments);
  const mirror = /\bfilesystem_mirror\s*\{[^}]*?\bpath\s*=\s*"([^"]+)"/.exec(noComments)?.[1];
  return { mirror, providerInstallation, direct: !providerInstallation || /\bdirect\s*\{/.test(noComments) };
}

/** Terraform's implied local mirrors on Unix, used when the CLI config has no provider_installation block. */
function impliedMirrors(env: NodeJS.ProcessEnv): string[] {
  const home = env.HOME ?? os.homedir();
  const dataHome = env.XDG_DATA_HOME || path.join(home, '.local', 'share');
  const dataDirs = (env.XDG_DATA_DIRS || '/usr/local/share:/usr/share').split(':');
  return [path.join(home, '.terraform.d', 'plugins'), path.join(dataHome, 'terraform', 'plugins'), ...dataDirs.map(d => path.join(d, 'terraform', 'plugins'))];
}

export function findProviderSource(env: NodeJS.ProcessEnv = process.env): ProviderSource {
  const setting = env.NOXUS_TF_PLUGIN_MIRROR;
  if (setting) {
    if (!fs.existsSync(path.join(setting, 'registry.terraform.io'))) {
      throw new Error(`NOXUS_TF_PLUGIN_MIRROR=${setting} holds no registry.terraform.io folder: point it at the folder that holds registry.terraform.io/<namespace>/<type>/<version>/.`);
    }
    return { mirror: setting, direct: false, description: `filesystem mirror ${setting} (NOXUS_TF_PLUGIN_MIRROR)` };
  }
  const file = cliConfigPath(env);
  const config = fs.existsSync(file) ? parseCliConfig(fs.readFileSync(file, 'utf-8')) : undefined;
  if (config?.mirror) return { mirror: config.mirror, direct: config.direct, description: `filesystem mirror ${config.mirror} (CLI config ${file})`, cliConfigFile: file };
  if (config?.providerInstallation) return { direct: config.direct, description: `the provider_installation of CLI config ${file}`, cliConfigFile: file };
  const implied = impliedMirrors(env).find(d => fs.existsSync(path.join(d, 'registry.terraform.io')));
  if (implied) return { mirror: implied, direct: true, description: `implied local mirror ${implied}, else registry.terraform.io`, cliConfigFile: config ? file : undefined };
  return { direct: true, description: 'registry.terraform.io (no filesystem mirror configured)', cliConfigFile: config ? file : undefined };
}

/** Terraform's name for this platform, as in a mirror's folders (linux_amd64). */
export function terraformPlatform(): string {
  const arch = ({ x64: 'amd64', arm64: 'arm64', ia32: '386', arm: 'arm' } as Record<string, string>)[process.arch] ?? process.arch;
  return `${process.platform}_${arch}`;
}

/** 'aws' -> 'registry.terraform.io/hashicorp/aws'; 'hashicorp/vault' and full addresses as given. */
export function providerAddress(source: string): string {
  const parts = source.toLowerCase().split('/');
  if (parts.length === 1) return `registry.terraform.io/hashicorp/${parts[0]}`;
  if (parts.length === 2) return `registry.terraform.io/${parts[0]}/${parts[1]}`;
  return parts.join('/');
}

/** The versions of a provider a filesystem mirror holds for this platform (unpacked folders or packed zips). */
export function mirrorVersions(mirror: string, address: string, platform = terraformPlatform()): string[] {
  const dir = path.join(mirror, ...address.split('/'));
  if (!fs.existsSync(dir)) return [];
  const type = address.split('/')[2];
  const versions = new Set<string>();
  for (const entry of fs.readdirSync(dir)) {
    if (fs.existsSync(path.join(dir, entry, platform))) versions.add(entry);
    const packed = new RegExp(`^terraform-provider-${type}_(.+)_${platform}\\.zip$`).exec(entry);
    if (packed) versions.add(packed[1]);
  }
  return [...versions].sort(compareVersions);
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/).map(x => (/^\d+$/.test(x) ? Number(x) : x));
  const pb = b.split(/[.-]/).map(x => (/^\d+$/.test(x) ? Number(x) : x));
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const [x, y] = [pa[i] ?? 0, pb[i] ?? 0];
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return 0;
}

/** Whether a version meets a Terraform version constraint ("6.25.0", ">= 5.0, < 7.0", "~> 5.100"). */
export function satisfies(version: string, constraint: string | undefined): boolean {
  if (!constraint || !constraint.trim()) return true;
  return constraint.split(',').map(c => c.trim()).filter(Boolean).every(c => {
    const m = /^(=|!=|>=|<=|>|<|~>)?\s*v?([0-9][0-9A-Za-z.-]*)$/.exec(c);
    if (!m) return false;
    const [op, want] = [m[1] ?? '=', m[2]];
    const cmp = compareVersions(version, want);
    switch (op) {
      case '=': return cmp === 0;
      case '!=': return cmp !== 0;
      case '>=': return cmp >= 0;
      case '<=': return cmp <= 0;
      case '>': return cmp > 0;
      case '<': return cmp < 0;
      default: {
        // ~> 5.100 allows 5.x >= 5.100; ~> 5.100.0 allows 5.100.x.
        const parts = want.split('.');
        const prefix = parts.slice(0, Math.max(1, parts.length - 1)).join('.');
        return cmp >= 0 && (version === prefix || version.startsWith(`${prefix}.`));
      }
    }
  });
}

/** The text of a CLI config that installs every registry.terraform.io provider from `mirror` only. */
export function mirrorCliConfig(mirror: string, pluginCacheDir: string): string {
  return [
    'provider_installation {',
    `  filesystem_mirror {\n    path    = ${JSON.stringify(mirror)}\n    include = ["registry.terraform.io/*/*"]\n  }`,
    '  direct {\n    exclude = ["registry.terraform.io/*/*"]\n  }',
    '}',
    `plugin_cache_dir = ${JSON.stringify(pluginCacheDir)}`,
    '',
  ].join('\n');
}
