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
import type { Plan, PlanStructure } from './plan';

export interface WhatIfChange {
  /** Multiplies every weight (1.2 = +20 %). */
  doseScale?: number;
  /** Number of fractions the (scaled) total dose is given in; default the plan's. */
  fractions?: number;
  /** Indices of beams switched off. */
  beamsOff?: readonly number[];
}

export interface StructureOutcome {
  name: string;
  role: PlanStructure['role'];
  tissue: string;
  dvh: Dvh;
  minGy: number;
  meanGy: number;
  maxGy: number;
  /** Mean of the voxel EQD2 values with the tissue's α/β. */
  meanEqd2Gy: number;
  tcp?: number;
  ntcp?: number;
}

export interface WhatIfResult {
  doseGy: Float64Array;
  fractions: number;
  structures: StructureOutcome[];
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
    const stats = doseStats(sorted);
    let eqd2 = 0;
    for (const d of sorted) eqd2 += eqd2Gy(d, fractions, tissue.alphaBetaGy);
    return {
      name: s.name,
      role: s.role,
      tissue: tissueKey,
      dvh: computeDvh(sorted),
      minGy: stats.minGy,
      meanGy: stats.meanGy,
      maxGy: stats.maxGy,
      meanEqd2Gy: sorted.length ? eqd2 / sorted.length : 0,
      ...(s.role === 'target' && tissue.tcp ? { tcp: poissonTcp(sorted, voxelCm3, fractions, tissue.alphaBetaGy, tissue.tcp) } : {}),
      ...(s.role !== 'target' && tissue.lkb ? { ntcp: lkbNtcp(sorted, fractions, tissue.alphaBetaGy, tissue.lkb) } : {}),
    };
  });
  return { doseGy, fractions, structures };
}
