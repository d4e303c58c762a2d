import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { NoxusSecretsError, RemoteKeyEntry, SecretsContract, ValueOrigin, addressOf } from '../core';
import { nearest } from '../core/near-match';
import { Argv, BackendCommands, KeyState, backendCommands, shellLine } from './backend-commands';
import { parseEnvFile } from './env-file';
import { loadExport } from './load-module';

/** What the CLI reads besides its arguments: the environment its cloud CLIs run in, and standard input. */
export interface CliIo {
  /** The environment of the cloud CLI calls (PATH finds them). */
  readonly env: NodeJS.ProcessEnv;
  /** Standard input, read once, for `--from -`. */
  readStdin(): string;
}

export const VALUES_HELP = `Usage: noxus-secrets values [--contract <module>] [--only <address>] [--kms-key-id <id>]
       noxus-secrets values --from <file.env|-> [--dry-run] [--contract <module>] [--only <address>]
       noxus-secrets values --check [--print] [--contract <module>] [--only <address>]

Prints, for every remote key of the contract (in its order), the command that sets
it on its backend, reading the value from standard input: the value is never in a
command line, the process list, the shell history or a file the CLI writes. Values
that ESO composes or generates, and those Terraform writes, are listed as such.

  --from <file>         set the values a local env file gives (NAME=value lines, the VM
                        env files' grammar; mode 0600 or narrower), or '-' for standard
                        input: each command runs with its value on its standard input
  --dry-run             with --from: print what would run, run nothing
  --check               list the remote keys that have no value yet, reading the backend
                        (metadata only) where its CLI is installed and has credentials;
                        otherwise print the commands that check
  --print               with --check: print the commands, read nothing
  --only <address>      only 'platform', 'workers', 'pools/<pool>', or one address
  --contract <module>   a .js (or, with tsx installed, .ts) module exporting \`contract\`
                        (a SecretsContract), e.g. examples/aws/platform.ts
                        default: ./noxus.contract.js, then ./noxus.contract.ts
  --kms-key-id <id>     Parameter Store: the key of new parameters
                        default: alias/<prefix>-secrets, the key NoxusAwsSecrets creates

Exit codes: 0 done (--check: every required key has a value); 1 --from: a command
failed, --check: a required key has no value; 2 usage or input error, nothing run;
3 --check: the backend was not read (no CLI or credentials), the commands are printed.`;

type Row = RemoteKeyEntry & { origin: ValueOrigin; what: string; composedFrom: string[]; optional: boolean };

/** `noxus-secrets values ...`; returns the exit code. */
export function valuesCommand(args: string[], out: (s: string) => void, err: (s: string) => void, cwd: string, io: CliIo): number {
  const opts: Record<string, string | undefined> = {};
  const flags = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (['--contract', '--from', '--only', '--kms-key-id'].includes(a)) {
      const value = args[++i];
      if (value === undefined || (value.startsWith('--') && value !== '-')) {
        err(`noxus-secrets: ${a} needs a value. Run noxus-secrets values --help.`);
        return 2;
      }
      opts[a] = value;
    } else if (['--check', '--print', '--dry-run'].includes(a)) {
      flags.add(a);
    } else if (a.startsWith('-')) {
      err(`noxus-secrets: unknown option ${a}. Run noxus-secrets values --help.`);
      return 2;
    } else {
      err(`noxus-secrets: values takes no file argument (${JSON.stringify(a)}). Pass the env file as --from <file>.`);
      return 2;
    }
  }
  const usage = flags.has('--check') && opts['--from'] !== undefined
    ? '--check and --from cannot be used together: --check reads the backend, --from writes it. Run one, then the other.'
    : flags.has('--dry-run') && opts['--from'] === undefined
      ? '--dry-run needs --from (without --from, values only prints the commands).'
      : flags.has('--print') && !flags.has('--check')
        ? '--print needs --check (without --check, values only prints the commands).'
        : undefined;
  if (usage) {
    err(`noxus-secrets: ${usage}`);
    return 2;
  }
  let contract: SecretsContract;
  let cmds: BackendCommands;
  let all: Row[];
  let rows: Row[];
  try {
    contract = loadExport<SecretsContract>('contract', opts['--contract'], cwd, 'contract', 'SecretsContract', 'export const contract = new SecretsContract({...})',
      c => c instanceof SecretsContract || (!!c && Array.isArray((c as SecretsContract).stores) && typeof (c as SecretsContract).valueOf === 'function'));
    cmds = backendCommands(contract, { kmsKeyId: opts['--kms-key-id'] });
    all = rowsOf(contract);
    rows = select(all, opts['--only']);
  } catch (e) {
    err(`noxus-secrets: ${(e as Error).message}`);
    return 2;
  }
  if (opts['--from'] !== undefined) return setFromFile(opts['--from'], flags.has('--dry-run'), rows, all, cmds, out, err, cwd, io);
  if (flags.has('--check')) return check(rows, cmds, flags.has('--print'), out, io);
  printCommands(rows, cmds, out);
  return 0;
}

