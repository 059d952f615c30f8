/**
 * Plain connection settings for one PACS, as the main side resolves them from a saved node (secrets included, so
 * they are handed to a worker in memory and never stored with a job).
 */
export interface DicomwebConnection {
  kind: 'dicomweb';
  /** DICOMweb root, e.g. http://pacs:8042/dicom-web (no trailing slash needed). */
  url: string;
  /** Sent with every request, e.g. { name: 'Authorization', value: 'Bearer …' }. */
  authHeader?: { name: string; value: string };
  timeoutMs?: number;
}

export interface DimseConnection {
  kind: 'dimse';
  host: string;
  port: number;
  /** The PACS's AE title. */
  calledAe: string;
  /** Our AE title. */
  callingAe: string;
  /** C-GET needs no inbound port; C-MOVE sends to our Store SCP, which listens on localStorePort. */
  retrieve: 'c-get' | 'c-move';
  localStorePort?: number;
  timeoutMs?: number;
}

export type PacsConnection = DicomwebConnection | DimseConnection;

export const DEFAULT_CALLING_AE = 'TWIN';
export const DEFAULT_TIMEOUT_MS = 30_000;

/** Names the PACS in messages: "PACS http://host:8042/dicom-web" or "PACS ORTHANC@host:4242". */
export function describePacs(c: PacsConnection): string {
  return c.kind === 'dicomweb' ? `PACS ${c.url}` : `PACS ${c.calledAe}@${c.host}:${c.port}`;
}

/** The connection without its credentials: what may be written down (a job's stored input, a log). */
export function withoutCredentials(c: PacsConnection): PacsConnection {
  return c.kind === 'dicomweb' ? { kind: c.kind, url: c.url, ...(c.timeoutMs ? { timeoutMs: c.timeoutMs } : {}) } : c;
}
