/**
 * Dose goals (TG-119 style: "PTV D95 = 50 Gy", "core D10 <= 25 Gy") and their evaluation on a plan's dose.
 * In a goal's text the comparator and dose are written after the metric: goal "<= 25 Gy" with metric "D10".
 */
import { doseAtVolumePct, doseStats, sortedDoses } from '../evaluate/dvh';

export type GoalMetric = `D${number}` | 'Dmean' | 'Dmax' | 'Dmin';

export interface DoseGoal {
  structure: string;
  metric: GoalMetric;
  comparator: '=' | '<=' | '>=';
  doseGy: number;
}

export interface GoalResult {
  structure: string;
  metric: string;
  /** Comparator and dose, e.g. "<= 55 Gy". */
  goal: string;
  achievedGy: number;
  pass: boolean;
}

/** An "=" goal passes within this relative tolerance (prescription normalisation makes it exact up to rounding). */
const EQUAL_TOLERANCE = 0.01;

export function metricGy(sorted: Float64Array, metric: GoalMetric): number {
  if (metric === 'Dmean') return doseStats(sorted).meanGy;
  if (metric === 'Dmax') return doseStats(sorted).maxGy;
  if (metric === 'Dmin') return doseStats(sorted).minGy;
  return doseAtVolumePct(sorted, Number(metric.slice(1)));
}

export function evaluateGoals(goals: readonly DoseGoal[], doseGy: ArrayLike<number>, structureVoxels: ReadonlyMap<string, ArrayLike<number>>): GoalResult[] {
  return goals.map((g) => {
    const voxels = structureVoxels.get(g.structure);
    if (!voxels) throw new Error(`goal on unknown structure "${g.structure}"`);
    // Reported to 0.01 Gy; the comparison uses the reported value so the table never contradicts itself.
    const achievedGy = Math.round(metricGy(sortedDoses(doseGy, voxels), g.metric) * 100) / 100;
    const pass =
      g.comparator === '<=' ? achievedGy <= g.doseGy
      : g.comparator === '>=' ? achievedGy >= g.doseGy
      : Math.abs(achievedGy - g.doseGy) <= EQUAL_TOLERANCE * g.doseGy;
    return { structure: g.structure, metric: g.metric, goal: `${g.comparator} ${g.doseGy} Gy`, achievedGy, pass };
  });
}
