import { describe, expect, it } from 'vitest';
import { doseSliceRgba, isodoseLevel } from './dose-colour-map';

describe('isodose colour bands', () => {
  it('puts a dose in the highest band it reaches', () => {
    expect(isodoseLevel(50, 50)?.pct).toBe(100);
    expect(isodoseLevel(47.6, 50)?.pct).toBe(95);
    expect(isodoseLevel(60, 50)?.pct).toBe(107);
    expect(isodoseLevel(4, 50)).toBeNull();
  });

  it('colours one slice of a grid stored i fastest and leaves low dose transparent', () => {
    // 2×1×2 grid: slice 1 holds 50 Gy and 0 Gy.
    const rgba = doseSliceRgba(Float32Array.from([0, 0, 50, 0]), [2, 1, 2], 1, 50);
    expect([...rgba]).toEqual([255, 0, 0, 255, 0, 0, 0, 0]);
  });
});
