import { describe, expect, it } from 'vitest';
import { TISSUES } from '../../assets/rt/radiobiology';
import { eqd2Gy } from '../../workers/rt/radiobiology/lq';
import { poissonTcp } from '../../workers/rt/radiobiology/tcp-ntcp';
import { PlanSummary } from './plan-summary';
import { commonDvhs, evaluateWhatIf, parameterSources, planSettings, structureDoses } from './what-if';

/** Two beams; a 4-voxel target that gets 1 Gy + 1 Gy per voxel, a 2-voxel lung that gets 0.5 + 0 Gy. */
const beamDose = Float32Array.from([
  // target: beam 0, beam 1
  1, 1, 1, 1, 1, 1, 1, 1,
  // lung: beam 0, beam 1
  0.5, 0.5, 0, 0,
]).map((d) => d * 30);

const summary = PlanSummary.parse({
  source: { phantom: 'test' },
  prescriptionGy: 60,
  fractions: 30,
  beams: [{ gantryDeg: 0, couchDeg: 0 }, { gantryDeg: 180, couchDeg: 0 }],
  goals: [],
  structures: [
    { name: 'PTV', role: 'target', tissue: 'tumour', voxelCount: 4, minGy: 60, meanGy: 60, maxGy: 60, meanEqd2Gy: 60, dvh: { binGy: 1, cumulative: [1] } },
    { name: 'lung_left', role: 'oar', tissue: 'lung', voxelCount: 2, minGy: 15, meanGy: 15, maxGy: 15, meanEqd2Gy: 0, dvh: { binGy: 1, cumulative: [1] } },
  ],
  timingsS: { dose: 1, optimisation: 1 },
  objectiveHistory: [],
  doseGrid: { file: 'dose.f32', dims: [2, 2, 2], spacingMm: [2.5, 2.5, 2.5], originLps: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1], maxGy: 60 },
  beamDoseFile: 'beam-dose.f32',
});

describe('what-if from per-beam structure doses', () => {
  it('sums the beams at the plan settings', () => {
    const [ptv, lung] = structureDoses(summary, beamDose, planSettings(summary));
    expect([...ptv!]).toEqual([60, 60, 60, 60]);
    expect([...lung!]).toEqual([15, 15]);
  });

  it('scales the dose and switches beams off', () => {
    const [ptv, lung] = structureDoses(summary, beamDose, { doseScale: 1.2, fractions: 30, beamsOn: [false, true] });
    expect(ptv![0]).toBeCloseTo(36, 10);
    expect(lung![0]).toBe(0);
  });

  it('gives EQD2, TCP and NTCP with the tissue parameters, and they rise with dose', () => {
    const base = evaluateWhatIf(summary, beamDose, planSettings(summary));
    const more = evaluateWhatIf(summary, beamDose, { ...planSettings(summary), doseScale: 1.2 });
    // 60 Gy in 30 fractions is 2 Gy per fraction: EQD2 equals the physical dose for any α/β.
    expect(base[0]!.meanEqd2Gy).toBeCloseTo(60, 10);
    expect(base[1]!.meanEqd2Gy).toBeCloseTo(eqd2Gy(15, 30, 3), 10);
    const t = TISSUES.tumour!;
    expect(base[0]!.tcp).toBeCloseTo(poissonTcp([60, 60, 60, 60], 2.5 ** 3 / 1000, 30, t.alphaBetaGy, t.tcp!), 12);
    expect(more[0]!.tcp!).toBeGreaterThan(base[0]!.tcp!);
    expect(more[1]!.meanGy).toBeCloseTo(18, 10);
    expect(more[1]!.ntcp!).toBeGreaterThan(base[1]!.ntcp!);
    expect(base[0]!.ntcp).toBeUndefined();
    expect(base[1]!.tcp).toBeUndefined();
  });

  it('fewer fractions of the same total dose raise the EQD2 of late-responding tissue', () => {
    const hypo = evaluateWhatIf(summary, beamDose, { ...planSettings(summary), fractions: 5 });
    expect(hypo[1]!.meanEqd2Gy).toBeCloseTo(15 * (1 + 3 / 3) / (1 + 2 / 3), 10);
  });

  it('draws every DVH on one dose axis, starting at 100 %', () => {
    const { maxGy, dvhs } = commonDvhs(evaluateWhatIf(summary, beamDose, planSettings(summary)));
    expect(maxGy).toBe(60);
    expect(dvhs.every((d) => d.cumulative[0] === 1 && d.doseGy.length === dvhs[0]!.doseGy.length)).toBe(true);
  });

  it('names the parameter sources and rejects a beam-dose file of the wrong size', () => {
    expect(parameterSources(summary).some((s) => s.includes('Webb & Nahum'))).toBe(true);
    expect(() => structureDoses(summary, new Float32Array(3), planSettings(summary))).toThrow(/beam dose file/);
  });
});
