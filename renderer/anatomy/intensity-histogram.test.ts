import { describe, expect, it } from 'vitest';
import { histogramOf, percentileOf } from './intensity-histogram';

describe('intensity histogram', () => {
  it('counts every value once, in equal bins over the values\' range', () => {
    const values = Int16Array.from({ length: 1000 }, (_, i) => i - 500); // -500 … 499, uniform
    const h = histogramOf(values, 10);
    expect(h.min).toBe(-500);
    expect(h.max).toBe(499);
    expect([...h.counts].reduce((a, b) => a + b)).toBe(1000);
    expect(Math.max(...h.counts) - Math.min(...h.counts)).toBeLessThanOrEqual(1); // uniform data, flat bins
  });

  it('samples every n-th voxel when given a stride', () => {
    const h = histogramOf(new Float32Array(1000).fill(3), 4, 10);
    expect([...h.counts].reduce((a, b) => a + b)).toBe(100);
    expect(h.min).toBe(3);
  });

  it('gives the percentiles of a uniform distribution within a bin width', () => {
    const values = Float32Array.from({ length: 100_000 }, (_, i) => (i / 100_000) * 1000); // uniform on [0, 1000)
    const h = histogramOf(values, 256);
    const bin = 1000 / 256;
    for (const p of [0.01, 0.25, 0.5, 0.9, 0.995]) expect(Math.abs(percentileOf(h, p) - p * 1000)).toBeLessThan(bin);
  });

  it('puts the median of a two-valued image at its larger class', () => {
    // 30 % background at 0, 70 % tissue at 400: the median lies in the tissue.
    const values = Float32Array.from({ length: 1000 }, (_, i) => (i < 300 ? 0 : 400));
    expect(percentileOf(histogramOf(values, 100), 0.5)).toBeGreaterThan(390);
    expect(percentileOf(histogramOf(values, 100), 0.2)).toBeLessThan(5);
  });
});
