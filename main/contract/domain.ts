/**
 * Domain shapes that cross the IPC boundary. Pure zod: imported by the renderer, the hosts and the services alike.
 */
import { z } from 'zod';

export const PatientSummary = z.object({
  patientKey: z.string(),
  patientId: z.string(),
  name: z.string(),
  birthDate: z.string().nullable(),
  sex: z.string().nullable(),
  studyCount: z.number().int(),
  seriesCount: z.number().int(),
});
export type PatientSummary = z.infer<typeof PatientSummary>;

export const SeriesSummary = z.object({
  seriesKey: z.string(),
  seriesInstanceUid: z.string(),
  modality: z.string(),
  description: z.string(),
  seriesNumber: z.number().int().nullable(),
  instanceCount: z.number().int(),
  rows: z.number().int().nullable(),
  columns: z.number().int().nullable(),
  /** [x, y, z] mm */
  spacingMm: z.tuple([z.number(), z.number(), z.number()]).nullable(),
  warnings: z.array(z.string()),
});
export type SeriesSummary = z.infer<typeof SeriesSummary>;

export const SeriesInstance = z.object({
  sopInstanceUid: z.string(),
  /** ImagePositionPatient, LPS mm, when the instance has one. */
  positionLps: z.tuple([z.number(), z.number(), z.number()]).nullable(),
  frames: z.number().int(),
});
export type SeriesInstance = z.infer<typeof SeriesInstance>;

export const StudySummary = z.object({
  studyInstanceUid: z.string(),
  date: z.string().nullable(),
  description: z.string(),
  accessionNumber: z.string().nullable(),
  series: z.array(SeriesSummary),
});
export type StudySummary = z.infer<typeof StudySummary>;

export const PatientDetail = z.object({
  patient: PatientSummary,
  studies: z.array(StudySummary),
});
export type PatientDetail = z.infer<typeof PatientDetail>;

export const JobState = z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']);
export type JobState = z.infer<typeof JobState>;

export const Job = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  state: JobState,
  /** fraction in [0, 1] */
  progress: z.number(),
  message: z.string(),
  error: z.string().nullable(),
  result: z.unknown().nullable(),
  /** Operating-system process id of the worker while the job runs (for IT staff). */
  pid: z.number().int().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type Job = z.infer<typeof Job>;

export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  patientKey: z.string().nullable(),
  detail: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  host: z.enum(['electron', 'web']),
  storeFile: z.string(),
  actor: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const SyncStatus = z.object({
  serverUrl: z.string().nullable(),
  /** Whether the server answered on the last attempt; null before the first. */
  online: z.boolean().nullable(),
  syncing: z.boolean(),
  queued: z.number().int(),
  conflicts: z.number().int(),
  lastSyncAt: z.string().nullable(),
  lastErrors: z.array(z.string()),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const SyncConflict = z.object({
  id: z.number().int(),
  resourceType: z.string(),
  resourceId: z.string(),
  local: z.unknown(),
  server: z.unknown().nullable(),
  detectedAt: z.string(),
});
export type SyncConflict = z.infer<typeof SyncConflict>;

const TimelineItem = z.object({
  id: z.string(),
  resourceType: z.string(),
  display: z.string(),
  start: z.string().nullable(),
  end: z.string().nullable(),
  status: z.string().nullable(),
});

/** A patient's record from the EHR (FHIR), shaped for the timeline and the observation charts. */
export const PatientRecord = z.object({
  patientKey: z.string(),
  fhirPatientIds: z.array(z.string()),
  conditions: z.array(TimelineItem),
  medications: z.array(TimelineItem),
  encounters: z.array(TimelineItem),
  observationSeries: z.array(
    z.object({
      system: z.string().nullable(),
      code: z.string(),
      display: z.string(),
      unit: z.string(),
      points: z.array(z.object({ time: z.string(), value: z.number() })),
    }),
  ),
});
export type PatientRecord = z.infer<typeof PatientRecord>;

export const FhirPatientChoice = z.object({
  id: z.string(),
  name: z.string(),
  birthDate: z.string().nullable(),
  gender: z.string().nullable(),
  identifiers: z.array(z.string()),
});
export type FhirPatientChoice = z.infer<typeof FhirPatientChoice>;

export const DerivedObject = z.object({
  id: z.string(),
  /** segmentation | rt-plan | ep-challenge | … */
  kind: z.string(),
  patientKey: z.string().nullable(),
  seriesKey: z.string().nullable(),
  title: z.string(),
  jobId: z.string().nullable(),
  /** Kind-specific summary (labels with volumes, plan goals, ΔQT per dose …); each workspace parses its own. */
  summary: z.unknown(),
  files: z.array(z.object({ name: z.string(), mediaType: z.string(), byteSize: z.number().int() })),
  createdAt: z.string(),
});
export type DerivedObject = z.infer<typeof DerivedObject>;

/** A DICOM UID: digits in dot-separated components, at most 64 characters (PS3.5 §9.1); never "..", so safe in a path. */
export const DicomUid = z.string().max(64).regex(/^[0-9]+(\.[0-9]+)*$/, 'a DICOM UID is digits separated by dots');

/** An AE title: 1–16 characters of the DICOM default repertoire without backslash (PS3.5 §6.2, VR AE). */
export const AeTitle = z.string().trim().regex(/^[\x20-\x5b\x5d-\x7e]{1,16}$/, 'an AE title is 1–16 printable characters without a backslash');

/**
 * A PACS the workstation can query and retrieve from: DICOMweb (QIDO-RS, WADO-RS at `url`) or DIMSE (C-ECHO,
 * C-FIND, C-GET or C-MOVE at host:port). An auth header's value is a secret and lives in the SecretStore, never here.
 */
export const PacsNode = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['dicomweb', 'dimse']),
  /** DICOMweb root, e.g. http://pacs:8042/dicom-web (dicomweb only). */
  url: z.string().nullable(),
  host: z.string().nullable(),
  port: z.number().int().nullable(),
  /** The PACS's AE title (dimse only). */
  calledAe: z.string().nullable(),
  /** Our AE title (dimse only); TWIN when not set. */
  callingAe: z.string().nullable(),
  /** How DIMSE retrieves: C-GET (no inbound port) or C-MOVE to our Store SCP on localStorePort. */
  dimseRetrieve: z.enum(['c-get', 'c-move']),
  localStorePort: z.number().int().nullable(),
  /** Name of the header sent with DICOMweb requests (e.g. Authorization); its value is kept as a secret. */
  authHeaderName: z.string().nullable(),
  hasAuthSecret: z.boolean(),
  updatedAt: z.string(),
});
export type PacsNode = z.infer<typeof PacsNode>;

