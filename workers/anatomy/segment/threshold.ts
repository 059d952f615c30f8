/** Thresholding and region growing on a CT in Hounsfield units. */
import type { Vec3, Volume } from '../../volume/volume';
import { voxelIndex } from '../../volume/volume';
import { maskLike, type BinaryMask } from '../mask';
import type { HuRange } from './hu-ranges';

/** 1 where lowHu ≤ value ≤ highHu. */
export function thresholdHu(ct: Volume, range: HuRange, within?: BinaryMask): BinaryMask {
  const out = maskLike(ct);
  const src = ct.data;
  const { lowHu, highHu } = range;
  for (let i = 0; i < src.length; i++) {
    const v = src[i]!;
    out.data[i] = v >= lowHu && v <= highHu && (!within || within.data[i] !== 0) ? 1 : 0;
  }
  return out;
}

/**
 * Region growing from a seed voxel: the 6-connected set of voxels whose value lies within `toleranceHu` of the
 * seed's value (the "connected threshold" of ITK with the range centred on the seed).
 */
export function regionGrow(ct: Volume, seed: Vec3, toleranceHu: number): BinaryMask {
  const [nx, ny, nz] = ct.dims;
  const src = ct.data;
  const start = voxelIndex(ct.dims, seed[0], seed[1], seed[2]);
  const centre = src[start]!;
  const out = maskLike(ct);
  const inside = (idx: number): boolean => out.data[idx] === 0 && Math.abs(src[idx]! - centre) <= toleranceHu;
  const queue = new Int32Array(src.length);
  let tail = 0;
  out.data[start] = 1;
  queue[tail++] = start;
  for (let head = 0; head < tail; head++) {
    const idx = queue[head]!;
    const i = idx % nx;
    const j = Math.floor(idx / nx) % ny;
    const k = Math.floor(idx / (nx * ny));
    const neighbours = [
      i > 0 ? idx - 1 : -1,
      i < nx - 1 ? idx + 1 : -1,
      j > 0 ? idx - nx : -1,
      j < ny - 1 ? idx + nx : -1,
      k > 0 ? idx - nx * ny : -1,
      k < nz - 1 ? idx + nx * ny : -1,
    ];
    for (const n of neighbours) {
      if (n >= 0 && inside(n)) {
        out.data[n] = 1;
        queue[tail++] = n;
      }
    }
  }
  return out;
}
