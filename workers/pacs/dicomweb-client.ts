/**
 * DICOMweb client (PS3.18): QIDO-RS for search, WADO-RS for retrieval as multipart/related; type="application/dicom"
 * streamed part by part into files. Each request has a timeout for the answer to start and an idle timeout while
 * a body streams, so a stalled PACS fails with a message instead of hanging a job.
 */
import { open, rm } from 'node:fs/promises';
import { DEFAULT_TIMEOUT_MS, describePacs, type DicomwebConnection } from './connection';
import { instanceRow, QIDO_TAGS, seriesRow, studyRow, type DicomJsonDataset } from './dicom-json';
import { networkError } from './network-errors';
import { checkedUid, commitInstanceFile, partialFile } from './instance-file';
import { parseContentType, readMultipart, type MultipartSink } from './multipart';
import { PacsError, PacsHttpError, type PacsClient } from './pacs-client';
import type { InstanceRow, SeriesRow, StudyQuery, StudyRow } from './pacs-types';

const STUDY_FIELDS = [QIDO_TAGS.StudyDescription, QIDO_TAGS.ModalitiesInStudy, QIDO_TAGS.NumberOfStudyRelatedSeries, QIDO_TAGS.NumberOfStudyRelatedInstances];
const SERIES_FIELDS = [QIDO_TAGS.SeriesDescription, QIDO_TAGS.SeriesNumber, QIDO_TAGS.NumberOfSeriesRelatedInstances];
/** Any transfer syntax the PACS holds: no lossy transcoding on the way (PS3.18 §8.7.3.5.2). */
const WADO_ACCEPT = 'multipart/related; type="application/dicom"; transfer-syntax=*';
/** Without transfer-syntax the server sends Explicit VR Little Endian (PS3.18 §8.7.3.5.2): for servers refusing "*". */
const WADO_ACCEPT_DEFAULT_SYNTAX = 'multipart/related; type="application/dicom"';
const INSTANCE_PAGE = 1000;

export class DicomwebClient implements PacsClient {
  private readonly root: string;
  private readonly timeoutMs: number;
  private readonly name: string;

  constructor(
    private readonly connection: DicomwebConnection,
    /** Instances asked for per QIDO-RS page (smaller in tests, to exercise paging). */
    private readonly instancePage = INSTANCE_PAGE,
  ) {
    this.root = connection.url.replace(/\/+$/, '');
    this.timeoutMs = connection.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.name = describePacs(connection);
  }

  async echo(signal?: AbortSignal): Promise<void> {
    await this.qido('/studies', [['limit', '1']], signal);
  }

  async findStudies(query: StudyQuery, signal?: AbortSignal): Promise<StudyRow[]> {
    const keys: [string, string | undefined][] = [
      ['PatientName', query.patientName],
      ['PatientID', query.patientId],
      ['StudyDate', query.studyDate],
      ['ModalitiesInStudy', query.modality],
      ['AccessionNumber', query.accession],
      ['StudyInstanceUID', query.studyInstanceUID],
    ];
    const params = [...includeFields(STUDY_FIELDS), ...keys.filter((k): k is [string, string] => !!k[1])];
    return (await this.qido('/studies', params, signal)).map(studyRow);
  }

  async findSeries(studyInstanceUID: string, signal?: AbortSignal): Promise<SeriesRow[]> {
    const rows = await this.qido(`/studies/${checkedUid(studyInstanceUID)}/series`, includeFields(SERIES_FIELDS), signal);
    return rows.map(seriesRow);
  }

  async findInstances(studyInstanceUID: string, seriesInstanceUID?: string, signal?: AbortSignal): Promise<InstanceRow[]> {
    const path = seriesInstanceUID
      ? `/studies/${checkedUid(studyInstanceUID)}/series/${checkedUid(seriesInstanceUID)}/instances`
      : `/studies/${checkedUid(studyInstanceUID)}/instances`;
    // Servers may cap an answer (PS3.18 §8.3.4.4 lets them): page with limit/offset until a page adds nothing new,
    // so a resumed retrieval never mistakes the first page for the whole study.
    const rows = new Map<string, InstanceRow>();
    for (let offset = 0; ; ) {
      const paging: [string, string][] = [['limit', String(this.instancePage)], ['offset', String(offset)]];
      const page = (await this.qido(path, [...includeFields([QIDO_TAGS.SeriesInstanceUID]), ...paging], signal)).map(instanceRow);
      const before = rows.size;
      for (const r of page) rows.set(r.sopInstanceUID, seriesInstanceUID ? { ...r, seriesInstanceUID: r.seriesInstanceUID || seriesInstanceUID } : r);
      if (page.length < this.instancePage || rows.size === before) break;
      offset += page.length;
    }
    return [...rows.values()];
  }

