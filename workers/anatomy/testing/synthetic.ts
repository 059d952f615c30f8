/** Analytic shapes on voxel grids for the anatomy tests: the truth is a formula, not another segmentation. */
import { IDENTITY_DIRECTION, voxelToWorld, type Vec3, type Volume } from '../../volume/volume';
import { maskLike, type BinaryMask } from '../mask';

/** A mask of the ellipsoid with the given centre and semi-axes (LPS mm) on a grid, voxel centres tested. */
export function ellipsoidMask(dims: Vec3, spacing: Vec3, centre: Vec3, semiAxesMm: Vec3, origin: Vec3 = [0, 0, 0]): BinaryMask {
  const mask = maskLike({ dims, spacing, origin, direction: IDENTITY_DIRECTION });
  const [nx, ny, nz] = dims;
  for (let k = 0, idx = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++, idx++) {
        const p = voxelToWorld(mask, i, j, k);
        let r = 0;
        for (let a = 0; a < 3; a++) r += ((p[a]! - centre[a]!) / semiAxesMm[a]!) ** 2;
        mask.data[idx] = r <= 1 ? 1 : 0;
      }
  return mask;
}

export function ellipsoidVolumeMl(semiAxesMm: Vec3): number {
  return ((4 / 3) * Math.PI * semiAxesMm[0] * semiAxesMm[1] * semiAxesMm[2]) / 1000;
}

export type TorsoStructure = 'body' | 'lung_left' | 'lung_right' | 'heart' | 'myocardium' | 'lv_blood_pool' | 'spine';

export interface SyntheticTorso {
  ct: Volume<Int16Array>;
  /** Voxelised analytic truth per structure name (voxel centres inside the shape). */
  truth: Record<TorsoStructure, BinaryMask>;
}

/**
 * A small contrast chest CT made of analytic shapes (LPS, patient left = +x, anterior = −y), with the densities of
 * the demo patient: a muscle trunk, two lungs with a tumour in the left one, a heart in pericardial fat holding an
 * enhanced LV myocardium around a contrast blood pool, a vertebral column, and a couch (two carbon shells over
 * foam) `couchGapMm` below the back (0 = touching).
 */
export function syntheticTorso(couchGapMm: number): SyntheticTorso {
  const dims: Vec3 = [128, 104, 40];
  const spacing: Vec3 = [2.5, 2.5, 3];
  const origin: Vec3 = [-158.75, -128.75, -58.5];
  const geometry = { dims, spacing, origin, direction: IDENTITY_DIRECTION };
  const ct: Volume<Int16Array> = { ...geometry, data: new Int16Array(128 * 104 * 40).fill(-1000) };
  const names: TorsoStructure[] = ['body', 'lung_left', 'lung_right', 'heart', 'myocardium', 'lv_blood_pool', 'spine'];
  const truth = Object.fromEntries(names.map((n) => [n, maskLike(geometry)])) as Record<TorsoStructure, BinaryMask>;
  const inEllipsoid = (p: Vec3, c: Vec3, r: Vec3): boolean => ((p[0] - c[0]) / r[0]) ** 2 + ((p[1] - c[1]) / r[1]) ** 2 + ((p[2] - c[2]) / r[2]) ** 2 <= 1;
  const couchTop = 95 + couchGapMm;
  for (let k = 0, idx = 0; k < dims[2]; k++)
    for (let j = 0; j < dims[1]; j++)
      for (let i = 0; i < dims[0]; i++, idx++) {
        const p = voxelToWorld(geometry, i, j, k);
        const [x, y] = p;
        let hu = -1000;
        if (Math.abs(x) <= 155 && y >= couchTop && y <= couchTop + 20) hu = y < couchTop + 3 || y > couchTop + 17 ? 300 : -700;
        const set = (name: TorsoStructure, value: number): void => {
          hu = value;
          truth[name].data[idx] = 1;
        };
        if ((x / 150) ** 2 + (y / 95) ** 2 <= 1) {
          set('body', 40);
          if (inEllipsoid(p, [80, -5, 0], [40, 55, 50])) set('lung_left', -800);
          if (inEllipsoid(p, [-80, -5, 0], [40, 55, 50])) set('lung_right', -800);
          if (inEllipsoid(p, [85, -10, 10], [12, 12, 12])) hu = 40; // tumour, part of the left lung
          if (inEllipsoid(p, [0, -35, 0], [36, 36, 41])) hu = -90; // pericardial fat
          if (inEllipsoid(p, [0, -35, 0], [30, 30, 35])) set('heart', 40);
          if (inEllipsoid(p, [8, -35, 0], [20, 20, 25])) set('myocardium', 100);
          if (inEllipsoid(p, [8, -35, 0], [10, 10, 15])) {
            set('lv_blood_pool', 350);
            truth.myocardium.data[idx] = 0;
          }
          if (Math.hypot(x, y - 55) <= 15) set('spine', 700);
        }
        ct.data[idx] = hu;
      }
  return { ct, truth };
}

/** Every `factor`-th voxel in-plane (slices kept): a quarter of the work for tests on full-size CTs. */
export function downsampleInPlane<T extends Volume>(v: T, factor: number): T {
  const [nx, ny, nz] = v.dims;
  const mx = Math.floor(nx / factor);
  const my = Math.floor(ny / factor);
  const Ctor = v.data.constructor as new (n: number) => T['data'];
  const data = new Ctor(mx * my * nz);
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < my; j++)
      for (let i = 0; i < mx; i++) data[i + mx * (j + my * k)] = v.data[i * factor + nx * (j * factor + ny * k)]!;
  // Voxel (i, j) is old voxel (factor·i, factor·j): same origin, spacing times factor along the in-plane axes.
  return { ...v, dims: [mx, my, nz], spacing: [v.spacing[0] * factor, v.spacing[1] * factor, v.spacing[2]], data };
}
