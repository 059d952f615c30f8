import { describe, expect, it } from 'vitest';
import { qtBeat } from './qt-beat';

describe('the QT beat of a heart run', () => {
  const mv = Array.from({ length: 1000 }, (_, n) => n); // 2 ms samples: 2000 ms
  const s1 = { kind: 's1s4' as const, s1CycleMs: 600, couplingsMs: [] as number[] };

  it('is the last complete S1 cycle: penultimate to last S1, with its first sample appended as baseline', () => {
    const beat = qtBeat({ ...s1, s1Beats: 3 }, mv, 2)!;
    expect(beat.startMs).toBe(600);
    expect(beat.values.length).toBe(301);
    expect(beat.values[0]).toBe(300);
    expect(beat.values.at(-2)).toBe(599);
    expect(beat.values.at(-1)).toBe(300);
  });

  it('with one S1 runs to the S2, or to the end without one', () => {
    expect(qtBeat({ ...s1, s1Beats: 1, couplingsMs: [300] }, mv, 2)!.values.length).toBe(151);
    expect(qtBeat({ ...s1, s1Beats: 1 }, mv, 2)!.values.length).toBe(1001);
    expect(qtBeat({ kind: 'burst', s1CycleMs: 600, s1Beats: 1, couplingsMs: [], burstCycleMs: 250, burstBeats: 8 }, mv, 2)!.values.length).toBe(126);
  });

  it('is null when the trace is too short for a beat', () => {
    expect(qtBeat({ ...s1, s1Beats: 2 }, mv.slice(0, 5), 2)).toBeNull();
  });
});
