/**
 * A coarser copy of a mask for display surfaces: each output voxel is set when at least half of the block of input
 * voxels it covers is set, so the enclosed volume is kept on average. Organ meshes for the 3D view need ~2 mm, not
 * the CT's 0.5–1 mm: a quarter of the triangles per halving, and decimation then has far less to do.
 */
import type { Vec3 } from '../../volume/volume';
import type { BinaryMask } from '../mask';

/** Integer block factors that bring each spacing up to about `targetMm` (never below 1). */
export function blockFactorsFor(spacing: Vec3, targetMm: number): Vec3 {
  return spacing.map((s) => Math.max(1, Math.round(targetMm / s))) as Vec3;
}

export function downsampleMask(mask: BinaryMask, factors: Vec3): BinaryMask {
  const [fi, fj, fk] = factors;
  if (fi === 1 && fj === 1 && fk === 1) return mask;
  const [nx, ny, nz] = mask.dims;
  const dims: Vec3 = [Math.ceil(nx / fi), Math.ceil(ny / fj), Math.ceil(nz / fk)];
  const counts = new Uint16Array(dims[0] * dims[1] * dims[2]);
  const sizes = new Uint16Array(counts.length);
  const src = mask.data;
  for (let k = 0, idx = 0; k < nz; k++) {
    const ok = Math.floor(k / fk) * dims[0] * dims[1];
    for (let j = 0; j < ny; j++) {
      const oj = ok + Math.floor(j / fj) * dims[0];
      for (let i = 0; i < nx; i++, idx++) {
        const o = oj + Math.floor(i / fi);
        sizes[o]!++;
        if (src[idx] !== 0) counts[o]!++;
      }
    }
  }
  const data = new Uint8Array(counts.length);
  for (let o = 0; o < data.length; o++) data[o] = counts[o]! * 2 >= sizes[o]! && counts[o]! > 0 ? 1 : 0;
  // The centre of output voxel 0 is the centre of its block of input voxels.
  const shift = [((fi - 1) / 2) * mask.spacing[0], ((fj - 1) / 2) * mask.spacing[1], ((fk - 1) / 2) * mask.spacing[2]];
  const d = mask.direction;
  const origin: Vec3 = [
    mask.origin[0] + d[0] * shift[0]! + d[1] * shift[1]! + d[2] * shift[2]!,
    mask.origin[1] + d[3] * shift[0]! + d[4] * shift[1]! + d[5] * shift[2]!,
    mask.origin[2] + d[6] * shift[0]! + d[7] * shift[1]! + d[8] * shift[2]!,
  ];
  return { dims, spacing: [mask.spacing[0] * fi, mask.spacing[1] * fj, mask.spacing[2] * fk], origin, direction: mask.direction, data };
}
