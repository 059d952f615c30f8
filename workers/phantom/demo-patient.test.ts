/**
 * The demo phantom against its own analytic truth: geometry is consistent with the documented nesting, the truth
 * formulas hold, the contours enclose the truth volume, and the generated HU volume, thresholded at the midpoint
 * between each structure and its surroundings, gives back the truth volume within 1.5 %.
 */
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { voxelToWorld, voxelVolumeMl, type Volume } from '../volume/volume';
import { DEMO_GRID, DEMO_SHAPES, DEMO_STRUCTURES, HU } from './demo-anatomy';
import { buildDemoPatient, type DemoPatient } from './demo-patient';
import { demoTruth } from './demo-truth';
import type { Solid } from './shapes';
import { structureSection } from './structure-contours';
import { polygonAreaMm2 } from './polygon-area';

const truthOf = (demo: DemoPatient, name: string) => demo.truth.structures.find((s) => s.name === name)!;
const mid = (a: number, b: number) => (a + b) / 2;

/** Voxels whose centre lies in one of `regions` and whose HU passes `test`, in mL. */
function countMl(ct: Volume<Int16Array>, regions: readonly Solid[], test: (hu: number) => boolean): number {
  const [nx, ny, nz] = ct.dims;
  const seen = new Uint8Array(nx * ny * nz);
  let n = 0;
  for (const r of regions) {
    const lo = [0, 1, 2].map((a) => Math.max(0, Math.floor((r.bounds.min[a]! - ct.origin[a]!) / ct.spacing[a]!)));
    const hi = [0, 1, 2].map((a) => Math.min(ct.dims[a]! - 1, Math.ceil((r.bounds.max[a]! - ct.origin[a]!) / ct.spacing[a]!)));
    for (let k = lo[2]!; k <= hi[2]!; k++)
      for (let j = lo[1]!; j <= hi[1]!; j++)
        for (let i = lo[0]!; i <= hi[0]!; i++) {
          const idx = i + nx * (j + ny * k);
          if (seen[idx]) continue;
          const [x, y, z] = voxelToWorld(ct, i, j, k);
          if (!r.contains(x, y, z)) continue;
          seen[idx] = 1;
          if (test(ct.data[idx]!)) n++;
        }
  }
  return n * voxelVolumeMl(ct.spacing);
}

/** The body is convex in every axial row: count from the first to the last voxel above the air/fat midpoint. */
function bodyMl(ct: Volume<Int16Array>): number {
  const [nx, ny, nz] = ct.dims;
  const threshold = mid(HU.air, HU.subcutaneousFat);
  const couchTop = DEMO_SHAPES.couchShell.bounds.min[1];
  let n = 0;
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++) {
      if (voxelToWorld(ct, 0, j, k)[1] > couchTop - 5) continue; // the couch is not the body
      const row = ct.data.subarray(nx * (j + ny * k), nx * (j + 1 + ny * k));
      const first = row.findIndex((v) => v > threshold);
      if (first >= 0) n += row.findLastIndex((v) => v > threshold) - first + 1;
    }
  return n * voxelVolumeMl(ct.spacing);
}

/** Points on a 1 mm grid over the overlap of two solids' bounds that lie in both. */
function sharedPoints(a: Solid, b: Solid, stepMm = 1): number {
  const lo = [0, 1, 2].map((i) => Math.max(a.bounds.min[i]!, b.bounds.min[i]!));
  const hi = [0, 1, 2].map((i) => Math.min(a.bounds.max[i]!, b.bounds.max[i]!));
  let n = 0;
  for (let z = lo[2]!; z <= hi[2]!; z += stepMm)
    for (let y = lo[1]!; y <= hi[1]!; y += stepMm)
      for (let x = lo[0]!; x <= hi[0]!; x += stepMm) if (a.contains(x, y, z) && b.contains(x, y, z)) n++;
  return n;
}

/** A solid is inside another when no point of it on a 1 mm grid lies outside. */
function pointsOutside(inner: Solid, outer: Solid, stepMm = 1): number {
  let n = 0;
  const { min, max } = inner.bounds;
  for (let z = min[2]; z <= max[2]; z += stepMm)
    for (let y = min[1]; y <= max[1]; y += stepMm)
      for (let x = min[0]; x <= max[0]; x += stepMm) if (inner.contains(x, y, z) && !outer.contains(x, y, z)) n++;
  return n;
}

