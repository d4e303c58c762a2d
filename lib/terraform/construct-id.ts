/** A construct ID for a blueprint address ('pools/acme/KEY'): '/' separates construct paths. */
export function idOf(address: string): string {
  return address.replace(/\//g, '_');
}