/** Every remote key of the scheme in its order (by address), with what sets its value. */
function rowsOf(contract: SecretsContract): Row[] {
  return contract.remoteKeyScheme.all().map(k => {
    const value = contract.valueOf(k.entry);
    const secret = k.entry.secret;
    const kind = [secret.optional ? 'optional' : 'required', ...(secret.highRisk ? ['high-risk'] : [])].join(', ');
    const unread = value.inBackend && !contract.stores.some(s => s.entries.some(e => addressOf(e) === k.address))
      ? '; no store reads it (every pool overrides it)' : '';
    return { ...k, origin: value.origin, what: `${k.address}: ${kind}${unread}`, composedFrom: Object.values(value.sources).map(s => s.label), optional: !!secret.optional };
  });
}

function select(rows: Row[], only: string | undefined): Row[] {
  if (only === undefined) return rows;
  const picked = rows.filter(r => r.address === only || r.address.startsWith(`${only.replace(/\/$/, '')}/`));
  if (picked.length === 0) {
    const folders = [...new Set(rows.map(r => r.address.split('/').slice(0, r.address.startsWith('pools/') ? 2 : 1).join('/')))];
    throw new NoxusSecretsError(`--only ${JSON.stringify(only)} matches no remote key of the contract (it has ${folders.join(', ')}). ` +
      "Use 'platform', 'workers', 'pools/<pool>' or one address such as 'platform/REDIS_PASSWORD'.");
  }
  return picked;
}

/** Why a row has nothing to set by hand, or undefined when it has. */
function nothingToSet(r: Row): string | undefined {
  switch (r.origin) {
    case ValueOrigin.FROM_SECRET_KEYS: return `composed by ESO in the cluster from ${r.composedFrom.join(', ')}: no remote key to set`;
    case ValueOrigin.GENERATED: return 'generated by ESO in the cluster: no remote key to set';
    case ValueOrigin.TERRAFORM: return `written by Terraform into ${r.key} (ValueSource.fromTerraform): nothing to set by hand`;
    default: return undefined;
  }
}

