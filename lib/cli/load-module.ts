import * as fs from 'fs';
import * as path from 'path';
import { NoxusSecretsError } from '../core';

/**
 * Loads the user's module named by `--<option>` (default `noxus.<option>.js`, then `.ts`, in the
 * current directory) and returns its export `name` (or its default export), if `accept` takes it.
 * A `.ts` module is loaded through tsx, from the module's project, the current directory or beside this CLI.
 */
export function loadExport<T>(option: string, given: string | undefined, cwd: string, name: string, kind: string, example: string, accept: (v: unknown) => boolean): T {
  const candidates = given !== undefined ? [given] : [`noxus.${option}.js`, `noxus.${option}.ts`];
  const file = candidates.map(c => path.resolve(cwd, c)).find(c => fs.existsSync(c));
  if (!file) {
    throw new NoxusSecretsError(given !== undefined
      ? `--${option} ${given} does not exist.`
      : `no --${option} given and neither noxus.${option}.js nor noxus.${option}.ts is in the current directory. Pass --${option} <module>.`);
  }
  if (file.endsWith('.ts')) {
    let tsx: string | undefined;
    for (const from of [path.dirname(file), cwd, __dirname]) {
      try {
        tsx = require.resolve('tsx/cjs', { paths: [from] });
        break;
      } catch {
        // try the next place
      }
    }
    if (tsx === undefined) {
      throw new NoxusSecretsError(`${file} is TypeScript and tsx is not installed. Install tsx (npm i -D tsx) or pass a compiled .js module.`);
    }
    require(tsx);
  }
  loadReferenceCheck();
  const mod = require(file);
  const value = mod[name] ?? mod.default;
  if (!accept(value)) {
    throw new NoxusSecretsError(`${file} exports no \`${name}\` (a ${kind}). Add: ${example}.`);
  }
  return value as T;
}

/**
 * Loads the Terraform layer's reference check (lib/terraform/references.ts) of whichever flavour is
 * installed, cdktf or cdktn, before the user's module: a contract that holds references is then
 * checked as in the app that deploys it, and the commands refuse to name a reference. Without
 * either, no module can make a reference, and none is needed.
 */
function loadReferenceCheck(): void {
  for (const flavour of ['../terraform/references', '../cdktn/references']) {
    try {
      require(flavour);
      return;
    } catch (e) {
      if ((e as { code?: string }).code !== 'MODULE_NOT_FOUND') throw e;
    }
  }
}
