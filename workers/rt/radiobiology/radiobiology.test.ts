import { describe, expect, it } from 'vitest';
import { TISSUES } from '../../../assets/rt/radiobiology';
import { bedGy, eqd2Gy } from './lq';
import { lkbGeudGy, lkbNtcp, poissonTcp } from './tcp-ntcp';

describe('LQ model', () => {
  it('gives textbook BED and EQD2 values', () => {
    // 60 Gy in 30 fractions, α/β = 10: BED = 72 Gy, EQD2 = 60 Gy (2 Gy fractions are the reference).
    expect(bedGy(60, 30, 10)).toBeCloseTo(72, 12);
    expect(eqd2Gy(60, 30, 10)).toBeCloseTo(60, 12);
    // SBRT 3 × 18 Gy, α/β = 10: BED = 151.2 Gy, EQD2 = 126 Gy.
    expect(bedGy(54, 3, 10)).toBeCloseTo(151.2, 10);
    expect(eqd2Gy(54, 3, 10)).toBeCloseTo(126, 10);
  });
});

describe('LKB NTCP', () => {
  const lung = TISSUES.lung!.lkb!;
  it('is 50 % when the gEUD (in EQD2) equals TD50, and rises with dose', () => {
    // A uniform dose in 2 Gy fractions is its own EQD2 and gEUD.
    const uniform = new Float64Array(100).fill(lung.td50Gy);
    expect(lkbGeudGy(uniform, lung.td50Gy / 2, 3, lung.n)).toBeCloseTo(lung.td50Gy, 9);
    expect(lkbNtcp(uniform, lung.td50Gy / 2, 3, lung)).toBeCloseTo(0.5, 6);
    // One standard deviation above TD50: Φ(1) ≈ 0.8413.
    const higher = new Float64Array(100).fill(lung.td50Gy * (1 + lung.m));
    expect(lkbNtcp(higher, (lung.td50Gy * (1 + lung.m)) / 2, 3, lung)).toBeCloseTo(0.8413, 3);
  });

  it('treats a serial organ by its hottest part (small n) and a parallel one by its mean (n ≈ 1)', () => {
    const half = Float64Array.from({ length: 100 }, (_, i) => (i < 50 ? 0 : 60));
    expect(lkbGeudGy(half, 30, 2, TISSUES.spinalCord!.lkb!.n)).toBeGreaterThan(50);
    expect(lkbGeudGy(half, 30, 3, 1)).toBeCloseTo(30, 9);
  });
});

describe('Poisson TCP', () => {
  it('follows the closed form for a uniform dose and rises steeply with it', () => {
    const t = TISSUES.tumour!.tcp!;
    const dose = new Float64Array(1000).fill(70); // 1000 voxels of 0.001 cm³ = 1 cm³
    const sf = Math.exp(-t.alphaPerGy * 70 * (1 + 2 / 10));
    expect(poissonTcp(dose, 0.001, 35, 10, t)).toBeCloseTo(Math.exp(-t.clonogensPerCm3 * sf), 9);
    expect(poissonTcp(dose.map((d) => d * 0.9), 0.001, 35, 10, t)).toBeLessThan(poissonTcp(dose, 0.001, 35, 10, t));
  });
});
