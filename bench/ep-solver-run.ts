/**
 * The JS half of bench/ep.ts: cell-steps per second of the TT06 monodomain step (reaction, diffusion, activation
 * record) on the bench grid, with a given number of threads, and the checksum ΣV of the final potentials.
 * bench/ep-solver-child.ts runs it in a process of its own (see bench/ep.ts for why).
 */
import { IDENTITY_DIRECTION, type LabelMap, type Vec3 } from '../workers/volume/volume';
import { monodomainDiffusivity } from '../workers/ep/tissue/conductivity';
import { MonodomainSolver } from '../workers/ep/tissue/monodomain';
import niederer from '../assets/ep/niederer-2011.json';

/** The bench grid: the Niederer slab at dx 0.2 mm (100 × 35 × 15 = 52 500 cells), dt 0.05 ms. */
export const BENCH_GRID = { dxMm: 0.2, dtMs: 0.05, dims: [100, 35, 15] as Vec3 };
export const BENCH_DIFFUSIVITY = monodomainDiffusivity(niederer.conductivities, niederer.chiPerCm, niederer.cmUfPerCm2);

export interface SolverBenchResult {
  cellStepsPerS: number;
  checksum: number;
}

export function runSolverBench(threadCount: number, steps: number): SolverBenchResult {
  const { dxMm: dx, dtMs: dt, dims } = BENCH_GRID;
  const mask: LabelMap = { dims, spacing: [dx, dx, dx], origin: [0, 0, 0], direction: [...IDENTITY_DIRECTION], data: new Uint8Array(dims[0] * dims[1] * dims[2]).fill(1) };
  const solver = new MonodomainSolver({ mask, modelForLabel: () => ({ id: 'tt06-epi' }), diffusivity: BENCH_DIFFUSIVITY, fibres: [1, 0, 0], threads: threadCount });
  try {
    const [nx, ny] = dims;
    for (let c = 0; c < solver.n; c++) {
      const v = solver.voxelOfCell[c]!;
      const inside = ((v % nx) + 1) * dx <= 1.5 && ((Math.floor(v / nx) % ny) + 1) * dx <= 1.5 && (Math.floor(v / (nx * ny)) + 1) * dx <= 1.5;
      if (inside) solver.stimulus[c] = 50000 / 1400;
    }
    solver.step(dt); // builds the lookup table and weights outside the timed loop, like the C set-up
    const started = performance.now();
    for (let k = 1; k < steps; k++) {
      if (k * dt >= 2) solver.stimulus.fill(0);
      solver.step(dt);
    }
    const seconds = (performance.now() - started) / 1000;
    let checksum = 0;
    for (const v of solver.potential) checksum += v;
    return { cellStepsPerS: (solver.n * (steps - 1)) / seconds, checksum };
  } finally {
    solver.dispose();
  }
}
