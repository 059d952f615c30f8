/**
 * The body outline: everything denser than air that belongs to the patient, with the couch cut off and the lungs
 * and airways filled in (an outline, as a planner's "External" or "BODY" structure).
 */
import type { Volume } from '../../volume/volume';
import type { JobContext } from '../../process/job-context';
import type { BinaryMask } from '../mask';
import { fillHoles2d } from '../morphology/fill-holes';
import { dilateMm, erodeMm } from '../morphology/morphology';
import { largestComponent } from './connected-components';
import { HU_RANGES } from './hu-ranges';
import { thresholdHu } from './threshold';

/**
 * Opening radius that separates the couch where it touches the patient: couch tops are carbon-fibre shells a few
 * mm thick over foam (about −900 HU), so a 5 mm ball cannot pass through the contact, while any part of a trunk is
 * far thicker than 10 mm.
 */
const COUCH_CUT_RADIUS_MM = 5;

export function segmentBody(ct: Volume, ctx: JobContext): BinaryMask {
  // Lungs and airways first, while the chest wall is whole: the filled trunk is thick everywhere, so the opening
  // below cannot break a thin chest wall and let the lungs leak out.
  const filled = fillHoles2d(thresholdHu(ct, HU_RANGES.body));
  ctx.throwIfCancelled();
  // An opening, erode → keep the patient's core → dilate, with the dilation limited to the filled trunk.
  const core = largestComponent(erodeMm(filled, COUCH_CUT_RADIUS_MM));
  ctx.throwIfCancelled();
  const body = dilateMm(core, COUCH_CUT_RADIUS_MM);
  for (let i = 0; i < body.data.length; i++) body.data[i] = body.data[i]! & filled.data[i]!;
  return body;
}
