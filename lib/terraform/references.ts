import { Fn, Token } from 'cdktf';
import { isUnresolvedToken } from '../core';

// What a user may fill from another resource is a Terraform reference of any kind cdktf encodes: a
// string, a list or a number. Each is told from a literal by the flavour's own Token.isUnresolved
// (cdktf, or cdktn where this module is built for it); only literals are checked.

/** Whether `value` is a Terraform reference: a string, a list (`variable.listValue`) or a number (`variable.numberValue`). */
export function isReference(value: unknown): boolean {
  // A string is a reference where it holds what cdktf encodes, not text that merely looks like it.
  if (typeof value === 'string') return isUnresolvedToken(value);
  return value !== undefined && value !== null && Token.isUnresolved(value);
}

/** Whether an element of a list is a whole list reference, as spreading `variable.listValue` into a list leaves it. */
export function isListReference(element: unknown): boolean {
  return typeof element === 'string' && Token.isUnresolved([element]);
}

function hasListReference(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(v => isListReference(v) || hasListReference(v));
  if (value !== null && typeof value === 'object') return Object.values(value).some(hasListReference);
  return false;
}

// A string reference as cdktf writes it into text: `${TfToken[TOKEN.<n>]}`.
const STRING_TOKEN = /(\$\{TfToken\[TOKEN\.\d+\]\})/;

/**
 * Text inside a Terraform function call: cdktf writes a string that mixes text and references there
 * as a nested `${${...}}` (it warns, "escape sequences ... not supported"), so such a string becomes
 * `join("", [text, reference, ...])`, each reference an argument of its own.
 */
function inFunction(text: string): unknown {
  if (!STRING_TOKEN.test(text)) return text;
  const parts = text.split(STRING_TOKEN).filter(p => p !== '');
  return parts.length === 1 ? parts[0] : Fn.join('', parts);
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
