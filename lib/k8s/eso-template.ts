import { TemplateFunction, TemplatePart } from '../core';

/** Each of the library's template functions as ESO's template engine (v2: Go templates with Sprig) writes it. */
const ESO_FUNCTIONS: Record<TemplateFunction, string> = {
  urlquery: 'urlquery',
  // Percent-encoding for a URL's user or password: Go's urlquery writes a space as '+', which a
  // connection URL's userinfo reads as '+'; a literal '+' it already writes as %2B.
  urlUserinfo: 'urlquery | replace "+" "%20"',
  lower: 'lower',
  upper: 'upper',
  trim: 'trim',
  b64enc: 'b64enc',
  b64dec: 'b64dec',
};

/**
 * The ESO template text of parsed parts, each key read as the data key `keyOf(source, key)`.
 * A key the source lacks (or holds empty) fails the render (Sprig's `fail`), and with it the
 * ExternalSecret's sync, whose status names the key: `index` alone would render it as "" into the value.
 */
export function esoTemplate(parts: TemplatePart[], keyOf: (source: string, key: string) => string, value: string): string {
  return parts.map(p => {
    if ('text' in p) return p.text;
    const missing = JSON.stringify(`${value}: key ${p.key} of source ${p.source} is missing or empty`);
    return `{{ with index . ${JSON.stringify(keyOf(p.source, p.key))} }}{{ ${['.', ...p.functions.map(f => ESO_FUNCTIONS[f])].join(' | ')} }}{{ else }}{{ fail ${missing} }}{{ end }}`;
  }).join('');
}
