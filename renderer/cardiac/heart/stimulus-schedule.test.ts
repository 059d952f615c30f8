import { describe, expect, it } from 'vitest';
import { stimulusBefore, stimulusSchedule } from './stimulus-schedule';

describe('stimulus schedule of a heart run', () => {
  it('names an S1 train and its extrastimuli, each coupling from the previous stimulus', () => {
    expect(stimulusSchedule({ kind: 's1s4', s1CycleMs: 600, s1Beats: 2, couplingsMs: [300, 260] })).toEqual([
      { label: 'S1 1/2', timeMs: 0 },
      { label: 'S1 2/2', timeMs: 600 },
      { label: 'S2', timeMs: 900 },
      { label: 'S3', timeMs: 1160 },
    ]);
  });

  it('starts a burst one burst cycle after the last S1', () => {
    const schedule = stimulusSchedule({ kind: 'burst', s1CycleMs: 600, s1Beats: 1, couplingsMs: [], burstCycleMs: 200, burstBeats: 3 });
    expect(schedule.map((s) => s.timeMs)).toEqual([0, 200, 400, 600]);
    expect(schedule[3]!.label).toBe('burst 3/3');
  });

  it('finds the stimulus a moment follows', () => {
    const schedule = stimulusSchedule({ kind: 's1s4', s1CycleMs: 600, s1Beats: 2, couplingsMs: [300] });
    expect(stimulusBefore(schedule, 980)).toEqual({ stimulus: { label: 'S2', timeMs: 900 }, sinceMs: 80 });
    expect(stimulusBefore(schedule, 600)!.stimulus.label).toBe('S1 2/2');
    expect(stimulusBefore(schedule, -1)).toBeNull();
  });
});
