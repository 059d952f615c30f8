/**
 * The left ventricle's long axis and its named regions. The axis is the principal axis of the blood pool (the
 * eigenvector of the largest eigenvalue of its voxel covariance), pointing from base to apex; the apex side is the
 * one towards the patient's left, anterior and inferior (+x, −y, −z in LPS), where the apex lies in every normal
 * heart. Regions follow the AHA 17-segment idea (Cerqueira MD et al. Circulation 2002;105:539) with four walls per
 * level: basal, mid and apical thirds of the cavity's length × anterior, lateral, inferior, septal, and the apex
 * (the cap beyond the end of the cavity, AHA segment 17).
 */
import type { LabelMap, Vec3 } from '../../volume/volume';
import { voxelToWorld } from '../../volume/volume';

export interface LongAxis {
  /** blood-pool centroid, LPS mm */
  centreLps: Vec3;
  /** unit vector from base to apex */
  apexDirection: Vec3;
  /** along-axis coordinate (mm from the centre, towards the apex) of the cavity's basal and apical ends */
  cavityBaseMm: number;
  cavityApexMm: number;
}

const APEX_HINT: Vec3 = [1, -1, -1];
/**
 * Wall directions in the axial plane: the septum faces the right ventricle, which lies right-anterior of the LV
 * (−x, −y); anterior, lateral and inferior follow round the short axis at 90° steps. Projected onto the short-axis
 * plane of each heart, so a tilted axis still gets four walls.
 */
const WALL_DIRECTIONS: [string, Vec3][] = [
  ['septal', [-1, -1, 0]],
  ['anterior', [1, -1, 0]],
  ['lateral', [1, 1, 0]],
  ['inferior', [-1, 1, 0]],
];
const LEVELS = ['basal', 'mid', 'apical'] as const;

/** Region names by code (code 0 = none); codes are what regionOfVoxel holds. */
export const LV_REGION_NAMES: readonly string[] = [
  'none',
  ...LEVELS.flatMap((level) => WALL_DIRECTIONS.map(([wall]) => `${level} ${wall}`)),
  'apex',
];

export const dot = (a: Vec3, b: Vec3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
export const cross = (a: Vec3, b: Vec3): Vec3 => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
export function normalise(a: Vec3): Vec3 {
  const n = Math.hypot(a[0], a[1], a[2]) || 1;
  return [a[0] / n, a[1] / n, a[2] / n];
}

/** Largest-eigenvalue eigenvector of a symmetric 3×3 matrix by power iteration (the axis of an elongated cavity). */
function principalVector(m: number[]): Vec3 {
  let v: Vec3 = normalise([1, 0.7, 0.3]);
  for (let it = 0; it < 200; it++) {
    v = normalise([
      m[0]! * v[0] + m[1]! * v[1] + m[2]! * v[2],
      m[3]! * v[0] + m[4]! * v[1] + m[5]! * v[2],
      m[6]! * v[0] + m[7]! * v[1] + m[8]! * v[2],
    ]);
  }
  return v;
}

/** The long axis of the blood pool (any voxel ≠ 0 of `bloodPool`). */
export function longAxisOf(bloodPool: LabelMap): LongAxis {
  const [nx, ny, nz] = bloodPool.dims;
  const points: Vec3[] = [];
  for (let k = 0, idx = 0; k < nz; k++)
    for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++, idx++) if (bloodPool.data[idx]) points.push(voxelToWorld(bloodPool, i, j, k));
  if (points.length === 0) throw new Error('the LV blood pool is empty: no long axis');
  const c: Vec3 = [0, 0, 0];
  for (const p of points) for (let a = 0; a < 3; a++) c[a]! += p[a]! / points.length;
  const cov = new Array<number>(9).fill(0);
  for (const p of points) for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) cov[3 * a + b]! += (p[a]! - c[a]!) * (p[b]! - c[b]!);
  let axis = principalVector(cov);
  if (dot(axis, APEX_HINT) < 0) axis = [-axis[0], -axis[1], -axis[2]];
  let lo = Infinity;
  let hi = -Infinity;
  for (const p of points) {
    const s = dot([p[0] - c[0], p[1] - c[1], p[2] - c[2]], axis);
    lo = Math.min(lo, s);
    hi = Math.max(hi, s);
  }
  return { centreLps: c, apexDirection: axis, cavityBaseMm: lo, cavityApexMm: hi };
}

/** Region code (index into LV_REGION_NAMES) of an LPS point of the wall. */
export function regionCodeAt(axis: LongAxis, p: Vec3): number {
  const r: Vec3 = [p[0] - axis.centreLps[0], p[1] - axis.centreLps[1], p[2] - axis.centreLps[2]];
  const s = dot(r, axis.apexDirection);
  if (s > axis.cavityApexMm) return LV_REGION_NAMES.length - 1;
  const f = (s - axis.cavityBaseMm) / (axis.cavityApexMm - axis.cavityBaseMm);
  const level = f < 1 / 3 ? 0 : f < 2 / 3 ? 1 : 2;
  const radial: Vec3 = [r[0] - s * axis.apexDirection[0], r[1] - s * axis.apexDirection[1], r[2] - s * axis.apexDirection[2]];
  let best = 0;
  let bestCos = -Infinity;
  WALL_DIRECTIONS.forEach(([, d], w) => {
    const along = dot(d, axis.apexDirection);
    const inPlane = normalise([d[0] - along * axis.apexDirection[0], d[1] - along * axis.apexDirection[1], d[2] - along * axis.apexDirection[2]]);
    const cos = dot(inPlane, radial);
    if (cos > bestCos) {
      bestCos = cos;
      best = w;
    }
  });
  return 1 + level * WALL_DIRECTIONS.length + best;
}
