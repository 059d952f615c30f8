/**
 * Orders the instances of one geometry group. Slices are sorted by their position along the plane normal
 * (ImagePositionPatient · (row × column)), the only order that is right whatever the scanner numbered; when a
 * position is missing we fall back to InstanceNumber and then to the file name, and say so.
 */
import type { ImageOrientation, ScannedInstance } from '../scan-types';
import { dot, planeAxes } from './plane-geometry';

export interface SortedSlices {
  instances: ScannedInstance[];
  /** Position along the normal of each instance (mm), when every instance has one. */
  positionsMm?: number[];
  warnings: string[];
}

function byNumberThenFile(a: ScannedInstance, b: ScannedInstance): number {
  return (a.instanceNumber ?? Number.MAX_SAFE_INTEGER) - (b.instanceNumber ?? Number.MAX_SAFE_INTEGER) || a.file.localeCompare(b.file);
}

export function sortSlices(instances: ScannedInstance[], orientation: ImageOrientation | undefined): SortedSlices {
  const positioned = orientation && instances.every((i) => i.imagePositionPatient);
  if (!positioned) {
    const sorted = [...instances].sort(byNumberThenFile);
    const warnings =
      instances.length > 1 && instances.some((i) => i.rows)
        ? ['some images have no ImagePositionPatient/ImageOrientationPatient: sorted by InstanceNumber']
        : [];
    return { instances: sorted, warnings };
  }
  const { normal } = planeAxes(orientation);
  const keyed = instances.map((inst) => ({ inst, along: dot(inst.imagePositionPatient!, normal) }));
  keyed.sort((a, b) => a.along - b.along || byNumberThenFile(a.inst, b.inst));
  return { instances: keyed.map((k) => k.inst), positionsMm: keyed.map((k) => k.along), warnings: [] };
}
