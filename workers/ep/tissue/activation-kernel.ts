/**
 * Activation-time recording of one block of cells: upward crossings of the threshold between the previous and
 * the new potential, interpolated in time. Kept apart so the main thread (one thread) and every rank of the
 * thread pool (its own rows, inside the parallel step) run the very same loop.
 */
import type { StateArray } from '../models/ionic-model';

export interface ActivationRecord {
  /** potential of every cell at the end of the previous step (mV) */
  previousV: StateArray;
  firstActivationMs: Float32Array;
  lastActivationMs: Float32Array;
  activationCount: Int32Array;
  thresholdMv: number;
}

/** Records crossings of cells [from, to) during the step that ended at timeMs, then remembers v as previous. */
export function recordActivationRows(rec: ActivationRecord, v: StateArray, from: number, to: number, timeMs: number, dtMs: number): void {
  const { previousV: prev, firstActivationMs: first, lastActivationMs: last, activationCount: count, thresholdMv: thr } = rec;
  for (let c = from; c < to; c++) {
    const a = prev[c]!;
    const b = v[c]!;
    if (a < thr && b >= thr) {
      const t = timeMs - dtMs + (dtMs * (thr - a)) / (b - a);
      if (count[c] === 0) first[c] = t;
      last[c] = t;
      count[c]!++;
    }
    prev[c] = b;
  }
}
