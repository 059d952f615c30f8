import { describe, expect, it } from 'vitest';
import { voxelToWorld, type Vec3 } from '../../volume/volume';
import { scarBorderZone } from '../challenge/beta-adrenergic';
import { regionCodeAt, LV_REGION_NAMES } from './long-axis';
import { buildLvModel, LV_LABELS } from './lv-model';
import { helixAngleDeg, wallFrame } from './rule-based-fibres';
import { cylinderShell } from './testing';

// Cavity radius 10 mm, wall 10 mm, 50 mm long; the mid-section (|z| ≤ 10 mm) is far from the open ends.
const shell = cylinderShell(10, 20, 50);
const lv = buildLvModel({ ...shell, gridMm: 1 });
const [nx, ny, nz] = lv.mask.dims;

function midSectionVoxels(): { idx: number; p: Vec3 }[] {
  const out: { idx: number; p: Vec3 }[] = [];
  for (let k = 0, idx = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++, idx++) {
        if (!lv.mask.data[idx]) continue;
        const p = voxelToWorld(lv.mask, i, j, k);
        if (Math.abs(p[2]) <= 10) out.push({ idx, p });
      }
  return out;
}

function meanHelixAt(depth: number): number {
  const angles = midSectionVoxels()
    .filter(({ idx }) => lv.transmuralDepth[idx] === depth)
    .map(({ idx, p }) => {
      const f: Vec3 = [lv.fibres[3 * idx]!, lv.fibres[3 * idx + 1]!, lv.fibres[3 * idx + 2]!];
      return helixAngleDeg(f, wallFrame(lv.axis, [p[0], p[1], 0]));
    });
  expect(angles.length).toBeGreaterThan(50);
  return angles.reduce((s, a) => s + a, 0) / angles.length;
}

describe('LV model on a synthetic cylindrical shell', () => {
  it('finds the long axis along the cylinder, apex towards −z (patient inferior)', () => {
    expect(Math.abs(lv.axis.apexDirection[2])).toBeGreaterThan(0.999);
    expect(lv.axis.apexDirection[2]).toBeLessThan(0);
  });

  it('turns the helix angle from +60° at the endocardium to −60° at the epicardium (within 5°)', () => {
    expect(Math.abs(meanHelixAt(0) - 60)).toBeLessThan(5);
    expect(Math.abs(meanHelixAt(1) + 60)).toBeLessThan(5);
  });

  it('gives unit fibres lying in the wall (transmural component only from the voxel staircase)', () => {
    const voxels = midSectionVoxels();
    let worst = 0;
    let sum = 0;
    let worstNorm = 0;
    for (const { idx, p } of voxels) {
      const f: Vec3 = [lv.fibres[3 * idx]!, lv.fibres[3 * idx + 1]!, lv.fibres[3 * idx + 2]!];
      worstNorm = Math.max(worstNorm, Math.abs(Math.hypot(...f) - 1));
      const across = Math.abs((f[0] * p[0] + f[1] * p[1]) / Math.hypot(p[0], p[1]));
      worst = Math.max(worst, across);
      sum += across;
    }
    expect(worst).toBeLessThan(0.25); // < 15°, at a few staircase corners
    expect(sum / voxels.length).toBeLessThan(0.08); // mean < 5°
    expect(worstNorm).toBeLessThan(1e-5);
  });

  it('layers endo, M and epi cells outwards: 30 %, 30 %, 40 % of the wall', () => {
    const radius = new Map<number, number[]>();
    for (const { idx, p } of midSectionVoxels()) {
      const list = radius.get(lv.mask.data[idx]!) ?? [];
      list.push(Math.hypot(p[0], p[1]));
      radius.set(lv.mask.data[idx]!, list);
    }
    const mean = (l: number) => radius.get(l)!.reduce((s, r) => s + r, 0) / radius.get(l)!.length;
    expect(mean(LV_LABELS.endo)).toBeLessThan(mean(LV_LABELS.m));
    expect(mean(LV_LABELS.m)).toBeLessThan(mean(LV_LABELS.epi));
    // the wall spans radii 10…20 mm: endo cells below ~13 mm, epi above ~16 mm
    expect(Math.max(...radius.get(LV_LABELS.endo)!)).toBeLessThan(13.6);
    expect(Math.min(...radius.get(LV_LABELS.epi)!)).toBeGreaterThan(15.4);
  });

  it('names the walls round the short axis and the levels along it', () => {
    const name = (p: Vec3) => LV_REGION_NAMES[regionCodeAt(lv.axis, p)];
    expect(name([-15, -15, 0])).toBe('mid septal');
    expect(name([15, 15, 20])).toBe('basal lateral');
    expect(name([15, -15, -20])).toBe('apical anterior');
    expect(name([-15, 15, 0])).toBe('mid inferior');
    expect(name([0, 0, -40])).toBe('apex');
  });
});

describe('scar and border zone', () => {
  const centre: Vec3 = [15, 0, 0];
  const scarred = buildLvModel({ ...shell, gridMm: 1, scar: { centreLps: centre, radiusMm: 4, borderMm: 2 } });

  it('removes the core from the tissue and marks the border-zone shell, counted voxel by voxel', () => {
    let core = 0;
    let border = 0;
    let wrong = 0;
    for (let k = 0, idx = 0; k < nz; k++)
      for (let j = 0; j < ny; j++)
        for (let i = 0; i < nx; i++, idx++) {
          if (!lv.mask.data[idx]) continue;
          const p = voxelToWorld(lv.mask, i, j, k);
          const r = Math.hypot(p[0] - centre[0], p[1] - centre[1], p[2] - centre[2]);
          if (r <= 4) {
            core++;
            if (scarred.mask.data[idx] !== 0) wrong++;
          } else if (r <= 6) {
            border++;
            if (scarred.mask.data[idx] !== LV_LABELS.borderZone) wrong++;
            if (Math.abs(scarred.conductionScale![idx]! - scarBorderZone.conductionScale) > 1e-6) wrong++;
          } else if (scarred.mask.data[idx] !== lv.mask.data[idx]) wrong++;
        }
    // a 4 mm ball (268 mm³) fully inside the 10 mm wall, and the 4–6 mm shell (637 mm³), at 1 mm³ per voxel
    expect(wrong).toBe(0);
    expect(scarred.scarCoreVoxels).toBe(core);
    expect(scarred.borderZoneVoxels).toBe(border);
    expect(core).toBeGreaterThan(240);
    expect(core).toBeLessThan(300);
    expect(border).toBeGreaterThan(580);
    expect(border).toBeLessThan(700);
  });
});
