/** Synthetic LV geometries for the heart tests: analytic shells on a small isotropic grid (no CT needed). */
import type { BinaryMask } from '../../anatomy/mask';
import { IDENTITY_DIRECTION, type Vec3 } from '../../volume/volume';

export interface SyntheticLv {
  myocardium: BinaryMask;
  bloodPool: BinaryMask;
}

/** Masks on a grid of `spacingMm` covering ±halfMm, from an LPS predicate per voxel centre. */
function masksFrom(halfMm: Vec3, spacingMm: number, classify: (p: Vec3) => 'myo' | 'pool' | 'none'): SyntheticLv {
  const dims = halfMm.map((h) => 2 * Math.ceil(h / spacingMm) + 1) as Vec3;
  const origin = dims.map((n) => (-(n - 1) / 2) * spacingMm) as Vec3;
  const make = (): BinaryMask => ({ dims: [...dims], spacing: [spacingMm, spacingMm, spacingMm], origin: [...origin], direction: [...IDENTITY_DIRECTION], data: new Uint8Array(dims[0] * dims[1] * dims[2]) });
  const myocardium = make();
  const bloodPool = make();
  for (let k = 0, idx = 0; k < dims[2]; k++)
    for (let j = 0; j < dims[1]; j++)
      for (let i = 0; i < dims[0]; i++, idx++) {
        const c = classify([origin[0] + i * spacingMm, origin[1] + j * spacingMm, origin[2] + k * spacingMm]);
        if (c === 'myo') myocardium.data[idx] = 1;
        else if (c === 'pool') bloodPool.data[idx] = 1;
      }
  return { myocardium, bloodPool };
}

/** A cylindrical shell along z (cavity radius innerMm, wall to outerMm), open at both ends, centred on the origin. */
export function cylinderShell(innerMm: number, outerMm: number, lengthMm: number, spacingMm = 1): SyntheticLv {
  return masksFrom([outerMm + 3, outerMm + 3, lengthMm / 2], spacingMm, ([x, y, z]) => {
    if (Math.abs(z) > lengthMm / 2) return 'none';
    const r = Math.hypot(x, y);
    return r < innerMm ? 'pool' : r <= outerMm ? 'myo' : 'none';
  });
}

/** A prolate ellipsoidal LV like the demo patient's: outer semi-axes (a, a, c), cavity (a − wall, a − wall, c − wall − 2). */
export function ellipsoidLv(aMm: number, cMm: number, wallMm: number, spacingMm = 1): SyntheticLv {
  const inside = (p: Vec3, a: number, c: number): boolean => (p[0] / a) ** 2 + (p[1] / a) ** 2 + (p[2] / c) ** 2 <= 1;
  return masksFrom([aMm + 3, aMm + 3, cMm + 3], spacingMm, (p) =>
    inside(p, aMm - wallMm, cMm - wallMm - 2) ? 'pool' : inside(p, aMm, cMm) ? 'myo' : 'none',
  );
}
