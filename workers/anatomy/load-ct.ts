/** A folder (or files) of DICOM → the CT volume to segment: the CT series with the most images. */
import type { JobContext } from '../process/job-context';
import { scanDicom } from '../dicom/scan';
import { loadSeriesVolume } from '../dicom/volume';
import type { Volume } from '../volume/volume';

export async function loadCtFromPaths(paths: string[], ctx: JobContext): Promise<Volume<Int16Array | Float32Array>> {
  const scan = await scanDicom(paths, { ...ctx, progress: (f, m) => ctx.progress(0.3 * f, m) });
  const cts = scan.series.filter((s) => s.modality === 'CT').sort((a, b) => b.instances.length - a.instances.length);
  const series = cts[0];
  if (!series) throw new Error(`no CT series in ${paths.join(', ')} (${scan.series.length} other series, ${scan.errors.length} unreadable files)`);
  return loadSeriesVolume(series.instances, { ...ctx, progress: (f, m) => ctx.progress(0.3 + 0.7 * f, m) });
}