function printCommands(rows: Row[], cmds: BackendCommands, out: (s: string) => void): void {
  const lines = [
    `# The commands that set each remote key of ${cmds.label}, in the contract's order.`,
    '# Each reads the value from standard input to its end: type it and press Ctrl-D (twice after text',
    '# without a newline; a newline typed before Ctrl-D becomes part of the value), or pipe it in. The',
    '# value never appears in a command line, the process list or the shell history. To set them all',
    '# from a local env file instead (mode 0600): noxus-secrets values --from <file.env>',
    ...cmds.notes.map(n => `# ${n}`),
  ];
  let count = 0;
  const printed = new Set<string>();
  for (const r of rows) {
    const none = nothingToSet(r);
    if (none !== undefined) {
      lines.push('', `# ${r.what}; ${none}`);
    } else if (r.fields === undefined) {
      count++;
      lines.push('', `# ${r.what}`, shellLine(cmds.set(r.key)));
    } else if (!printed.has(r.key)) {
      // A scope's secret (RemoteKeyLayout.PER_STORE): one command for all its keys, whose value is a JSON object of them.
      printed.add(r.key);
      const scope = rows.filter(o => o.key === r.key && nothingToSet(o) === undefined);
      count += scope.length;
      lines.push('', `# ${r.key}: one secret for the keys of ${scopeOf(r)} (RemoteKeyLayout.PER_STORE). Its value is one JSON object of them all,`,
        `# e.g. {${scope.map(o => `"${o.entry.name}": "..."`).join(', ')}}: a write replaces every key of it.`,
        ...scope.map(o => `#   ${o.what}`), shellLine(cmds.set(r.key, { json: true })));
    }
  }
  const commands = lines.filter(l => l !== '' && !l.startsWith('#')).length;
  lines.push('', printed.size > 0
    ? `# ${commands} command(s) set ${count} key(s), a scope's keys in one (RemoteKeyLayout.PER_STORE); ${rows.length - count} with nothing to set by hand.`
    : `# ${count} remote key(s) to set; ${rows.length - count} with nothing to set by hand.`);
  out(lines.join('\n'));
}

/** The scope of an entry's address: 'platform', 'workers' or 'pools/<pool>'. */
const scopeOf = (r: RemoteKeyEntry) => r.address.slice(0, r.address.lastIndexOf('/'));

function setFromFile(from: string, dryRun: boolean, rows: Row[], all: Row[], cmds: BackendCommands,
  out: (s: string) => void, err: (s: string) => void, cwd: string, io: CliIo): number {
  const label = from === '-' ? 'standard input' : from;
  const plan: { row: Row; value: string; line: number }[] = [];
  try {
    let text: string;
    if (from === '-') {
      text = io.readStdin();
    } else {
      const file = path.resolve(cwd, from);
      let mode: number;
      try {
        mode = fs.statSync(file).mode & 0o777;
        text = fs.readFileSync(file, 'utf-8');
      } catch (e) {
        throw new NoxusSecretsError(`--from ${from} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`);
      }
      if ((mode & 0o077) !== 0) {
        throw new NoxusSecretsError(`--from ${from} has mode 0${mode.toString(8)}, which lets its group or others read it; ` +
          `a file of values must be 0600 or narrower (no group or other bits). Run chmod 600 ${from}.`);
      }
    }
    const names = [...new Set(all.map(r => r.entry.name))];
    for (const [name, { value, line }] of parseEnvFile(text, label)) {
      const at = `${label} line ${line}`;
      if (!names.includes(name)) {
        const near = nearest(name, names);
        throw new NoxusSecretsError(`${at}: ${name} is no secret of the contract's blueprint${near === undefined ? '' : ` (did you mean ${JSON.stringify(near)}?)`}. ` +
          'Fix the name or remove the line.');
      }
      const mine = rows.filter(r => r.entry.name === name);
      if (mine.length === 0) {
        throw new NoxusSecretsError(`${at}: ${name} has no remote key in the --only selection (its keys: ${all.filter(r => r.entry.name === name).map(r => r.address).join(', ')}). ` +
          'Remove the line, or widen --only.');
      }
      const settable = mine.filter(r => nothingToSet(r) === undefined);
      if (settable.length === 0) {
        throw new NoxusSecretsError(`${at}: ${name} is ${nothingToSet(mine[0])!.replace(/: .*$/, '')} (${mine.map(r => r.address).join(', ')}), so there is nothing to set. Remove the line.`);
      }
      if (settable.length > 1) {
        throw new NoxusSecretsError(`${at}: ${name} has ${settable.length} remote keys (${settable.map(r => r.address).join(', ')}), which may hold different values. ` +
          `Set each from its own file with --only (e.g. --only ${settable[0].address}).`);
      }
      const bytes = Buffer.byteLength(value, 'utf-8');
      if (cmds.maxBytes && bytes > cmds.maxBytes.bytes) {
        throw new NoxusSecretsError(`${at}: the value of ${name} is ${bytes} bytes, and ${cmds.maxBytes.what} takes at most ${cmds.maxBytes.bytes}. ` +
          'Shorten it, or keep it elsewhere and give the platform a reference to it.');
      }
      plan.push({ row: settable[0], value, line });
    }
    if (plan.length === 0) throw new NoxusSecretsError(`--from ${label} gives no value (no NAME=value line with a value). Fill in the values to set.`);
  } catch (e) {
    err(`noxus-secrets: ${(e as Error).message}`);
    return 2;
  }
  let writes: Write[];
  try {
    writes = writesOf(plan, all, label, cmds).sort((a, b) => rows.indexOf(a.rows[0]) - rows.indexOf(b.rows[0]));
  } catch (e) {
    err(`noxus-secrets: ${(e as Error).message}`);
    return 2;
  }
  const argvOf = (w: Write) => cmds.set(w.key, { bytes: Buffer.byteLength(w.value, 'utf-8'), overwrite: true, json: w.json });
  if (dryRun) {
    for (const w of writes) out(`would run: ${shellLine(argvOf(w))}  # ${w.address}, ${w.what} on its standard input`);
    return 0;
  }
  const who = run(cmds.whoami.argv, '', io);
  if (who.missing) {
    err(`noxus-secrets: ${cmds.program} is not installed (not on PATH), so no value was set. Install it, or run noxus-secrets values (without --from) and run the commands where it is.`);
    return 2;
  }
  if (!cmds.whoami.ok(who.code, who.stdout)) {
    err(`noxus-secrets: ${cmds.program} has no credentials here (${shellLine(cmds.whoami.argv)} failed${firstLine(who.stderr)}), so no value was set. Log in, then run again.`);
    return 2;
  }
  let failed = 0;
  for (const w of writes) {
    const argv = argvOf(w);
    const r = run(argv, w.value, io);
    if (r.code === 0) {
      out(`set ${w.key} (${w.address}) from ${w.from}`);
    } else {
      failed++;
      err(`noxus-secrets: ${w.key}: ${shellLine(argv)} exited ${r.code}${firstLine(redact(r.stderr, w.secrets), true)}`);
    }
  }
  const written = new Set(writes.flatMap(w => w.rows));
  const missing = rows.filter(r => nothingToSet(r) === undefined && !written.has(r));
  out(`${writes.length - failed} of ${writes.length} value(s) set${failed > 0 ? `, ${failed} failed` : ''}.` +
    (missing.length > 0 ? ` Not in ${label}: ${missing.map(r => r.address).join(', ')}.` : ''));
  return failed > 0 ? 1 : 0;
}

