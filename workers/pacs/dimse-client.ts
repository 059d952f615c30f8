/**
 * DIMSE client (PS3.7, PS3.4 Annex C) over dcmjs-dimse: C-ECHO, C-FIND at study, series and image level (Study
 * Root), and retrieval by C-GET (instances come back on the same association: no inbound port) or by C-MOVE to a
 * Store SCP we open on localStorePort for the duration (the PACS must know our AE title and that port).
 */
import { createRequire } from 'node:module';
import * as dimseModule from 'dcmjs-dimse';
import type { association as DimseAssociation, Dataset as DimseDataset, requests as DimseRequests, responses as DimseResponses } from 'dcmjs-dimse';
import { DEFAULT_TIMEOUT_MS, describePacs, type DimseConnection } from './connection';
import { valueText } from './dicom-json';
import { commitInstanceFile, partialFile } from './instance-file';
import { networkError, timeoutError } from './network-errors';
import { PacsError, type PacsClient } from './pacs-client';
import type { InstanceRow, SeriesRow, StudyQuery, StudyRow } from './pacs-types';

/** The package is a CommonJS bundle: under Node's ESM loader its exports arrive as the default export. */
const dimse = ((dimseModule as unknown as { default?: typeof dimseModule }).default ?? dimseModule) as typeof dimseModule;
const { Client, Server, Scp } = dimse;
const { CEchoRequest, CFindRequest, CGetRequest, CMoveRequest } = dimse.requests;
const { CStoreResponse } = dimse.responses;
const { Status, PresentationContextResult, TransferSyntax, RejectResult, RejectSource } = dimse.constants;
const { PresentationContext } = dimse.association;

/**
 * The transfer syntaxes we take instances in, as the PACS stores them (no transcoding on the way): the uncompressed
 * ones first, then the encapsulated ones our decoders read (workers/dicom/decode). 1.2.840.10008.1.2.4.57 is JPEG
 * lossless process 14 (PS3.5 Table A-1), which dcmjs-dimse has no name for.
 */
const STORAGE_SYNTAXES: string[] = [
  TransferSyntax.ExplicitVRLittleEndian,
  TransferSyntax.ImplicitVRLittleEndian,
  TransferSyntax.ExplicitVRBigEndian,
  TransferSyntax.RleLossless,
  TransferSyntax.JpegBaseline,
  TransferSyntax.JpegLossless,
  '1.2.840.10008.1.2.4.57',
  TransferSyntax.JpegLsLossless,
  TransferSyntax.JpegLsLossy,
  TransferSyntax.Jpeg2000Lossless,
  TransferSyntax.Jpeg2000Lossy,
];

// Both libraries log every PDU and every private tag they cannot name to the console; a job's log wants errors only.
// dcmjs is required from dcmjs-dimse's own folder (it carries its own copy). Best effort: inside a bundle (the
// Electron build) that copy may not be on disk, and quieter logs are not worth failing for.
dimse.log.setLevel('silent');
try {
  const requireFromDimse = createRequire(createRequire(import.meta.url).resolve('dcmjs-dimse'));
  (requireFromDimse('dcmjs') as { log: { setLevel(level: string): void } }).log.setLevel('error');
} catch {
  // noisy logs, nothing worse
}

type Request = InstanceType<typeof DimseRequests.Request>;
type ResponseLike = { getStatus(): number; getDataset(): DimseDataset | undefined; hasDataset(): boolean };
type StoreRequestLike = { getDataset(): DimseDataset | undefined };

/** A-ASSOCIATE-RJ reasons by source (PS3.8 §9.3.4, Table 9-21). */
const REJECT_REASONS: Record<number, Record<number, string>> = {
  1: { 1: 'no reason given', 2: 'application context not supported', 3: 'calling AE title not recognised', 7: 'called AE title not recognised' },
  2: { 1: 'no reason given', 2: 'protocol version not supported' },
  3: { 1: 'temporary congestion', 2: 'local limit exceeded' },
};

