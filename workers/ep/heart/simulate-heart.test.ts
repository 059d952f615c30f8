import { describe, expect, it } from 'vitest';
import { createJobContext } from '../../process/job-context';
import { IDENTITY_DIRECTION, type LabelMap, type Vec3 } from '../../volume/volume';
import { buildLvModel } from './lv-model';
import { simulateHeart, stimulusTimes } from './simulate-heart';
import { ellipsoidLv } from './testing';
import { placeElectrodes } from './torso-leads';

/** An elliptic-cylinder torso (semi-axes 140 × 90 mm, 300 mm long) on a 5 mm grid, the heart at its centre. */
function torso(): LabelMap {
  const h = 5;
  const dims: Vec3 = [61, 41, 61];
  const origin: Vec3 = [-150, -100, -150];
  const data = new Uint8Array(dims[0] * dims[1] * dims[2]);
  for (let k = 0, idx = 0; k < dims[2]; k++)
    for (let j = 0; j < dims[1]; j++)
      for (let i = 0; i < dims[0]; i++, idx++) data[idx] = ((origin[0] + i * h) / 140) ** 2 + ((origin[1] + j * h) / 90) ** 2 <= 1 ? 1 : 0;
  return { dims, spacing: [h, h, h], origin, direction: [...IDENTITY_DIRECTION], data };
}

describe('ECG electrodes on the body surface', () => {
  const electrodes = new Map(placeElectrodes(torso(), [0, 0, 0], -34, 34).map((e) => [e.name, e.lps]));
  it('puts V1 right and V2 left of the sternum on the anterior skin, V6 mid-axillary, limb electrodes above and below', () => {
    const [v1, v2, v6, ra, la, ll] = ['V1', 'V2', 'V6', 'RA', 'LA', 'LL'].map((n) => electrodes.get(n)!);
    expect(v1![0]).toBeCloseTo(-25, 0);
    expect(v2![0]).toBeCloseTo(25, 0);
    // anterior skin at x = ±25: y = −90·√(1 − (25/140)²) ≈ −88.6 (within the 5 mm voxels)
    expect(Math.abs(v1![1] + 88.6)).toBeLessThan(5);
    expect(Math.abs(v6![0] - 140)).toBeLessThan(5);
    expect(ra![0]).toBeLessThan(0);
    expect(la![0]).toBeGreaterThan(0);
    expect(ra![2]).toBeGreaterThan(34);
    expect(ll![2]).toBeLessThan(-34);
  });
});

describe('programmed stimulation of a synthetic LV (2 mm grid)', () => {
  it('lays out S1 trains, extrastimuli and bursts', () => {
    expect(stimulusTimes({ kind: 's1s4', s1CycleMs: 600, s1Beats: 3, couplingsMs: [300, 260] })).toEqual([0, 600, 1200, 1500, 1760]);
    expect(stimulusTimes({ kind: 'burst', s1CycleMs: 500, s1Beats: 2, couplingsMs: [], burstCycleMs: 200, burstBeats: 3 })).toEqual([0, 500, 700, 900, 1100]);
  });

  it('activates the whole wall from the apex outwards, repolarises it, and reports nothing in a healthy heart', async () => {
    const lv = buildLvModel({ ...ellipsoidLv(14, 24, 7, 1), gridMm: 2 });
    const electrodes = placeElectrodes(torso(), lv.axis.centreLps, -24, 24);
    const r = await simulateHeart(
      { lv, genotype: 'control', doseUgPerKgMin: 0, protocol: { kind: 's1s4', s1CycleMs: 800, s1Beats: 1, couplingsMs: [] }, electrodes, durationMs: 520 },
      createJobContext(),
    );
    const nv = r.surface.cellOfVertex.length;
    expect(r.surface.regions).toHaveLength(nv);
    expect(r.surface.triangles.length / 3).toBeLessThanOrEqual(30_000);
    // apex paced: the pacing site is the most apical wall point (−z)
    expect(r.pacingSiteLps[2]).toBeLessThan(-20);
    const act = Array.from(r.activationMs);
    expect(act.every(Number.isFinite)).toBe(true);
    expect(Math.min(...act)).toBeLessThan(5);
    // activation time grows with distance from the pacing site
    const dist = Array.from({ length: nv }, (_, v) =>
      Math.hypot(r.surface.verticesLps[3 * v]! - r.pacingSiteLps[0], r.surface.verticesLps[3 * v + 1]! - r.pacingSiteLps[1], r.surface.verticesLps[3 * v + 2]! - r.pacingSiteLps[2]),
    );
    const mean = (a: number[]) => a.reduce((s, x) => s + x, 0) / a.length;
    const [ma, md] = [mean(act), mean(dist)];
    const cov = act.reduce((s, a, i) => s + (a - ma) * (dist[i]! - md), 0);
    const corr = cov / Math.sqrt(act.reduce((s, a) => s + (a - ma) ** 2, 0) * dist.reduce((s, d) => s + (d - md) ** 2, 0));
    expect(corr).toBeGreaterThan(0.8);
    // the farthest wall, ~48 mm along the axis, at 0.3–0.6 mm/ms: 80–160 ms
    expect(Math.max(...act)).toBeGreaterThan(60);
    expect(Math.max(...act)).toBeLessThan(170);
    // APD90 near the TT06 values at 800 ms the MS cells were matched to (~290–360 ms; electrotonus evens them out)
    const apd = Array.from(r.apd90Ms).filter(Number.isFinite);
    expect(apd.length).toBeGreaterThan(0.95 * nv);
    expect(Math.min(...apd)).toBeGreaterThan(240);
    expect(Math.max(...apd)).toBeLessThan(400);
    expect(r.events).toEqual([]);
    expect(r.frames).toBe(Math.floor(520 / r.frameIntervalMs) + 1);
    expect(r.voltageMv[0]).toBeLessThan(-75);
    expect(r.ecg.leads.map((l) => l.name)).toEqual(['I', 'II', 'III', 'aVR', 'aVL', 'aVF', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6']);
    expect(r.qtMs).toBeGreaterThan(Math.min(...apd));
    expect(r.qtMs).toBeLessThan(520);
  });
});
