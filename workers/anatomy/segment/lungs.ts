/**
 * Left and right lungs: air inside the body outline, split into the two lungs. Patient left is +x in LPS, so the
 * lung whose centroid has the larger x is the left lung whatever the orientation of the voxel grid.
 */
import type { Volume } from '../../volume/volume';
import type { JobContext } from '../../process/job-context';
import { labelStats, maskLike, type BinaryMask } from '../mask';
import { fillHoles2d } from '../morphology/fill-holes';
import { componentsBySize, labelComponents, selectComponents } from './connected-components';
import { HU_RANGES } from './hu-ranges';
import { thresholdHu } from './threshold';

/** A second air component at least this fraction of the largest is the other lung (bowel gas and airways are far smaller). */
const SECOND_LUNG_MIN_FRACTION = 0.2;

export interface Lungs {
  left: BinaryMask;
  right: BinaryMask;
}

export function segmentLungs(ct: Volume, body: BinaryMask, ctx: JobContext): Lungs {
  const air = thresholdHu(ct, HU_RANGES.air, body);
  ctx.throwIfCancelled();
  const components = labelComponents(air, 6);
  const [first, second] = componentsBySize(components);
  if (first === undefined) throw new Error('no air inside the body: is this a chest CT in Hounsfield units?');
  let parts: [BinaryMask, BinaryMask];
  if (second !== undefined && components.sizes[second]! >= SECOND_LUNG_MIN_FRACTION * components.sizes[first]!) {
    parts = [selectComponents(air, components, [first]), selectComponents(air, components, [second])];
  } else {
    // The lungs touch (anterior junction, or the trachea joins them): cut where the air is thinnest across x.
    parts = splitAtNarrowestI(selectComponents(air, components, [first]));
  }
  ctx.throwIfCancelled();
  // Vessels, airway walls and nodules inside the lung are part of it (as in clinical lung contours).
  const [a, b] = parts.map((p) => fillHoles2d(p)) as [BinaryMask, BinaryMask];
  const names = new Map([[1, 'x']]);
  const xa = labelStats(a, names)[0]!.centroidLps[0];
  const xb = labelStats(b, names)[0]!.centroidLps[0];
  return xa > xb ? { left: a, right: b } : { left: b, right: a };
}

/** Splits a mask at the i-plane, within the middle half of its extent, that crosses the fewest voxels. */
function splitAtNarrowestI(mask: BinaryMask): [BinaryMask, BinaryMask] {
  const [nx, ny, nz] = mask.dims;
  const perColumn = new Float64Array(nx);
  for (let idx = 0; idx < mask.data.length; idx++) if (mask.data[idx] !== 0) perColumn[idx % nx]!++;
  let lo = 0;
  while (lo < nx && perColumn[lo] === 0) lo++;
  let hi = nx - 1;
  while (hi > 0 && perColumn[hi] === 0) hi--;
  const quarter = Math.floor((hi - lo) / 4);
  let cut = lo + quarter;
  for (let i = lo + quarter; i <= hi - quarter; i++) if (perColumn[i]! < perColumn[cut]!) cut = i;
  const low = maskLike(mask);
  const high = maskLike(mask);
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) {
        const idx = i + nx * (j + ny * k);
        if (mask.data[idx] === 0) continue;
        (i <= cut ? low : high).data[idx] = 1;
      }
  return [low, high];
}
