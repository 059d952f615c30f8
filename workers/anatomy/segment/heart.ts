/**
 * The left-ventricular blood pool on contrast-enhanced CT and the myocardium as a shell around it.
 * The blood pool is the contrast-range component in the mediastinum: between the two lungs in x and anterior to
 * their centroids in y (LPS: anterior is −y), which leaves the spine and ribs aside even where bone overlaps the
 * contrast range.
 */
import { voxelVolumeMl, type Volume } from '../../volume/volume';
import type { JobContext } from '../../process/job-context';
import { labelStats, maskLike, type BinaryMask } from '../mask';
import { dilateMm } from '../morphology/morphology';
import { componentCentroidsLps, labelComponents, selectComponents } from './connected-components';
import { HU_RANGES } from './hu-ranges';
import type { Lungs } from './lungs';
import { thresholdHu } from './threshold';

/**
 * How far from the blood pool the myocardium is searched. Normal end-diastolic LV wall thickness is 6–11 mm (Lang
 * et al., "Recommendations for cardiac chamber quantification by echocardiography in adults", J Am Soc Echocardiogr
 * 28(1) 2015); 15 mm admits hypertrophy while keeping the partial-volume rims of distant bone out.
 */
export const MYOCARDIUM_SEARCH_MM = 15;

/**
 * A contrast component smaller than this is a vessel or noise, not a ventricle: even a small LV end-systolic blood
 * pool holds 20 mL or more (Lang et al. 2015); 5 mL leaves room for the demo patient's small ventricle (9 mL).
 */
const MIN_BLOOD_POOL_ML = 5;

export interface Heart {
  /** The whole heart: muscle, myocardium and blood, inside the pericardial fat. */
  heart: BinaryMask;
  bloodPool: BinaryMask;
  /** The enhanced shell around the blood pool (LV myocardium). */
  myocardium: BinaryMask;
}

/** The blood pool, or null on a CT without contrast in the mediastinum. */
export function findBloodPool(ct: Volume, body: BinaryMask, lungs: Lungs): BinaryMask | null {
  const contrast = thresholdHu(ct, HU_RANGES.contrastBlood, body);
  const components = labelComponents(contrast, 6);
  const one = new Map([[1, 'm']]);
  const [l] = labelStats(lungs.left, one);
  const [r] = labelStats(lungs.right, one);
  const xMin = Math.min(l!.centroidLps[0], r!.centroidLps[0]);
  const xMax = Math.max(l!.centroidLps[0], r!.centroidLps[0]);
  const yAnteriorOf = (l!.centroidLps[1] + r!.centroidLps[1]) / 2;
  const centroids = componentCentroidsLps(ct, components.ids, components.sizes.length);
  let best = 0;
  const minVoxels = MIN_BLOOD_POOL_ML / voxelVolumeMl(ct.spacing);
  for (let id = 1; id < components.sizes.length; id++) {
    if (components.sizes[id]! < minVoxels) continue;
    const [x, y] = centroids[id]!;
    if (x < xMin || x > xMax || y > yAnteriorOf) continue;
    if (best === 0 || components.sizes[id]! > components.sizes[best]!) best = id;
  }
  return best === 0 ? null : selectComponents(contrast, components, [best]);
}

export function segmentHeart(ct: Volume, body: BinaryMask, lungs: Lungs, bloodPool: BinaryMask | null, ctx: JobContext): Heart {
  // Without contrast there is no blood pool to start from: empty structures, not an error, so that the full preset
  // set still runs on any chest CT (callers see volumes of 0 mL).
  if (!bloodPool) return { heart: maskLike(ct), bloodPool: maskLike(ct), myocardium: maskLike(ct) };
  const notLung = (i: number): number => (lungs.left.data[i]! | lungs.right.data[i]!) ^ 1;
  // Myocardium: enhanced muscle next to the blood pool, connected to it.
  const near = dilateMm(bloodPool, MYOCARDIUM_SEARCH_MM);
  const wall = thresholdHu(ct, HU_RANGES.enhancedMyocardium, near);
  const touching = dilateMm(bloodPool, Math.max(...ct.spacing));
  ctx.throwIfCancelled();
  const myocardium = componentsTouching(wall, touching);
  // Heart: everything denser than fat that is connected to the blood pool and not lung.
  const dense = thresholdHu(ct, HU_RANGES.heart, body);
  for (let i = 0; i < dense.data.length; i++) dense.data[i] = dense.data[i]! & notLung(i);
  ctx.throwIfCancelled();
  const heart = componentsTouching(dense, bloodPool);
  return { heart, bloodPool, myocardium };
}

/** The 6-connected components of `mask` that share a voxel with `seeds`. */
function componentsTouching(mask: BinaryMask, seeds: BinaryMask): BinaryMask {
  const components = labelComponents(mask, 6);
  const keep = new Set<number>();
  for (let i = 0; i < seeds.data.length; i++) if (seeds.data[i] && components.ids[i]) keep.add(components.ids[i]!);
  return selectComponents(mask, components, keep);
}
