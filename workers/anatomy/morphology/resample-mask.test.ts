import { describe, expect, it } from 'vitest';
import { ellipsoidMask, ellipsoidVolumeMl } from '../testing/synthetic';
import { countSet } from '../mask';
import { voxelToWorld, voxelVolumeMl } from '../../volume/volume';
import { blockFactorsFor, downsampleMask } from './resample-mask';

describe('downsampleMask', () => {
  it('keeps an ellipsoid volume within 2 % at 2 mm and keeps the geometry in place', () => {
    const spacing: [number, number, number] = [0.8, 0.8, 1.25];
    const mask = ellipsoidMask([120, 120, 80], spacing, [48, 48, 50], [30, 25, 35]);
    const factors = blockFactorsFor(spacing, 2);
    expect(factors).toEqual([3, 3, 2]);
    const coarse = downsampleMask(mask, factors);
    const ml = countSet(coarse.data) * voxelVolumeMl(coarse.spacing);
    expect(Math.abs(ml / ellipsoidVolumeMl([30, 25, 35]) - 1)).toBeLessThan(0.02);
    // Output voxel 0's centre is the centre of the input block [0..2]×[0..2]×[0..1].
    const a = voxelToWorld(coarse, 0, 0, 0);
    const b = voxelToWorld(mask, 1, 1, 0.5);
    a.forEach((v, n) => expect(v).toBeCloseTo(b[n]!, 9));
  });
});
