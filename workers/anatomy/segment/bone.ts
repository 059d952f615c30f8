/**
 * Bone: dense voxels inside the body, minus the contrast-filled blood pool where it reaches the bone range, split
 * into the spine (the pieces on the midline behind the lungs) and the rest. On the demo patient the rest is the ribs;
 * on a real CT it also holds the sternum, clavicles and scapulae.
 */
import { voxelVolumeMl, type Volume } from '../../volume/volume';
import { labelStats, type BinaryMask } from '../mask';
import { componentCentroidsLps, labelComponents, selectComponents } from './connected-components';
import { HU_RANGES } from './hu-ranges';
import type { Lungs } from './lungs';
import { thresholdHu } from './threshold';

/** Dense specks smaller than this are calcifications or noise, not bones (the smallest rib segment is larger). */
const MIN_BONE_PIECE_ML = 0.5;
/** A vertebra's centre lies within this distance of the midline; rib heads articulate 20–30 mm lateral to it. */
const SPINE_HALF_WIDTH_MM = 25;

export interface Bones {
  spine: BinaryMask;
  ribs: BinaryMask;
}

export function segmentBone(ct: Volume, body: BinaryMask, lungs: Lungs, bloodPool: BinaryMask | null): Bones {
  const dense = thresholdHu(ct, HU_RANGES.bone, body);
  if (bloodPool) for (let i = 0; i < dense.data.length; i++) dense.data[i] = dense.data[i]! & (bloodPool.data[i]! ^ 1);
  const components = labelComponents(dense, 26);
  const one = new Map([[1, 'lung']]);
  const left = labelStats(lungs.left, one)[0]!.centroidLps;
  const right = labelStats(lungs.right, one)[0]!.centroidLps;
  const midlineX = (left[0] + right[0]) / 2;
  const lungY = (left[1] + right[1]) / 2;
  const centroids = componentCentroidsLps(ct, components.ids, components.sizes.length);
  const minVoxels = MIN_BONE_PIECE_ML / voxelVolumeMl(ct.spacing);
  const spine: number[] = [];
  const ribs: number[] = [];
  for (let id = 1; id < components.sizes.length; id++) {
    if (components.sizes[id]! < minVoxels) continue;
    const [x, y] = centroids[id]!;
    // LPS: posterior is +y.
    (Math.abs(x - midlineX) <= SPINE_HALF_WIDTH_MM && y > lungY ? spine : ribs).push(id);
  }
  return { spine: selectComponents(dense, components, spine), ribs: selectComponents(dense, components, ribs) };
}
