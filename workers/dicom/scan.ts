/**
 * scanDicom: the header pass of an import. Files and folders (recursively) are read up to Pixel Data, DICOMDIRs are
 * followed, and every file that cannot be used is reported with its reason while the rest goes on.
 */
import path from 'node:path';
import type { JobContext } from '../process/job-context';
import { dicomdirReferences } from './files/dicomdir';
import { listFiles } from './files/list-files';
import { createReadBuffer, DicomFileError } from './header/read-dicom-file';
import { readInstanceHeader, type InstanceHeader } from './header/instance-header';
import type { ScanResult } from './scan-types';
import { buildSeries } from './series/build-series';

export type { ScannedInstance, ScannedSeries, ScanResult } from './scan-types';

const PROGRESS_EVERY_FILES = 50;

/** Lets the worker's message loop run, so that a cancel sent by the UI is seen during a long synchronous scan. */
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export async function scanDicom(paths: string[], ctx: JobContext): Promise<ScanResult> {
  ctx.progress(0, 'listing files');
  const listed = listFiles(paths);
  const errors: ScanResult['errors'] = [...listed.errors];
  const queue = [...listed.files];
  const queued = new Set(queue.map((f) => path.resolve(f)));
  const headers: InstanceHeader[] = [];
  // Nothing here reads long private values (Siemens CSA headers): a scan leaves them unread where it can.
  const reuse = createReadBuffer({ skipPrivateValues: true });

  for (let done = 0; done < queue.length; done++) {
    if (done % PROGRESS_EVERY_FILES === 0) {
      await yieldToEventLoop();
      ctx.throwIfCancelled();
      ctx.progress(done / queue.length, `reading headers: ${done}/${queue.length} files`);
    }
    const file = queue[done]!;
    try {
      const result = readInstanceHeader(file, reuse);
      if (result.kind === 'instance') {
        headers.push(result.header);
        continue;
      }
      // A DICOMDIR is an index, not an image: queue what it references (files already queued are read once).
      const refs = dicomdirReferences(file, result.dataSet);
      for (const missing of refs.missing) errors.push({ file: missing, reason: `referenced by DICOMDIR ${file} but not found` });
      for (const ref of refs.files) {
        const resolved = path.resolve(ref);
        if (queued.has(resolved)) continue;
        queued.add(resolved);
        queue.push(resolved);
      }
    } catch (e) {
      if (e instanceof DicomFileError) errors.push({ file: e.file, reason: e.reason });
      else errors.push({ file, reason: `unexpected error: ${(e as Error).message}` });
    }
  }
  ctx.throwIfCancelled();
  ctx.progress(1, `sorting ${headers.length} images into series`);
  return { series: buildSeries(headers), errors };
}
