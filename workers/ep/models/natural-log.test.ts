import { describe, expect, it } from 'vitest';
import { naturalLog } from './natural-log';

/** Distance in units of the last place of the reference value. */
function ulps(value: number, reference: number): number {
  const ulp = 2 ** (Math.floor(Math.log2(Math.abs(reference))) - 52);
  return Math.abs(value - reference) / ulp;
}

describe('naturalLog', () => {
  it('agrees with Math.log within 2 ulp, mostly to the last bit, over the whole double range and around 1', () => {
    const distances: number[] = [];
    for (let e = -1020; e <= 1020; e += 0.037) distances.push(ulps(naturalLog(2 ** e), Math.log(2 ** e)));
    for (let x = 0.5; x < 2; x += 1 / 40_009) if (x !== 1) distances.push(ulps(naturalLog(x), Math.log(x)));
    expect(Math.max(...distances)).toBeLessThanOrEqual(2);
    expect(distances.filter((d) => d === 0).length).toBeGreaterThan(0.6 * distances.length);
  });

  it('is accurate on the concentration ratios of the reversal potentials (Ko/Ki, Nao/Nai, Cao/Cai)', () => {
    for (const x of [5.4 / 136.89, 140 / 8.604, 2 / 1.26e-4, 2 / 1e-3, (5.4 + 0.03 * 140) / (136.89 + 0.03 * 8.604)]) {
      expect(ulps(naturalLog(x), Math.log(x))).toBeLessThanOrEqual(1);
    }
  });

  it('keeps the special values of Math.log', () => {
    expect(naturalLog(1)).toBe(0);
    expect(naturalLog(0)).toBe(-Infinity);
    expect(naturalLog(Infinity)).toBe(Infinity);
    expect(naturalLog(-1)).toBeNaN();
    expect(naturalLog(NaN)).toBeNaN();
    expect(naturalLog(5e-324)).toBe(Math.log(5e-324));
  });
});
