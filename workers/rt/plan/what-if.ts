/**
 * What-if on a finished plan: scale the dose, change the fraction count or switch beams off, and get DVH, TCP
 * and NTCP per structure at once, from the stored influence matrix and weights (no new dose calculation: one
 * sparse product).
 */
import { TISSUES, type TissueParameters } from '../../../assets/rt/radiobiology';
import { voxelVolumeMl } from '../../volume/volume';
import { doseFromWeights } from '../dose/sparse';
import { computeDvh, doseStats, sortedDoses, type Dvh } from '../evaluate/dvh';
import { eqd2Gy } from '../radiobiology/lq';
import { lkbNtcp, poissonTcp } from '../radiobiology/tcp-ntcp';
import type { Plan, PlanStructure } from '../types';

export interface WhatIfChange {
  /** Multiplies every weight (1.2 = +20 %). */
  doseScale?: number;
  /** Number of fractions the (scaled) total dose is given in; default the plan's. */
  fractions?: number;
  /** Indices of beams switched off. */
  beamsOff?: readonly number[];
}

export interface StructureOutcome extends DoseOutcome {
  name: string;
  role: PlanStructure['role'];
  tissue: string;
  dvh: Dvh;
}

export interface WhatIfResult {
  doseGy: Float64Array;
  fractions: number;
  structures: StructureOutcome[];
}

export interface DoseOutcome {
  minGy: number;
  meanGy: number;
  maxGy: number;
  /** Mean of the voxel EQD2 values with the tissue's α/β. */
  meanEqd2Gy: number;
  tcp?: number;
  ntcp?: number;
}

/**
 * Dose statistics, mean EQD2, and TCP (targets) or NTCP (organs) of one structure from its voxel doses in ascending
 * order. Shared by the planning job and the workspace's live what-if, so both say the same for the same dose.
 */
export function doseOutcome(sortedGy: Float64Array, role: PlanStructure['role'], tissue: TissueParameters, fractions: number, voxelCm3: number): DoseOutcome {
  const stats = doseStats(sortedGy);
  let eqd2 = 0;
  for (const d of sortedGy) eqd2 += eqd2Gy(d, fractions, tissue.alphaBetaGy);
  return {
    minGy: stats.minGy,
    meanGy: stats.meanGy,
    maxGy: stats.maxGy,
    meanEqd2Gy: sortedGy.length ? eqd2 / sortedGy.length : 0,
    ...(role === 'target' && tissue.tcp ? { tcp: poissonTcp(sortedGy, voxelCm3, fractions, tissue.alphaBetaGy, tissue.tcp) } : {}),
    ...(role !== 'target' && tissue.lkb ? { ntcp: lkbNtcp(sortedGy, fractions, tissue.alphaBetaGy, tissue.lkb) } : {}),
  };
}

export function whatIf(plan: Plan, change: WhatIfChange = {}): WhatIfResult {
  const scale = change.doseScale ?? 1;
  const fractions = change.fractions ?? plan.fractions;
  const off = new Set(change.beamsOff ?? []);
  const w = Float64Array.from(plan.weights, (x, b) => (off.has(plan.influence.bixelBeam[b]!) ? 0 : x * scale));
  const doseGy = doseFromWeights(plan.influence, w);
  const voxelCm3 = voxelVolumeMl(plan.grid.spacing);
  const structures = plan.structures.map((s): StructureOutcome => {
    const tissueKey = s.tissue ?? (s.role === 'target' ? 'tumour' : 'normal');
    const tissue: TissueParameters = TISSUES[tissueKey] ?? TISSUES.normal!;
    const sorted = sortedDoses(doseGy, s.voxels);
    return { name: s.name, role: s.role, tissue: tissueKey, dvh: computeDvh(sorted), ...doseOutcome(sorted, s.role, tissue, fractions, voxelCm3) };
  });
  return { doseGy, fractions, structures };
}
