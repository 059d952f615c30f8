/**
 * Test fixture for the PACS suites: a throwaway Orthanc (testing/orthanc.ts) loaded with a real MR series
 * (35 slices, shared test data), and the decoded-pixel hashes of the originals to compare retrievals with.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, orthancAvailable, orthancMissingMessage, startOrthanc, type TestOrthanc } from '../../testing/orthanc';
import { missingDataMessage, sharedData } from '../../testing/shared-data';
import { describePixels } from '../dicom/decode/describe-pixels';
import { readDicomFile } from '../dicom/header/read-dicom-file';
import { TAG } from '../dicom/header/dicom-tags';
import { textValue } from '../dicom/header/values';

export const PACS_SERIES = 'dicom/orientation/HFS';
export const PACS_SERIES_INSTANCES = 35;

/** Why a PACS suite must skip, or '' when Orthanc and the data are both here. */
export function pacsSkipReason(): string {
  if (!sharedData(PACS_SERIES)) return missingDataMessage(PACS_SERIES);
  return orthancAvailable() ? '' : orthancMissingMessage;
}

export interface LoadedPacs {
  orthanc: TestOrthanc;
  studyUID: string;
  /** SOP Instance UID → sha256 of the decoded stored values of the original file. */
  originals: Map<string, string>;
  /** The port Orthanc knows as C-MOVE destination "TWIN". */
  scpPort: number;
  /** A temporary folder for retrievals. */
  work: string;
  stop(): Promise<void>;
}

export async function startLoadedPacs(): Promise<LoadedPacs> {
  const scpPort = await freePort();
  const orthanc = (await startOrthanc({ modalities: { twin: { aet: 'TWIN', port: scpPort } } }))!;
  const dir = sharedData(PACS_SERIES)!;
  const files = readdirSync(dir).map((f) => path.join(dir, f));
  await orthanc.upload(files);
  const originals = new Map<string, string>();
  let studyUID = '';
  for (const file of files) {
    const ds = readDicomFile(file, 'header').dataSet;
    originals.set(textValue(ds, TAG.SOPInstanceUID)!, (await describePixels(file)).sha256);
    studyUID = textValue(ds, TAG.StudyInstanceUID)!;
  }
  const work = mkdtempSync(path.join(os.tmpdir(), 'twin-pacs-'));
  return {
    orthanc,
    studyUID,
    originals,
    scpPort,
    work,
    async stop() {
      await orthanc.stop();
      rmSync(work, { recursive: true, force: true });
    },
  };
}

/** The `.dcm` files of folder, by SOP Instance UID. */
export function retrievedInstances(folder: string): string[] {
  return readdirSync(folder)
    .filter((f) => f.endsWith('.dcm'))
    .map((f) => f.slice(0, -4))
    .sort();
}

/** Every original arrived once, with its decoded pixels unchanged; returns the mismatches (none expected). */
export async function pixelMismatches(pacs: LoadedPacs, folder: string): Promise<string[]> {
  const got = retrievedInstances(folder);
  const missing = [...pacs.originals.keys()].filter((sop) => !got.includes(sop)).map((sop) => `${sop}: missing`);
  const changed: string[] = [];
  for (const sop of got) {
    const hash = (await describePixels(path.join(folder, `${sop}.dcm`))).sha256;
    if (hash !== pacs.originals.get(sop)) changed.push(`${sop}: pixels differ`);
  }
  return [...missing, ...changed];
}
