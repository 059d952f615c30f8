/**
 * Rule-based myocardial fibres: the helix angle turns linearly through the wall from +60° at the endocardium to
 * −60° at the epicardium (Streeter DD et al. Circ Res 1969;24:339; the rule of Bayer JD et al. Ann Biomed Eng
 * 2012;40:2243 without its sheet angle). At each voxel the local frame is
 *   n: transmural (the gradient of the transmural coordinate, endo → epi),
 *   l: longitudinal, the apex→base direction made tangent to the wall,
 *   c = l × n: circumferential, counter-clockwise seen from the base;
 * and the fibre is f = cos α·c + sin α·l, so a positive angle is a right-handed helix, as in the subendocardium.
 */
import type { Vec3 } from '../../volume/volume';
import { cross, dot, normalise, type LongAxis } from './long-axis';

export const ENDO_HELIX_DEG = 60;
export const EPI_HELIX_DEG = -60;

export interface WallFrame {
  transmural: Vec3;
  longitudinal: Vec3;
  circumferential: Vec3;
}

/** The local frame at a wall point with transmural direction n (need not be unit). */
export function wallFrame(axis: LongAxis, n: Vec3): WallFrame {
  const nu = normalise(n);
  const base: Vec3 = [-axis.apexDirection[0], -axis.apexDirection[1], -axis.apexDirection[2]];
  const along = dot(base, nu);
  const l = normalise([base[0] - along * nu[0], base[1] - along * nu[1], base[2] - along * nu[2]]);
  return { transmural: nu, longitudinal: l, circumferential: normalise(cross(l, nu)) };
}

/** Helix angle (°) of a fibre in a frame: the angle from the circumferential towards the longitudinal direction. */
export function helixAngleDeg(fibre: Vec3, frame: WallFrame): number {
  let a = (Math.atan2(dot(fibre, frame.longitudinal), dot(fibre, frame.circumferential)) * 180) / Math.PI;
  // a fibre is a line, not an arrow: fold into (−90°, 90°]
  if (a > 90) a -= 180;
  if (a <= -90) a += 180;
  return a;
}

export function helixAngleAt(transmuralDepth: number): number {
  return ENDO_HELIX_DEG + (EPI_HELIX_DEG - ENDO_HELIX_DEG) * transmuralDepth;
}

/**
 * Unit fibre direction per voxel (3 floats, voxel axes of an identity-direction grid = LPS) for every voxel where
 * `depth` (0 endo … 1 epi) is finite; zero elsewhere. The transmural direction n is the gradient of `wallField`, a
 * smooth field that grows from endo to epi and is defined beyond the wall too (distance to the cavity minus distance
 * to the outside), by central differences, so the wall's surface voxels get a true normal; where it vanishes the
 * radial direction from the axis stands in.
 */
export function ruleBasedFibres(
  dims: Vec3,
  spacingMm: Vec3,
  originLps: Vec3,
  depth: Float32Array,
  wallField: Float32Array,
  axis: LongAxis,
): Float32Array {
  const [nx, ny, nz] = dims;
  const strides = [1, nx, nx * ny];
  const fibres = new Float32Array(3 * depth.length);
  for (let k = 0, idx = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++, idx++) {
        const e = depth[idx]!;
        if (!Number.isFinite(e)) continue;
        const ijk = [i, j, k];
        const g: Vec3 = [0, 0, 0];
        for (let a = 0; a < 3; a++) {
          const q = ijk[a]!;
          const here = wallField[idx]!;
          const plus = q + 1 < dims[a]! ? wallField[idx + strides[a]!]! : NaN;
          const minus = q > 0 ? wallField[idx - strides[a]!]! : NaN;
          const h = spacingMm[a]!;
          if (Number.isFinite(plus) && Number.isFinite(minus)) g[a] = (plus - minus) / (2 * h);
          else if (Number.isFinite(plus)) g[a] = (plus - here) / h;
          else if (Number.isFinite(minus)) g[a] = (here - minus) / h;
        }
        if (Math.hypot(g[0], g[1], g[2]) < 1e-9) {
          const p: Vec3 = [originLps[0] + i * spacingMm[0], originLps[1] + j * spacingMm[1], originLps[2] + k * spacingMm[2]];
          const r: Vec3 = [p[0] - axis.centreLps[0], p[1] - axis.centreLps[1], p[2] - axis.centreLps[2]];
          const s = dot(r, axis.apexDirection);
          g[0] = r[0] - s * axis.apexDirection[0];
          g[1] = r[1] - s * axis.apexDirection[1];
          g[2] = r[2] - s * axis.apexDirection[2];
        }
        const frame = wallFrame(axis, g);
        const alpha = (helixAngleAt(e) * Math.PI) / 180;
        for (let a = 0; a < 3; a++) fibres[3 * idx + a] = Math.cos(alpha) * frame.circumferential[a]! + Math.sin(alpha) * frame.longitudinal[a]!;
      }
  return fibres;
}
