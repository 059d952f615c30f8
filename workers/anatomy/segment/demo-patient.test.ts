import { describe, expect, it } from 'vitest';
import { createJobContext } from '../../process/job-context';
import { buildDemoPatient } from '../../phantom/demo-patient';
import { PRESETS, segmentPresets } from './presets';

/**
 * The demo patient, slices 24–67 (z −88.75…18.75 mm): the whole heart and a slab of the body, at the full in-plane
 * resolution, a third of the cost of all 120 slices. Truth is the phantom's analytic truth: whole structures for
 * the heart; the body's truth scales with the slab length (an elliptic cylinder). bench/anatomy.ts checks every
 * structure (lungs, spine and ribs too) on all 120 slices.
 */
const SLICES = { from: 24, to: 68 };
const demo = buildDemoPatient(createJobContext(), { slices: SLICES });
const truth = new Map(demo.truth.structures.map((s) => [s.name, s]));
const results = segmentPresets(demo.ct, PRESETS, createJobContext()).flatMap((r) => r.labels);

const expected: [string, number][] = [
  ['body', (truth.get('body')!.volumeMl * (SLICES.to - SLICES.from)) / 120],
  ['heart', truth.get('heart')!.volumeMl],
  ['myocardium', truth.get('myocardium')!.volumeMl],
  ['lv_blood_pool', truth.get('lv_blood_pool')!.volumeMl],
];

describe('presets on the demo patient (a slab through the heart)', () => {
  it.each(expected)('%s within 2 % of the analytic truth', (name, volumeMl) => {
    const label = results.find((l) => l.name === name)!;
    expect(Math.abs(label.volumeMl / volumeMl - 1)).toBeLessThan(0.02);
  });

  it.each(['heart', 'myocardium', 'lv_blood_pool'])('%s centroid within 1 mm of the truth (LPS)', (name) => {
    const label = results.find((l) => l.name === name)!;
    const t = truth.get(name)!.centroidLps;
    expect(Math.hypot(label.centroidLps[0] - t[0], label.centroidLps[1] - t[1], label.centroidLps[2] - t[2])).toBeLessThan(1);
  });

  it('names the lungs by LPS side: lung_left at +x', () => {
    const left = results.find((l) => l.name === 'lung_left')!;
    const right = results.find((l) => l.name === 'lung_right')!;
    expect(left.centroidLps[0]).toBeCloseTo(truth.get('lung_left')!.centroidLps[0], -1);
    expect(right.centroidLps[0]).toBeCloseTo(truth.get('lung_right')!.centroidLps[0], -1);
  });
});
