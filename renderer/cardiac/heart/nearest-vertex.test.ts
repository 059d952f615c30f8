import { describe, expect, it } from 'vitest';
import { nearestVertex } from './nearest-vertex';

describe('nearest vertex', () => {
  it('snaps a point to the closest vertex with its distance', () => {
    const vertices = [0, 0, 0, 10, 0, 0, 0, 10, 0];
    expect(nearestVertex(vertices, [9, 1, 0])).toEqual({ index: 1, distanceMm: Math.SQRT2, pointLps: [10, 0, 0] });
  });

  it('returns null on an empty surface', () => {
    expect(nearestVertex([], [0, 0, 0])).toBeNull();
  });
});
