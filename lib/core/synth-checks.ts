import type { IConstruct } from 'constructs';
import { NoxusSecretsError } from './errors';

const CHECKS = Symbol.for('noxus-secrets-cdk.synth-checks');

interface Checked extends IConstruct {
  [CHECKS]?: { checks: (() => string[])[]; firstChecksAll: boolean };
}

/** Options of checkOnSynth. */
export interface SynthCheckOptions {
  /**
   * The first construct of the app with such checks runs those of every one: cdktf writes each
   * stack as soon as it is validated, so a problem in a later stack must stop the first one.
   * @default false - each construct runs its own checks (cdk8s validates the whole app before writing)
   */
  readonly firstChecksAll?: boolean;
}

/**
 * Runs `check` when the app synthesizes (a `node.addValidation` of `construct`) and throws what it
 * finds as the library's error. cdk8s and cdktf gather the messages validations *return* into a
 * plain `Error` ("Validation failed with the following errors"), which a caller catching
 * NoxusSecretsError would miss, and throw what a validation *throws* as it is. So that one synth
 * still shows every problem the library finds, the error lists those of every construct of the
 * app with checks, each with its path. Validations of other libraries after the throw do not run.
 * @internal
 */
export function checkOnSynth(construct: IConstruct, check: () => string[], options: SynthCheckOptions = {}): void {
  const c = construct as Checked;
  if (c[CHECKS] === undefined) {
    Object.defineProperty(c, CHECKS, { value: { checks: [], firstChecksAll: false }, enumerable: false });
    construct.node.addValidation({ validate: () => throwProblems(c) });
  }
  c[CHECKS]!.checks.push(check);
  if (options.firstChecksAll) c[CHECKS]!.firstChecksAll = true;
}

function isChecked(c: IConstruct): c is Checked {
  return (c as Checked)[CHECKS] !== undefined;
}

interface Problem { readonly path: string; readonly message: string }

function problemsOf(c: Checked): Problem[] {
  return c[CHECKS]!.checks.flatMap(check => check()).map(message => ({ path: c.node.path, message }));
}

function throwProblems(c: Checked): string[] {
  const own = problemsOf(c);
  // Without problems of its own, only the first checked construct of a firstChecksAll app looks further:
  // the others return before walking the whole tree (tens of thousands of constructs at 1,000 pools).
  if (own.length === 0 && !c[CHECKS]!.firstChecksAll) return [];
  const checked = c.node.root.node.findAll().filter(isChecked);
  if (own.length === 0 && checked[0] !== c) return [];
  // Every construct's problems, this one's first; each once, though two constructs may see one problem.
  const seen = new Set<string>();
  const every = [...own, ...checked.filter(o => o !== c).flatMap(problemsOf)].filter(p => !seen.has(p.message) && seen.add(p.message));
  if (every.length === 0) return [];
  if (every.length === 1) throw NoxusSecretsError.at(every[0].path, every[0].message);
  throw new NoxusSecretsError(`The synth stopped on ${every.length} problems:\n  ${every.map(p => `[${p.path}] ${p.message}`).join('\n  ')}`);
}
