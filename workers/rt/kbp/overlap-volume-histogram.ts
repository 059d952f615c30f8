/**
 * The overlap-volume histogram (OVH) of an organ at risk against a target: the fraction of the OAR's volume that
 * lies within a signed distance d of the target's surface (negative inside the target). Kazhdan M. et al., "A shape
 * relationship descriptor for radiation therapy planning", MICCAI 2009, LNCS 5762:100–108; Wu B. et al., Med Phys
 * 36:5497, 2009. It is the geometric feature of knowledge-based planning: an OAR close to the target cannot be
 * spared as well as a distant one, whatever the optimiser does.
 */
import { voxelVolumeMl, type Vec3, type Volume } from '../../volume/volume';
import { cropPadded } from '../../anatomy/morphology/crop';
import { squaredDistanceToFeature } from '../../anatomy/morphology/distance-transform';

/** The OVH distances the dose-volume predictor reads (mm from the target surface, negative inside). */
export const KBP_OVH_DISTANCES_MM = [-5, 0, 5, 10, 20, 30, 40] as const;

export interface OarGeometryFeatures {
  /** OVH fraction (0…1) at each distance of `distancesMm`. */
  ovh: number[];
  distancesMm: number[];
  targetVolumeMl: number;
  oarVolumeMl: number;
}

/**
 * Signed distance (mm) from each OAR voxel to the target surface, in the OAR's voxel order. Voxel centres see the
 * surface half a voxel away from the outermost centres, so the raw centre-to-centre distances are moved by half the
 * mean voxel size (a voxel just outside the target is ≈ ½ voxel from the surface, not a whole one).
 * Both masks must share one grid. The distance transform runs on the bounding box of both masks plus one voxel,
 * which holds every target voxel and, for interior voxels, a non-target voxel on every straight way out.
 */
export function signedDistancesToTargetMm(target: Volume<Uint8Array>, oar: Volume<Uint8Array>): Float64Array {
  if (target.dims.some((n, a) => n !== oar.dims[a])) throw new Error('the target and OAR masks must share one grid');
  const box = boundingBox(target, boundingBox(oar));
  if (!box) return new Float64Array(0);
  const min: Vec3 = [box.min[0] - 1, box.min[1] - 1, box.min[2] - 1];
  const max: Vec3 = [box.max[0] + 1, box.max[1] + 1, box.max[2] + 1];
  const t = cropPadded(target.dims, target.data, min, max);
  const o = cropPadded(oar.dims, oar.data, min, max);
  const outside = new Uint8Array(t.data.length);
  for (let v = 0; v < outside.length; v++) outside[v] = t.data[v] ? 0 : 1;
  const toTarget = squaredDistanceToFeature(t.dims, t.data, target.spacing);
  const toOutside = squaredDistanceToFeature(t.dims, outside, target.spacing);
  const halfVoxelMm = (target.spacing[0] + target.spacing[1] + target.spacing[2]) / 6;
  const out: number[] = [];
  for (let v = 0; v < o.data.length; v++) {
    if (!o.data[v]) continue;
    out.push(t.data[v] ? halfVoxelMm - Math.sqrt(toOutside[v]!) : Math.sqrt(toTarget[v]!) - halfVoxelMm);
  }
  return Float64Array.from(out);
}

/** OVH of `oar` against `target` (same grid) at `distancesMm`, with both volumes. */
export function oarGeometryFeatures(
  target: Volume<Uint8Array>,
  oar: Volume<Uint8Array>,
  distancesMm: readonly number[] = KBP_OVH_DISTANCES_MM,
): OarGeometryFeatures {
  const d = signedDistancesToTargetMm(target, oar);
  const ovh = distancesMm.map((limit) => {
    let n = 0;
    for (const x of d) if (x <= limit) n++;
    return d.length ? n / d.length : 0;
  });
  const ml = voxelVolumeMl(target.spacing);
  return { ovh, distancesMm: [...distancesMm], targetVolumeMl: countOnes(target.data) * ml, oarVolumeMl: d.length * ml };
}

/** The predictor's named inputs (its card's input names): ovhm5mm, ovh0mm … ovh40mm, targetVolumeMl, oarVolumeMl. */
export function kbpModelInputs(f: OarGeometryFeatures): Record<string, number> {
  const inputs: Record<string, number> = {};
  f.distancesMm.forEach((d, k) => (inputs[`ovh${d < 0 ? 'm' : ''}${Math.abs(d)}mm`] = f.ovh[k]!));
  return { ...inputs, targetVolumeMl: f.targetVolumeMl, oarVolumeMl: f.oarVolumeMl };
}

function countOnes(data: Uint8Array): number {
  let n = 0;
  for (const x of data) if (x) n++;
  return n;
}

/** Voxel-index bounding box of a mask's non-zero voxels, grown to include `with`; undefined when both are empty. */
function boundingBox(mask: Volume<Uint8Array>, with_?: { min: Vec3; max: Vec3 }): { min: Vec3; max: Vec3 } | undefined {
  const [nx, ny, nz] = mask.dims;
  const min: Vec3 = with_ ? [...with_.min] : [Infinity, Infinity, Infinity];
  const max: Vec3 = with_ ? [...with_.max] : [-Infinity, -Infinity, -Infinity];
  for (let k = 0, v = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++, v++) {
        if (!mask.data[v]) continue;
        if (i < min[0]) min[0] = i;
        if (i > max[0]) max[0] = i;
        if (j < min[1]) min[1] = j;
        if (j > max[1]) max[1] = j;
        if (k < min[2]) min[2] = k;
        if (k > max[2]) max[2] = k;
      }
  return min[0] === Infinity ? undefined : { min, max };
}
