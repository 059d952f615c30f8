/**
 * Radiological path length by exact ray tracing through a voxel grid (Siddon, Med Phys 12:252, 1985, in the
 * incremental form of Jacobs et al. 1998): the sum over crossed voxels of intersection length × relative electron
 * density. Works in continuous voxel-index space, where voxel n spans [n − ½, n + ½] on each axis.
 */
import type { Vec3, Volume } from '../../volume/volume';

/**
 * Water-equivalent length (mm) from `from` to `to` (both continuous voxel indices) through `density`;
 * `lengthMm` is the true distance between the two points. Parts of the ray outside the grid count as vacuum.
 */
export function radiologicalPathMm(density: Volume<Float32Array>, from: Vec3, to: Vec3, lengthMm: number): number {
  const [nx, ny, nz] = density.dims;
  const data = density.data;
  const d0 = to[0] - from[0], d1 = to[1] - from[1], d2 = to[2] - from[2];
  let aMin = 0, aMax = 1;
  const clip = (a: number, d: number, n: number): boolean => {
    if (d === 0) return a >= -0.5 && a <= n - 0.5;
    const t0 = (-0.5 - a) / d, t1 = (n - 0.5 - a) / d;
    aMin = Math.max(aMin, Math.min(t0, t1));
    aMax = Math.min(aMax, Math.max(t0, t1));
    return true;
  };
  if (!clip(from[0], d0, nx) || !clip(from[1], d1, ny) || !clip(from[2], d2, nz) || aMin >= aMax) return 0;
  // Voxel containing the entry point (nudged inside to avoid landing on a boundary).
  const aIn = aMin + 1e-9 * (aMax - aMin);
  let i = Math.min(nx - 1, Math.max(0, Math.round(from[0] + aIn * d0)));
  let j = Math.min(ny - 1, Math.max(0, Math.round(from[1] + aIn * d1)));
  let k = Math.min(nz - 1, Math.max(0, Math.round(from[2] + aIn * d2)));
  const si = d0 > 0 ? 1 : -1, sj = d1 > 0 ? 1 : -1, sk = d2 > 0 ? 1 : -1;
  const incI = d0 !== 0 ? 1 / Math.abs(d0) : Infinity;
  const incJ = d1 !== 0 ? 1 / Math.abs(d1) : Infinity;
  const incK = d2 !== 0 ? 1 / Math.abs(d2) : Infinity;
  let nextI = d0 !== 0 ? (i + 0.5 * si - from[0]) / d0 : Infinity;
  let nextJ = d1 !== 0 ? (j + 0.5 * sj - from[1]) / d1 : Infinity;
  let nextK = d2 !== 0 ? (k + 0.5 * sk - from[2]) / d2 : Infinity;
  const sx = nx * ny;
  let a = aMin;
  let sum = 0;
  for (;;) {
    const rho = data[i + nx * j + sx * k]!;
    if (nextI <= nextJ && nextI <= nextK) {
      const end = Math.min(nextI, aMax);
      sum += (end - a) * rho;
      a = end;
      if (a >= aMax) break;
      i += si; nextI += incI;
      if (i < 0 || i >= nx) break;
    } else if (nextJ <= nextK) {
      const end = Math.min(nextJ, aMax);
      sum += (end - a) * rho;
      a = end;
      if (a >= aMax) break;
      j += sj; nextJ += incJ;
      if (j < 0 || j >= ny) break;
    } else {
      const end = Math.min(nextK, aMax);
      sum += (end - a) * rho;
      a = end;
      if (a >= aMax) break;
      k += sk; nextK += incK;
      if (k < 0 || k >= nz) break;
    }
  }
  return sum * lengthMm;
}
