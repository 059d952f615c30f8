/**
 * Morphology with balls measured in millimetres: dilate, erode, open, close and the planner's margin expansion
 * (GTV → CTV → PTV). A ball of radius r on a grid of 0.98 × 0.98 × 3 mm voxels is an ellipsoid of
 * r/0.98 × r/0.98 × r/3 voxels; thresholding the exact distance transform gives it exactly, at a cost that does
 * not grow with r (unlike a structuring-element sweep).
 */
import type { Vec3 } from '../../volume/volume';
import { boundingBox, maskLike, type BinaryMask } from '../mask';
import { cropPadded, pasteCrop, type Crop } from './crop';
import { squaredDistanceToFeature } from './distance-transform';

/** A radius in mm, the same on every axis or one per voxel axis (i, j, k); 0 on an axis means no growth along it. */
export type RadiusMm = number | Vec3;

function radii(r: RadiusMm): Vec3 {
  const v: Vec3 = typeof r === 'number' ? [r, r, r] : r;
  if (v.some((x) => !(x >= 0) || !Number.isFinite(x))) throw new RangeError(`radius must be finite and ≥ 0 mm, got ${v.join(', ')}`);
  return v;
}

/**
 * Distances scaled so that the ball is "distance ≤ 1": the step along axis a is spacing/r, and an axis with r = 0
 * is left out of the transform (infinite step), so nothing spreads along it.
 */
function scaledSteps(spacing: Vec3, r: Vec3): Vec3 {
  return [0, 1, 2].map((a) => (r[a]! > 0 ? spacing[a]! / r[a]! : Infinity)) as Vec3;
}

function padVoxels(spacing: Vec3, r: Vec3): Vec3 {
  return [0, 1, 2].map((a) => Math.ceil(r[a]! / spacing[a]!) + 1) as Vec3;
}

/** Tiny slack so that a voxel exactly r away is inside the ball despite float rounding. */
const ON_THE_SPHERE = 1 + 1e-9;

function dilateCrop(crop: Crop, steps: Vec3): void {
  const d2 = squaredDistanceToFeature(crop.dims, crop.data, steps);
  for (let i = 0; i < d2.length; i++) crop.data[i] = d2[i]! <= ON_THE_SPHERE ? 1 : 0;
}

function erodeCrop(crop: Crop, steps: Vec3): void {
  const background = new Uint8Array(crop.data.length);
  for (let i = 0; i < background.length; i++) background[i] = crop.data[i] === 0 ? 1 : 0;
  const d2 = squaredDistanceToFeature(crop.dims, background, steps);
  for (let i = 0; i < d2.length; i++) crop.data[i] = d2[i]! > ON_THE_SPHERE ? 1 : 0;
}

/** Runs `ops` on the mask's bounding box padded by the radius (outside the image reads as background). */
function onPaddedBox(mask: BinaryMask, r: Vec3, ops: ((crop: Crop, steps: Vec3) => void)[]): BinaryMask {
  const box = boundingBox(mask.dims, mask.data);
  const out = maskLike(mask);
  if (!box) return out;
  const pad = padVoxels(mask.spacing, r);
  const crop = cropPadded(
    mask.dims,
    mask.data,
    [box.min[0] - pad[0], box.min[1] - pad[1], box.min[2] - pad[2]],
    [box.max[0] + pad[0], box.max[1] + pad[1], box.max[2] + pad[2]],
  );
  const steps = scaledSteps(mask.spacing, r);
  for (const op of ops) op(crop, steps);
  pasteCrop(mask.dims, out.data, crop);
  return out;
}

/** Every voxel within r mm (centre to centre) of the mask. */
export function dilateMm(mask: BinaryMask, radiusMm: RadiusMm): BinaryMask {
  return onPaddedBox(mask, radii(radiusMm), [dilateCrop]);
}

/** Every mask voxel farther than r mm from the background (the image border counts as background). */
export function erodeMm(mask: BinaryMask, radiusMm: RadiusMm): BinaryMask {
  return onPaddedBox(mask, radii(radiusMm), [erodeCrop]);
}

/** Erode then dilate: removes parts thinner than 2r (a couch shell, a thin bridge between lungs). */
export function openMm(mask: BinaryMask, radiusMm: RadiusMm): BinaryMask {
  return onPaddedBox(mask, radii(radiusMm), [erodeCrop, dilateCrop]);
}

/** Dilate then erode: closes gaps and notches narrower than 2r. */
export function closeMm(mask: BinaryMask, radiusMm: RadiusMm): BinaryMask {
  return onPaddedBox(mask, radii(radiusMm), [dilateCrop, erodeCrop]);
}

/**
 * Margin expansion as planners use it for CTV → PTV (ICRU 62): a positive margin grows the structure by that many mm,
 * a negative one shrinks it (an inner margin). Per-axis margins make the ball an ellipsoid (e.g. 5 mm in-plane,
 * 8 mm cranio-caudal), measured along the volume's i, j and k axes.
 */
export function expandMarginMm(mask: BinaryMask, marginMm: RadiusMm): BinaryMask {
  const m: Vec3 = typeof marginMm === 'number' ? [marginMm, marginMm, marginMm] : marginMm;
  const grow = m.every((x) => x >= 0);
  const shrink = m.every((x) => x <= 0);
  if (!grow && !shrink) throw new RangeError('a margin grows or shrinks on every axis, not both');
  return grow ? dilateMm(mask, m) : erodeMm(mask, m.map((x) => -x) as Vec3);
}
