import { describe, expect, it } from 'vitest';
import type { DerivedObject } from '../../main/contract/domain';
import { toChallengeRun } from './challenge-result';

const stored = (summary: unknown): DerivedObject => ({
  id: 'd1',
  kind: 'ep-challenge',
  patientKey: 'p1',
  seriesKey: null,
  title: 'Adrenaline challenge, lqt1',
  jobId: 'j1',
  summary,
  files: [],
  createdAt: '2026-11-24T12:00:00.000Z',
});

describe('stored challenge runs', () => {
  it('parses the engine result shape with events and the ECG', () => {
    const summary = {
      genotype: 'lqt1',
      results: [
        { dose: 0, heartRateBpm: 65, qtMs: 439.2, deltaQtMs: 0, events: [], ecg: { dtMs: 1, values: [0, 0.01, 0] } },
        {
          dose: 0.05,
          heartRateBpm: 76.25,
          qtMs: 499.3,
          deltaQtMs: 60.1,
          events: [{ kind: 'ead', timeMs: 1210, lps: [7.5, 0, 0], region: 'mid-myocardium' }],
          ecg: { dtMs: 1, values: [0, 0.02, 0] },
        },
      ],
    };
    const run = toChallengeRun(stored(summary));
    expect(run.result?.results[1]?.events[0]).toEqual({ kind: 'ead', timeMs: 1210, lps: [7.5, 0, 0], region: 'mid-myocardium' });
  });

  it('keeps a run whose summary has another shape, without a result', () => {
    const run = toChallengeRun(stored({ genotype: 'lqt1', results: [{ dose: 0 }] }));
    expect(run).toMatchObject({ id: 'd1', result: null });
  });
});
