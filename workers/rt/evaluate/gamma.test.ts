import { describe, expect, it } from 'vitest';
import { IDENTITY_DIRECTION, type Volume } from '../../volume/volume';
import { gammaIndex } from './gamma';

/** A 1 mm grid with a dose rising linearly along x (1 Gy/mm) from 0 to 39 Gy, optionally shifted and scaled. */
function ramp(shiftMm = 0, scale = 1): Volume<Float32Array> {
  const n: [number, number, number] = [40, 6, 6];
  const data = new Float32Array(n[0] * n[1] * n[2]);
  for (let k = 0; k < n[2]; k++) for (let j = 0; j < n[1]; j++) for (let i = 0; i < n[0]; i++) data[i + n[0] * (j + n[1] * k)] = scale * Math.max(0, i - shiftMm);
  return { dims: n, spacing: [1, 1, 1], origin: [0, 0, 0], direction: [...IDENTITY_DIRECTION], data };
}

describe('gamma index (3 %/2 mm global, 10 % threshold)', () => {
  it('passes everywhere for identical doses and skips points under the threshold', () => {
    const r = gammaIndex(ramp(), ramp());
    expect(r.passRate).toBe(1);
    // Points below 10 % of 39 Gy (x < 3.9) are not evaluated.
    expect(r.evaluatedPoints).toBe(36 * 36);
    expect(Number.isNaN(r.gamma[0]!)).toBe(true);
  });

  it('gives gamma = shift / DTA for a pure shift in a gradient steep compared with the dose criterion', () => {
    // 1 mm shift of a 1 Gy/mm ramp: |ΔD| = 1 Gy ≈ 0.85 of 3 % of 39 Gy; the distance term alone gives 0.5.
    const r = gammaIndex(ramp(), ramp(1));
    expect(r.passRate).toBe(1);
    const mid = 20 + 40 * (3 + 6 * 3);
    expect(r.gamma[mid]!).toBeGreaterThan(0.4);
    expect(r.gamma[mid]!).toBeLessThanOrEqual(0.86);
  });

  it('fails a uniform dose 5 % too high and passes one 2 % too high (no gradient to hide in)', () => {
    const flat = (scale: number) => ({ ...ramp(), data: new Float32Array(40 * 36).fill(30 * scale) });
    expect(gammaIndex(flat(1), flat(1.05)).passRate).toBe(0);
    expect(gammaIndex(flat(1), flat(1.02)).passRate).toBe(1);
  });
});
