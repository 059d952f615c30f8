import { describe, expect, it } from 'vitest';
import { createModel } from '../models/registry';
import { paceCell } from '../protocols/pace-cell';
import { mapCells, msTauCloseScaleFor } from './cell-mapping';
import { cableVelocity, tuneDiffusivity } from './conduction-tuning';
import { LV_LABELS } from './lv-model';

describe('mapping genotype and dose onto the Mitchell–Schaeffer cells', () => {
  it('scales τclose so that MS paces to the asked APD90', () => {
    for (const target of [220, 300, 420]) {
      const scale = msTauCloseScaleFor(target, 800);
      const apd = paceCell({ model: createModel('ms', { tauCloseScale: scale }), bclMs: 800, beats: 5, dtMs: 0.1 }).apd90Ms;
      expect(Math.abs(apd / target - 1)).toBeLessThan(0.01);
    }
  });

  it('carries the LQT1 prolongation under epinephrine (≥ 30 ms at 0.1 µg/kg/min) and M cells outlasting epi', () => {
    const control = mapCells('control', 0, 1000);
    const lqt1 = mapCells('lqt1', 0.1, 1000);
    const epi = (m: typeof control) => m.apd90TargetMs.get(LV_LABELS.epi)!;
    expect(epi(lqt1) - epi(control)).toBeGreaterThan(30);
    expect(control.apd90TargetMs.get(LV_LABELS.m)!).toBeGreaterThan(epi(control));
    expect(control.specs.get(LV_LABELS.epi)!.id).toBe('ms');
    // TT06 epicardium at 1 Hz: APD90 ≈ 300 ms (ten Tusscher & Panfilov 2006)
    expect(Math.abs(epi(control) - 300)).toBeLessThan(15);
  });
});

describe('conduction velocity tuned to the grid', () => {
  it.each([1, 0.5])('gives 0.6 and 0.3 mm/ms on a %s mm grid within 2 %', (dx) => {
    for (const target of [0.6, 0.3]) {
      const d = tuneDiffusivity({ id: 'ms' }, target, dx, 0.1);
      expect(Math.abs(cableVelocity({ id: 'ms' }, d, dx, 0.1) / target - 1)).toBeLessThan(0.02);
    }
  });
});
