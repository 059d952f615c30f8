import { describe, expect, it } from 'vitest';
import { createJobContext } from '../../process/job-context';
import { runAdrenalineChallenge } from './adrenaline-challenge';
import { betaFraction, challengeModifiers, heartRateBpm } from './beta-adrenergic';

// Coarse and short so the suite stays fast: 30-cell wedge (0.5 mm), 12 pre-paced single-cell beats, 2 coupled beats.
const coarse = { dxMm: 0.5, prepaceBeats: 12, wedgeBeats: 2 };

describe('β-adrenergic dose–effect', () => {
  it('rises monotonically with dose and saturates at the published maximal effect', () => {
    expect(betaFraction('gCaL', 0)).toBe(0);
    expect(betaFraction('gCaL', 0.03)).toBeCloseTo(0.5, 10);
    expect(betaFraction('gKs', 0.2)).toBeGreaterThan(betaFraction('gKs', 0.1));
    expect(challengeModifiers('control', 1000).gKs).toBeCloseTo(3.2, 1);
    expect(heartRateBpm(0.2)).toBeGreaterThan(heartRateBpm(0.05));
  });

  it('LQT1 keeps its IKs loss and gets no IKs up-regulation', () => {
    expect(challengeModifiers('lqt1', 0.3).gKs).toBe(0.2);
    expect(challengeModifiers('lqt1', 0.3).gCaL).toBeGreaterThan(1.5);
  });
});

describe('virtual epinephrine QT stress test', () => {
  it('control: QT shortens as the dose rises', async () => {
    const r = await runAdrenalineChallenge({ genotype: 'control', dosesUgPerKgMin: [0, 0.05, 0.1], ...coarse }, createJobContext());
    const qt = r.results.map((x) => x.qtMs);
    expect(qt[0]).toBeGreaterThan(250);
    expect(qt[0]).toBeLessThan(450);
    expect(qt[1]).toBeLessThan(qt[0]!);
    expect(qt[2]).toBeLessThan(qt[1]!);
    expect(r.results[0]!.deltaQtMs).toBe(0);
    expect(r.results[2]!.heartRateBpm).toBeGreaterThan(r.results[0]!.heartRateBpm);
  });

  it('LQT1: QT paradoxically prolongs by ≥ 30 ms at a low dose (≤ 0.1 µg/kg/min)', async () => {
    const r = await runAdrenalineChallenge({ genotype: 'lqt1', dosesUgPerKgMin: [0.05], ...coarse }, createJobContext());
    expect(r.results).toHaveLength(1);
    expect(r.results[0]!.deltaQtMs).toBeGreaterThanOrEqual(30);
  });
});
