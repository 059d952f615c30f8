/**
 * Working on the bounding box of a mask (plus a margin) instead of the whole CT: a 30 mL tumour in a 512×512×300
 * scan costs thousands of voxels, not 78 million. Crops may reach outside the image; those voxels read as 0.
 */
import type { Vec3 } from '../../volume/volume';

export interface Crop {
  /** Voxel index in the full image of the crop's first voxel (may be negative). */
  min: Vec3;
  dims: Vec3;
  data: Uint8Array;
}

export function cropPadded(dims: Vec3, data: Uint8Array, min: Vec3, max: Vec3): Crop {
  const cd: Vec3 = [max[0] - min[0] + 1, max[1] - min[1] + 1, max[2] - min[2] + 1];
  const out = new Uint8Array(cd[0] * cd[1] * cd[2]);
  const [nx, ny, nz] = dims;
  const i0 = Math.max(0, min[0]);
  const i1 = Math.min(nx - 1, max[0]);
  for (let k = Math.max(0, min[2]); k <= Math.min(nz - 1, max[2]); k++) {
    for (let j = Math.max(0, min[1]); j <= Math.min(ny - 1, max[1]); j++) {
      const src = i0 + nx * (j + ny * k);
      const dst = i0 - min[0] + cd[0] * (j - min[1] + cd[1] * (k - min[2]));
      out.set(data.subarray(src, src + i1 - i0 + 1), dst);
    }
  }
  return { min, dims: cd, data: out };
}

/** Writes the part of `crop` that lies inside the image into `data` (whole rows, so outside the crop is untouched). */
export function pasteCrop(dims: Vec3, data: Uint8Array, crop: Crop): void {
  const [nx, ny, nz] = dims;
  const { min, dims: cd } = crop;
  const i0 = Math.max(0, min[0]);
  const i1 = Math.min(nx - 1, min[0] + cd[0] - 1);
  for (let k = Math.max(0, min[2]); k <= Math.min(nz - 1, min[2] + cd[2] - 1); k++) {
    for (let j = Math.max(0, min[1]); j <= Math.min(ny - 1, min[1] + cd[1] - 1); j++) {
      const src = i0 - min[0] + cd[0] * (j - min[1] + cd[1] * (k - min[2]));
      data.set(crop.data.subarray(src, src + i1 - i0 + 1), i0 + nx * (j + ny * k));
    }
  }
}
