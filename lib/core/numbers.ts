/**
 * A count as the report and the messages write it, thousands grouped by commas ("20,000"): what
 * `n.toLocaleString('en-US')` writes for an integer, without its cost. The first call of
 * toLocaleString in a process sets up ICU's number formatting, about 13 ms, which every synth
 * would pay for its footprint section. Anything but a safe integer is left to toLocaleString.
 * @internal
 */
export function grouped(n: number): string {
  if (!Number.isSafeInteger(n)) return n.toLocaleString('en-US');
  const digits = String(Math.abs(n));
  let out = digits.slice(0, digits.length % 3 || 3);
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return n < 0 ? `-${out}` : out;
}
