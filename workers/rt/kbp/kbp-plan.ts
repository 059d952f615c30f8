/**
 * The "standard plan" the dose-volume predictor learns: one target to a uniform prescription, every OAR as low as
 * reasonably achievable with one fixed weight, 7 equispaced 6 MV beams, normalised to target D95 = prescription.
 * What this plan achieves in an OAR is what the model predicts for a new geometry, so these settings are part of
 * the model's definition (its card names them).
 */
import type { JobContext } from '../../process/job-context';
import { equispacedBeams } from '../beams/beam-geometry';
import { doseAtVolumePct, doseStats, sortedDoses, volumeAtDose } from '../evaluate/dvh';
import type { StructureObjective } from '../optimise/fluence';
import { createPlan, RING_STRUCTURE, type Plan } from '../plan/plan';
import type { Structure } from '../types';
import type { Volume } from '../../volume/volume';

export const KBP_STANDARD_PLAN = {
  beams: 7,
  doseGridMm: 4,
  bixelMm: 10,
  ringMm: 15,
  maxIterations: 150,
  /** Squared-overdose weight pulling each OAR's dose towards 0, per voxel (objectives.ts normalises by volume). */
  oarWeight: 2,
  targetWeight: 100,
} as const;

/** Achieved OAR DVH points, as fractions of the prescription (V50 as a fraction of the OAR's volume). */
export interface OarDosePoints {
  meanDoseFraction: number;
  d50Fraction: number;
  d2Fraction: number;
  /** Fraction of the OAR volume receiving ≥ 50 % of the prescription. */
  v50Fraction: number;
}

export const OAR_DOSE_POINT_NAMES = ['meanDoseFraction', 'd50Fraction', 'd2Fraction', 'v50Fraction'] as const;

/** The standard plan's objectives for a target and its OARs at `prescriptionGy`. */
export function standardObjectives(target: string, oars: readonly string[], prescriptionGy: number): StructureObjective[] {
  const p = KBP_STANDARD_PLAN;
  return [
    { structure: target, objective: { kind: 'squaredUnderdose', doseGy: prescriptionGy, weight: p.targetWeight } },
    { structure: target, objective: { kind: 'squaredOverdose', doseGy: 1.05 * prescriptionGy, weight: p.targetWeight } },
    ...oars.map((o): StructureObjective => ({ structure: o, objective: { kind: 'squaredOverdose', doseGy: 0, weight: p.oarWeight } })),
    // Conformity: normal tissue around the target below half the prescription.
    { structure: RING_STRUCTURE, objective: { kind: 'squaredOverdose', doseGy: 0.5 * prescriptionGy, weight: 1 } },
  ];
}

export function oarDosePoints(doseGy: ArrayLike<number>, voxels: Uint32Array, prescriptionGy: number): OarDosePoints {
  const sorted = sortedDoses(doseGy, voxels);
  return {
    meanDoseFraction: doseStats(sorted).meanGy / prescriptionGy,
    d50Fraction: doseAtVolumePct(sorted, 50) / prescriptionGy,
    d2Fraction: doseAtVolumePct(sorted, 2) / prescriptionGy,
    v50Fraction: volumeAtDose(sorted, 0.5 * prescriptionGy),
  };
}

export interface StandardPlanResult {
  plan: Plan;
  oars: { name: string; points: OarDosePoints }[];
}

/** Plans `structures` (one target named `target`) with the standard settings; prescription 1 Gy unless given. */
export function planStandard(
  ct: Volume,
  structures: Structure[],
  target: string,
  ctx: JobContext,
  prescriptionGy = 1,
): StandardPlanResult {
  const p = KBP_STANDARD_PLAN;
  const oars = structures.filter((s) => s.role === 'oar').map((s) => s.name);
  const plan = createPlan(
    {
      ct,
      structures,
      beams: equispacedBeams(p.beams, 360 / p.beams),
      doseGridMm: p.doseGridMm,
      bixelMm: p.bixelMm,
      ringMm: p.ringMm,
      objectives: standardObjectives(target, oars, prescriptionGy),
      normalisation: { structure: target, volumePct: 95, doseGy: prescriptionGy },
      fractions: 1,
      maxIterations: p.maxIterations,
    },
    ctx,
  );
  const byName = new Map(plan.structures.map((s) => [s.name, s.voxels]));
  return { plan, oars: oars.map((name) => ({ name, points: oarDosePoints(plan.doseGy, byName.get(name)!, prescriptionGy) })) };
}
