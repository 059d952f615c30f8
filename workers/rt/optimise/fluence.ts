/**
 * Fluence-map optimisation: bixel weights w ≥ 0 minimising Σ objectives(D·w) with the projected quasi-Newton
 * method. Each evaluation is one product D·w and one Dᵀ·g over the influence matrix.
 */
import type { JobContext } from '../../process/job-context';
import { doseFromWeights, weightGradient, type InfluenceMatrix } from '../dose/sparse';
import { evaluateObjective, type Objective } from './objectives';
import { minimiseNonNegative } from './projected-lbfgs';

export interface StructureObjective {
  structure: string;
  objective: Objective;
}

export interface FluenceResult {
  weights: Float64Array;
  /** Total objective after each iteration (index 0 = start). */
  history: number[];
  converged: boolean;
  evaluations: number;
}

/**
 * @param structureVoxels indices into the matrix's voxel list, per structure name
 * @param initialWeights start point; by default uniform weights scaled so the targets' mean dose is the highest
 *   objective dose of any target objective (an ordinary open-field start)
 */
export function optimiseFluence(
  matrix: InfluenceMatrix,
  structureVoxels: ReadonlyMap<string, Uint32Array>,
  objectives: readonly StructureObjective[],
  options: { maxIterations: number; initialWeights?: Float64Array },
  ctx: JobContext,
): FluenceResult {
  for (const o of objectives) if (!structureVoxels.has(o.structure)) throw new Error(`objective on unknown structure "${o.structure}"`);
  const dose = new Float64Array(matrix.nVoxels);
  const dGrad = new Float64Array(matrix.nVoxels);
  let evaluations = 0;
  const fg = (w: Float64Array, grad: Float64Array): number => {
    evaluations++;
    doseFromWeights(matrix, w, dose);
    dGrad.fill(0);
    let f = 0;
    for (const o of objectives) f += evaluateObjective(o.objective, dose, structureVoxels.get(o.structure)!, dGrad);
    weightGradient(matrix, dGrad, grad);
    return f;
  };
  const x0 = options.initialWeights ?? uniformStart(matrix, structureVoxels, objectives);
  const r = minimiseNonNegative(fg, x0, { maxIterations: options.maxIterations }, ctx);
  return { weights: r.x, history: r.history, converged: r.converged, evaluations };
}

function uniformStart(matrix: InfluenceMatrix, structureVoxels: ReadonlyMap<string, Uint32Array>, objectives: readonly StructureObjective[]): Float64Array {
  const w = new Float64Array(matrix.nBixels).fill(1);
  const dose = doseFromWeights(matrix, w);
  const under = objectives.filter((o) => o.objective.kind === 'squaredUnderdose' || o.objective.kind === 'minDvh' || o.objective.kind === 'squaredDeviation' || o.objective.kind === 'minDose');
  const ref = Math.max(0, ...under.map((o) => o.objective.doseGy));
  const voxels = under.length ? structureVoxels.get(under[0]!.structure)! : new Uint32Array(0);
  let mean = 0;
  for (const v of voxels) mean += dose[v]!;
  mean /= Math.max(1, voxels.length);
  if (ref > 0 && mean > 0) w.fill(ref / mean);
  return w;
}
