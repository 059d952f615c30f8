/**
 * Import jobs: scan DICOM files (the engine in workers/dicom) and, by default, copy them into managed storage so the
 * CD or USB stick can go. The main side indexes the result in the store (main/services/imports).
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { scanDicom, type ScanResult } from '../../dicom/scan';
import { progressRange, type JobContext } from '../job-context';

export interface DicomImportInput {
  paths: string[];
  /** Folder of managed storage to copy into, or null to reference the files in place. */
  copyTo: string | null;
}

/** UIDs are digits and dots; anything else is replaced so a hostile header cannot steer a path. */
function safeSegment(uid: string): string {
  return uid.replace(/[^0-9A-Za-z.]/g, '_').slice(0, 64) || 'unknown';
}

function copyIntoStorage(scan: ScanResult, root: string, ctx: JobContext): void {
  const total = scan.series.reduce((n, s) => n + s.instances.length, 0);
  let done = 0;
  for (const series of scan.series) {
    const dir = path.join(root, safeSegment(series.studyInstanceUid), safeSegment(series.seriesInstanceUid));
    mkdirSync(dir, { recursive: true });
    for (const inst of series.instances) {
      ctx.throwIfCancelled();
      const target = path.join(dir, `${safeSegment(inst.sopInstanceUid)}.dcm`);
      if (path.resolve(inst.file) !== path.resolve(target)) copyFileSync(inst.file, target);
      inst.file = target;
      done++;
      if (done % 20 === 0) ctx.progress(0.5 + (0.5 * done) / total, `copying into managed storage: ${done}/${total}`);
    }
  }
}

export async function dicomImport(input: DicomImportInput, ctx: JobContext): Promise<ScanResult> {
  const scan = await scanDicom(input.paths, progressRange(ctx, 0, input.copyTo ? 0.5 : 1));
  if (input.copyTo) copyIntoStorage(scan, input.copyTo, ctx);
  return scan;
}
