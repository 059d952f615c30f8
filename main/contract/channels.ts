/**
 * The IPC contract: every request channel with the schema of its request and its reply, and every event.
 * The main side validates each request with these schemas before a service sees it (main/services/handlers.ts);
 * the renderer validates replies and events before React sees them (renderer/bridge).
 */
import { z } from 'zod';
import {
  AppInfo,
  AuditEntry,
  DerivedObject,
  DicomUid,
  FhirPatientChoice,
  Job,
  PacsNode,
  PacsNodeInput,
  PacsQuery,
  PacsSeries,
  PacsStudy,
  PatientDetail,
  PatientRecord,
  PatientSummary,
  SeriesInstance,
  SeriesSummary,
  SyncConflict,
  SyncStatus,
} from './domain';
import { JobRequest, PlanOarObjective } from './jobs';

const Empty = z.object({}).strict();

export const channels = {
  'app.info': { request: Empty, reply: AppInfo },
  'patients.list': { request: Empty, reply: z.array(PatientSummary) },
  'patients.get': { request: z.object({ patientKey: z.string().min(1).max(200) }).strict(), reply: PatientDetail },
  /** The instances of a series in slice order, to fetch with the bridge's instanceBytes. */
  'series.instances': {
    request: z.object({ seriesKey: z.string().min(1).max(200) }).strict(),
    reply: z.object({ series: SeriesSummary, instances: z.array(SeriesInstance) }),
  },
  /** Imports the files uploaded in one batch (bridge.uploadFile); the reply is the import job. */
  'imports.fromUpload': {
    request: z.object({ batchId: z.string().regex(/^[0-9a-f-]{8,64}$/), fileCount: z.number().int().min(1) }).strict(),
    reply: Job,
  },
  /** Segmentations, plans and simulation runs of a patient (patientKey null: phantom studies), newest first. */
  'derived.list': {
    request: z.object({ patientKey: z.string().max(200).nullable(), kind: z.string().max(50).optional() }).strict(),
    reply: z.array(DerivedObject),
  },
  'derived.get': { request: z.object({ id: z.string().min(1).max(100) }).strict(), reply: DerivedObject },
  /** The patient's EHR record (conditions, medications, encounters, observation series) from the linked FHIR patients. */
  'record.get': { request: z.object({ patientKey: z.string().min(1).max(200) }).strict(), reply: PatientRecord },
  'record.fhirPatients': { request: Empty, reply: z.array(FhirPatientChoice) },
  /** Links a DICOM patient to a FHIR Patient by hand (when identifiers differ). */
  'record.link': {
    request: z.object({ patientKey: z.string().min(1).max(200), fhirPatientId: z.string().min(1).max(64) }).strict(),
    reply: PatientRecord,
  },
  /** Imports uploaded FHIR bundles or NDJSON files (bridge.uploadFile) into the record; links patients by identifier. */
  'record.importUploaded': {
    request: z.object({ batchId: z.string().regex(/^[0-9a-f-]{8,64}$/), fileCount: z.number().int().min(1) }).strict(),
    reply: z.object({ counts: z.record(z.string(), z.number().int()), errors: z.array(z.string()), linked: z.number().int() }),
  },
  /** A learned surrogate's card and whether it can run (a missing or corrupt model leaves the workspace working). */
  'models.status': {
    request: z.object({ model: z.string().regex(/^[a-z0-9-]{1,64}$/) }).strict(),
    reply: z.union([
      z.object({
        available: z.literal(true),
        version: z.string(),
        inputs: z.array(z.object({ name: z.string(), unit: z.string(), min: z.number(), max: z.number(), description: z.string() })),
        outputs: z.array(z.object({ name: z.string(), unit: z.string(), description: z.string() })),
        heldOutMaxAbsError: z.record(z.string(), z.number().nullable()),
      }),
      z.object({ available: z.literal(false), reason: z.string() }),
    ]),
  },
  /** A model estimate (labelled as such, with the model version); inputs outside the card's ranges are refused. */
  'models.predict': {
    request: z.object({ model: z.string().regex(/^[a-z0-9-]{1,64}$/), cases: z.array(z.record(z.string(), z.number())).min(1).max(256) }).strict(),
    reply: z.object({ model: z.string(), version: z.string(), estimate: z.literal(true), outputs: z.array(z.record(z.string(), z.number())) }),
  },
  /**
   * Knowledge-based planning: the dose-volume predictor's achievable OAR DVH points for a patient's target and OARs,
   * with plan objectives at those values (model estimates, with the model version). An OAR outside the model's
   * training range comes back with `refused` and its reason.
   */
  'models.proposeObjectives': {
    request: z
      .object({
        ctSeriesKey: z.string().min(1).max(200),
        rtstructSeriesKey: z.string().min(1).max(200),
        target: z.string().min(1).max(64),
        ptvMarginMm: z.number().min(0).max(30),
        oars: z.array(z.string().min(1).max(64)).min(1).max(20),
        prescriptionGy: z.number().positive().max(100),
      })
      .strict(),
    reply: z.object({
      model: z.object({ name: z.string(), version: z.string() }),
      prescriptionGy: z.number(),
      oars: z.array(
        z.union([
          z.object({
            name: z.string(),
            meanDoseGy: z.number(),
            d50Gy: z.number(),
            d2Gy: z.number(),
            v50Pct: z.number(),
            objectives: z.array(PlanOarObjective),
          }),
          z.object({ name: z.string(), refused: z.string() }),
        ]),
      ),
    }),
  },
  /**
   * The EP QT surrogate (native-models/ep-qt-surrogate): the adrenaline challenge's QT, ΔQT (against dose 0, same
   * scalings), epicardial APD90 and the probability of afterdepolarisations for channel scalings at a dose, as a model
   * estimate. Inputs outside the card's ranges are refused.
   */
  'models.epQt': {
    request: z
      .object({
        gKs: z.number(),
        gKr: z.number(),
        gCaL: z.number(),
        gNaLAbsolute: z.number(),
        vLeak: z.number(),
        iksBetaBlunting: z.number(),
        doseUgPerKgMin: z.number(),
      })
      .strict(),
    reply: z.object({
      qtMs: z.number(),
      deltaQtMs: z.number(),
      apd90Ms: z.number(),
      arrhythmiaProbability: z.number().min(0).max(1),
      model: z.object({ name: z.string(), version: z.string() }),
    }),
  },
  'sync.status': { request: Empty, reply: SyncStatus },
  /** Sets (or clears, with null) the FHIR R4 server results are sent to. */
  'sync.setServer': { request: z.object({ baseUrl: z.url().max(500).nullable() }).strict(), reply: SyncStatus },
  'sync.run': {
    request: Empty,
    reply: z.object({ pulled: z.number().int(), pushed: z.number().int(), conflicts: z.number().int(), errors: z.array(z.string()) }),
  },
  'sync.conflicts': { request: Empty, reply: z.array(SyncConflict) },
  'sync.resolve': {
    request: z.object({ id: z.number().int(), resolution: z.enum(['keep-local', 'keep-server']) }).strict(),
    reply: SyncStatus,
  },
  /** The contours of an RTSTRUCT series in LPS mm (for drawing over CT): each contour a flat x,y,z list. */
  'series.contours': {
    request: z.object({ seriesKey: z.string().min(1).max(200) }).strict(),
    reply: z.object({
      frameOfReferenceUid: z.string().nullable(),
      structures: z.array(
        z.object({ name: z.string(), colourRgb: z.tuple([z.number(), z.number(), z.number()]).nullable(), contours: z.array(z.array(z.number())) }),
      ),
    }),
  },
  /** PACS nodes (DICOMweb or DIMSE); auth secrets are write-only (PacsNodeInput.authHeaderValue). */
  'pacs.nodes.list': { request: Empty, reply: z.array(PacsNode) },
  'pacs.nodes.save': { request: PacsNodeInput, reply: PacsNode },
  'pacs.nodes.delete': { request: z.object({ id: z.string().min(1).max(100) }).strict(), reply: z.object({ deleted: z.boolean() }) },
  /** C-ECHO (DIMSE) or a QIDO-RS probe (DICOMweb); a failure is ok:false with the reason, not an error. */
  'pacs.echo': {
    request: z.object({ nodeId: z.string().min(1).max(100) }).strict(),
    reply: z.object({ ok: z.boolean(), message: z.string(), ms: z.number() }),
  },
  /** Study-level search (C-FIND or QIDO-RS). Retrieval is the job kind pacs.retrieve. */
  'pacs.find': {
    request: z.object({ nodeId: z.string().min(1).max(100), query: PacsQuery }).strict(),
    reply: z.object({ studies: z.array(PacsStudy) }),
  },
  /** The series of one study on the PACS. */
  'pacs.series': {
    request: z.object({ nodeId: z.string().min(1).max(100), studyInstanceUID: DicomUid }).strict(),
    reply: z.object({ series: z.array(PacsSeries) }),
  },
  'jobs.list': { request: Empty, reply: z.array(Job) },
  'jobs.start': { request: JobRequest, reply: Job },
  'jobs.cancel': { request: z.object({ jobId: z.string().min(1).max(100) }).strict(), reply: Job },
  'audit.recent': {
    request: z.object({ limit: z.number().int().min(1).max(1000), patientKey: z.string().optional() }).strict(),
    reply: z.array(AuditEntry),
  },
} as const;

export const events = {
  /** A job was created or changed state or progress. */
  'jobs.changed': Job,
  /** The sync state changed (a run started or ended, the server changed, a conflict was resolved). */
  'sync.changed': SyncStatus,
  /** A segmentation, plan or simulation run was stored. */
  'derived.changed': z.object({ patientKey: z.string().nullable(), id: z.string() }),
  /** Patients, studies or series were added or removed. */
  'patients.changed': z.object({ patientKey: z.string().nullable() }),
} as const;

export type Channel = keyof typeof channels;
export type RequestOf<C extends Channel> = z.input<(typeof channels)[C]['request']>;
export type ParsedRequestOf<C extends Channel> = z.output<(typeof channels)[C]['request']>;
export type ReplyOf<C extends Channel> = z.output<(typeof channels)[C]['reply']>;
export type EventName = keyof typeof events;
export type EventOf<E extends EventName> = z.output<(typeof events)[E]>;

export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(channels, name);
}

export function isEventName(name: string): name is EventName {
  return Object.prototype.hasOwnProperty.call(events, name);
}
