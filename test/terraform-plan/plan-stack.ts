import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ProviderSource, compareVersions, mirrorVersions, providerAddress, satisfies } from './terraform-env';

/** Terraform merges `*_override.tf.json` into the configuration: the run's own settings, beside the stack's cdk.tf.json. */
export const OVERRIDE_FILE = 'zz_noxus_plan_override.tf.json';

/** Provider settings that let `plan -refresh=false` run without an account: no credential, metadata or region look-up. */
const OFFLINE_PROVIDER: Record<string, Record<string, unknown>> = {
  'registry.terraform.io/hashicorp/aws': {
    access_key: 'noxus-plan-offline', secret_key: 'noxus-plan-offline',
    skip_credentials_validation: true, skip_requesting_account_id: true, skip_metadata_api_check: true, skip_region_validation: true,
  },
};

/** Values that stand in for another stack's outputs (terraform_remote_state), by the type of the resource that makes them. */
const STAND_IN: Record<string, string> = {
  aws_kms_key: 'arn:aws:kms:eu-west-1:123456789012:key/00000000-0000-0000-0000-000000000000',
  aws_iam_role: 'arn:aws:iam::123456789012:role/noxus-plan-stand-in',
};

export interface ProviderUse {
  readonly name: string;
  readonly address: string;
  readonly pinned?: string;
  /** The version this run uses, where it is not the pinned one. */
  readonly relaxedTo?: string;
  /** Why the provider cannot be installed here. */
  readonly missing?: string;
}

/** What one stack needs, and the override file that lets it plan here. */
export interface StackPlanSetup {
  readonly providers: ProviderUse[];
  /** Why the stack cannot be validated here at all (a provider is missing). */
  readonly skip?: string;
  /** Why it can be validated, but not planned offline (a provider with no offline settings). */
  readonly noPlan?: string;
  readonly override: any;
  /** Lines for the run's log: relaxed versions, stand-in values. */
  readonly notes: string[];
}

/**
 * The override of one stack: the offline settings on every provider block (each alias too), the
 * provider version this machine has where the pinned one is not, a local backend in `dir`, and
 * stand-ins for other stacks' outputs (`stacks`: every stack of the run, by name, to find what
 * makes them).
 */
