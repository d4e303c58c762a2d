#!/usr/bin/env node
import * as fs from 'fs';
import * as path from 'path';
import { NoxusSecretsError, SecretsBlueprint } from '../core';
import { checkSecretRefs } from '../refs';
import { loadExport } from './load-module';
import { CliIo, VALUES_HELP, valuesCommand } from './values-command';

const processIo: CliIo = { env: process.env, readStdin: () => fs.readFileSync(0, 'utf-8') };

const HELP = `Usage: noxus-secrets check-refs <file.json>... --pool <name> [--blueprint <module>]

Lists every {{secret.NAME}} in exported flow or agent definitions (JSON) that the
workers of a pool cannot resolve, because NAME is not in their environment
(global, worker-only and the pool's own secrets), and where it occurs.

Options:
  --pool <name>         the worker pool that runs the flows (required)
  --blueprint <module>  a .js (or, with tsx installed, .ts) module exporting
                        \`blueprint\` (a SecretsBlueprint)
                        default: ./noxus.blueprint.js, then ./noxus.blueprint.ts
  -h, --help            this text

Exit codes: 0 all resolve, 1 something does not, 2 usage or input error.

${VALUES_HELP}`;

/** Runs the CLI; returns the exit code. Output goes through the given writers. */
export function main(argv: string[], out: (s: string) => void, err: (s: string) => void, cwd = process.cwd(), io: CliIo = processIo): number {
  if (argv[0] === 'values' && (argv.includes('-h') || argv.includes('--help'))) {
    out(VALUES_HELP);
    return 0;
  }
  if (argv.length === 0 || argv.includes('-h') || argv.includes('--help')) {
    out(HELP);
    return argv.length === 0 ? 2 : 0;
  }
  const [command, ...rest] = argv;
  if (command === 'values') return valuesCommand(rest, out, err, cwd, io);
  if (command !== 'check-refs') {
    err(`noxus-secrets: unknown command ${JSON.stringify(command)}. Run noxus-secrets --help.`);
    return 2;
  }
  const files: string[] = [];
  let pool: string | undefined;
  let blueprintPath: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '--pool' || a === '--blueprint') {
      const value = rest[++i];
      if (value === undefined || value.startsWith('--')) {
        err(`noxus-secrets: ${a} needs a value. Run noxus-secrets --help.`);
        return 2;
      }
      if (a === '--pool') pool = value; else blueprintPath = value;
    } else if (a.startsWith('--')) {
      err(`noxus-secrets: unknown option ${a}. Run noxus-secrets --help.`);
      return 2;
    } else {
      files.push(a);
    }
  }
  if (pool === undefined) {
    err('noxus-secrets: --pool is required (the pool whose workers run these flows). Run noxus-secrets --help.');
    return 2;
  }
  if (files.length === 0) {
    err('noxus-secrets: no files given. Pass the exported flow or agent JSON files.');
    return 2;
  }
  try {
    const blueprint = loadBlueprint(blueprintPath, cwd);
    const documents = files.map(file => {
      let text: string;
      try {
        text = fs.readFileSync(path.resolve(cwd, file), 'utf-8');
      } catch (e) {
        throw new NoxusSecretsError(`${file} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`);
      }
      try {
        return { file, document: JSON.parse(text) as unknown };
      } catch (e) {
        throw new NoxusSecretsError(`${file} is not JSON (${(e as Error).message}). Pass exported flow or agent definitions.`);
      }
    });
    const result = checkSecretRefs(blueprint, pool, documents);
    for (const r of result.unresolved) {
      out(`${r.file}: ${r.jsonPath}: {{secret.${r.name}}} is not in the environment of pool ${JSON.stringify(pool)}`);
    }
    const names = new Set(result.unresolved.map(r => r.name));
    out(result.unresolved.length === 0
      ? `OK: all ${result.refs.length} reference(s) in ${files.length} file(s) resolve in pool ${JSON.stringify(pool)}.`
      : `${result.unresolved.length} of ${result.refs.length} reference(s) unresolved in pool ${JSON.stringify(pool)} (${[...names].sort().join(', ')}). ` +
        'Add the secrets to the pool, workerOnly or global in the blueprint, or run the flows in another pool.');
    return result.unresolved.length === 0 ? 0 : 1;
  } catch (e) {
    err(`noxus-secrets: ${(e as Error).message}`);
    return 2;
  }
}

function loadBlueprint(given: string | undefined, cwd: string): SecretsBlueprint {
  return loadExport<SecretsBlueprint>('blueprint', given, cwd, 'blueprint', 'SecretsBlueprint', 'export const blueprint = new SecretsBlueprint({...})',
    b => b instanceof SecretsBlueprint || (!!b && Array.isArray((b as SecretsBlueprint).pools) && typeof (b as SecretsBlueprint).environmentOf === 'function'));
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2), s => process.stdout.write(`${s}\n`), s => process.stderr.write(`${s}\n`));
}
