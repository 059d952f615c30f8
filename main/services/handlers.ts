/**
 * The contract served: validates every request with its channel's schema, then calls the service. Hosts (Electron
 * ipcMain, the web host, tests) call `dispatch` and nothing else.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { SERIES_KEY_MAX_LENGTH, SOP_UID_PATTERN, type BytesRef } from '../contract/bridge';
import { channels, isChannel, type Channel, type ParsedRequestOf, type ReplyOf } from '../contract/channels';
import type { WireError } from '../contract/bridge';
import { listFhirPatients } from './fhir/fhir-patients';
import { estimateEpQt } from './models/ep-qt-estimate';
import { proposeObjectivesForSeries } from './models/dose-volume-job';
import { ModelInputError } from './models/model-inputs';
import { readRtStruct } from '../../workers/anatomy/rtstruct/read-rtstruct';
import { NotFoundError } from './patients/patient-repository';
import { APP_VERSION, type Workstation } from './workstation';

type Handlers = { [C in Channel]: (request: ParsedRequestOf<C>) => ReplyOf<C> | Promise<ReplyOf<C>> };

function createHandlers(ws: Workstation): Handlers {
  return {
    'app.info': () => ({
      name: 'Twin Workstation',
      version: APP_VERSION,
      host: ws.host,
      storeFile: ws.locations.storeFile,
      actor: ws.actor,
    }),
    'patients.list': () => ws.patients.list(),
    'patients.get': ({ patientKey }) => ws.patients.get(patientKey),
    'series.instances': ({ seriesKey }) => {
      const { series, instances } = ws.patients.seriesFiles(seriesKey);
      return {
        series,
        instances: instances.map((i) => ({ sopInstanceUid: i.sopInstanceUid, positionLps: i.position, frames: i.frames })),
      };
    },
    'imports.fromUpload': ({ batchId, fileCount }) => ws.importUploaded(batchId, fileCount),
    'derived.list': ({ patientKey, kind }) => ws.derived.list(patientKey, kind),
    'derived.get': ({ id }) => ws.derived.get(id),
    'record.get': ({ patientKey }) => ws.record.read(patientKey),
    'record.fhirPatients': () => listFhirPatients(ws.db, ws.audit, ws.actor),
    'record.link': ({ patientKey, fhirPatientId }) => {
      ws.links.link(patientKey, fhirPatientId);
      ws.emit('patients.changed', { patientKey });
      return ws.record.read(patientKey);
    },
    'record.importUploaded': ({ batchId }) => ws.importFhirUploaded(batchId),
    'models.status': ({ model }) => {
      const s = ws.models.status(model);
      return s.available
        ? { available: true as const, version: s.version, inputs: s.card.inputs, outputs: s.card.outputs, heldOutMaxAbsError: s.card.heldOutMaxAbsError }
        : { available: false as const, reason: s.reason };
    },
    'models.predict': ({ model, cases }) => ws.models.predict(model, cases),
    'models.epQt': (question) => estimateEpQt(ws.models, question),
    'models.proposeObjectives': (request) => proposeObjectivesForSeries(ws, request),
    'sync.status': () => ws.sync.status(),
    'sync.setServer': ({ baseUrl }) => {
      ws.sync.setServer(baseUrl);
      return ws.announceSync();
    },
    'sync.run': async () => {
      const run = ws.sync.syncNow();
      ws.announceSync();
      try {
        return await run;
      } finally {
        ws.announceSync();
      }
    },
    'sync.conflicts': () =>
      ws.sync.conflicts().map((c) => ({ id: c.id, resourceType: c.resourceType, resourceId: c.resourceId, local: c.local, server: c.server, detectedAt: c.detectedAt })),
    'sync.resolve': ({ id, resolution }) => {
      ws.sync.resolve(id, resolution);
      return ws.announceSync();
    },
    'series.contours': ({ seriesKey }) => {
      const { series, instances } = ws.patients.seriesFiles(seriesKey);
      if (series.modality !== 'RTSTRUCT' || !instances[0]) throw new NotFoundError(`series "${seriesKey}" is not an RT Structure Set`);
      const set = readRtStruct(instances[0].filePath);
      return {
        frameOfReferenceUid: set.frameOfReferenceUid ?? null,
        structures: set.structures.map((s) => ({ name: s.name, colourRgb: s.colourRgb ?? null, contours: s.contours.map((c) => Array.from(c.pointsMm)) })),
      };
    },
    'pacs.nodes.list': () => ws.pacs.nodes.list(),
    'pacs.nodes.save': (node) => ws.pacs.nodes.save(node),
    'pacs.nodes.delete': ({ id }) => ({ deleted: ws.pacs.nodes.delete(id) }),
    'pacs.echo': ({ nodeId }) => ws.pacs.echo(nodeId),
    'pacs.find': ({ nodeId, query }) => ws.pacs.find(nodeId, query),
    'pacs.series': ({ nodeId, studyInstanceUID }) => ws.pacs.series(nodeId, studyInstanceUID),
    'jobs.list': () => ws.jobs.list(),
    'jobs.start': (request) => ws.startJob(request),
    'jobs.cancel': ({ jobId }) => {
      const job = ws.jobs.cancel(jobId);
      if (!job) throw new NotFoundError(`no job "${jobId}"`);
      return job;
    },
    'audit.recent': ({ limit, patientKey }) => ws.audit.recent(limit, patientKey),
  };
}

export type DispatchResult = { ok: true; reply: unknown } | { ok: false; error: WireError };

export type Dispatch = (channel: string, request: unknown) => Promise<DispatchResult>;

export function createDispatch(ws: Workstation): Dispatch {
  const handlers = createHandlers(ws);
  return async (channel, request) => {
    if (!isChannel(channel)) return { ok: false, error: { code: 'invalid-request', message: `unknown channel "${channel}"` } };
    const parsed = channels[channel].request.safeParse(request ?? {});
    if (!parsed.success) {
      return {
        ok: false,
        error: { code: 'invalid-request', message: `invalid request for ${channel}: ${z.prettifyError(parsed.error)}` },
      };
    }
    try {
      const handler = handlers[channel] as (r: unknown) => unknown;
      return { ok: true, reply: await handler(parsed.data) };
    } catch (err) {
      if (err instanceof NotFoundError) return { ok: false, error: { code: 'not-found', message: err.message } };
      if (err instanceof ModelInputError) return { ok: false, error: { code: 'invalid-request', message: err.message } };
      return { ok: false, error: { code: 'failed', message: (err as Error).message } };
    }
  };
}

export type BytesResult = { ok: true; bytes: Buffer } | { ok: false; error: WireError };

function describeRef(ref: BytesRef): string {
  if (ref.type === 'instance') return `instance ${ref.sopInstanceUid}`;
  return ref.type === 'derived' ? `file ${ref.name} of ${ref.id}` : `thumbnail of series ${ref.seriesKey}`;
}

function validRef(ref: BytesRef | undefined): boolean {
  switch (ref?.type) {
    case 'instance':
      return typeof ref.sopInstanceUid === 'string' && SOP_UID_PATTERN.test(ref.sopInstanceUid);
    case 'derived':
      return typeof ref.id === 'string' && typeof ref.name === 'string';
    case 'thumbnail':
      return typeof ref.seriesKey === 'string' && ref.seriesKey.length > 0 && ref.seriesKey.length <= SERIES_KEY_MAX_LENGTH;
    default:
      return false;
  }
}

/** Reads a stored instance, a derived object's file or a series thumbnail, looked up by identifiers (the renderer never names a path). */
export function createByteReader(ws: Workstation): (ref: unknown) => Promise<BytesResult> {
  return async (raw) => {
    const ref = raw as BytesRef;
    if (!validRef(ref)) return { ok: false, error: { code: 'invalid-request', message: 'not a reference to stored bytes' } };
    try {
      if (ref.type === 'thumbnail') return { ok: true, bytes: await ws.thumbnails.png(ref.seriesKey) };
      const file = ref.type === 'instance' ? ws.patients.instanceFile(ref.sopInstanceUid) : ws.derived.filePath(ref.id, ref.name);
      return { ok: true, bytes: await readFile(file) };
    } catch (err) {
      if (err instanceof NotFoundError) return { ok: false, error: { code: 'not-found', message: err.message } };
      return { ok: false, error: { code: 'failed', message: `cannot read the stored ${describeRef(ref)}: ${(err as Error).message}` } };
    }
  };
}