export function planSetup(stack: any, dir: string, source: ProviderSource, stacks: Record<string, any> = {}): StackPlanSetup {
  const notes: string[] = [];
  const required: Record<string, any> = stack.terraform?.required_providers ?? {};
  const providers: ProviderUse[] = Object.entries(required).map(([name, req]) => {
    const address = providerAddress(req.source ?? name);
    const pinned: string | undefined = req.version;
    const versions = source.mirror ? mirrorVersions(source.mirror, address) : [];
    if (versions.length === 0) {
      if (source.mirror && !source.direct) return { name, address, pinned, missing: `not in the filesystem mirror ${source.mirror}` };
      return { name, address, pinned };
    }
    if (versions.some(v => satisfies(v, pinned))) return { name, address, pinned };
    const relaxedTo = versions.sort(compareVersions)[versions.length - 1];
    notes.push(`${address}: pinned ${pinned}, this run uses ${relaxedTo} (the only version(s) here: ${versions.join(', ')})`);
    return { name, address, pinned, relaxedTo };
  });
  const missing = providers.filter(p => p.missing);
  const skip = missing.length ? `needs ${missing.map(p => `${p.address} ${p.pinned ?? ''}`.trim()).join(', ')}, ${[...new Set(missing.map(p => p.missing))].join('; ')}` : undefined;
  const noOffline = providers.filter(p => !OFFLINE_PROVIDER[p.address]);
  const noPlan = noOffline.length ? `no offline settings for ${noOffline.map(p => p.address).join(', ')} (plan would need its credentials or API)` : undefined;

  const relaxed = providers.filter(p => p.relaxedTo);
  const providerOverride: Record<string, any[]> = {};
  for (const [name, blocks] of Object.entries<any>(stack.provider ?? {})) {
    const p = providers.find(x => x.name === name);
    const offline = p && OFFLINE_PROVIDER[p.address];
    if (!offline) continue;
    providerOverride[name] = (Array.isArray(blocks) ? blocks : [blocks]).map(b => ({ ...(b.alias ? { alias: b.alias } : {}), ...offline }));
  }

  const remote: Record<string, any> = {};
  const text = JSON.stringify(stack);
  for (const [name, ds] of Object.entries<any>(stack.data?.terraform_remote_state ?? {})) {
    const outputs = [...new Set([...text.matchAll(new RegExp(`data\\.terraform_remote_state\\.${escape(name)}\\.outputs\\.([A-Za-z0-9_-]+)`, 'g'))].map(m => m[1]))];
    // cdktf names the other stack's state file terraform.<stack>.tfstate.
    const from = /terraform\.(.+)\.tfstate$/.exec(ds.config?.path ?? '')?.[1];
    const producer = Object.entries(stacks).find(([n, s]) => (n === from || n.endsWith(`/${from}`)) && outputs.every(o => s.output?.[o]));
    const defaults: Record<string, string> = {};
    for (const o of outputs) {
      const type = /^\$\{([a-z0-9_]+)\./.exec(producer?.[1].output?.[o]?.value ?? '')?.[1];
      defaults[o] = STAND_IN[type ?? ''] ?? `noxus-plan-stand-in-${o}`;
      notes.push(`cross-stack input ${o}${producer ? ` from ${producer[0]}` : ''}: planned with the stand-in ${defaults[o]} (that stack is planned, not applied)`);
    }
    // An empty state of our own (planStack writes it): the outputs are the defaults, and nothing of the checkout's is read.
    remote[name] = { ...(ds.backend === 'local' ? { config: { path: path.join(dir, remoteStateFile(name)) } } : {}), defaults };
  }

  const override: any = {
    terraform: {
      backend: { local: { path: path.join(dir, 'terraform.tfstate') } },
      ...(relaxed.length ? { required_providers: Object.fromEntries(relaxed.map(p => [p.name, { source: required[p.name].source ?? p.name, version: p.relaxedTo }])) } : {}),
    },
    ...(Object.keys(providerOverride).length ? { provider: providerOverride } : {}),
    ...(Object.keys(remote).length ? { data: { terraform_remote_state: remote } } : {}),
  };
  return { providers, skip, noPlan, override, notes };
}

/** The empty state file that stands in for another stack's state (terraform_remote_state `name`). */
export function remoteStateFile(name: string): string {
  return `remote-state-${name.replace(/[^A-Za-z0-9_.-]+/g, '_')}.tfstate`;
}

const EMPTY_STATE = { version: 4, terraform_version: '1.11.0', serial: 1, lineage: 'noxus-terraform-plan', outputs: {}, resources: [], check_results: null };

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface StepResult {
  readonly step: string;
  readonly code: number | null;
  readonly output: string;
}

export interface StackRun {
  readonly steps: StepResult[];
  /** The step that failed, if one did. */
  readonly failed?: StepResult;
  /** `terraform show -json` of the plan, when the plan succeeded. */
  readonly plan?: any;
}

function run(terraform: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<StepResult & { stdout: string }> {
  return new Promise(resolve => {
    const child = spawn(terraform, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const stdout: Buffer[] = [];
    child.stdout.on('data', d => { out.push(d); stdout.push(d); });
    child.stderr.on('data', d => out.push(d));
    const step = `terraform ${args.filter(a => a !== '-no-color').join(' ')}`;
    child.on('error', e => resolve({ step, code: -1, output: String(e), stdout: '' }));
    child.on('close', code => resolve({ step, code, output: Buffer.concat(out).toString('utf-8'), stdout: Buffer.concat(stdout).toString('utf-8') }));
  });
}

/**
 * Terraform's plugin cache is written by init and read through links by validate, plan and show: a
 * reader-writer lock over it. An init runs alone (two at once failed with "failed to create directory
 * ... file exists"; an init beside another stack's validate left it "no package ... cached in
 * .terraform/providers"); validate, plan and show of different stacks run side by side.
 */
class CacheLock {
  private readers = 0;
  private writing = false;
  private readonly waiting: { write: boolean; start: () => void }[] = [];

  public exclusive<T>(job: () => Promise<T>): Promise<T> {
    return this.enter(true, job);
  }

  public shared<T>(job: () => Promise<T>): Promise<T> {
    return this.enter(false, job);
  }

  private enter<T>(write: boolean, job: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        if (write) this.writing = true; else this.readers++;
        job().then(resolve, reject).finally(() => {
          if (write) this.writing = false; else this.readers--;
          this.next();
        });
      };
      this.waiting.push({ write, start });
      this.next();
    });
  }

  /** Starts what may start now, in order: a writer waits for every reader before it, and readers behind a waiting writer wait for it. */
  private next(): void {
    while (this.waiting.length > 0 && !this.writing) {
      const head = this.waiting[0];
      if (head.write && this.readers > 0) return;
      this.waiting.shift();
      head.start();
      if (head.write) return;
    }
  }
}

const cache = new CacheLock();

/**
 * Copies a stack into `dir` with its override, then init, validate and (unless `validateOnly`)
 * plan -refresh=false and show -json. Stops at the first step that fails.
 */
export async function planStack(terraform: string, stack: any, setup: StackPlanSetup, dir: string, env: NodeJS.ProcessEnv, validateOnly = false): Promise<StackRun> {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(stack, null, 2));
  fs.writeFileSync(path.join(dir, OVERRIDE_FILE), JSON.stringify(setup.override, null, 2));
  for (const name of Object.keys(stack.data?.terraform_remote_state ?? {})) fs.writeFileSync(path.join(dir, remoteStateFile(name)), JSON.stringify(EMPTY_STATE));
  const steps: StepResult[] = [];
  const commands = [
    ['init', '-input=false', '-no-color', '-backend=true'],
    ['validate', '-no-color'],
    ...(validateOnly ? [] : [['plan', '-refresh=false', '-input=false', '-lock=false', '-no-color', '-out=plan.bin']]),
  ];
  for (const args of commands) {
    const step = () => run(terraform, args, dir, env);
    const { stdout: _, ...r } = args[0] === 'init' ? await cache.exclusive(step) : await cache.shared(step);
    steps.push(r);
    if (r.code !== 0) return { steps, failed: r };
  }
  if (validateOnly) return { steps };
  const { stdout, ...show } = await cache.shared(() => run(terraform, ['show', '-json', '-no-color', 'plan.bin'], dir, env));
  const result = { ...show, output: show.code === 0 ? '(plan JSON)' : show.output };
  steps.push(result);
  if (show.code !== 0) return { steps, failed: result };
  return { steps, plan: JSON.parse(stdout) };
}

/** Runs `jobs` with at most `limit` at a time, in order. */
export async function inParallel<T>(jobs: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return results;
}
