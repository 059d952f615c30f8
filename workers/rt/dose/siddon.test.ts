import { describe, expect, it } from 'vitest';
import { IDENTITY_DIRECTION, type Volume } from '../../volume/volume';
import { radiologicalPathMm } from './siddon';

function grid(n: number, spacing: number, fill: (i: number, j: number, k: number) => number): Volume<Float32Array> {
  const data = new Float32Array(n * n * n);
  for (let k = 0; k < n; k++) for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) data[i + n * (j + n * k)] = fill(i, j, k);
  return { dims: [n, n, n], spacing: [spacing, spacing, spacing], origin: [0, 0, 0], direction: [...IDENTITY_DIRECTION], data };
}

describe('Siddon radiological path', () => {
  it('equals the geometric length inside a uniform unit-density grid, along any direction', () => {
    const g = grid(20, 2, () => 1);
    // From outside the grid (index −10) to a voxel centre: only the part inside counts (from −0.5 to 7).
    const from: [number, number, number] = [-10, 5, 5];
    const to: [number, number, number] = [7, 5, 5];
    expect(radiologicalPathMm(g, from, to, 17 * 2)).toBeCloseTo(7.5 * 2, 6);
    // An oblique ray from a corner: length inside = whole length (both ends inside).
    const a: [number, number, number] = [1, 2, 3];
    const b: [number, number, number] = [15, 9, 12];
    const len = Math.hypot(14, 7, 9) * 2;
    expect(radiologicalPathMm(g, a, b, len)).toBeCloseTo(len, 6);
  });

  it('weights each crossed voxel by its density', () => {
    // Density 0.25 for i < 10, 1 beyond: a ray along i from 0 to 15 crosses 10 voxels of 0.25 and 5.5 of 1.
    const g = grid(20, 1, (i) => (i < 10 ? 0.25 : 1));
    expect(radiologicalPathMm(g, [-0.5, 3, 3], [15, 3, 3], 15.5)).toBeCloseTo(10 * 0.25 + 5.5, 6);
  });
});