  async retrieve(
    target: { studyInstanceUID: string; seriesInstanceUID: string; sopInstanceUIDs?: string[] },
    outDir: string,
    onStored: (sopInstanceUID: string) => void,
    signal?: AbortSignal,
  ): Promise<void> {
    const series = `/studies/${checkedUid(target.studyInstanceUID)}/series/${checkedUid(target.seriesInstanceUID)}`;
    const paths = target.sopInstanceUIDs ? target.sopInstanceUIDs.map((sop) => `${series}/instances/${checkedUid(sop)}`) : [series];
    for (const path of paths) {
      signal?.throwIfAborted();
      await this.wado(path, outDir, onStored, signal);
    }
  }

  /** One QIDO-RS search; an empty answer (204) is no rows. */
  private async qido(path: string, params: [string, string][], signal?: AbortSignal): Promise<DicomJsonDataset[]> {
    const url = `${this.root}${path}?${new URLSearchParams(params).toString()}`;
    return this.request(url, 'application/dicom+json', signal, async (response) => {
      if (response.status === 204) return [];
      const body = (await response.json()) as unknown;
      if (!Array.isArray(body)) throw new PacsError(`${this.name} answered ${path} with something other than a DICOM JSON array`);
      return body as DicomJsonDataset[];
    });
  }

  /** One WADO-RS retrieval, streamed part by part into complete files. */
  private async wado(path: string, outDir: string, onStored: (sop: string) => void, signal?: AbortSignal): Promise<void> {
    try {
      await this.wadoAs(WADO_ACCEPT, path, outDir, onStored, signal);
    } catch (err) {
      if (!(err instanceof PacsHttpError && err.status === 406)) throw err;
      await this.wadoAs(WADO_ACCEPT_DEFAULT_SYNTAX, path, outDir, onStored, signal);
    }
  }

  private async wadoAs(accept: string, path: string, outDir: string, onStored: (sop: string) => void, signal?: AbortSignal): Promise<void> {
    const url = `${this.root}${path}`;
    await this.request(url, accept, signal, async (response, touch) => {
      const { type, params } = parseContentType(response.headers.get('content-type') ?? '');
      if (type !== 'multipart/related' || !params.boundary) {
        throw new PacsError(`${this.name} answered ${path} with "${type || 'no content type'}" instead of multipart/related DICOM`);
      }
      if (!response.body) throw new PacsError(`${this.name} answered ${path} without a body`);
      let file: Awaited<ReturnType<typeof open>> | undefined;
      let temp = '';
      const sink: MultipartSink = {
        partStart: async (headers) => {
          const partType = parseContentType(headers['content-type'] ?? params.type ?? 'application/dicom').type;
          if (partType !== 'application/dicom') throw new PacsError(`${this.name} sent a "${partType}" part instead of application/dicom`);
          temp = partialFile(outDir);
          file = await open(temp, 'w');
        },
        partData: async (chunk) => {
          touch();
          await file!.write(chunk);
        },
        partEnd: async () => {
          await file!.close();
          file = undefined;
          onStored(commitInstanceFile(temp, outDir));
        },
      };
      try {
        await readMultipart(chunksOf(response.body), params.boundary, sink);
      } finally {
        if (file) {
          await file.close();
          await rm(temp, { force: true });
        }
      }
    });
  }

  /**
   * Sends a GET and hands the response to `read`. The timeout covers the wait for an answer and then any pause
   * longer than it between body chunks (`touch` restarts it), not the whole transfer.
   */
  private async request<T>(url: string, accept: string, signal: AbortSignal | undefined, read: (r: Response, touch: () => void) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    let timedOut = false;
    let timer: NodeJS.Timeout | undefined;
    const touch = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, this.timeoutMs);
    };
    const onAbort = () => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    touch();
    try {
      const headers: Record<string, string> = { Accept: accept };
      if (this.connection.authHeader) headers[this.connection.authHeader.name] = this.connection.authHeader.value;
      const response = await fetch(url, { headers, signal: controller.signal });
      if (!response.ok) {
        const detail = (await response.text().catch(() => '')).replace(/\s+/g, ' ').trim().slice(0, 200);
        throw new PacsHttpError(response.status, `HTTP ${response.status} for ${url}${detail ? `: ${detail}` : ''}`);
      }
      touch();
      return await read(response, touch);
    } catch (err) {
      if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new PacsError('cancelled');
      throw networkError(this.name, err, timedOut, this.timeoutMs);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }
}

/**
 * One includefield parameter per attribute (PS3.18 §8.3.4.3 allows repeating it): a comma-separated list would be
 * percent-encoded by URLSearchParams, which Orthanc does not decode before splitting.
 */
function includeFields(tags: readonly string[]): [string, string][] {
  return tags.map((t) => ['includefield', t]);
}

/** A fetch body as chunks, through its reader (the DOM's ReadableStream type, seen by some tsconfigs, is not iterable). */
async function* chunksOf(body: ReadableStream<Uint8Array>): AsyncIterable<Uint8Array> {
  const reader = body.getReader();
  let ended = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if ((ended = done)) return;
      yield value;
    }
  } finally {
    // A reader that stops early (an error, a cancel) closes the connection instead of leaving the body unread.
    if (!ended) await reader.cancel().catch(() => {});
  }
}
