import { describe, expect, it } from 'vitest';
import { createJobContext } from '../../process/job-context';
import { tg119Phantom } from '../../phantom/tg119-phantoms';
import { equispacedBeams } from '../beams/beam-geometry';
import { doseFromWeights } from '../dose/sparse';
import { createPlan, doseVolume } from './plan';
import { whatIf } from './what-if';

describe('what-if on a stored plan', () => {
  // A coarse multitarget plan (5 mm grid, few iterations): enough to test the bookkeeping, fast.
  const phantom = tg119Phantom('tg119-multitarget', 5);
  phantom.structures[1]!.role = 'oar'; // Superior as an organ at risk, with LKB parameters of the cord
  phantom.structures[1]!.tissue = 'spinalCord';
  const plan = createPlan(
    {
      ct: phantom.ct,
      structures: phantom.structures,
      beams: equispacedBeams(5, 72),
      doseGridMm: 5,
      objectives: [
        { structure: 'Central', objective: { kind: 'squaredDeviation', doseGy: 60, weight: 1 } },
        { structure: 'Superior', objective: { kind: 'squaredOverdose', doseGy: 20, weight: 1 } },
      ],
      normalisation: { structure: 'Central', volumePct: 95, doseGy: 60 },
      fractions: 30,
      maxIterations: 40,
    },
    createJobContext(),
  );
  const base = whatIf(plan);
  const byName = (r: ReturnType<typeof whatIf>, name: string) => r.structures.find((s) => s.name === name)!;

  it('reproduces the plan dose, with TCP for targets and NTCP for organs at risk', () => {
    base.doseGy.forEach((d, q) => expect(d).toBeCloseTo(plan.doseGy[q]!, 6));
    expect(byName(base, 'Central').tcp).toBeGreaterThanOrEqual(0);
    expect(byName(base, 'Superior').ntcp).toBeGreaterThanOrEqual(0);
    expect(byName(base, 'Central').dvh.cumulative[0]).toBe(1);
  });

  it('scales every dose by +20 % and raises TCP and NTCP', () => {
    const up = whatIf(plan, { doseScale: 1.2 });
    expect(byName(up, 'Central').meanGy).toBeCloseTo(1.2 * byName(base, 'Central').meanGy, 9);
    expect(byName(up, 'Central').tcp!).toBeGreaterThan(byName(base, 'Central').tcp!);
    expect(byName(up, 'Superior').ntcp!).toBeGreaterThan(byName(base, 'Superior').ntcp!);
  });

  it('changes EQD2 but not physical dose when the fraction count changes', () => {
    const hypo = whatIf(plan, { fractions: 5 });
    expect(byName(hypo, 'Central').meanGy).toBeCloseTo(byName(base, 'Central').meanGy, 9);
    expect(byName(hypo, 'Central').meanEqd2Gy).toBeGreaterThan(byName(base, 'Central').meanEqd2Gy);
  });

  it('switches a beam off by dropping exactly its bixels', () => {
    const off = whatIf(plan, { beamsOff: [0] });
    const w = Float64Array.from(plan.weights, (x, b) => (plan.influence.bixelBeam[b] === 0 ? x : 0));
    const beam0 = doseFromWeights(plan.influence, w);
    off.doseGy.forEach((d, q) => expect(d + beam0[q]!).toBeCloseTo(base.doseGy[q]!, 6));
    expect(byName(off, 'Central').meanGy).toBeLessThan(byName(base, 'Central').meanGy);
  });

  it('writes the dose back onto the grid', () => {
    const vol = doseVolume(plan, plan.doseGy);
    expect(vol.dims).toEqual(plan.grid.dims);
    expect(vol.data[plan.voxels[10]!]).toBeCloseTo(plan.doseGy[10]!, 4);
  });
});
