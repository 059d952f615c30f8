/** Plan-quality indices: Paddick conformity and the ICRU 83 homogeneity index. */
import { doseAtVolumePct } from './dvh';

/**
 * Paddick conformity index (J Neurosurg 93 Suppl 3:219, 2000): CI = TV_PIV² / (TV · PIV), with TV the target
 * volume, PIV the volume inside the prescription isodose and TV_PIV their overlap. 1 is perfect. PIV is counted
 * over the voxels given in `dose` (the plan's dose voxels), so those must cover the whole high-dose region.
 */
export function paddickConformity(dose: ArrayLike<number>, targetVoxels: ArrayLike<number>, prescriptionGy: number): number {
  let piv = 0;
  for (let v = 0; v < dose.length; v++) if (dose[v]! >= prescriptionGy) piv++;
  let tvPiv = 0;
  for (let q = 0; q < targetVoxels.length; q++) if (dose[targetVoxels[q]!]! >= prescriptionGy) tvPiv++;
  const tv = targetVoxels.length;
  return tv && piv ? (tvPiv * tvPiv) / (tv * piv) : 0;
}

/** ICRU Report 83 homogeneity index HI = (D2 − D98) / D50 of a target (0 = perfectly homogeneous). */
export function homogeneityIndex(sortedTargetDose: Float64Array): number {
  const d50 = doseAtVolumePct(sortedTargetDose, 50);
  return d50 > 0 ? (doseAtVolumePct(sortedTargetDose, 2) - doseAtVolumePct(sortedTargetDose, 98)) / d50 : 0;
}
