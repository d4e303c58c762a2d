import { DefaultTokenResolver, Fn, StringConcat, Token, Tokenization } from './flavour/core';
import { IConstruct } from 'constructs';
import { useReferenceCheck } from '../core';

// What a user may fill from another resource is a Terraform reference of any kind cdktf encodes: a
// string, a list or a number. Each is told from a literal by the flavour's own Token.isUnresolved
// (cdktf, or cdktn where this module is built for it); only literals are checked.

/** Whether an element of a list is a whole list reference, as spreading `variable.listValue` into a list leaves it. */
export function isListReference(element: unknown): boolean {
  return typeof element === 'string' && Token.isUnresolved([element]);
}

/**
 * Whether `value` is a Terraform reference: a string (or text with one inside), a list
 * (`variable.listValue`, or one of its elements), a number (`variable.numberValue`).
 */
export function isReference(value: unknown): boolean {
  return value !== undefined && value !== null && (Token.isUnresolved(value) || isListReference(value));
}

// Core's checks (lib/core/references.ts) ask this flavour's check: loading the Terraform layer puts it there.
useReferenceCheck(isReference);

const RESOLVER = new DefaultTokenResolver(new StringConcat());

/** A value with its references resolved as the stack of `scope` writes them (Terraform expressions), by the flavour's public API. */
export function resolved<T>(scope: IConstruct, value: T): T {
  return Tokenization.resolve(value, { scope, resolver: RESOLVER });
}

/**
 * A string split into its literal text and the references inside it, in order: each reference as
 * the flavour writes it into text (`Token.asString` of the reference the flavour finds there).
 */
function textParts(value: string): { text: string; reference: boolean }[] {
  if (!Token.isUnresolved(value)) return [{ text: value, reference: false }];
  const tokens = [...new Set(Tokenization.reverseString(value).tokens.map(t => Token.asString(t)))];
  const pattern = new RegExp(`(${tokens.map(t => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`);
  return value.split(pattern).filter(p => p !== '').map(p => ({ text: p, reference: tokens.includes(p) }));
}

function hasListReference(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(v => isListReference(v) || hasListReference(v));
  if (value !== null && typeof value === 'object') return Object.values(value).some(hasListReference);
  return false;
}

/**
 * Text inside a Terraform function call: cdktf writes a string that mixes text and references there
 * as a nested `${${...}}` (it warns, "escape sequences ... not supported"), so such a string becomes
 * `join("", [text, reference, ...])`, each reference an argument of its own.
 */
function inFunction(text: string): unknown {
  const parts = textParts(text).map(p => p.text);
  return parts.length <= 1 ? text : Fn.join('', parts);
}

/** The value with each list that holds list references written as Terraform's concat of its parts. */
function concatenated(value: unknown): unknown {
  if (typeof value === 'string') return inFunction(value);
  if (Array.isArray(value)) {
    if (!value.some(isListReference)) return value.map(concatenated);
    const literals = value.filter(v => !isListReference(v)).map(concatenated);
    return Fn.concat([literals, ...value.filter(isListReference).map(v => [v])]);
  }
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, concatenated(v)]));
  return value;
}

/**
 * A JSON document (an IAM or key policy) as Terraform reads it: JSON text where every reference in
 * it is a string (each becomes an interpolation in the text), else Terraform's `jsonencode` of it, so
 * that a list reference becomes the list's elements and not one string.
 */
export function jsonOf(doc: unknown): string {
  return hasListReference(doc) ? Fn.jsonencode(concatenated(doc)) : JSON.stringify(doc);
}

/**
 * Text as Terraform reads it literally: Terraform evaluates `${...}` and `%{...}` in every JSON
 * string, so each is doubled (`$${`, `%%{`). A reference inside the text stays as it is: it is the
 * library's own (or the user's) and becomes a Terraform expression on synth.
 */
export function terraformText(value: string): string {
  return textParts(value).map(p => (p.reference ? p.text : p.text.replace(/([$%])\{/g, '$1$1{'))).join('');
}

/** Every value of a string map through `terraformText`, keys included. */
export function terraformTextMap(map: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(map).map(([k, v]) => [terraformText(k), terraformText(v)]));
}

/** What Terraform makes of a JSON string written by `terraformText`: the inverse, for tests and checks. */
export function terraformUnescape(value: string): string {
  return value.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
}
