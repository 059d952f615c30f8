/**
 * PACS retrieval job: fetch a study (or one series) into its staging folder, resuming what an earlier attempt left
 * there, then import the staged files exactly like a DICOM import (scan, copy into managed storage). The main side
 * indexes the scan in the store. The staging folder goes once its files are in managed storage.
 */
import { rmSync } from 'node:fs';
import type { ScanResult } from '../../dicom/scan';
import type { PacsConnection } from '../../pacs/connection';
import { openPacsClient } from '../../pacs/pacs-client';
import { retrieveStudy, type RetrievalReport } from '../../pacs/retrieve-study';
import { progressRange, type JobContext } from '../job-context';
import { dicomImport } from './dicom-import';

export interface PacsRetrieveInput {
  connection: PacsConnection;
  studyInstanceUID: string;
  seriesInstanceUID?: string;
  /** The study's staging folder (named by its UID), kept between attempts so a retry fetches only what is missing. */
  stagingDir: string;
  /** Managed storage to copy into. */
  copyTo: string;
}

export type PacsRetrieveResult = ScanResult & { retrieval: RetrievalReport };

export async function pacsRetrieve(input: PacsRetrieveInput, ctx: JobContext): Promise<PacsRetrieveResult> {
  const client = await openPacsClient(input.connection);
  const retrieval = await retrieveStudy(
    client,
    { studyInstanceUID: input.studyInstanceUID, seriesInstanceUID: input.seriesInstanceUID },
    input.stagingDir,
    progressRange(ctx, 0, 0.8),
  );
  const scan = await dicomImport({ paths: [input.stagingDir], copyTo: input.copyTo }, progressRange(ctx, 0.8, 1));
  rmSync(input.stagingDir, { recursive: true, force: true });
  return { ...scan, retrieval };
}