/** One call that sets one remote secret: a key's value, or (RemoteKeyLayout.PER_STORE) a scope's keys as one JSON object. */
interface Write {
  readonly key: string;
  readonly address: string;
  /** What reaches the call's standard input. */
  readonly value: string;
  /** The values in it, which never reach an error message. */
  readonly secrets: string[];
  readonly json: boolean;
  /** The rows it sets. */
  readonly rows: Row[];
  /** What it writes and from where, for `--dry-run`. */
  readonly what: string;
  /** Where its values come from, for the line that says it was set. */
  readonly from: string;
}

/**
 * The writes of a parsed env file. The keys of a scope's secret (RemoteKeyLayout.PER_STORE) go in one
 * write of a JSON object, which replaces the whole secret: every required key of the scope must be given,
 * or the write would remove the values it lacks.
 */
function writesOf(plan: { row: Row; value: string; line: number }[], all: Row[], label: string, cmds: BackendCommands): Write[] {
  const writes: Write[] = [];
  const scopes = new Map<string, { row: Row; value: string; line: number }[]>();
  for (const p of plan) {
    if (p.row.fields === undefined) {
      const from = `${label} line ${p.line}`;
      writes.push({ key: p.row.key, address: p.row.address, value: p.value, secrets: [p.value], json: false, rows: [p.row], what: `the value of ${p.row.entry.name} from ${from}`, from });
    } else {
      scopes.set(p.row.key, [...(scopes.get(p.row.key) ?? []), p]);
    }
  }
  for (const [key, given] of scopes) {
    const scope = scopeOf(given[0].row);
    const names = (rs: Row[]) => rs.map(r => r.entry.name).join(', ');
    const left = all.filter(r => r.key === key && nothingToSet(r) === undefined && !given.some(g => g.row.address === r.address));
    const required = left.filter(r => !r.optional);
    if (required.length > 0) {
      throw new NoxusSecretsError(`${label} gives ${names(given.map(g => g.row))} of ${scope}, whose keys share one secret, ${key} (RemoteKeyLayout.PER_STORE), ` +
        `and a write replaces all of them: it would remove the value of ${names(required)} (required). Give every key of ${scope} in ${label}, ` +
        'or give those keys secrets of their own with remoteKeys overrides.');
    }
    const sorted = [...given].sort((a, b) => (a.row.entry.name < b.row.entry.name ? -1 : 1));
    const value = JSON.stringify(Object.fromEntries(sorted.map(g => [g.row.entry.name, g.value])));
    const bytes = Buffer.byteLength(value, 'utf-8');
    if (cmds.maxBytes && bytes > cmds.maxBytes.bytes) {
      throw new NoxusSecretsError(`${label}: the keys of ${scope} (${names(sorted.map(g => g.row))}) are ${bytes} bytes as the JSON object of ${key} ` +
        `(RemoteKeyLayout.PER_STORE), and ${cmds.maxBytes.what} takes at most ${cmds.maxBytes.bytes}. Give the largest keys secrets of their own with ` +
        'remoteKeys overrides, or use RemoteKeyLayout.PER_KEY.');
    }
    const from = `${label} lines ${sorted.map(g => g.line).sort((a, b) => a - b).join(', ')}`;
    const unset = left.length > 0 ? `; ${names(left)} (optional) not given: unset after this write` : '';
    writes.push({
      key, address: scope, value, secrets: given.map(g => g.value), json: true, rows: given.map(g => g.row),
      what: `the keys ${names(sorted.map(g => g.row))} from ${from} as one JSON object${unset}`, from: `${from}${unset}`,
    });
  }
  return writes;
}

