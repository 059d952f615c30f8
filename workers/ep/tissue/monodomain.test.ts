import { describe, expect, it } from 'vitest';
import { createJobContext } from '../../process/job-context';
import { IDENTITY_DIRECTION, type LabelMap } from '../../volume/volume';
import { MonodomainSolver } from './monodomain';
import { runNiederer } from './niederer-benchmark';

function sheet(nx: number, ny: number, inside: (i: number, j: number) => boolean, spacingMm = 0.25): LabelMap {
  const data = new Uint8Array(nx * ny);
  for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) data[i + nx * j] = inside(i, j) ? 1 : 0;
  return { dims: [nx, ny, 1], spacing: [spacingMm, spacingMm, spacingMm], origin: [0, 0, 0], direction: [...IDENTITY_DIRECTION], data };
}

function paceLeftEdge(solver: MonodomainSolver, nx: number, untilMs: number): void {
  const dt = 0.05;
  for (let c = 0; c < solver.n; c++) if (solver.voxelOfCell[c]! % nx < 2) solver.stimulus[c] = 100;
  for (let t = 0; t < untilMs; t += dt) {
    if (t >= 1) solver.stimulus.fill(0);
    solver.step(dt);
  }
}

describe('monodomain on a voxel mask', () => {
  it('conducts along fibres faster than across, in the ratio √(Dl/Dt)', () => {
    const d = { longitudinalMm2PerMs: 0.1, transverseMm2PerMs: 0.025 };
    const velocity = (fibres: [number, number, number]): number => {
      const s = new MonodomainSolver({ mask: sheet(80, 1, () => true, 0.1), modelForLabel: () => ({ id: 'bo' }), diffusivity: d, fibres });
      paceLeftEdge(s, 80, 40);
      // time between cells 30 and 60 (3 mm apart)
      return 3 / (s.firstActivationMs[60]! - s.firstActivationMs[30]!);
    };
    const along = velocity([1, 0, 0]);
    const across = velocity([0, 1, 0]);
    expect(along).toBeGreaterThan(0.3);
    // CV ∝ √D for a travelling wave: ratio 2 (the grid bends it a little)
    expect(along / across).toBeGreaterThan(1.8);
    expect(along / across).toBeLessThan(2.3);
  });

  it('treats the mask boundary as no-flux: the wave goes around an obstacle, and nothing outside is touched', () => {
    // a wall across the sheet with a gap at the top: the far side is reached only through the gap
    const mask = sheet(40, 20, (i, j) => !(i >= 18 && i <= 20 && j < 16));
    const s = new MonodomainSolver({ mask, modelForLabel: () => ({ id: 'bo' }), diffusivity: { longitudinalMm2PerMs: 0.1, transverseMm2PerMs: 0.1 } });
    expect(s.n).toBe(800 - 3 * 16);
    paceLeftEdge(s, 40, 60);
    const at = (i: number, j: number): number => s.firstActivationMs[s.cellOfVoxel[i + 40 * j]!]!;
    expect(at(30, 0)).toBeGreaterThan(at(30, 19)); // behind the wall, bottom activates after top
    expect(at(17, 0)).toBeLessThan(at(21, 0));
    expect(s.cellOfVoxel[19]).toBe(-1);
  });

  it('picks enough diffusion sub-steps for stability', () => {
    const s = new MonodomainSolver({ mask: sheet(5, 5, () => true), modelForLabel: () => ({ id: 'ms' }), diffusivity: { longitudinalMm2PerMs: 1, transverseMm2PerMs: 1 } });
    // max row sum = 4·D/h² = 64 /ms → dt 0.1 ms needs ⌈0.1·64/0.9⌉ = 8 sub-steps
    expect(s.subStepsFor(0.1)).toBe(8);
    expect(s.subStepsFor(0.01)).toBe(1);
  });
});

describe('Niederer 2011 N-version benchmark, coarse case', () => {
  it('dx 0.5 mm, dt 0.05 ms: P1 < P9 < P8, and all nine activate', async () => {
    const r = await runNiederer({ dxMm: 0.5, dtMs: 0.05 }, createJobContext());
    const p = r.points;
    for (const t of Object.values(p)) expect(Number.isFinite(t)).toBe(true);
    expect(p.P1).toBeLessThan(3);
    expect(p.P1).toBeLessThan(p.P9);
    expect(p.P9).toBeLessThan(p.P8);
    // the far corner is last; coarse grids slow conduction, so the range is wide (fine grid: 37.8–48.7 ms)
    expect(Math.max(...Object.values(p))).toBe(p.P8);
    expect(p.P8).toBeGreaterThan(37.8);
    expect(p.P8).toBeLessThan(200);
    // along the fibres (P3) faster than across (P2)
    expect(p.P3).toBeLessThan(p.P2);
  });
});

describe('threads', () => {
  it('two threads (worker_threads + SharedArrayBuffer) give bit-identical potentials and activation times to one', () => {
    const run = (threads: number): { potential: number[]; firstMs: number[]; count: number[] } => {
      const mask = sheet(30, 12, (i, j) => (i - 15) ** 2 + (j - 6) ** 2 > 4);
      const s = new MonodomainSolver({ mask, modelForLabel: () => ({ id: 'tt06-epi' }), diffusivity: { longitudinalMm2PerMs: 0.1, transverseMm2PerMs: 0.03 }, fibres: [1, 1, 0], threads });
      try {
        paceLeftEdge(s, 30, 15);
        // each thread records the activation of its own rows: the record must not depend on the split either
        return { potential: Array.from(s.potential), firstMs: Array.from(s.firstActivationMs), count: Array.from(s.activationCount) };
      } finally {
        s.dispose();
      }
    };
    const one = run(1);
    const two = run(2);
    expect(one.potential.some((v) => v > 0)).toBe(true);
    expect(one.count.filter((c) => c === 1).length).toBeGreaterThan(one.count.length / 2);
    expect(two).toEqual(one);
  });
});
