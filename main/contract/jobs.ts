/**
 * The jobs a user may start through the contract, each with its input schema. The worker process runs the engine
 * behind each kind (workers/process/job-kinds.ts); some kinds start on the main side only (they need the store).
 */
import { z } from 'zod';

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
