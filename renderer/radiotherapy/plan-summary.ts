/**
 * The summary of an 'rt-plan' derived object (written by workers/process/kinds/rt-plan.ts as `PlanSummary`),
 * parsed at the boundary: the store hands it over as `unknown`.
 */
import { z } from 'zod';

const Vec3 = z.tuple([z.number(), z.number(), z.number()]);

export const PlanStructureSummary = z.object({
  name: z.string(),
  role: z.enum(['target', 'oar', 'external']),
  tissue: z.string(),
  voxelCount: z.number().int().nonnegative(),
  minGy: z.number(),
  meanGy: z.number(),
  maxGy: z.number(),
  meanEqd2Gy: z.number(),
  tcp: z.number().optional(),
  ntcp: z.number().optional(),
  dvh: z.object({ binGy: z.number().positive(), cumulative: z.array(z.number()) }),
  /** Display surface (binary STL, LPS mm); plans made before meshes were written have none. */
  meshFile: z.string().optional(),
});
export type PlanStructureSummary = z.infer<typeof PlanStructureSummary>;

export const PlanSummary = z.object({
  source: z.union([z.object({ phantom: z.string() }), z.object({ target: z.string(), oars: z.array(z.string()) })]),
  prescriptionGy: z.number().positive(),
  fractions: z.number().int().positive(),
  beams: z.array(
    z.object({
      gantryDeg: z.number(),
      couchDeg: z.number(),
      // The geometry for the 3D view (workers/rt/beams/beam-display.ts); absent in plans made before it was written.
      sadMm: z.number().optional(),
      sourceLps: Vec3.optional(),
      isocentreLps: Vec3.optional(),
      fieldCornersLps: z.tuple([Vec3, Vec3, Vec3, Vec3]).optional(),
    }),
  ),
  goals: z.array(z.object({ structure: z.string(), metric: z.string(), goal: z.string(), achievedGy: z.number(), pass: z.boolean() })),
  structures: z.array(PlanStructureSummary),
  timingsS: z.object({ dose: z.number(), optimisation: z.number() }),
  objectiveHistory: z.array(z.number()),
  doseGrid: z.object({
    file: z.string(),
    dims: Vec3,
    spacingMm: Vec3,
    originLps: Vec3,
    direction: z.array(z.number()).length(9),
    maxGy: z.number(),
  }),
  beamDoseFile: z.string(),
  dicom: z.object({ rtPlanFile: z.string(), rtDoseFile: z.string(), rtStructFile: z.string().optional() }).optional(),
  /** The learned model that proposed the OAR objectives (dose-volume predictor), when the planner accepted them. */
  objectivesFrom: z.object({ name: z.string(), version: z.string() }).optional(),
});
export type PlanSummary = z.infer<typeof PlanSummary>;
