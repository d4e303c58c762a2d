import { grouped } from '../../lib/core/numbers';

describe('grouped', () => {
  // The oracle is ICU itself: grouped must write what toLocaleString('en-US') writes, which it replaces.
  const samples = [
    0, 1, 7, 12, 999, 1000, 1001, 9999, 10_000, 20_000, 99_999, 100_000, 123_456, 999_999, 1_000_000, 1_234_567,
    14_600_000, 2 ** 31, 2 ** 32 + 5, Number.MAX_SAFE_INTEGER, -1, -999, -1000, -1_234_567, -Number.MAX_SAFE_INTEGER,
  ];
  it.each(samples)('writes %p as toLocaleString("en-US") does', n => {
    expect(grouped(n)).toBe(n.toLocaleString('en-US'));
  });

  it('writes every integer up to 100,000 and a spread of larger ones as toLocaleString("en-US") does', () => {
    const differ: number[] = [];
    for (let n = 0; n <= 100_000; n++) if (grouped(n) !== n.toLocaleString('en-US')) differ.push(n);
    for (let n = 100_001; n < Number.MAX_SAFE_INTEGER / 7; n = n * 7 + 3) if (grouped(n) !== n.toLocaleString('en-US')) differ.push(n);
    expect(differ).toEqual([]);
  });

  it('leaves what is not a safe integer to toLocaleString', () => {
    for (const n of [1.5, 1234.5678, -0.25, 2 ** 60, Infinity, NaN]) expect(grouped(n)).toBe(n.toLocaleString('en-US'));
  });
});
