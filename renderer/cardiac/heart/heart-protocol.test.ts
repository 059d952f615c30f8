import { describe, expect, it } from 'vitest';
import { buildHeartRunInput, DEFAULT_HEART_FORM, describeProtocol } from './heart-protocol';

describe('patient-heart form to job input', () => {
  it('builds the default S1×3 + S2 run on a 1 mm grid, pacing site left to the job (LV apex)', () => {
    const built = buildHeartRunInput(DEFAULT_HEART_FORM, '1.2.3');
    expect(built).toEqual({
      ok: true,
      input: {
        seriesInstanceUID: '1.2.3',
        genotype: 'control',
        doseUgPerKgMin: 0,
        protocol: { kind: 's1s4', s1CycleMs: 600, s1Beats: 3, couplingsMs: [300] },
        gridMm: 1,
      },
    });
  });

  it('passes a picked pacing site and a placed scar', () => {
    const built = buildHeartRunInput({ ...DEFAULT_HEART_FORM, pacingSiteLps: [1, 2, 3], scar: { centreLps: [4, 5, 6], radiusMm: '10', borderMm: '3' } }, 'x');
    expect(built.ok && built.input.pacingSiteLps).toEqual([1, 2, 3]);
    expect(built.ok && built.input.scar).toEqual({ centreLps: [4, 5, 6], radiusMm: 10, borderMm: 3 });
  });

  it('builds a burst protocol without extrastimuli', () => {
    const built = buildHeartRunInput({ ...DEFAULT_HEART_FORM, protocolKind: 'burst' }, 'x');
    expect(built.ok && built.input.protocol).toEqual({ kind: 'burst', s1CycleMs: 600, s1Beats: 3, couplingsMs: [], burstCycleMs: 250, burstBeats: 8 });
  });

  it('explains entries the job would refuse', () => {
    const error = (patch: Partial<typeof DEFAULT_HEART_FORM>) => {
      const built = buildHeartRunInput({ ...DEFAULT_HEART_FORM, ...patch }, 'x');
      return built.ok ? null : built.error;
    };
    expect(error({ couplingsMs: '300, 280, 260, 240' })).toMatch(/At most 3 extrastimuli/);
    expect(error({ couplingsMs: '300, abc' })).toMatch(/S3 coupling \(ms\): "abc" is not a number/);
    expect(error({ gridMm: '0.2' })).toMatch(/Grid \(mm\) must lie in 0.5–2/);
    expect(error({ s1Beats: '2.5' })).toMatch(/whole number/);
    expect(error({ scar: { centreLps: null, radiusMm: '10', borderMm: '3' } })).toMatch(/place the scar centre/);
  });

  it('describes a protocol in one line', () => {
    expect(describeProtocol({ kind: 's1s4', s1CycleMs: 600, s1Beats: 3, couplingsMs: [300, 260] })).toBe('S1 600 ms × 3, S2 300 ms, S3 260 ms');
    expect(describeProtocol({ kind: 'burst', s1CycleMs: 600, s1Beats: 2, couplingsMs: [], burstCycleMs: 250, burstBeats: 8 })).toBe('S1 600 ms × 2, burst 250 ms × 8');
  });
});