/** What a user saves: a new node (no id) or changes to one. authHeaderValue: undefined keeps it, '' removes it. */
export const PacsNodeInput = z
  .object({
    id: z.string().min(1).max(100).optional(),
    name: z.string().trim().min(1).max(64),
    kind: z.enum(['dicomweb', 'dimse']),
    url: z.url({ protocol: /^https?$/ }).max(500).nullable().default(null),
    host: z.string().trim().min(1).max(253).nullable().default(null),
    port: z.number().int().min(1).max(65535).nullable().default(null),
    calledAe: AeTitle.nullable().default(null),
    callingAe: AeTitle.nullable().default(null),
    dimseRetrieve: z.enum(['c-get', 'c-move']).default('c-get'),
    localStorePort: z.number().int().min(1).max(65535).nullable().default(null),
    authHeaderName: z.string().regex(/^[A-Za-z0-9-]{1,64}$/).nullable().default(null),
    authHeaderValue: z.string().max(4096).optional(),
  })
  .strict()
  .superRefine((n, ctx) => {
    if (n.kind === 'dicomweb' && !n.url) ctx.addIssue({ code: 'custom', path: ['url'], message: 'a DICOMweb node needs its URL' });
    if (n.kind === 'dimse') {
      if (!n.host) ctx.addIssue({ code: 'custom', path: ['host'], message: 'a DIMSE node needs its host' });
      if (!n.port) ctx.addIssue({ code: 'custom', path: ['port'], message: 'a DIMSE node needs its port' });
      if (!n.calledAe) ctx.addIssue({ code: 'custom', path: ['calledAe'], message: "a DIMSE node needs the PACS's AE title" });
      if (n.dimseRetrieve === 'c-move' && !n.localStorePort)
        ctx.addIssue({ code: 'custom', path: ['localStorePort'], message: 'C-MOVE needs the local port our Store SCP listens on' });
    }
  });
export type PacsNodeInput = z.input<typeof PacsNodeInput>;

/** Study-level query keys; each optional, * and ? wildcards as DICOM allows; studyDate YYYYMMDD or a range A-B. */
export const PacsQuery = z
  .object({
    patientName: z.string().max(64).optional(),
    patientId: z.string().max(64).optional(),
    studyDate: z.string().regex(/^(\d{8})?(-(\d{8})?)?$/, 'YYYYMMDD, or a range YYYYMMDD-YYYYMMDD').optional(),
    modality: z.string().regex(/^[A-Z0-9]{1,16}$/).optional(),
    accession: z.string().max(16).optional(),
    studyInstanceUID: DicomUid.optional(),
  })
  .strict();
export type PacsQuery = z.infer<typeof PacsQuery>;

export const PacsStudy = z.object({
  studyInstanceUID: z.string(),
  patientName: z.string(),
  patientId: z.string(),
  studyDate: z.string(),
  studyDescription: z.string(),
  modalities: z.array(z.string()),
  series: z.number().int().optional(),
  instances: z.number().int().optional(),
});
export type PacsStudy = z.infer<typeof PacsStudy>;

export const PacsSeries = z.object({
  seriesInstanceUID: z.string(),
  modality: z.string(),
  seriesNumber: z.number().int().nullable(),
  seriesDescription: z.string(),
  instances: z.number().int().optional(),
});
export type PacsSeries = z.infer<typeof PacsSeries>;
