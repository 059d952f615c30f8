import { describe, expect, it } from 'vitest';
import { IDENTITY_DIRECTION, type Vec3, type Volume } from '../../volume/volume';
import { kbpModelInputs, oarGeometryFeatures } from './overlap-volume-histogram';

/** A mask of `inside` on a grid of `dims` voxels of `spacing` mm centred on the origin. */
function mask(dims: Vec3, spacing: Vec3, inside: (r: number, x: number, y: number, z: number) => boolean): Volume<Uint8Array> {
  const origin = dims.map((n, a) => (-(n - 1) / 2) * spacing[a]!) as Vec3;
  const data = new Uint8Array(dims[0] * dims[1] * dims[2]);
  for (let k = 0, v = 0; k < dims[2]; k++)
    for (let j = 0; j < dims[1]; j++)
      for (let i = 0; i < dims[0]; i++, v++) {
        const x = origin[0] + i * spacing[0], y = origin[1] + j * spacing[1], z = origin[2] + k * spacing[2];
        data[v] = inside(Math.hypot(x, y, z), x, y, z) ? 1 : 0;
      }
  return { dims, spacing, origin, direction: [...IDENTITY_DIRECTION], data };
}

const D = [-5, 0, 5, 10, 20, 30];

describe('overlap-volume histogram', () => {
  it('of a sphere around a concentric target sphere is ((Rt + d)/Ro)³', () => {
    const dims: Vec3 = [91, 91, 91];
    const target = mask(dims, [1, 1, 1], (r) => r <= 20);
    const oar = mask(dims, [1, 1, 1], (r) => r <= 40);
    const f = oarGeometryFeatures(target, oar, D);
    const analytic = D.map((d) => Math.min(1, ((20 + d) / 40) ** 3));
    f.ovh.forEach((x, k) => expect(x).toBeCloseTo(analytic[k]!, 1));
    f.ovh.forEach((x, k) => expect(Math.abs(x - analytic[k]!)).toBeLessThan(0.015));
    expect(f.targetVolumeMl).toBeCloseTo(((4 / 3) * Math.PI * 20 ** 3) / 1000, 0);
    expect(f.oarVolumeMl).toBeCloseTo(((4 / 3) * Math.PI * 40 ** 3) / 1000, 0);
  });

  it('of a spherical shell 5–15 mm off the target is the shell volume inside radius Rt + d, on anisotropic voxels', () => {
    const dims: Vec3 = [81, 81, 41];
    const target = mask(dims, [1, 1, 2], (r) => r <= 20);
    const oar = mask(dims, [1, 1, 2], (r) => r >= 25 && r <= 35);
    const f = oarGeometryFeatures(target, oar, D);
    const shell = (r: number) => Math.min(Math.max(r ** 3 - 25 ** 3, 0), 35 ** 3 - 25 ** 3) / (35 ** 3 - 25 ** 3);
    // 2 mm slices put voxel-centre surfaces up to 1 mm off along z (averaged over the sphere: a few hundredths here).
    f.ovh.forEach((x, k) => expect(Math.abs(x - shell(20 + D[k]!))).toBeLessThan(0.045));
    expect(f.ovh[1]).toBe(0); // nothing of the shell inside the target
  });

  it('names the predictor inputs after the distances, and is 0 everywhere without a target', () => {
    const dims: Vec3 = [21, 21, 21];
    const empty = mask(dims, [2, 2, 2], () => false);
    const oar = mask(dims, [2, 2, 2], (r) => r <= 10);
    const f = oarGeometryFeatures(empty, oar, [-5, 0, 40]);
    expect(f.ovh).toEqual([0, 0, 0]);
    expect(Object.keys(kbpModelInputs(f))).toEqual(['ovhm5mm', 'ovh0mm', 'ovh40mm', 'targetVolumeMl', 'oarVolumeMl']);
  });
});
