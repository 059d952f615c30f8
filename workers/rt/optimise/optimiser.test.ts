import { describe, expect, it } from 'vitest';
import { createJobContext } from '../../process/job-context';
import { evaluateObjective, type Objective } from './objectives';
import { minimiseNonNegative } from './projected-lbfgs';
import { optimiseFluence } from './fluence';
import type { InfluenceMatrix } from '../dose/sparse';

describe('projected quasi-Newton over x ≥ 0', () => {
  it('solves a bound-constrained quadratic whose unconstrained minimum is partly negative', () => {
    // f(x) = Σ cᵢ (xᵢ − tᵢ)² with t = (3, −2, 1, −5): the minimiser over x ≥ 0 is (3, 0, 1, 0).
    const t = [3, -2, 1, -5];
    const c = [1, 10, 0.1, 2];
    const r = minimiseNonNegative(
      (x, g) => {
        let f = 0;
        x.forEach((xi, i) => {
          f += c[i]! * (xi - t[i]!) ** 2;
          g[i] = 2 * c[i]! * (xi - t[i]!);
        });
        return f;
      },
      Float64Array.from([1, 1, 1, 1]),
      { maxIterations: 200, relativeTolerance: 1e-12 },
      createJobContext(),
    );
    [3, 0, 1, 0].forEach((v, i) => expect(r.x[i]).toBeCloseTo(v, 5));
    // The objective history never increases.
    for (let k = 1; k < r.history.length; k++) expect(r.history[k]).toBeLessThanOrEqual(r.history[k - 1]!);
  });

  it('minimises the Rosenbrock function in the positive quadrant', () => {
    const r = minimiseNonNegative(
      (x, g) => {
        const [a, b] = [x[0]!, x[1]!];
        g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
        g[1] = 200 * (b - a * a);
        return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
      },
      Float64Array.from([0.2, 1.5]),
      { maxIterations: 500, relativeTolerance: 1e-14 },
      createJobContext(),
    );
    expect(r.x[0]).toBeCloseTo(1, 3);
    expect(r.x[1]).toBeCloseTo(1, 3);
  });
});

describe('objectives', () => {
  const objectives: Objective[] = [
    { kind: 'squaredUnderdose', doseGy: 50, weight: 2 },
    { kind: 'squaredOverdose', doseGy: 45, weight: 1 },
    { kind: 'squaredDeviation', doseGy: 48, weight: 1 },
    { kind: 'minDose', doseGy: 47, weight: 1 },
    { kind: 'maxDose', doseGy: 50, weight: 1 },
    { kind: 'meanDose', doseGy: 40, weight: 1 },
    { kind: 'minDvh', doseGy: 49, volumePct: 90, weight: 1 },
    { kind: 'maxDvh', doseGy: 46, volumePct: 20, weight: 1 },
    { kind: 'eud', doseGy: 30, a: 8, weight: 1 },
  ];
  const dose = Float64Array.from([42, 44.5, 46, 47.5, 49, 50.5, 51.2, 52, 43.3, 48.8]);
  const voxels = Uint32Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  for (const o of objectives) {
    it(`${o.kind}: gradient matches finite differences`, () => {
      const grad = new Float64Array(dose.length);
      const f = evaluateObjective(o, dose, voxels, grad);
      expect(f).toBeGreaterThan(0);
      for (let v = 0; v < dose.length; v++) {
        const h = 1e-5;
        const up = Float64Array.from(dose);
        up[v] = up[v]! + h;
        const dn = Float64Array.from(dose);
        dn[v] = dn[v]! - h;
        const fd = (evaluateObjective(o, up, voxels, new Float64Array(10)) - evaluateObjective(o, dn, voxels, new Float64Array(10))) / (2 * h);
        expect(grad[v]).toBeCloseTo(fd, 4);
      }
    });
  }
  it('are zero when met', () => {
    expect(evaluateObjective({ kind: 'squaredUnderdose', doseGy: 40, weight: 1 }, dose, voxels, new Float64Array(10))).toBe(0);
    expect(evaluateObjective({ kind: 'maxDvh', doseGy: 50, volumePct: 40, weight: 1 }, dose, voxels, new Float64Array(10))).toBe(0);
  });
});

describe('fluence optimisation', () => {
  it('finds weights that give a target its dose while sparing an organ that only one bixel misses', () => {
    // Two bixels, three voxels: voxels 0–1 are the target, voxel 2 the organ. Bixel 0 hits target and organ,
    // bixel 1 only the target: the optimum puts everything on bixel 1.
    const m: InfluenceMatrix = {
      nBixels: 2,
      nVoxels: 3,
      rowPtr: Uint32Array.from([0, 3, 5]),
      voxel: Uint32Array.from([0, 1, 2, 0, 1]),
      value: Float32Array.from([1, 1, 1, 1, 1]),
    };
    const structures = new Map([['T', Uint32Array.from([0, 1])], ['O', Uint32Array.from([2])]]);
    const r = optimiseFluence(
      m,
      structures,
      [
        { structure: 'T', objective: { kind: 'squaredDeviation', doseGy: 60, weight: 1 } },
        { structure: 'O', objective: { kind: 'squaredOverdose', doseGy: 0, weight: 1 } },
      ],
      { maxIterations: 100 },
      createJobContext(),
    );
    expect(r.weights[0]).toBeCloseTo(0, 3);
    expect(r.weights[1]).toBeCloseTo(60, 2);
    expect(r.history[r.history.length - 1]).toBeLessThan(r.history[0]! * 1e-6);
  });
});
