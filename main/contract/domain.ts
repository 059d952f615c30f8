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
