/**
 * Plans the TG-119 cases with their published goals (Ezzell et al., Med Phys 36:5359, 2009, Table II) and
 * returns the goals table. Beams: 9 fields at 40° steps for the C-shape, 7 at 50° for the multitarget, as in the
 * report. The prescription is normalised as in the report: PTV D95 = 50 Gy (C-shape), Central D99 = 50 Gy
 * (multitarget). The objectives are ours: chosen so the optimiser meets the goals with the 6 MV pencil beam.
 */
import type { JobContext } from '../process/job-context';
import { equispacedBeams } from '../rt/beams/beam-geometry';
import type { StructureObjective } from '../rt/optimise/fluence';
import { createPlan, RING_STRUCTURE, type Plan } from '../rt/plan/plan';
import { evaluateGoals, type DoseGoal, type GoalResult } from '../rt/plan/goals';
import { tg119Phantom, type Tg119Case } from './tg119-phantoms';

export interface Tg119Options {
  doseGridMm?: number;
  bixelMm?: number;
  maxIterations?: number;
}

export interface Tg119Result {
  goals: GoalResult[];
  timingsS: { dose: number; optimisation: number };
  plan: Plan;
}

interface CaseDefinition {
  beams: { count: number; stepDeg: number };
  objectives: StructureObjective[];
  normalisation: { structure: string; volumePct: number; doseGy: number };
  goals: DoseGoal[];
}

const under = (structure: string, doseGy: number, weight: number): StructureObjective => ({ structure, objective: { kind: 'squaredUnderdose', doseGy, weight } });
const minDvh = (structure: string, doseGy: number, volumePct: number, weight: number): StructureObjective => ({ structure, objective: { kind: 'minDvh', doseGy, volumePct, weight } });
const maxDvh = (structure: string, doseGy: number, volumePct: number, weight: number): StructureObjective => ({ structure, objective: { kind: 'maxDvh', doseGy, volumePct, weight } });
const over = (structure: string, doseGy: number, weight: number): StructureObjective => ({ structure, objective: { kind: 'squaredOverdose', doseGy, weight } });

function cShape(coreD10Gy: number): CaseDefinition {
  return {
    beams: { count: 9, stepDeg: 40 },
    objectives: [
      // The goals' own DVH points drive the plan: 95 % of the PTV at the prescription (so the 5 % next to the
      // core may stay cold rather than push dose into it), its hottest 10 % and the core's hottest 10 % capped a
      // little inside their limits; plain squared terms keep the rest of each structure in range.
      under('PTV', 47, 20),
      minDvh('PTV', 50.5, 96, 200),
      over('PTV', 53, 30),
      maxDvh('PTV', 53.5, 10, 100),
      maxDvh('Core', coreD10Gy * 0.85, 10, 100),
      over('Core', coreD10Gy * 1.2, 10),
      over(RING_STRUCTURE, 35, 0.5),
    ],
    normalisation: { structure: 'PTV', volumePct: 95, doseGy: 50 },
    goals: [
      { structure: 'PTV', metric: 'D95', comparator: '=', doseGy: 50 },
      { structure: 'PTV', metric: 'D10', comparator: '<=', doseGy: 55 },
      { structure: 'Core', metric: 'D10', comparator: '<=', doseGy: coreD10Gy },
    ],
  };
}

export const TG119_DEFINITIONS: Record<Tg119Case, CaseDefinition> = {
  'tg119-cshape-easy': cShape(25),
  'tg119-cshape-hard': cShape(10),
  'tg119-multitarget': {
    beams: { count: 7, stepDeg: 50 },
    objectives: [
      under('Central', 51, 300),
      over('Central', 52.5, 50),
      under('Superior', 27, 40),
      maxDvh('Superior', 34, 10, 50),
      over('Superior', 36, 10),
      under('Inferior', 13.5, 40),
      maxDvh('Inferior', 24, 10, 50),
      over('Inferior', 26, 10),
      over(RING_STRUCTURE, 30, 0.2),
    ],
    normalisation: { structure: 'Central', volumePct: 99, doseGy: 50 },
    goals: [
      { structure: 'Central', metric: 'D99', comparator: '>=', doseGy: 50 },
      { structure: 'Central', metric: 'D10', comparator: '<=', doseGy: 53 },
      { structure: 'Superior', metric: 'D99', comparator: '>=', doseGy: 25 },
      { structure: 'Superior', metric: 'D10', comparator: '<=', doseGy: 35 },
      { structure: 'Inferior', metric: 'D99', comparator: '>=', doseGy: 12.5 },
      { structure: 'Inferior', metric: 'D10', comparator: '<=', doseGy: 25 },
    ],
  },
};

export function planTg119(which: Tg119Case, ctx: JobContext, options: Tg119Options = {}): Tg119Result {
  const def = TG119_DEFINITIONS[which];
  const doseGridMm = options.doseGridMm ?? 2.5;
  const phantom = tg119Phantom(which, doseGridMm);
  const plan = createPlan(
    {
      ct: phantom.ct,
      structures: phantom.structures,
      beams: equispacedBeams(def.beams.count, def.beams.stepDeg),
      doseGridMm,
      bixelMm: options.bixelMm ?? 5,
      ringMm: 10,
      objectives: def.objectives,
      normalisation: def.normalisation,
      fractions: 25,
      maxIterations: options.maxIterations ?? 200,
    },
    ctx,
  );
  const goals = evaluateGoals(def.goals, plan.doseGy, new Map(plan.structures.map((s) => [s.name, s.voxels])));
  return { goals, timingsS: plan.timingsS, plan };
}
