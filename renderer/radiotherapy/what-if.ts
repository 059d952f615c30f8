/**
 * What-if in the browser: from the per-beam dose of each structure's voxels (`beam-dose.f32`) the dose under a
 * changed plan is dose_v = scale × Σ_{beams on} d_{b,v}; DVH, mean/max, EQD2, TCP and NTCP follow at once with the
 * same engine functions and parameters the planning job used (workers/rt/plan/what-if.ts), without a new dose
 * calculation.
 */
import { TISSUES, type TissueParameters } from '../../assets/rt/radiobiology';
import { computeDvh, sortedDoses, type Dvh } from '../../workers/rt/evaluate/dvh';
import { doseOutcome, type DoseOutcome } from '../../workers/rt/plan/what-if';
import { voxelVolumeMl } from '../../workers/volume/volume';
import type { PlanStructureSummary, PlanSummary } from './plan-summary';

export interface WhatIfSettings {
  /** Multiplies every beam's dose (1.2 = +20 %). */
  doseScale: number;
  fractions: number;
  /** One flag per beam, in the summary's beam order. */
  beamsOn: readonly boolean[];
}

export interface StructureOutcome extends DoseOutcome {
  name: string;
  role: PlanStructureSummary['role'];
  tissue: string;
  /** Doses of the structure's voxels, ascending. */
  sortedGy: Float64Array;
}

/** The summary names the tissue key the job used (by role when the structure had none); unknown keys are 'normal' as there. */
export function tissueOf(s: Pick<PlanStructureSummary, 'tissue'>): TissueParameters {
  return TISSUES[s.tissue] ?? TISSUES.normal!;
}

export function planSettings(summary: PlanSummary): WhatIfSettings {
  return { doseScale: 1, fractions: summary.fractions, beamsOn: summary.beams.map(() => true) };
}

/** The voxel doses of each structure under `settings`, in summary order. */
export function structureDoses(summary: PlanSummary, beamDoseGy: Float32Array, settings: WhatIfSettings): Float64Array[] {
  const nBeams = summary.beams.length;
  const expected = summary.structures.reduce((n, s) => n + s.voxelCount * nBeams, 0);
  if (beamDoseGy.length !== expected) throw new Error(`beam dose file holds ${beamDoseGy.length} values, the summary needs ${expected}`);
  let at = 0;
  return summary.structures.map((s) => {
    const dose = new Float64Array(s.voxelCount);
    for (let b = 0; b < nBeams; b++, at += s.voxelCount) {
      if (!settings.beamsOn[b]) continue;
      for (let v = 0; v < s.voxelCount; v++) dose[v]! += beamDoseGy[at + v]!;
    }
    for (let v = 0; v < s.voxelCount; v++) dose[v]! *= settings.doseScale;
    return dose;
  });
}

export function evaluateWhatIf(summary: PlanSummary, beamDoseGy: Float32Array, settings: WhatIfSettings): StructureOutcome[] {
  const voxelCm3 = voxelVolumeMl(summary.doseGrid.spacingMm);
  const doses = structureDoses(summary, beamDoseGy, settings);
  return summary.structures.map((s, q) => {
    const sortedGy = sortedDoses(doses[q]!);
    return { name: s.name, role: s.role, tissue: s.tissue, sortedGy, ...doseOutcome(sortedGy, s.role, tissueOf(s), settings.fractions, voxelCm3) };
  });
}

/** Cumulative DVHs of all outcomes on one common dose axis (so the curves share the plot's x axis). */
export function commonDvhs(outcomes: readonly StructureOutcome[], points = 200): { maxGy: number; dvhs: Dvh[] } {
  const maxGy = Math.max(1, ...outcomes.map((o) => o.maxGy));
  const binGy = maxGy / points;
  return { maxGy, dvhs: outcomes.map((o) => computeDvh(o.sortedGy, binGy, maxGy)) };
}

/** The sources of the model parameters used for these structures, for the "parameters from …" line. */
export function parameterSources(summary: PlanSummary): string[] {
  const sources = new Set<string>();
  for (const s of summary.structures) {
    const t = tissueOf(s);
    sources.add(t.alphaBetaSource);
    if (s.role === 'target' && t.tcp) sources.add(t.tcp.source);
    if (s.role !== 'target' && t.lkb) sources.add(t.lkb.source);
  }
  return [...sources];
}
