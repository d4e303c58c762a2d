// Core tells a reference (a value Terraform knows only at apply: another resource's ARN, a
// variable's list or number) from a literal, without knowing how a flavour of cdktf encodes one:
// it asks the check that the Terraform layer (lib/terraform/references.ts) puts here when it loads,
// which is that flavour's own `Token.isUnresolved`. Core never imports cdktf.
//
// The check is kept on the global object under a registered symbol, so that every copy of this
// library in a process (the cdktf and the cdktn entry, or two installed versions) finds the same
// one. It is a pure function of the code loaded, holds no state and writes nothing: cdktf and cdktn
// share one token map (theirs is a process global too, `global.__cdktfTokenMap`) and one encoding,
// so whichever flavour puts it, every copy gets the same answers.

/** A flavour's test of whether a value is an unresolved reference (string, list or number). */
export type ReferenceCheck = (value: unknown) => boolean;

const CHECK = Symbol.for('noxus-secrets-cdk.reference-check');

type Holder = { [CHECK]?: ReferenceCheck };

/**
 * Whether a value is a Terraform reference of any kind (a string, a list or a number that the
 * flavour of cdktf in use has encoded): checks skip it, and what is derived from it is derived in
 * Terraform. Without the Terraform layer loaded no value is one: no reference can reach core
 * then except from an app that makes references before it loads any Terraform entry of this
 * library (import the entry first, as every example does).
 */
export function isUnresolvedToken(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  const check = (globalThis as Holder)[CHECK];
  return check !== undefined && check(value);
}

/**
 * Puts the flavour's reference check where core finds it; the Terraform layer calls it once,
 * when it loads. A later call (another copy, the other flavour) replaces it with an equal check.
 * @internal
 */
export function useReferenceCheck(check: ReferenceCheck): void {
  (globalThis as Holder)[CHECK] = check;
}
