import { describe, expect, it } from 'vitest';
import { IDENTITY_DIRECTION, type LabelMap } from '../../volume/volume';
import { MonodomainSolver } from '../tissue/monodomain';
import { findPhaseSingularities, PHASE_CENTRE_MV } from './phase-singularities';

/**
 * Cross-field S1–S2 on a 2-D sheet (the classic way to start a spiral: Pertsov AM et al. Circ Res 1993;72:631):
 * S1 is a plane wave from the left edge; S2 excites the lower half of the sheet once the S1 waveback has passed its
 * middle. The S2 wave can only grow into recovered tissue, so its end curls round the point where the S2 edge meets
 * the S1 waveback: the spiral's core, where the phase singularity must be found.
 */
const SIDE_MM = 40;
const DX = 0.5;
const N = SIDE_MM / DX;
const DT = 0.1;

function sheet(): LabelMap {
  return { dims: [N, N, 1], spacing: [DX, DX, DX], origin: [DX / 2, DX / 2, 0], direction: [...IDENTITY_DIRECTION], data: new Uint8Array(N * N).fill(1) };
}

describe('phase singularities', () => {
  it('finds the spiral core of a cross-field S1–S2 re-entry near where the S2 edge meets the S1 waveback', () => {
    // Short APD (τclose × 0.5) and slow conduction make a wavelength of ~30 mm that fits the sheet.
    const solver = new MonodomainSolver({
      mask: sheet(),
      modelForLabel: () => ({ id: 'ms', modifiers: { tauCloseScale: 0.5 } }),
      diffusivity: { longitudinalMm2PerMs: 0.05, transverseMm2PerMs: 0.05 },
      activationThresholdMv: -20,
    });
    const x = (c: number) => ((solver.voxelOfCell[c]! % N) + 0.5) * DX;
    const y = (c: number) => (Math.floor(solver.voxelOfCell[c]! / N) + 0.5) * DX;
    const run = (untilMs: number) => {
      while (solver.timeMs < untilMs - 1e-9) {
        if (solver.timeMs >= 2 - 1e-9) solver.stimulus.fill(0);
        solver.step(DT);
      }
    };
    for (let c = 0; c < solver.n; c++) if (x(c) < 1) solver.stimulus[c] = 100;
    // S2 when the waveback (V back below −70 mV) along the lower half has reached the middle of the sheet
    let s2Ms = 0;
    while (s2Ms === 0) {
      run(solver.timeMs + 1);
      const middle = solver.cellOfVoxel[N / 2 + N * (N / 4)]!;
      if (solver.potential[middle]! < -70 && solver.activationCount[middle] === 1) s2Ms = solver.timeMs;
    }
    let wavebackMm = 0;
    for (let c = 0; c < solver.n; c++) if (y(c) < SIDE_MM / 4 + DX && y(c) > SIDE_MM / 4 - DX && solver.potential[c]! < -70) wavebackMm = Math.max(wavebackMm, x(c));
    for (let c = 0; c < solver.n; c++) solver.stimulus[c] = y(c) < SIDE_MM / 2 ? 100 : 0;
    const s2End = solver.timeMs + 2;
    while (solver.timeMs < s2End - 1e-9) solver.step(DT);
    solver.stimulus.fill(0);
    run(s2Ms + 40);
    const lag = Float64Array.from(solver.potential);
    run(s2Ms + 60);
    const singularities = findPhaseSingularities(solver.setup.mask, solver.cellOfVoxel, solver.potential, lag, 2, PHASE_CENTRE_MV);
    expect(singularities.length).toBeGreaterThan(0);
    const expected = [wavebackMm, SIDE_MM / 2];
    const nearest = Math.min(...singularities.map((s) => Math.hypot(s.lps[0] - expected[0]!, s.lps[1] - expected[1]!)));
    // the tip has begun to curl back into recovered tissue: within 6 mm (15 % of the sheet) of the expected core
    expect(nearest).toBeLessThan(6);
  });

  it('finds none in a plane wave', () => {
    const solver = new MonodomainSolver({
      mask: sheet(),
      modelForLabel: () => ({ id: 'ms' }),
      diffusivity: { longitudinalMm2PerMs: 0.1, transverseMm2PerMs: 0.1 },
    });
    for (let c = 0; c < solver.n; c++) if ((solver.voxelOfCell[c]! % N) * DX < 1) solver.stimulus[c] = 100;
    for (let t = 0; t < 40; t += DT) {
      if (t >= 2) solver.stimulus.fill(0);
      solver.step(DT);
    }
    const lag = Float64Array.from(solver.potential);
    for (let t = 0; t < 20; t += DT) solver.step(DT);
    expect(findPhaseSingularities(solver.setup.mask, solver.cellOfVoxel, solver.potential, lag)).toEqual([]);
  });
});
