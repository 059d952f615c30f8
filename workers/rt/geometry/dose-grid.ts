/**
 * The dose grid: a regular grid over the CT extent (same direction cosines) at the dose spacing, holding the
 * relative electron density that the ray tracer integrates. Structures are resampled onto it by nearest voxel.
 */
import { voxelToWorld, worldToVoxel, type Vec3, type Volume } from '../../volume/volume';
import { huToRelativeElectronDensity } from './hu-to-density';
import type { HuToRedTable } from '../../../assets/rt/hu-to-red';

export type DensityGrid = Volume<Float32Array>;

/** Resamples the CT (HU) onto a grid of `spacingMm` covering the same extent, as relative electron density. */
export function densityGridFromCt(ct: Volume, spacingMm: number, table?: HuToRedTable): DensityGrid {
  const dims = ct.dims.map((n, a) => Math.max(1, Math.round(((n - 1) * ct.spacing[a]!) / spacingMm) + 1)) as Vec3;
  const grid: DensityGrid = {
    dims,
    spacing: [spacingMm, spacingMm, spacingMm],
    origin: [...ct.origin] as Vec3,
    direction: [...ct.direction] as Volume['direction'],
    data: new Float32Array(dims[0] * dims[1] * dims[2]),
  };
  // Tabulate the calibration once per integer HU: CT data are integers in practice and the table is small.
  const lut = new Float32Array(4097);
  for (let h = 0; h < lut.length; h++) lut[h] = huToRelativeElectronDensity(h - 1024, table);
  const red = (hu: number) => lut[Math.min(4096, Math.max(0, Math.round(hu) + 1024))]!;
  let n = 0;
  for (let k = 0; k < dims[2]; k++)
    for (let j = 0; j < dims[1]; j++)
      for (let i = 0; i < dims[0]; i++) {
        grid.data[n++] = red(sampleTrilinear(ct, worldToVoxel(ct, voxelToWorld(grid, i, j, k))));
      }
  return grid;
}

/** Trilinear sample at a continuous voxel index, clamped to the volume. */
export function sampleTrilinear(v: Volume, idx: Vec3): number {
  const [nx, ny, nz] = v.dims;
  const x = Math.min(nx - 1, Math.max(0, idx[0]));
  const y = Math.min(ny - 1, Math.max(0, idx[1]));
  const z = Math.min(nz - 1, Math.max(0, idx[2]));
  const i0 = Math.floor(x), j0 = Math.floor(y), k0 = Math.floor(z);
  const i1 = Math.min(nx - 1, i0 + 1), j1 = Math.min(ny - 1, j0 + 1), k1 = Math.min(nz - 1, k0 + 1);
  const fx = x - i0, fy = y - j0, fz = z - k0;
  const d = v.data;
  const at = (i: number, j: number, k: number) => d[i + nx * (j + ny * k)]!;
  const c00 = at(i0, j0, k0) * (1 - fx) + at(i1, j0, k0) * fx;
  const c10 = at(i0, j1, k0) * (1 - fx) + at(i1, j1, k0) * fx;
  const c01 = at(i0, j0, k1) * (1 - fx) + at(i1, j0, k1) * fx;
  const c11 = at(i0, j1, k1) * (1 - fx) + at(i1, j1, k1) * fx;
  return (c00 * (1 - fy) + c10 * fy) * (1 - fz) + (c01 * (1 - fy) + c11 * fy) * fz;
}

/** Voxel indices of the grid whose centre falls inside the mask (nearest mask voxel). */
export function maskIndicesOnGrid(mask: Volume<Uint8Array>, grid: Pick<Volume, 'dims' | 'spacing' | 'origin' | 'direction'>): Uint32Array {
  const out: number[] = [];
  const [nx, ny, nz] = grid.dims;
  const [mx, my, mz] = mask.dims;
  let n = 0;
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++, n++) {
        const m = worldToVoxel(mask, voxelToWorld(grid, i, j, k));
        const a = Math.round(m[0]), b = Math.round(m[1]), c = Math.round(m[2]);
        if (a < 0 || b < 0 || c < 0 || a >= mx || b >= my || c >= mz) continue;
        if (mask.data[a + mx * (b + my * c)]) out.push(n);
      }
  return Uint32Array.from(out);
}

/** Volume-weighted centroid (LPS mm) of grid voxels given by index. */
export function centroidOf(grid: Pick<Volume, 'dims' | 'spacing' | 'origin' | 'direction'>, indices: ArrayLike<number>): Vec3 {
  const [nx, ny] = grid.dims;
  const c: Vec3 = [0, 0, 0];
  for (let q = 0; q < indices.length; q++) {
    const n = indices[q]!;
    const p = voxelToWorld(grid, n % nx, Math.floor(n / nx) % ny, Math.floor(n / (nx * ny)));
    c[0] += p[0]; c[1] += p[1]; c[2] += p[2];
  }
  const m = Math.max(1, indices.length);
  return [c[0] / m, c[1] / m, c[2] / m];
}
