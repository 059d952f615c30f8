/** The demo-patient job: writes the synthetic patient (workers/phantom) and scans it, ready to index. */
import { scanDicom, type ScanResult } from '../../dicom/scan';
import { writeDemoPatient } from '../../phantom/demo-patient';
import type { JobContext } from '../job-context';

/** Writes the synthetic demo patient into `outDir` and scans it, ready to index. */
export async function demoImport(input: { outDir: string }, ctx: JobContext): Promise<ScanResult> {
  const writeCtx: JobContext = { ...ctx, progress: (f, m) => ctx.progress(f * 0.8, m ?? 'writing the demo patient') };
  const written = await writeDemoPatient(input.outDir, writeCtx);
  const scanCtx: JobContext = { ...ctx, progress: (f, m) => ctx.progress(0.8 + f * 0.2, m ?? 'indexing the demo patient') };
  return scanDicom([...written.ctFiles, written.rtstructFile], scanCtx);
}