function check(selected: Row[], cmds: BackendCommands, printOnly: boolean, out: (s: string) => void, io: CliIo): number {
  // A scope's secret (RemoteKeyLayout.PER_STORE) is checked once for all its keys: its metadata says whether it
  // has a value, not which fields the value holds.
  const rows = oneRowPerSecret(selected);
  const keyed = rows.filter(r => r.origin === ValueOrigin.MANUAL || r.origin === ValueOrigin.TERRAFORM);
  let reason: string | undefined;
  if (!printOnly) {
    const who = run(cmds.whoami.argv, '', io);
    if (who.missing) reason = `${cmds.program} is not installed (not on PATH)`;
    else if (!cmds.whoami.ok(who.code, who.stdout)) reason = `${cmds.program} has no credentials here (${shellLine(cmds.whoami.argv)} failed${firstLine(who.stderr)})`;
  }
  if (printOnly || reason !== undefined) {
    const lines = [
      `# ${reason !== undefined ? `${reason}, so the backend was not read. ` : ''}The commands that check each remote key of ${cmds.label};`,
      `# each reads metadata only, never a value: ${cmds.checkHint}.`,
    ];
    for (const r of keyed) lines.push('', `# ${r.what}`, shellLine(cmds.check(r.key)));
    out(lines.join('\n'));
    return reason !== undefined ? 3 : 0;
  }
  const lines: string[] = [];
  let requiredMissing = 0;
  let optionalMissing = 0;
  let unknown = 0;
  for (const r of rows) {
    const none = nothingToSet(r);
    if (r.origin !== ValueOrigin.MANUAL && r.origin !== ValueOrigin.TERRAFORM) {
      lines.push(`-        ${r.address} (${none})`);
      continue;
    }
    const argv = cmds.check(r.key);
    const result = run(argv, '', io);
    const state = result.missing ? undefined : cmds.stateOf(result.code, result.stdout, result.stderr, r.key);
    if (state === KeyState.SET) {
      lines.push(`set      ${r.key} (${r.what})`);
    } else if (state === undefined) {
      unknown++;
      lines.push(`UNKNOWN  ${r.key} (${r.what}; ${shellLine(argv)} exited ${result.code}${firstLine(result.stderr)})`);
    } else {
      if (r.optional) optionalMissing++; else requiredMissing++;
      lines.push(`${state === KeyState.MISSING ? 'MISSING' : 'NOT SET'}  ${r.key} (${r.what}${state === KeyState.MISSING ? '; the secret does not exist: deploy the cloud side first' : ''})`);
    }
  }
  const missing = requiredMissing + optionalMissing;
  // A scope's secret is read for its metadata only, never its value: which of its keys it holds is not known here.
  const scopes = rows.some(r => r.fields !== undefined && nothingToSet(r) === undefined);
  if (scopes) {
    lines.push('A scope\'s secret (RemoteKeyLayout.PER_STORE) counts as set when it has a current version; its keys are not read (that would read ' +
      'the values). A required key missing from it fails its store\'s sync by name.');
  }
  const noun = scopes ? 'remote secret(s)' : 'remote key(s)';
  lines.push(missing === 0 && unknown === 0
    ? `OK: all ${keyed.length} ${noun} have a value.`
    : `${missing} of ${keyed.length} ${noun} have no value (${requiredMissing} required, ${optionalMissing} optional)` +
      `${unknown > 0 ? `, ${unknown} could not be read` : ''}.${missing > 0 ? ' Set them with noxus-secrets values --from <file.env>, or the commands noxus-secrets values prints.' : ''}`);
  out(lines.join('\n'));
  return requiredMissing > 0 ? 1 : unknown > 0 ? 3 : 0;
}

