/**
 * Connected components of a binary mask, 6-connected (faces) or 26-connected (faces, edges and corners).
 * 6-connectivity keeps structures that only touch at a corner apart (a rib and the spine); 26 keeps thin oblique
 * structures in one piece.
 */
import { voxelIndex, voxelToWorld, type Vec3, type Volume } from '../../volume/volume';
import { boundingBox, maskLike, type BinaryMask } from '../mask';
import { cropPadded } from '../morphology/crop';

export type Connectivity = 6 | 26;

export interface Components {
  /** Component id per voxel, 0 for background; ids start at 1 in scan order. */
  ids: Int32Array;
  /** sizes[id] = voxel count; sizes[0] = 0. */
  sizes: number[];
}

/**
 * Breadth-first labelling on the mask's bounding box padded by one voxel of background, so that neighbours are
 * plain index offsets with no bounds checks: linear in the number of voxels of the box.
 */
export function labelComponents(mask: BinaryMask, connectivity: Connectivity = 6): Components {
  const ids = new Int32Array(mask.data.length);
  const sizes = [0];
  const box = boundingBox(mask.dims, mask.data);
  if (!box) return { ids, sizes };
  const crop = cropPadded(mask.dims, mask.data, [box.min[0] - 1, box.min[1] - 1, box.min[2] - 1], [box.max[0] + 1, box.max[1] + 1, box.max[2] + 1]);
  const [cx, cy] = crop.dims;
  const data = crop.data;
  const offsets: number[] = [];
  for (let dk = -1; dk <= 1; dk++)
    for (let dj = -1; dj <= 1; dj++)
      for (let di = -1; di <= 1; di++) {
        const manhattan = Math.abs(di) + Math.abs(dj) + Math.abs(dk);
        if (manhattan > 0 && (connectivity === 26 || manhattan === 1)) offsets.push(di + cx * (dj + cy * dk));
      }
  const local = new Int32Array(data.length);
  const queue = new Int32Array(data.length);
  for (let seed = 0; seed < data.length; seed++) {
    if (data[seed] === 0 || local[seed] !== 0) continue;
    const id = sizes.length;
    let tail = 0;
    queue[tail++] = seed;
    local[seed] = id;
    for (let head = 0; head < tail; head++) {
      const idx = queue[head]!;
      for (let o = 0; o < offsets.length; o++) {
        const n = idx + offsets[o]!;
        if (data[n] === 0 || local[n] !== 0) continue;
        local[n] = id;
        queue[tail++] = n;
      }
    }
    sizes.push(tail);
  }
  // Back from the padded box to the image.
  const [nx, ny] = mask.dims;
  for (let k = box.min[2]; k <= box.max[2]; k++)
    for (let j = box.min[1]; j <= box.max[1]; j++) {
      const src = 1 + cx * (j - box.min[1] + 1 + cy * (k - box.min[2] + 1));
      ids.set(local.subarray(src, src + box.max[0] - box.min[0] + 1), box.min[0] + nx * (j + ny * k));
    }
  return { ids, sizes };
}

/** A mask of the components whose ids are in `keep`. */
export function selectComponents(like: BinaryMask, components: Components, keep: Iterable<number>): BinaryMask {
  const wanted = new Uint8Array(components.sizes.length);
  for (const id of keep) wanted[id] = 1;
  const out = maskLike(like);
  const ids = components.ids;
  for (let i = 0; i < ids.length; i++) out.data[i] = wanted[ids[i]!]!;
  return out;
}

/** Component ids sorted by size, largest first. */
export function componentsBySize(components: Components): number[] {
  return components.sizes
    .map((size, id) => ({ size, id }))
    .filter((c) => c.id > 0)
    .sort((a, b) => b.size - a.size)
    .map((c) => c.id);
}

/** The largest connected component (empty when the mask is). */
export function largestComponent(mask: BinaryMask, connectivity: Connectivity = 6): BinaryMask {
  const components = labelComponents(mask, connectivity);
  return selectComponents(mask, components, componentsBySize(components).slice(0, 1));
}

/** The component that contains voxel `seed` (empty when the seed is background). */
export function componentAtSeed(mask: BinaryMask, seed: Vec3, connectivity: Connectivity = 6): BinaryMask {
  const components = labelComponents(mask, connectivity);
  const id = components.ids[voxelIndex(mask.dims, seed[0], seed[1], seed[2])]!;
  return selectComponents(mask, components, id > 0 ? [id] : []);
}

/** LPS centroid of every component id. */
export function componentCentroidsLps(ct: Pick<Volume, 'dims' | 'spacing' | 'origin' | 'direction'>, ids: Int32Array, count: number): Vec3[] {
  const sum = new Float64Array(count * 3);
  const n = new Float64Array(count);
  const [nx, ny] = ct.dims;
  for (let idx = 0; idx < ids.length; idx++) {
    const id = ids[idx]!;
    if (id === 0) continue;
    n[id]!++;
    sum[3 * id]! += idx % nx;
    sum[3 * id + 1]! += Math.floor(idx / nx) % ny;
    sum[3 * id + 2]! += Math.floor(idx / (nx * ny));
  }
  const out: Vec3[] = [];
  for (let id = 0; id < count; id++) {
    const c = n[id]! || 1;
    out.push(voxelToWorld(ct, sum[3 * id]! / c, sum[3 * id + 1]! / c, sum[3 * id + 2]! / c));
  }
  return out;
}
