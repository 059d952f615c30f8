/**
 * The jobs a user may start through the contract, each with its input schema. The worker process runs the engine
 * behind each kind (workers/process/job-kinds.ts); some kinds start on the main side only (they need the store).
 */
import { z } from 'zod';
import { DicomUid } from './domain';

/** An OAR objective of a patient plan that replaces the default one (e.g. proposed by the dose-volume predictor). */
export const PlanOarObjective = z.object({
  structure: z.string().min(1).max(64),
  kind: z.enum(['meanDose', 'maxDvh']),
  doseGy: z.number().min(0).max(200),
  /** maxDvh: at most this % of the structure above doseGy */
  volumePct: z.number().min(0).max(100).optional(),
  weight: z.number().positive().max(1000),
});
export type PlanOarObjective = z.infer<typeof PlanOarObjective>;

/** A point in DICOM patient coordinates (LPS, mm). */
const LpsPoint = z.tuple([z.number(), z.number(), z.number()]);

export const JobRequest = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('demo.import'), input: z.object({}).default({}) }),
  z.object({
    kind: z.literal('anatomy.segment'),
    input: z.object({
      seriesKey: z.string().min(1).max(200),
      presets: z.array(z.enum(['body', 'lungs', 'bone', 'heart'])).min(1).max(4),
    }),
  }),
  z.object({
    kind: z.literal('rt.plan.phantom'),
    input: z.object({ phantom: z.enum(['tg119-cshape-easy', 'tg119-cshape-hard', 'tg119-multitarget']) }),
  }),
  z.object({
    kind: z.literal('rt.plan.patient'),
    input: z.object({
      ctSeriesKey: z.string().min(1).max(200),
      rtstructSeriesKey: z.string().min(1).max(200),
      target: z.string().min(1).max(64),
      ptvMarginMm: z.number().min(0).max(30).default(5),
      oars: z.array(z.string().min(1).max(64)).max(20).default([]),
      /** Gantry angles (°, IEC 61217), coplanar. */
      gantryDeg: z.array(z.number().min(0).lt(360)).min(1).max(36).default([0, 40, 80, 120, 160, 200, 240, 280, 320]),
      prescriptionGy: z.number().positive().max(100).default(60),
      fractions: z.number().int().min(1).max(60).default(30),
      /** Replace the default objective of these OARs (the others keep it). */
      oarObjectives: z.array(PlanOarObjective).max(60).optional(),
      /** The learned model the objectives came from: recorded in the plan summary and its FHIR Provenance. */
      objectivesFrom: z.object({ name: z.string().min(1).max(64), version: z.string().min(1).max(32) }).optional(),
    }),
  }),
  z.object({
    kind: z.literal('ep.challenge'),
    input: z.object({
      /** control, lqt1, lqt2, lqt3, cpvt, scar (workers/ep/challenge/beta-adrenergic.ts, assets/ep). */
      genotype: z.enum(['control', 'lqt1', 'lqt2', 'lqt3', 'cpvt', 'scar']),
      /** Epinephrine infusion rates, µg/kg/min (clinical protocol: 0, 0.025, 0.05, 0.1, 0.2, 0.3). */
      dosesUgPerKgMin: z.array(z.number().min(0).max(1)).min(1).max(10),
      /** The patient the run belongs to, when it is run from a patient's workspace. */
      patientKey: z.string().max(200).nullable().default(null),
    }),
  }),
  z.object({
    /** Programmed stimulation of the patient's own LV (workers/ep/heart); stored as an 'ep-heart-run' derived object. */
    kind: z.literal('ep.heart'),
    input: z.object({
      /** The CT: its SeriesInstanceUID (or the series key of a series split by geometry). */
      seriesInstanceUID: z.string().min(1).max(200),
      genotype: z.enum(['control', 'lqt1', 'lqt2', 'lqt3', 'cpvt', 'scar']),
      doseUgPerKgMin: z.number().min(0).max(1),
      protocol: z.object({
        kind: z.enum(['s1s4', 'burst']),
        s1CycleMs: z.number().min(200).max(2000),
        s1Beats: z.number().int().min(1).max(20),
        /** S2, S3, S4 coupling intervals, each from the previous stimulus (ms). */
        couplingsMs: z.array(z.number().min(100).max(1000)).max(3),
        burstCycleMs: z.number().min(100).max(1000).optional(),
        burstBeats: z.number().int().min(1).max(50).optional(),
      }),
      /** LPS mm; default the LV apex. */
      pacingSiteLps: LpsPoint.optional(),
      scar: z.object({ centreLps: LpsPoint, radiusMm: z.number().positive().max(50), borderMm: z.number().min(0).max(20) }).optional(),
      gridMm: z.number().min(0.5).max(2).default(1),
      durationMs: z.number().min(100).max(20_000).optional(),
    }),
  }),
  z.object({
    /** Retrieves a study (or one series) from a PACS node into managed storage, like an import; resumable. */
    kind: z.literal('pacs.retrieve'),
    input: z.object({
      nodeId: z.string().min(1).max(100),
      studyInstanceUID: DicomUid,
      seriesInstanceUID: DicomUid.optional(),
    }),
  }),
  z.object({
    kind: z.literal('diagnostics.spin'),
    input: z.object({ seconds: z.number().positive().max(3600) }),
  }),
  z.object({
    kind: z.literal('diagnostics.fail'),
    input: z.object({ message: z.string().max(500) }),
  }),
]);
export type JobRequest = z.infer<typeof JobRequest>;
export type JobKind = JobRequest['kind'];
