import { describe, expect, it } from 'vitest';
import { IDENTITY_DIRECTION, voxelVolumeMl, type Vec3 } from '../../volume/volume';
import { countSet, maskLike } from '../mask';
import { ellipsoidMask, ellipsoidVolumeMl } from '../testing/synthetic';
import { squaredDistanceToFeature } from './distance-transform';
import { fillHoles2d, fillHoles3d } from './fill-holes';
import { closeMm, dilateMm, erodeMm, expandMarginMm, openMm } from './morphology';

describe('squaredDistanceToFeature', () => {
  it('equals brute force on an anisotropic grid with random features', () => {
    const dims: Vec3 = [9, 7, 5];
    const step: Vec3 = [0.8, 1.3, 3];
    const feature = new Uint8Array(9 * 7 * 5);
    let seed = 7;
    for (let i = 0; i < feature.length; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      feature[i] = seed % 17 === 0 ? 1 : 0;
    }
    const d2 = squaredDistanceToFeature(dims, feature, step);
    const points: Vec3[] = [];
    for (let idx = 0; idx < feature.length; idx++) if (feature[idx]) points.push([idx % 9, Math.floor(idx / 9) % 7, Math.floor(idx / 63)]);
    let worst = 0;
    for (let idx = 0; idx < feature.length; idx++) {
      const p = [idx % 9, Math.floor(idx / 9) % 7, Math.floor(idx / 63)];
      let best = Infinity;
      for (const q of points) best = Math.min(best, ((p[0]! - q[0]) * step[0]) ** 2 + ((p[1]! - q[1]) * step[1]) ** 2 + ((p[2]! - q[2]) * step[2]) ** 2);
      worst = Math.max(worst, Math.abs(d2[idx]! - best));
    }
    expect(worst).toBeLessThan(1e-3);
  });
});

/** Voxels of `mask` outside `outer`, plus voxels of `inner` missing from `mask`. */
function violations(mask: Uint8Array, inner: Uint8Array, outer: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < mask.length; i++) if ((inner[i] && !mask[i]) || (!outer[i] && mask[i])) n++;
  return n;
}

describe('millimetre morphology', () => {
  const dims: Vec3 = [60, 60, 24];
  const spacing: Vec3 = [1, 1, 2.5];
  const centre: Vec3 = [30, 30, 30];

  it('a 5 mm margin around a 10 mm sphere lies between the analytic spheres of 15 − 2h and 15 mm (h: half voxel diagonal)', () => {
    const gtv = ellipsoidMask(dims, spacing, centre, [10, 10, 10]);
    const ptv = expandMarginMm(gtv, 5);
    // Every grid point within 15 − 2h mm of the centre is ≤ 5 mm from a GTV point; none beyond 15 mm can be.
    const h = 0.5 * Math.hypot(...spacing);
    const inner = ellipsoidMask(dims, spacing, centre, [15 - 2 * h, 15 - 2 * h, 15 - 2 * h]);
    const outer = ellipsoidMask(dims, spacing, centre, [15, 15, 15]);
    expect(violations(ptv.data, inner.data, outer.data)).toBe(0);
    expect(countSet(ptv.data) * voxelVolumeMl(spacing)).toBeGreaterThan(0.85 * ellipsoidVolumeMl([15, 15, 15]));
  });

  it('dilating one voxel gives exactly the grid points inside the ellipsoidal ball, per-axis radii included', () => {
    const one = maskLike({ dims, spacing, origin: [0, 0, 0], direction: IDENTITY_DIRECTION });
    one.data[30 + 60 * (30 + 60 * 12)] = 1;
    const r: Vec3 = [7, 4, 6];
    let expected = 0;
    for (let k = -3; k <= 3; k++)
      for (let j = -5; j <= 5; j++)
        for (let i = -8; i <= 8; i++) if ((i / r[0]) ** 2 + (j / r[1]) ** 2 + ((k * 2.5) / r[2]) ** 2 <= 1) expected++;
    expect(countSet(dilateMm(one, r).data)).toBe(expected);
    // A zero margin along k leaves the slice count unchanged.
    const flat = dilateMm(one, [3, 3, 0]);
    for (let idx = 0; idx < flat.data.length; idx++) if (flat.data[idx]) expect(Math.floor(idx / 3600)).toBe(12);
  });

  it('erosion by 5 mm turns a 15 mm sphere into a 10 mm one; a negative margin does the same', () => {
    const big = ellipsoidMask(dims, spacing, centre, [15, 15, 15]);
    const small = erodeMm(big, 5);
    const outer = ellipsoidMask(dims, spacing, centre, [10 + 2 * 1.44, 10 + 2 * 1.44, 10 + 2 * 1.44]);
    const inner = ellipsoidMask(dims, spacing, centre, [10, 10, 10]);
    expect(violations(small.data, inner.data, outer.data)).toBe(0);
    expect(expandMarginMm(big, -5).data).toEqual(small.data);
  });

  it('opening removes a thin bridge; closing fills a narrow gap', () => {
    const a = ellipsoidMask(dims, spacing, [15, 30, 30], [8, 8, 8]);
    const b = ellipsoidMask(dims, spacing, [45, 30, 30], [8, 8, 8]);
    const both = maskLike(a, a.data.map((v, i) => v | b.data[i]!));
    const bridged = maskLike(both, both.data.slice());
    for (let i = 15; i <= 45; i++) bridged.data[i + 60 * (30 + 60 * 12)] = 1;
    const opened = openMm(bridged, 2);
    expect(opened.data[30 + 60 * (30 + 60 * 12)]).toBe(0);
    expect(countSet(opened.data)).toBeGreaterThan(0.95 * countSet(both.data));
    const notched = maskLike(both, both.data.slice());
    notched.data[15 + 60 * (30 + 60 * 12)] = 0;
    expect(closeMm(notched, 2).data[15 + 60 * (30 + 60 * 12)]).toBe(1);
  });
});

describe('hole filling', () => {
  const dims: Vec3 = [20, 20, 10];
  const geometry = { dims, spacing: [1, 1, 1] as Vec3, origin: [0, 0, 0] as Vec3, direction: IDENTITY_DIRECTION };

  it('fills a closed cavity in 3D, and a tube open at both ends only in 2D', () => {
    const tube = maskLike(geometry);
    for (let k = 0; k < 10; k++)
      for (let j = 5; j < 15; j++)
        for (let i = 5; i < 15; i++) tube.data[i + 20 * (j + 20 * k)] = i === 5 || i === 14 || j === 5 || j === 14 ? 1 : 0;
    expect(countSet(fillHoles3d(tube).data)).toBe(countSet(tube.data));
    expect(countSet(fillHoles2d(tube).data)).toBe(100 * 10);
    const capped = maskLike(tube, tube.data.slice());
    for (let j = 5; j < 15; j++) for (let i = 5; i < 15; i++) capped.data[i + 20 * j] = capped.data[i + 20 * (j + 20 * 9)] = 1;
    expect(countSet(fillHoles3d(capped).data)).toBe(1000);
  });
});