describe('demo phantom geometry', () => {
  const s = DEMO_SHAPES;
  const disjointTissue = [
    ...[s.lungLeft, s.lungRight].flatMap((lung) => [s.pericardialFat, s.canal, s.discColumn, ...s.ribs].map((other) => [lung, other] as const)),
    ...s.ribs.flatMap((rib) => [s.pericardialFat, s.canal, s.discColumn].map((other) => [rib, other] as const)),
    [s.canal, s.discColumn] as const,
    [s.lungLeft, s.lungRight] as const,
  ];

  it('keeps every non-nested pair of structures (and the fat and canal that border them) apart', () => {
    for (const [a, b] of disjointTissue) expect(sharedPoints(a, b)).toBe(0);
  });

  it('nests as documented: tumour in the right lung, LV in the heart, blood pool in the LV, all in the body', () => {
    expect(pointsOutside(s.tumour, s.lungRight.grown(-3))).toBe(0);
    expect(pointsOutside(s.lvOuter, s.heart.grown(-2))).toBe(0);
    expect(pointsOutside(s.lvBloodPool, s.lvOuter.grown(-5))).toBe(0);
    expect(pointsOutside(s.cord, s.canal.grown(-3))).toBe(0);
    for (const inner of [s.lungLeft, s.lungRight, s.pericardialFat, s.canal, ...s.vertebrae, ...s.ribs]) expect(pointsOutside(inner, s.muscle.grown(5), 2)).toBe(0);
    expect(sharedPoints(s.couchShell, s.body)).toBe(0);
  });

  it('keeps every structure except the body inside the scanned slab', () => {
    const slab = [DEMO_GRID.origin[2] - DEMO_GRID.spacing[2] / 2, DEMO_GRID.origin[2] + (DEMO_GRID.dims[2] - 0.5) * DEMO_GRID.spacing[2]];
    for (const st of DEMO_STRUCTURES.filter((x) => x.name !== 'body'))
      for (const p of st.parts) {
        expect(p.bounds.min[2]).toBeGreaterThanOrEqual(slab[0]!);
        expect(p.bounds.max[2]).toBeLessThanOrEqual(slab[1]!);
      }
  });
});

describe('demo truth', () => {
  it('uses closed formulas: body = ellipse area × slab length, myocardium = LV − pool, ribs by Pappus', () => {
    const truth = demoTruth(DEMO_STRUCTURES);
    const byName = Object.fromEntries(truth.structures.map((t) => [t.name, t]));
    expect(truth.structures.map((t) => t.name)).toEqual([
      'body', 'lung_left', 'lung_right', 'heart', 'myocardium', 'lv_blood_pool', 'spine', 'spinal_cord', 'ribs', 'tumour',
    ]);
    expect(byName.body!.volumeMl).toBeCloseTo((Math.PI * 185 * 125 * 300) / 1000, 5);
    expect(byName.tumour!.volumeMl).toBeCloseTo(((4 / 3) * Math.PI * 17 ** 3) / 1000, 5);
    expect(byName.myocardium!.volumeMl).toBeCloseTo(((4 / 3) * Math.PI * (20 * 20 * 32 - 10 * 10 * 22)) / 1000, 5);
    expect(byName.spine!.volumeMl).toBeCloseTo((10 * Math.PI * 17 * 15 * 22.5) / 1000, 5);
    expect(byName.ribs!.volumeMl).toBeCloseTo((22 * Math.PI * 4.5 * 7.5 * 78 * ((230 * Math.PI) / 180)) / 1000, 5);
    // Left and right ribs mirror each other about x = 0; their levels average −0.625 mm.
    expect(byName.ribs!.centroidLps[0]).toBeCloseTo(0, 5);
    expect(byName.ribs!.centroidLps[2]).toBeCloseTo(-0.625, 5);
    expect(truth.note).toMatch(/contains/);
  });

  it('has contours whose areas, stacked slice by slice, give the truth volume', () => {
    const truth = demoTruth(DEMO_STRUCTURES);
    const zs = Array.from({ length: DEMO_GRID.dims[2] }, (_, k) => DEMO_GRID.origin[2] + k * DEMO_GRID.spacing[2]);
    for (const st of DEMO_STRUCTURES) {
      const ml = zs.reduce((sum, z) => sum + structureSection(st, z).reduce((a, p) => a + polygonAreaMm2(p), 0), 0) * DEMO_GRID.spacing[2] / 1000;
      const expected = truth.structures.find((t) => t.name === st.name)!.volumeMl;
      // Midpoint rule in z: exact for prisms, h²/(8r²) low for a sphere of radius r (0.3 % for the tumour).
      expect(Math.abs(ml / expected - 1), st.name).toBeLessThan(0.01);
    }
  });
});

