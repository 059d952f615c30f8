/**
 * The beat of a heart run's pseudo-ECG on which the job measured QT, so the plot marks QT where it was measured.
 * The job's rule (workers/ep/heart/simulate-heart.ts, `qtFromLead`): the last complete S1 cycle, from the
 * penultimate to the last S1 stimulus (times from the first stimulus, which is t = 0 of the ECG); with a single
 * S1, from it to the next stimulus (S2 or the first burst beat) or the end. The beat's first sample is appended as
 * its baseline, as the job does, so that ecg-marks.ts finds the same QRS onset.
 */
import type { HeartProtocol } from './heart-run';
import { stimulusSchedule } from './stimulus-schedule';

export interface QtBeat {
  /** the beat's stimulus time, ms from the first stimulus */
  startMs: number;
  values: number[];
}

export function qtBeat(p: HeartProtocol, mv: readonly number[], sampleIntervalMs: number): QtBeat | null {
  const times = stimulusSchedule(p).map((s) => s.timeMs);
  const fromMs = p.s1Beats >= 2 ? times[p.s1Beats - 2]! : times[0]!;
  const toMs = p.s1Beats >= 2 ? times[p.s1Beats - 1]! : (times[1] ?? mv.length * sampleIntervalMs);
  const beat = mv.slice(Math.round(fromMs / sampleIntervalMs), Math.min(mv.length, Math.round(toMs / sampleIntervalMs)));
  if (beat.length <= 10) return null;
  return { startMs: fromMs, values: [...beat, beat[0]!] };
}
