import { describe, expect, it } from 'vitest';
import { burstPacingTimes, decrementalExtrastimuli, programmedStimulationTimes } from './pacing-protocol';

describe('pacing protocols', () => {
  it('S1 train then S2–S4 at their coupling intervals', () => {
    expect(programmedStimulationTimes({ s1CycleMs: 600, s1Count: 3, extraCouplingMs: [300, 250, 220] })).toEqual([0, 600, 1200, 1500, 1750, 1970]);
  });

  it('burst pacing from a start time', () => {
    expect(burstPacingTimes({ cycleMs: 200, count: 4, startMs: 100 })).toEqual([100, 300, 500, 700]);
  });

  it('decremental extrastimuli shorten the coupling each attempt', () => {
    const attempts = decrementalExtrastimuli(600, 2, 300, 50, 200);
    expect(attempts).toHaveLength(3);
    expect(attempts[2]!.slice(-3)).toEqual([4200, 4400, 4600]);
  });
});