describe('demo CT (full 512 × 512 × 120 series)', () => {
  let demo: DemoPatient;
  beforeAll(() => {
    demo = buildDemoPatient();
  });

  it('has the promised grid, and HU of each tissue where it is pure', () => {
    expect(demo.ct.dims).toEqual([512, 512, 120]);
    expect(demo.ct.spacing).toEqual([0.9, 0.9, 2.5]);
    const at = (x: number, y: number, z: number) => {
      const i = Math.round((x - demo.ct.origin[0]) / 0.9);
      const j = Math.round((y - demo.ct.origin[1]) / 0.9);
      const k = Math.round((z - demo.ct.origin[2]) / 2.5);
      return demo.ct.data[i + 512 * (j + 512 * k)]!;
    };
    const near = (hu: number, expected: number) => expect(Math.abs(hu - expected)).toBeLessThan(6 * 5); // 5 σ of noise
    near(at(-200, -200, 0), HU.air);
    near(at(88, 5, 0), HU.lung);
    near(at(...(DEMO_SHAPES.lvBloodPool.centre as [number, number, number])), HU.bloodPoolContrast);
    near(at(0, 60, -13.75), HU.bone);
    near(at(0, 88, 0), HU.cord);
    near(at(-96, -8, 55), HU.tumour);
  });

  /** Per structure: where to look (holding only it and its border tissue) and which side of which midpoint. */
  const thresholdCases: Record<string, { regions: Solid[]; inside: (hu: number) => boolean }> = {
    lung_left: { regions: [DEMO_SHAPES.lungLeft.grown(2)], inside: (v) => v < mid(HU.lung, HU.fat) },
    tumour: { regions: [DEMO_SHAPES.tumour.grown(3)], inside: (v) => v > mid(HU.lung, HU.tumour) },
    heart: { regions: [DEMO_SHAPES.heart.grown(4)], inside: (v) => v > mid(HU.fat, HU.heart) },
    lv_blood_pool: { regions: [DEMO_SHAPES.lvOuter], inside: (v) => v > mid(HU.myocardium, HU.bloodPoolContrast) },
    spine: { regions: [DEMO_SHAPES.discColumn.grown(3)], inside: (v) => v > mid(HU.muscle, HU.bone) },
    spinal_cord: { regions: [DEMO_SHAPES.canal.grown(-1)], inside: (v) => v > mid(HU.fat, HU.cord) },
    ribs: { regions: DEMO_SHAPES.ribs.map((r) => r.grown(2)), inside: (v) => v > mid(HU.muscle, HU.bone) },
  };

  it.each(Object.keys(thresholdCases))('%s: thresholded voxel volume matches the analytic truth within 1.5 percent', (name) => {
    const { regions, inside } = thresholdCases[name]!;
    const counted = countMl(demo.ct, regions, inside);
    expect(Math.abs(counted / truthOf(demo, name).volumeMl - 1)).toBeLessThan(0.015);
  });

  it('lung_right (tumour included) and myocardium (LV minus blood pool) match within 1.5 %', () => {
    const lung = countMl(demo.ct, [DEMO_SHAPES.lungRight.grown(2)], (v) => v < mid(HU.lung, HU.fat));
    const tumour = countMl(demo.ct, [DEMO_SHAPES.tumour.grown(3)], (v) => v > mid(HU.lung, HU.tumour));
    expect(Math.abs((lung + tumour) / truthOf(demo, 'lung_right').volumeMl - 1)).toBeLessThan(0.015);
    const lv = countMl(demo.ct, [DEMO_SHAPES.lvOuter.grown(4)], (v) => v > mid(HU.heart, HU.myocardium));
    const pool = countMl(demo.ct, [DEMO_SHAPES.lvOuter], (v) => v > mid(HU.myocardium, HU.bloodPoolContrast));
    expect(Math.abs((lv - pool) / truthOf(demo, 'myocardium').volumeMl - 1)).toBeLessThan(0.015);
  });

  it('body: thresholded at the air/fat midpoint above the couch matches area × slab length within 1 %', () => {
    expect(Math.abs(bodyMl(demo.ct) / truthOf(demo, 'body').volumeMl - 1)).toBeLessThan(0.01);
  });

  it('is deterministic: a range of slices computed alone, twice, is byte-identical to the same slices of the whole', () => {
    const hash = (a: Int16Array) => createHash('sha256').update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)).digest('hex');
    const slices = { from: 57, to: 60 };
    const a = buildDemoPatient(undefined, { slices }).ct;
    const b = buildDemoPatient(undefined, { slices }).ct;
    expect(hash(a.data)).toBe(hash(b.data));
    expect(hash(a.data)).toBe(hash(demo.ct.data.subarray(57 * 512 * 512, 60 * 512 * 512)));
    expect(a.origin[2]).toBeCloseTo(demo.ct.origin[2] + 57 * 2.5, 5);
  });
});
