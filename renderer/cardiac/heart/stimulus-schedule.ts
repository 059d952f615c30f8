/**
 * A heart run's stimuli, named, so the movie can say which one the wavefront on screen follows ("S2 + 80 ms").
 * Onset times come from the engine's own schedule functions (workers/ep/protocols/pacing-protocol.ts), composed as
 * the job composes them (workers/ep/heart/simulate-heart.ts, `stimulusTimes`: the burst starts one burst cycle after
 * the last S1; its defaults are a 250 ms cycle and 10 beats).
 */
import { burstPacingTimes, programmedStimulationTimes } from '../../../workers/ep/protocols/pacing-protocol';
import type { HeartProtocol } from './heart-run';

const DEFAULT_BURST_CYCLE_MS = 250;
const DEFAULT_BURST_BEATS = 10;

export interface Stimulus {
  /** "S1 2/3", "S2", "burst 4/8" */
  label: string;
  timeMs: number;
}

export function stimulusSchedule(p: HeartProtocol): Stimulus[] {
  const extras = p.kind === 's1s4' ? p.couplingsMs : [];
  const times = programmedStimulationTimes({ s1CycleMs: p.s1CycleMs, s1Count: p.s1Beats, extraCouplingMs: extras });
  const stimuli = times.map((timeMs, k) => ({ label: k < p.s1Beats ? `S1 ${k + 1}/${p.s1Beats}` : `S${k - p.s1Beats + 2}`, timeMs }));
  if (p.kind === 'burst') {
    const cycleMs = p.burstCycleMs ?? DEFAULT_BURST_CYCLE_MS;
    const count = p.burstBeats ?? DEFAULT_BURST_BEATS;
    burstPacingTimes({ cycleMs, count, startMs: times[times.length - 1]! + cycleMs }).forEach((timeMs, k) => stimuli.push({ label: `burst ${k + 1}/${count}`, timeMs }));
  }
  return stimuli;
}

/** The last stimulus at or before `timeMs`, with the time since it, or null before the first. */
export function stimulusBefore(schedule: readonly Stimulus[], timeMs: number): { stimulus: Stimulus; sinceMs: number } | null {
  let found: Stimulus | null = null;
  for (const s of schedule) if (s.timeMs <= timeMs) found = s;
  return found ? { stimulus: found, sinceMs: timeMs - found.timeMs } : null;
}
