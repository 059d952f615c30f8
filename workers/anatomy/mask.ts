/**
 * Binary masks and label statistics shared by every anatomy engine.
 * A mask is a label map whose voxels are 0 or 1; it carries the CT's geometry so that mm and LPS stay honest.
 */
import { voxelCount, voxelToWorld, voxelVolumeMl, type LabelMap, type Vec3, type Volume } from '../volume/volume';

export type BinaryMask = LabelMap;

export type Geometry = Pick<Volume, 'dims' | 'spacing' | 'origin' | 'direction'>;

/** A mask on the geometry of `like` (copied, so the two never share arrays) holding `data`, or zeros. */
export function maskLike(like: Geometry, data: Uint8Array = new Uint8Array(voxelCount(like.dims))): BinaryMask {
  return {
    dims: [...like.dims] as Vec3,
    spacing: [...like.spacing] as Vec3,
    origin: [...like.origin] as Vec3,
    direction: [...like.direction] as BinaryMask['direction'],
    data,
  };
}

export interface LabelStats {
  value: number;
  name: string;
  voxels: number;
  volumeMl: number;
  /** Centre of mass of the label's voxels, LPS mm; [NaN, NaN, NaN] for an empty label. */
  centroidLps: Vec3;
}

/** Voxel count, volume (mL) and LPS centroid of every named label value, in one pass over the map. */
export function labelStats(map: LabelMap, names: ReadonlyMap<number, string>): LabelStats[] {
  const [nx, ny, nz] = map.dims;
  const count = new Float64Array(256);
  const si = new Float64Array(256);
  const sj = new Float64Array(256);
  const sk = new Float64Array(256);
  const d = map.data;
  for (let k = 0, idx = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++, idx++) {
        const v = d[idx]!;
        if (v === 0) continue;
        count[v]!++;
        si[v]! += i;
        sj[v]! += j;
        sk[v]! += k;
      }
    }
  }
  const mlPerVoxel = voxelVolumeMl(map.spacing);
  return [...names].map(([value, name]) => {
    const n = count[value]!;
    return {
      value,
      name,
      voxels: n,
      volumeMl: n * mlPerVoxel,
      centroidLps: n > 0 ? voxelToWorld(map, si[value]! / n, sj[value]! / n, sk[value]! / n) : [NaN, NaN, NaN],
    };
  });
}

/** Number of voxels set in a mask. */
export function countSet(data: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < data.length; i++) if (data[i] !== 0) n++;
  return n;
}

/** Inclusive voxel bounding box of the non-zero voxels, or null when the mask is empty. */
export function boundingBox(dims: Vec3, data: Uint8Array): { min: Vec3; max: Vec3 } | null {
  const [nx, ny, nz] = dims;
  const min: Vec3 = [nx, ny, nz];
  const max: Vec3 = [-1, -1, -1];
  for (let k = 0, idx = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++, idx++) {
        if (data[idx] === 0) continue;
        if (i < min[0]) min[0] = i;
        if (i > max[0]) max[0] = i;
        if (j < min[1]) min[1] = j;
        if (j > max[1]) max[1] = j;
        if (k < min[2]) min[2] = k;
        if (k > max[2]) max[2] = k;
      }
    }
  }
  return max[0] < 0 ? null : { min, max };
}
