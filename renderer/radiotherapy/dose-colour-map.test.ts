import { describe, expect, it } from 'vitest';
import { doseSliceRgba, hottestSlice, isodoseLevel } from './dose-colour-map';

describe('isodose colour bands', () => {
  it('puts a dose in the highest band it reaches', () => {
    expect(isodoseLevel(50, 50)?.pct).toBe(100);
    expect(isodoseLevel(47.6, 50)?.pct).toBe(95);
    expect(isodoseLevel(60, 50)?.pct).toBe(107);
    expect(isodoseLevel(4, 50)).toBeNull();
  });

  it('colours one axial slice of a grid stored i fastest and leaves low dose transparent', () => {
    // 2×1×2 grid: slice k = 1 holds 50 Gy and 0 Gy.
    const { width, height, rgba } = doseSliceRgba(Float32Array.from([0, 0, 50, 0]), [2, 1, 2], 'axial', 1, 50);
    expect([width, height]).toEqual([2, 1]);
    expect([...rgba]).toEqual([255, 0, 0, 255, 0, 0, 0, 0]);
  });

  it('shows coronal and sagittal slices with the last slice (superior) at the top', () => {
    // 2×2×2 grid with 50 Gy only at (i, j, k) = (1, 0, 1).
    const dose = new Float32Array(8);
    dose[1 + 2 * (0 + 2 * 1)] = 50;
    const coronal = doseSliceRgba(dose, [2, 2, 2], 'coronal', 0, 50);
    expect(coronal.rgba[(1 + 2 * 0) * 4]).toBe(255); // u = i = 1, v = 0 (top row) is k = 1
    const sagittal = doseSliceRgba(dose, [2, 2, 2], 'sagittal', 1, 50);
    expect(sagittal.rgba[(0 + 2 * 0) * 4]).toBe(255); // u = j = 0, top row
    expect(hottestSlice(dose, [2, 2, 2], 'axial')).toBe(1);
    expect(hottestSlice(dose, [2, 2, 2], 'coronal')).toBe(0);
    expect(hottestSlice(dose, [2, 2, 2], 'sagittal')).toBe(1);
  });
});
