import { describe, expect, it } from 'vitest';
import { voxelVolumeMl } from '../volume/volume';
import { createJobContext } from '../process/job-context';
import { tg119Phantom } from './tg119-phantoms';
import { planTg119 } from './tg119-plan';

const volumeMl = (mask: Uint8Array, spacing: [number, number, number]) => mask.reduce((a, b) => a + b, 0) * voxelVolumeMl(spacing);

describe('TG-119 phantoms', () => {
  it('C-shape: core and PTV volumes match their analytic shapes within 3 % at 2.5 mm', () => {
    const p = tg119Phantom('tg119-cshape-easy', 2.5);
    const [ptv, core] = p.structures;
    // Core: π · 10² · 100 mm³. PTV: annulus 15–37 mm minus the posterior opening |x| < 15 mm, times 80 mm.
    const coreMl = (Math.PI * 100 * 100) / 1000;
    let opening = 0;
    for (let x = -15; x < 15; x += 0.001) opening += (Math.sqrt(37 ** 2 - x * x) - Math.sqrt(15 ** 2 - x * x)) * 0.001;
    const ptvMl = ((Math.PI * (37 ** 2 - 15 ** 2) - opening) * 80) / 1000;
    expect(volumeMl(core!.mask.data, p.ct.spacing) / coreMl).toBeCloseTo(1, 1);
    expect(Math.abs(volumeMl(ptv!.mask.data, p.ct.spacing) / ptvMl - 1)).toBeLessThan(0.03);
    const [nx, ny, nz] = p.ct.dims;
    expect(p.ct.data[0]).toBe(-1000);
    expect(p.ct.data[nx / 2 + nx * (ny / 2 + ny * Math.floor(nz / 2))]).toBe(0);
  });

  it('multitarget: three stacked 40 × 40 mm cylinders (within 5 %: a 20 mm radius is only 8 voxels)', () => {
    const p = tg119Phantom('tg119-multitarget', 2.5);
    expect(p.structures.map((s) => s.name)).toEqual(['Central', 'Superior', 'Inferior']);
    for (const s of p.structures) expect(Math.abs(volumeMl(s.mask.data, p.ct.spacing) / ((Math.PI * 400 * 40) / 1000) - 1)).toBeLessThan(0.05);
  });
});

describe('planTg119 (coarse 5 mm grid; the 2.5 mm plans run in the CLI and bench/rt.ts)', () => {
  it('C-shape easy: normalises PTV D95 to 50 Gy and keeps the core well below the PTV', () => {
    const r = planTg119('tg119-cshape-easy', createJobContext(), { doseGridMm: 5, maxIterations: 80 });
    expect(r.goals.map((g) => `${g.structure} ${g.metric} ${g.goal}`)).toEqual(['PTV D95 = 50 Gy', 'PTV D10 <= 55 Gy', 'Core D10 <= 25 Gy']);
    expect(r.goals[0]!.achievedGy).toBeCloseTo(50, 0);
    expect(r.goals[2]!.achievedGy).toBeLessThan(30);
    // The optimiser lowered its objective.
    const h = r.plan.objectiveHistory;
    expect(h[h.length - 1]!).toBeLessThan(h[0]! * 0.5);
  });
});
