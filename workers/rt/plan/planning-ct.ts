/**
 * The planning CT: the CT series with the most images among the given files, its volume, and the image each slice
 * came from (the SOP instances an RT Structure Set of the plan's structures must reference, slice by slice).
 */
import type { JobContext } from '../../process/job-context';
import { scanDicom } from '../../dicom/scan';
import { loadSeriesVolume } from '../../dicom/volume';
import type { ImageReference } from '../../dicom/write/rtstruct';
import { voxelToWorld, type Volume } from '../../volume/volume';

export interface PlanningCt {
  ct: Volume<Int16Array | Float32Array>;
  seriesInstanceUid: string;
  frameOfReferenceUid?: string;
  /** The image of slice k at index k; absent when slices and images do not pair up (e.g. a multi-frame CT). */
  sliceImages?: ImageReference[];
}

export async function loadPlanningCt(paths: string[], ctx: JobContext): Promise<PlanningCt> {
  const scan = await scanDicom(paths, { ...ctx, progress: (f, m) => ctx.progress(0.3 * f, m) });
  const series = scan.series.filter((s) => s.modality === 'CT').sort((a, b) => b.instances.length - a.instances.length)[0];
  if (!series) throw new Error(`no CT series in ${paths.join(', ')} (${scan.series.length} other series, ${scan.errors.length} unreadable files)`);
  const ct = await loadSeriesVolume(series.instances, { ...ctx, progress: (f, m) => ctx.progress(0.3 + 0.7 * f, m) });
  const sliceImages = pairSlicesWithImages(ct, series.instances);
  return {
    ct,
    seriesInstanceUid: series.seriesInstanceUid,
    ...(series.frameOfReferenceUid ? { frameOfReferenceUid: series.frameOfReferenceUid } : {}),
    ...(sliceImages ? { sliceImages } : {}),
  };
}

/** Each slice's image: the single-frame instance whose position is the slice's (within a tenth of a slice). */
function pairSlicesWithImages(ct: Volume, instances: readonly { sopClassUid: string; sopInstanceUid: string; frames: number; imagePositionPatient?: readonly number[] }[]): ImageReference[] | undefined {
  if (instances.length !== ct.dims[2] || instances.some((i) => i.frames !== 1 || !i.imagePositionPatient)) return undefined;
  const out: ImageReference[] = [];
  for (let k = 0; k < ct.dims[2]; k++) {
    const p = voxelToWorld(ct, 0, 0, k);
    let best = instances[0]!, bestD = Infinity;
    for (const i of instances) {
      const q = i.imagePositionPatient!;
      const d = Math.hypot(q[0]! - p[0], q[1]! - p[1], q[2]! - p[2]);
      if (d < bestD) [best, bestD] = [i, d];
    }
    if (bestD > 0.1 * ct.spacing[2]) return undefined;
    out.push({ sopClassUid: best.sopClassUid, sopInstanceUid: best.sopInstanceUid });
  }
  return out;
}
