/** The demo-patient job: writes the synthetic patient (workers/phantom) and scans it, ready to index. */
import { scanDicom, type ScanResult } from '../../dicom/scan';
import { writeDemoPatient } from '../../phantom/demo-patient';
import { progressRange, type JobContext } from '../job-context';

export async function demoImport(input: { outDir: string }, ctx: JobContext): Promise<ScanResult> {
  const written = await writeDemoPatient(input.outDir, progressRange(ctx, 0, 0.8, 'writing the demo patient'));
  return scanDicom([...written.ctFiles, written.rtstructFile], progressRange(ctx, 0.8, 1, 'indexing the demo patient'));
}
