/**
 * One interface over both protocols, so query and resumable retrieval do not care whether the PACS speaks DICOMweb
 * or DIMSE. Failures throw PacsError with a message that names the PACS and says what went wrong.
 */
import type { PacsConnection } from './connection';
import type { InstanceRow, SeriesRow, StudyQuery, StudyRow } from './pacs-types';

export class PacsError extends Error {
  override name = 'PacsError';
}

/** The PACS answered with an HTTP error status. */
export class PacsHttpError extends PacsError {
  override name = 'PacsHttpError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface PacsClient {
  /** Resolves when the PACS answers (C-ECHO, or a minimal QIDO-RS query); throws PacsError otherwise. */
  echo(signal?: AbortSignal): Promise<void>;
  findStudies(query: StudyQuery, signal?: AbortSignal): Promise<StudyRow[]>;
  findSeries(studyInstanceUID: string, signal?: AbortSignal): Promise<SeriesRow[]>;
  /** The instances of a study, or of one of its series. */
  findInstances(studyInstanceUID: string, seriesInstanceUID?: string, signal?: AbortSignal): Promise<InstanceRow[]>;
  /**
   * Retrieves a series, or only the listed instances of it, writing each as a Part 10 file `<SOPInstanceUID>.dcm`
   * into outDir (written whole, then renamed, so a file there is always complete). Calls onStored per file.
   */
  retrieve(
    target: { studyInstanceUID: string; seriesInstanceUID: string; sopInstanceUIDs?: string[] },
    outDir: string,
    onStored: (sopInstanceUID: string) => void,
    signal?: AbortSignal,
  ): Promise<void>;
}

export async function openPacsClient(connection: PacsConnection): Promise<PacsClient> {
  if (connection.kind === 'dicomweb') return new (await import('./dicomweb-client')).DicomwebClient(connection);
  return new (await import('./dimse-client')).DimseClient(connection);
}
