/**
 * The N-version benchmark of Niederer et al. 2011 (setup in assets/ep/niederer-2011.json): TT06 epi in a 20×7×3 mm
 * slab, stimulated in a 1.5 mm corner cube; activation times (first upward crossing of 0 mV) at the eight corners
 * and the centre. The slab is tiled by cubic voxels of edge dx (cell-centred finite volumes); the stimulus is
 * weighted by the fraction of each voxel inside the cube so the injected charge does not depend on dx, and the
 * activation time at a point is trilinearly inter-/extrapolated from the 2×2×2 voxel centres around it.
 */
import bench from '../../../assets/ep/niederer-2011.json';
import type { JobContext } from '../../process/job-context';
import { IDENTITY_DIRECTION, type LabelMap, type Vec3 } from '../../volume/volume';
import { monodomainDiffusivity, stimulusPerCapacitance } from './conductivity';
import { MonodomainSolver } from './monodomain';

export type NidererPoint = keyof typeof bench.points;

export interface NiedererInput {
  dxMm: number;
  dtMs: number;
  precision?: 'float64' | 'float32';
  /** threads including the calling one (default 1) */
  threads?: number;
  /** stop at this time even if some voxels are still resting */
  maxTimeMs?: number;
}

export interface NiedererResult {
  points: Record<NidererPoint, number>;
  runtimeS: number;
  cells: number;
  diffusionSubSteps: number;
}

export function niedererSlab(dxMm: number): LabelMap {
  const dims = bench.slabMm.map((l) => Math.round(l / dxMm)) as Vec3;
  return {
    dims,
    spacing: [dxMm, dxMm, dxMm],
    origin: [dxMm / 2, dxMm / 2, dxMm / 2],
    direction: [...IDENTITY_DIRECTION],
    data: new Uint8Array(dims[0] * dims[1] * dims[2]).fill(1),
  };
}

/** Length of [i·dx, (i+1)·dx] inside [0, cube], as a fraction of dx. */
function overlap(i: number, dx: number, cube: number): number {
  return Math.max(0, Math.min((i + 1) * dx, cube) - i * dx) / dx;
}

/** Trilinear inter-/extrapolation of per-voxel times at a point (mm, slab frame). */
function timeAtPoint(times: Float32Array, dims: Vec3, dx: number, p: readonly number[]): number {
  const base: number[] = [];
  const frac: number[] = [];
  for (let a = 0; a < 3; a++) {
    const u = p[a]! / dx - 0.5;
    const i0 = Math.min(Math.max(Math.floor(u), 0), dims[a]! - 2);
    base.push(i0);
    frac.push(u - i0);
  }
  let t = 0;
  for (let corner = 0; corner < 8; corner++) {
    const o = [corner & 1, (corner >> 1) & 1, (corner >> 2) & 1];
    let w = 1;
    for (let a = 0; a < 3; a++) w *= o[a] ? frac[a]! : 1 - frac[a]!;
    t += w * times[base[0]! + o[0]! + dims[0] * (base[1]! + o[1]! + dims[1] * (base[2]! + o[2]!))]!;
  }
  return t;
}

export async function runNiederer(input: NiedererInput, ctx: JobContext): Promise<NiedererResult> {
  const started = performance.now();
  const { dxMm: dx, dtMs: dt } = input;
  const mask = niedererSlab(dx);
  const solver = new MonodomainSolver({
    mask,
    modelForLabel: () => ({ id: 'tt06-epi' }),
    diffusivity: monodomainDiffusivity(bench.conductivities, bench.chiPerCm, bench.cmUfPerCm2),
    fibres: bench.fibreAxis as Vec3,
    precision: input.precision ?? 'float64',
    threads: input.threads ?? 1,
  });
  try {
    return await runSlab(solver, mask, dx, dt, input.maxTimeMs ?? 150, started, ctx);
  } finally {
    solver.dispose();
  }
}

async function runSlab(solver: MonodomainSolver, mask: LabelMap, dx: number, dt: number, maxTime: number, started: number, ctx: JobContext): Promise<NiedererResult> {
  const stimAmplitude = stimulusPerCapacitance(bench.stimulus.uaPerCm3, bench.chiPerCm, bench.cmUfPerCm2);
  const cube = bench.stimulus.cubeMm;
  const stimPattern = new Float64Array(solver.n);
  const [nx, ny] = mask.dims;
  for (let c = 0; c < solver.n; c++) {
    const voxel = solver.voxelOfCell[c]!;
    const w = overlap(voxel % nx, dx, cube) * overlap(Math.floor(voxel / nx) % ny, dx, cube) * overlap(Math.floor(voxel / (nx * ny)), dx, cube);
    stimPattern[c] = w * stimAmplitude;
  }
  // Activation voxels are checked here instead of a full sweep each step: the slab is convex, so once every voxel
  // has crossed 0 mV the wave is done.
  const steps = Math.ceil(maxTime / dt);
  let lastYield = performance.now();
  for (let k = 0; k < steps; k++) {
    const t = k * dt;
    if (t < bench.stimulus.durationMs) solver.stimulus.set(stimPattern);
    else if (t - dt < bench.stimulus.durationMs) solver.stimulus.fill(0);
    solver.step(dt);
    if (k % 50 === 0) {
      if (!solver.activationCount.includes(0)) break;
      ctx.throwIfCancelled();
      ctx.progress(Math.min(1, solver.timeMs / 60), `t = ${solver.timeMs.toFixed(1)} ms`);
      if (performance.now() - lastYield > 200) {
        await new Promise((resolve) => setImmediate(resolve));
        lastYield = performance.now();
      }
    }
  }
  const timesByVoxel = new Float32Array(mask.data.length).fill(NaN);
  solver.voxelOfCell.forEach((voxel, cell) => (timesByVoxel[voxel] = solver.firstActivationMs[cell]!));
  const points = Object.fromEntries(
    Object.entries(bench.points).map(([name, p]) => [name, timeAtPoint(timesByVoxel, mask.dims, dx, p)]),
  ) as Record<NidererPoint, number>;
  return { points, runtimeS: (performance.now() - started) / 1000, cells: solver.n, diffusionSubSteps: solver.subStepsFor(dt) };
}