/** A naturalized dcmjs value as text; multiple values joined by a backslash, as DICOM writes them. */
function text(v: unknown): string {
  return Array.isArray(v) ? v.map(valueText).join('\\') : valueText(v);
}

/** An IS/US count, or undefined when the PACS left it empty. */
function count(v: unknown): number | undefined {
  const first: unknown = Array.isArray(v) ? v[0] : v;
  if (first === undefined || first === null || first === '') return undefined;
  const n = Number(first);
  return Number.isFinite(n) ? n : undefined;
}

export class DimseClient implements PacsClient {
  private readonly name: string;
  private readonly timeoutMs: number;

  constructor(private readonly connection: DimseConnection) {
    this.name = describePacs(connection);
    this.timeoutMs = connection.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  async echo(signal?: AbortSignal): Promise<void> {
    const [status] = await this.associate([new CEchoRequest()], signal);
    if (status !== Status.Success) throw new PacsError(`${this.name} answered C-ECHO with status 0x${(status ?? 0).toString(16)}`);
  }

  async findStudies(query: StudyQuery, signal?: AbortSignal): Promise<StudyRow[]> {
    const request = CFindRequest.createStudyFindRequest({
      StudyInstanceUID: query.studyInstanceUID ?? '',
      PatientName: query.patientName ?? '',
      PatientID: query.patientId ?? '',
      StudyDate: query.studyDate ?? '',
      ModalitiesInStudy: query.modality ?? '',
      AccessionNumber: query.accession ?? '',
      StudyDescription: '',
      NumberOfStudyRelatedSeries: '',
      NumberOfStudyRelatedInstances: '',
    });
    return (await this.find(request, signal)).map((e) => {
      const series = count(e.NumberOfStudyRelatedSeries);
      const instances = count(e.NumberOfStudyRelatedInstances);
      return {
        studyInstanceUID: text(e.StudyInstanceUID),
        patientName: text(e.PatientName),
        patientId: text(e.PatientID),
        studyDate: text(e.StudyDate),
        studyDescription: text(e.StudyDescription),
        modalities: text(e.ModalitiesInStudy).split('\\').filter(Boolean),
        ...(series !== undefined ? { series } : {}),
        ...(instances !== undefined ? { instances } : {}),
      };
    });
  }

  async findSeries(studyInstanceUID: string, signal?: AbortSignal): Promise<SeriesRow[]> {
    const request = CFindRequest.createSeriesFindRequest({
      StudyInstanceUID: studyInstanceUID,
      SeriesInstanceUID: '',
      Modality: '',
      SeriesNumber: '',
      SeriesDescription: '',
      NumberOfSeriesRelatedInstances: '',
    });
    return (await this.find(request, signal)).map((e) => {
      const instances = count(e.NumberOfSeriesRelatedInstances);
      return {
        seriesInstanceUID: text(e.SeriesInstanceUID),
        modality: text(e.Modality),
        seriesNumber: count(e.SeriesNumber) ?? null,
        seriesDescription: text(e.SeriesDescription),
        ...(instances !== undefined ? { instances } : {}),
      };
    });
  }

  /** Image level needs the series as a unique key (hierarchical query, PS3.4 §C.4.1.2.2): one query per series. */
  async findInstances(studyInstanceUID: string, seriesInstanceUID?: string, signal?: AbortSignal): Promise<InstanceRow[]> {
    const seriesUids = seriesInstanceUID ? [seriesInstanceUID] : (await this.findSeries(studyInstanceUID, signal)).map((s) => s.seriesInstanceUID);
    const rows: InstanceRow[] = [];
    for (const series of seriesUids) {
      const request = CFindRequest.createImageFindRequest({ StudyInstanceUID: studyInstanceUID, SeriesInstanceUID: series, SOPInstanceUID: '' });
      for (const e of await this.find(request, signal)) rows.push({ seriesInstanceUID: series, sopInstanceUID: text(e.SOPInstanceUID) });
    }
    return rows;
  }

  async retrieve(
    target: { studyInstanceUID: string; seriesInstanceUID: string; sopInstanceUIDs?: string[] },
    outDir: string,
    onStored: (sopInstanceUID: string) => void,
    signal?: AbortSignal,
  ): Promise<void> {
    const { studyInstanceUID: study, seriesInstanceUID: series, sopInstanceUIDs } = target;
    const store = (dataset: DimseDataset | undefined) => this.storeInstance(dataset, study, outDir, onStored);
    if (this.connection.retrieve === 'c-get') {
      const requests = sopInstanceUIDs
        ? sopInstanceUIDs.map((sop) => CGetRequest.createImageGetRequest(study, series, sop))
        : [CGetRequest.createSeriesGetRequest(study, series)];
      const storageContexts = await this.storageContextsFor(study, series, signal);
      if (storageContexts) for (const r of requests) r.setAddStorageSopClassesToAssociation(false);
      this.checkStatuses(await this.associate(requests, signal, store, undefined, storageContexts), 'C-GET');
      return;
    }
    const port = this.connection.localStorePort;
    if (!port) throw new PacsError(`C-MOVE from ${this.name} needs the local port our Store SCP listens on`);
    const ae = this.connection.callingAe;
    const requests = sopInstanceUIDs
      ? sopInstanceUIDs.map((sop) => CMoveRequest.createImageMoveRequest(ae, study, series, sop))
      : [CMoveRequest.createSeriesMoveRequest(ae, study, series)];
    const scp = await openStoreScp(port, store);
    try {
      this.checkStatuses(await this.associate(requests, signal), 'C-MOVE');
      await scp.idle(this.timeoutMs);
    } finally {
      scp.close();
    }
  }

  /**
   * C-GET sends the instances back on our association, so we must offer a storage context for each SOP class and
   * transfer syntax they may come in; dcmjs-dimse offers only uncompressed ones, which makes the PACS transcode (or
   * fail: Orthanc without a JPEG 2000 codec answers 0xC000). One context per class and syntax for the classes the
   * series holds lets the PACS send each instance as stored. Undefined (dcmjs-dimse's defaults) when the series
   * holds too many classes for the 128 contexts an association may have (PS3.8 §9.3.2.2).
   */
  private async storageContextsFor(study: string, series: string, signal?: AbortSignal): Promise<InstanceType<typeof PresentationContext>[] | undefined> {
    const request = CFindRequest.createImageFindRequest({ StudyInstanceUID: study, SeriesInstanceUID: series, SOPClassUID: '' });
    const classes = [...new Set((await this.find(request, signal)).map((e) => text(e.SOPClassUID)).filter(Boolean))];
    if (classes.length === 0 || classes.length * STORAGE_SYNTAXES.length > 120) return undefined;
    return classes.flatMap((sopClass) => STORAGE_SYNTAXES.map((ts) => new PresentationContext(0, sopClass, ts, undefined, false, true)));
  }

  private async find(request: Request, signal?: AbortSignal): Promise<Record<string, unknown>[]> {
    const matches: Record<string, unknown>[] = [];
    const statuses = await this.associate([request], signal, undefined, (response) => {
      if (response.getStatus() === Status.Pending && response.hasDataset()) matches.push(response.getDataset()!.getElements());
    });
    this.checkStatuses(statuses, 'C-FIND');
    return matches;
  }

  private checkStatuses(statuses: number[], what: string): void {
    const failed = statuses.find((s) => s !== Status.Success && s !== Status.Pending);
    if (failed === undefined) return;
    // 0xB000: some sub-operations failed (PS3.4 C.4.2.1.5); the retrieval check counts what arrived.
    if (failed === 0xb000) return;
    throw new PacsError(`${this.name} answered ${what} with status 0x${failed.toString(16).padStart(4, '0')}${failed === Status.Cancel ? ' (cancelled)' : ''}`);
  }

  /**
   * Opens one association, sends the requests, and resolves with the final status of each once it is released.
   * Rejects with a message naming the PACS on a network error, a rejected association, or silence: dcmjs-dimse's
   * own timeouts do not notice a peer that accepts the connection and then says nothing, so a watchdog that every
   * answer restarts aborts the association after timeoutMs without one.
   */
  private associate(
    requests: Request[],
    signal: AbortSignal | undefined,
    onStore?: (dataset: DimseDataset | undefined) => Promise<void>,
    onResponse?: (response: ResponseLike) => void,
    extraContexts: InstanceType<typeof PresentationContext>[] = [],
  ): Promise<number[]> {
    signal?.throwIfAborted();
    return new Promise<number[]>((resolve, reject) => {
      const client = new Client();
      for (const context of extraContexts) client.addAdditionalPresentationContext(context, true);
      const finals: number[] = requests.map(() => Status.Pending);
      let failure: Error | undefined;
      let settled = false;
      let watchdog: NodeJS.Timeout | undefined;
      let lastResort: NodeJS.Timeout | undefined;
      const finish = () => {
        if (settled) return;
        settled = true;
        clearTimeout(watchdog);
        clearTimeout(lastResort);
        signal?.removeEventListener('abort', onAbort);
        if (failure) reject(failure);
        else if (finals.some((s) => s === Status.Pending)) reject(new PacsError(`${this.name} closed the association before it answered every request`));
        else resolve(finals);
      };
      let associated = false;
      /** Aborts the association; 'closed' normally follows, and the last resort settles when it does not. */
      const fail = (err: Error) => {
        failure ??= err;
        if (associated) client.abort();
        // Before an association there is nothing to abort (dcmjs-dimse skips it), so end the connection itself
        // (an internal of dcmjs-dimse 0.3: its Network keeps the socket), or a silent peer would hold it open.
        else (client as unknown as { network?: { socket?: { destroy(): void } } }).network?.socket?.destroy();
        lastResort ??= setTimeout(finish, 1000);
      };
      const alive = () => {
        clearTimeout(watchdog);
        watchdog = setTimeout(() => fail(timeoutError(this.name, this.timeoutMs)), this.timeoutMs);
      };
      const onAbort = () => fail(signal!.reason instanceof Error ? signal!.reason : new PacsError('cancelled'));
      signal?.addEventListener('abort', onAbort, { once: true });

      requests.forEach((request, i) => {
        request.on('response', (response: ResponseLike) => {
          alive();
          onResponse?.(response);
          if (response.getStatus() !== Status.Pending) finals[i] = response.getStatus();
        });
        client.addRequest(request);
      });
      if (onStore) {
        client.on('cStoreRequest', (request: StoreRequestLike, callback: (r: unknown) => void) => {
          alive();
          const response = CStoreResponse.fromRequest(request as never);
          // After a cancel or a failure, instances still in flight are refused, not written.
          (failure ? Promise.reject(failure) : onStore(request.getDataset()))
            .then(() => response.setStatus(Status.Success))
            .catch((err: unknown) => {
              failure ??= err as Error;
              response.setStatus(Status.ProcessingFailure);
            })
            .finally(() => callback(response));
        });
      }
      client.on('associationAccepted', () => {
        associated = true;
        alive();
      });
      client.on('associationRejected', (r: { result: number; source: number; reason: number }) => {
        const reason = REJECT_REASONS[r.source]?.[r.reason] ?? `reason ${r.reason}`;
        const who = r.source === RejectSource.ServiceUser ? `called AE "${this.connection.calledAe}", calling AE "${this.connection.callingAe}"` : 'by its DICOM service provider';
        failure ??= new PacsError(`${this.name} rejected the association (${r.result === RejectResult.Permanent ? 'permanent' : 'transient'}; ${who}): ${reason}`);
      });
      client.on('networkError', (err: Error) => {
        failure ??= /timeout/i.test(err.message) ? timeoutError(this.name, this.timeoutMs) : networkError(this.name, err, false, this.timeoutMs);
      });
      client.on('closed', () => {
        associated = false;
        finish();
      });
      alive();
      client.send(this.connection.host, this.connection.port, this.connection.callingAe, this.connection.calledAe, {
        connectTimeout: this.timeoutMs,
        associationTimeout: this.timeoutMs,
        pduTimeout: this.timeoutMs,
      });
    });
  }

  /** Writes one received instance; refuses one of another study (our Store SCP listens to anyone while it is open). */
  private async storeInstance(dataset: DimseDataset | undefined, studyInstanceUID: string, outDir: string, onStored: (sop: string) => void): Promise<void> {
    if (!dataset) throw new PacsError(`${this.name} sent a C-STORE without a data set`);
    const study = text(dataset.getElement('StudyInstanceUID'));
    if (study !== studyInstanceUID) throw new PacsError(`refused an instance of study ${study.slice(0, 64)} while retrieving ${studyInstanceUID}`);
    const temp = partialFile(outDir);
    await new Promise<void>((resolve, reject) => dataset.toFile(temp, (err) => (err ? reject(err) : resolve())));
    onStored(commitInstanceFile(temp, outDir));
  }
}

/** Accepted by our Store SCP; of a context's proposed syntaxes the PACS's first one we know is taken. */
const ACCEPTED_SYNTAXES = new Set(STORAGE_SYNTAXES);

/**
 * A Store SCP for C-MOVE: the PACS connects to us on `port` and sends the instances. It accepts storage for any SOP
 * class and hands each data set to `store`; idle() waits until the PACS's associations have ended (or a timeout,
 * so a PACS that drops a connection without releasing it cannot hang the job).
 */
async function openStoreScp(
  port: number,
  store: (dataset: DimseDataset | undefined) => Promise<void>,
): Promise<{ close(): void; idle(timeoutMs: number): Promise<void> }> {
  let open = 0;
  let idleWaiters: (() => void)[] = [];
  const settle = () => {
    if (open > 0) return;
    for (const w of idleWaiters) w();
    idleWaiters = [];
  };
  class StoreScp extends Scp {
    override associationRequested(association: InstanceType<typeof DimseAssociation.Association>): void {
      open++;
      for (const c of association.getPresentationContexts()) {
        const context = association.getPresentationContext(c.id);
        const syntax = context.getTransferSyntaxUids().find((ts) => ACCEPTED_SYNTAXES.has(ts));
        if (syntax) context.setResult(PresentationContextResult.Accept, syntax);
        else context.setResult(PresentationContextResult.RejectTransferSyntaxesNotSupported);
      }
      this.sendAssociationAccept();
    }
    override cStoreRequest(request: InstanceType<typeof DimseRequests.CStoreRequest>, callback: (r: InstanceType<typeof DimseResponses.CStoreResponse>) => void): void {
      const response = CStoreResponse.fromRequest(request);
      store(request.getDataset())
        .then(() => response.setStatus(Status.Success))
        .catch(() => response.setStatus(Status.ProcessingFailure))
        .finally(() => callback(response));
    }
    override associationReleaseRequested(): void {
      this.sendAssociationReleaseResponse();
      open--;
      settle();
    }
    override abort(): void {
      open--;
      settle();
    }
  }
  const server = new Server(StoreScp as unknown as typeof Scp);
  await new Promise<void>((resolve, reject) => {
    server.on('listening', () => resolve());
    server.on('networkError', (e: Error) => reject(new PacsError(`cannot listen for C-MOVE on port ${port}: ${e.message}`)));
    server.listen(port);
  });
  return {
    close: () => server.close(),
    idle: (timeoutMs) =>
      open === 0
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, timeoutMs);
            idleWaiters.push(() => {
              clearTimeout(timer);
              resolve();
            });
          }),
  };
}