/** The rows with one per remote secret: the keys of a scope's secret (RemoteKeyLayout.PER_STORE) as one row, required where any of them is. */
function oneRowPerSecret(rows: Row[]): Row[] {
  const result: Row[] = [];
  const scopes = new Map<string, Row[]>();
  for (const r of rows) {
    if (r.fields === undefined || nothingToSet(r) !== undefined) {
      result.push(r);
    } else if (!scopes.has(r.key)) {
      scopes.set(r.key, [r]);
      result.push(r);
    } else {
      scopes.get(r.key)!.push(r);
    }
  }
  return result.map(r => {
    const scope = r.fields !== undefined ? scopes.get(r.key) : undefined;
    if (scope === undefined) return r;
    const optional = scope.every(o => o.optional);
    return {
      ...r, address: scopeOf(r), optional,
      what: `${scopeOf(r)}: one JSON object of ${scope.map(o => o.entry.name).join(', ')} (${optional ? 'optional' : 'required'})`,
    };
  });
}

function run(argv: Argv, input: string, io: CliIo): { code: number; stdout: string; stderr: string; missing: boolean } {
  // No shell: the arguments reach the program as they are, and the value only through the pipe on its standard input.
  const r = spawnSync(argv[0], argv.slice(1), { input, env: io.env, encoding: 'utf-8', shell: false, maxBuffer: 16 * 1024 * 1024 });
  const missing = (r.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
  return { code: r.status ?? 1, stdout: r.stdout ?? '', stderr: r.stderr ?? '', missing };
}

/** A cloud CLI may quote what it was given in an error: the value never reaches the output. */
function redact(text: string, values: string[]): string {
  let result = text;
  for (const value of values.filter(v => v.length > 0)) {
    for (const form of new Set([value, JSON.stringify(value).slice(1, -1), ...value.split('\n').filter(l => l.length >= 4)])) result = result.split(form).join('[value]');
  }
  return result;
}

function firstLine(stderr: string, all = false): string {
  const text = all ? stderr.trim().split('\n').slice(0, 3).join(' ') : stderr.trim().split('\n')[0];
  return text ? `: ${text.trim()}` : '';
}
