/**
 * One photon IMRT plan from CT and structures, in matRad's order of steps, each a function of the last:
 * density grid and dose voxels → beams and bixels → dose-influence matrix → fluence optimisation → normalisation.
 */
import { voxelToWorld, type Vec3, type Volume } from '../../volume/volume';
import type { JobContext } from '../../process/job-context';
import type { BeamAngles, Plan, PlanStructure, Structure } from '../types';
import { PHOTON_6MV } from '../../../assets/rt/photon-6mv';
import { centroidOf, densityGridFromCt, maskIndicesOnGrid } from '../geometry/dose-grid';
import { dilateWithin } from '../geometry/ring';
import { beamGeometry } from '../beams/beam-geometry';
import { bixelsForTarget } from '../beams/bixels';
import { buildInfluenceMatrixThreaded } from '../dose/influence-threads';
import { doseFromWeights } from '../dose/sparse';
import { optimiseFluence, type StructureObjective } from '../optimise/fluence';
import { doseAtVolumePct, sortedDoses } from '../evaluate/dvh';

export interface PlanSetup {
  ct: Volume;
  structures: Structure[];
  beams: BeamAngles[];
  /** Default: the centroid of all targets. */
  isocentre?: Vec3;
  doseGridMm?: number;
  bixelMm?: number;
  /** Bixels cover the target's projection grown by this margin. */
  bixelMarginMm?: number;
  lateralCutoffMm?: number;
  /** Threads for the dose-influence matrix. Default: min(available parallelism, number of beams). */
  influenceThreads?: number;
  /** Normal tissue within this distance of the targets gets dose voxels too, as the structure "Ring". 0 = none. */
  ringMm?: number;
  objectives: StructureObjective[];
  /** Scale the optimised weights so that D(volumePct) of this structure equals doseGy (e.g. PTV D95 = 50 Gy). */
  normalisation?: { structure: string; volumePct: number; doseGy: number };
  fractions: number;
  maxIterations?: number;
}

// The plan's types live in ../types so that pure consumers (the workspace's live what-if) need not see this file's threads.
export type { Plan, PlanStructure };

export const RING_STRUCTURE = 'Ring';

export function createPlan(setup: PlanSetup, ctx: JobContext): Plan {
  const t0 = performance.now();
  const grid = densityGridFromCt(setup.ct, setup.doseGridMm ?? 2.5);
  // Dose voxels: every structure except the external contour, plus an optional ring of normal tissue.
  const onGrid = setup.structures.map((s) => ({ s, idx: maskIndicesOnGrid(s.mask, grid) }));
  const targets = onGrid.filter((x) => x.s.role === 'target');
  if (targets.length === 0) throw new Error('the plan needs at least one target structure');
  const targetIdx = unionSorted(targets.map((x) => x.idx));
  const ringMm = setup.ringMm ?? 0;
  const ringIdx = ringMm > 0 ? dilateWithin(grid, targetIdx, ringMm, 0.05) : new Uint32Array(0);
  const voxels = unionSorted([...onGrid.filter((x) => x.s.role !== 'external').map((x) => x.idx), ringIdx]);
  const position = new Map<number, number>();
  voxels.forEach((g, q) => position.set(g, q));
  const toPlan = (idx: Uint32Array) => Uint32Array.from(idx, (g) => position.get(g)!);
  const structures: PlanStructure[] = onGrid
    .filter((x) => x.s.role !== 'external')
    .map((x) => ({ name: x.s.name, role: x.s.role, ...(x.s.tissue ? { tissue: x.s.tissue } : {}), voxels: toPlan(x.idx) }));
  if (ringMm > 0) structures.push({ name: RING_STRUCTURE, role: 'oar', voxels: toPlan(ringIdx) });

  const iso = setup.isocentre ?? centroidOf(grid, targetIdx);
  const [nx, ny] = grid.dims;
  const targetPoints = Array.from(targetIdx, (g) => voxelToWorld(grid, g % nx, Math.floor(g / nx) % ny, Math.floor(g / (nx * ny))));
  const beams = setup.beams.map((a) =>
    bixelsForTarget(beamGeometry(a, iso, PHOTON_6MV.sadMm), targetPoints, setup.bixelMm ?? 5, setup.bixelMarginMm ?? 5),
  );
  const influence = buildInfluenceMatrixThreaded(
    grid,
    voxels,
    beams,
    { lateralCutoffMm: setup.lateralCutoffMm ?? 25, ...(setup.influenceThreads ? { threads: setup.influenceThreads } : {}) },
    subContext(ctx, 0, 0.4),
  );
  const t1 = performance.now();

  const byName = new Map(structures.map((s) => [s.name, s.voxels]));
  const opt = optimiseFluence(influence, byName, setup.objectives, { maxIterations: setup.maxIterations ?? 300 }, subContext(ctx, 0.4, 1));
  const weights = opt.weights;
  const doseGy = doseFromWeights(influence, weights);
  if (setup.normalisation) {
    const n = setup.normalisation;
    const v = byName.get(n.structure);
    if (!v) throw new Error(`normalisation on unknown structure "${n.structure}"`);
    const at = doseAtVolumePct(sortedDoses(doseGy, v), n.volumePct);
    if (at > 0) {
      const f = n.doseGy / at;
      for (let b = 0; b < weights.length; b++) weights[b] = weights[b]! * f;
      for (let q = 0; q < doseGy.length; q++) doseGy[q] = doseGy[q]! * f;
    }
  }
  const t2 = performance.now();
  ctx.progress(1, 'plan done');
  return {
    grid,
    voxels,
    structures,
    beams,
    influence,
    weights,
    doseGy,
    fractions: setup.fractions,
    objectiveHistory: opt.history,
    timingsS: { dose: (t1 - t0) / 1000, optimisation: (t2 - t1) / 1000 },
  };
}

/** The plan's dose as a volume on the dose grid (0 outside the dose voxels), for display and export. */
export function doseVolume(plan: Pick<Plan, 'grid' | 'voxels'>, doseGy: ArrayLike<number>): Volume<Float32Array> {
  const data = new Float32Array(plan.grid.data.length);
  for (let q = 0; q < plan.voxels.length; q++) data[plan.voxels[q]!] = doseGy[q]!;
  return { ...plan.grid, data };
}

/** A structure (indices into the plan's dose voxels) as a 0/1 mask on the dose grid. */
export function structureMaskOnDoseGrid(plan: Pick<Plan, 'grid' | 'voxels'>, voxels: Uint32Array): Volume<Uint8Array> {
  const data = new Uint8Array(plan.grid.data.length);
  for (const q of voxels) data[plan.voxels[q]!] = 1;
  return { ...plan.grid, data };
}

function unionSorted(lists: Uint32Array[]): Uint32Array {
  const all = new Set<number>();
  for (const l of lists) for (const v of l) all.add(v);
  return Uint32Array.from(all).sort();
}

/** Maps a step's progress 0…1 onto [from, to] of the parent's. */
function subContext(ctx: JobContext, from: number, to: number): JobContext {
  return { signal: ctx.signal, throwIfCancelled: () => ctx.throwIfCancelled(), progress: (f, m) => ctx.progress(from + (to - from) * f, m) };
}
