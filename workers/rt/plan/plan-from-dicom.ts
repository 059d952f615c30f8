/**
 * Plans real data: a CT series and an RT Structure Set → structures with roles → createPlan with a default
 * set of objectives (target homogeneity, organs at risk kept low, a normal-tissue ring) → normalised so the
 * target's D95 is the prescription.
 */
import type { JobContext } from '../../process/job-context';
import { readRtStruct } from '../../anatomy/rtstruct/read-rtstruct';
import { rasteriseStructure } from '../../anatomy/rtstruct/rasterise-contours';
import { dilateMm } from '../../anatomy/morphology/morphology';
import type { StructureObjective } from '../optimise/fluence';
import type { BeamAngles, Structure } from '../types';
import { createPlan, RING_STRUCTURE, type Plan } from './plan';
import { evaluateGoals, type GoalResult } from './goals';
import { tissueForStructureName } from './structure-tissue';
import { loadPlanningCt, type PlanningCt } from './planning-ct';

export interface DicomPlanRequest {
  ctPaths: string[];
  rtstructFile: string;
  target: string;
  /** Grow the target by this margin (mm) into a PTV, planned under the name "PTV"; 0 plans the target as is. */
  ptvMarginMm?: number;
  oars: string[];
  beams: BeamAngles[];
  prescriptionGy: number;
  fractions: number;
  doseGridMm?: number;
  bixelMm?: number;
  maxIterations?: number;
  /** Objectives that replace the default one of the OARs they name (e.g. proposed by the dose-volume predictor). */
  oarObjectives?: StructureObjective[];
}

export interface DicomPlanResult {
  plan: Plan;
  goals: GoalResult[];
  planningCt: PlanningCt;
  /** The planned structures as masks on the CT grid (the target or its PTV, the organs at risk). */
  structures: Structure[];
  /** The frame of reference of the structure set (the CT's). */
  frameOfReferenceUid?: string;
}

export async function planFromDicom(req: DicomPlanRequest, ctx: JobContext): Promise<DicomPlanResult> {
  const planningCt = await loadPlanningCt(req.ctPaths, { ...ctx, progress: (f, m) => ctx.progress(0.1 * f, m) });
  const ct = planningCt.ct;
  const set = readRtStruct(req.rtstructFile);
  const find = (name: string) => {
    const s = set.structures.find((x) => x.name.toLowerCase() === name.toLowerCase());
    if (!s) throw new Error(`no structure "${name}" in ${req.rtstructFile} (has ${set.structures.map((x) => x.name).join(', ')})`);
    return s;
  };
  const margin = req.ptvMarginMm ?? 0;
  const targetMask = rasteriseStructure(find(req.target), ct);
  const targetName = margin > 0 ? 'PTV' : req.target;
  const structures: Structure[] = [
    { name: targetName, role: 'target', mask: margin > 0 ? dilateMm(targetMask, margin) : targetMask },
    ...req.oars.map((name): Structure => {
      const tissue = tissueForStructureName(name);
      return { name, role: 'oar', mask: rasteriseStructure(find(name), ct), ...(tissue ? { tissue } : {}) };
    }),
  ];
  const rx = req.prescriptionGy;
  const objectives: StructureObjective[] = [
    { structure: targetName, objective: { kind: 'minDvh', doseGy: rx, volumePct: 96, weight: 200 } },
    { structure: targetName, objective: { kind: 'squaredUnderdose', doseGy: 0.95 * rx, weight: 20 } },
    { structure: targetName, objective: { kind: 'squaredOverdose', doseGy: 1.04 * rx, weight: 100 } },
    ...req.oars
      .filter((name) => !req.oarObjectives?.some((o) => o.structure === name))
      .map((name): StructureObjective => ({ structure: name, objective: { kind: 'squaredOverdose', doseGy: 0.3 * rx, weight: 5 } })),
    ...(req.oarObjectives ?? []),
    { structure: RING_STRUCTURE, objective: { kind: 'squaredOverdose', doseGy: 0.7 * rx, weight: 1 } },
  ];
  const plan = createPlan(
    {
      ct,
      structures,
      beams: req.beams,
      doseGridMm: req.doseGridMm ?? 3,
      bixelMm: req.bixelMm ?? 5,
      ringMm: 10,
      objectives,
      normalisation: { structure: targetName, volumePct: 95, doseGy: rx },
      fractions: req.fractions,
      maxIterations: req.maxIterations ?? 200,
    },
    { ...ctx, progress: (f, m) => ctx.progress(0.1 + 0.9 * f, m) },
  );
  const goals = evaluateGoals(
    [
      { structure: targetName, metric: 'D95', comparator: '=', doseGy: rx },
      { structure: targetName, metric: 'D2', comparator: '<=', doseGy: Math.round(1.07 * rx * 100) / 100 },
    ],
    plan.doseGy,
    new Map(plan.structures.map((s) => [s.name, s.voxels])),
  );
  return { plan, goals, planningCt, structures, ...(set.frameOfReferenceUid ? { frameOfReferenceUid: set.frameOfReferenceUid } : {}) };
}
