/**
 * One thread's share of a monodomain time step: its contiguous range of cells for the reaction, then the
 * diffusion sub-steps on the same rows, then the activation times of those rows, with barriers wherever a thread
 * reads what another wrote. Run by the main thread (rank 0) and every worker alike, so no per-cell work is left
 * to one thread.
 */
import type { IonicModel, StateArray } from '../models/ionic-model';
import { recordActivationRows, type ActivationRecord } from '../tissue/activation-kernel';
import { diffuseRows } from '../tissue/diffusion-kernel';
import { barrier } from './barrier';

export interface SharedStepData {
  n: number;
  state: StateArray;
  scratch: StateArray;
  stimulus: StateArray;
  rowStart: Int32Array;
  neighbour: Int32Array;
  weightDt: Float64Array;
  blocks: { model: IonicModel; from: number; to: number }[];
  activation: ActivationRecord;
  ctrl: Int32Array;
  parties: number;
}

/** Rows of rank r: an even split of n (every cell of a model costs the same: no state-dependent branches). */
export function rowRange(n: number, parties: number, rank: number): [number, number] {
  return [Math.floor((n * rank) / parties), Math.floor((n * (rank + 1)) / parties)];
}

/** timeMs: the time at the end of this step (activation times are interpolated within it). */
export function sharedStep(d: SharedStepData, rank: number, dtMs: number, subSteps: number, timeMs: number): void {
  const [from, to] = rowRange(d.n, d.parties, rank);
  for (const b of d.blocks) {
    const lo = Math.max(from, b.from);
    const hi = Math.min(to, b.to);
    if (lo < hi) b.model.step(d.state, d.n, lo, hi, dtMs, d.stimulus);
  }
  const v = d.state.subarray(0, d.n);
  const ownScratch = d.scratch.subarray(from, to);
  barrier(d.ctrl, d.parties);
  for (let s = 0; s < subSteps; s++) {
    diffuseRows(v, d.scratch, d.rowStart, d.neighbour, d.weightDt, from, to);
    barrier(d.ctrl, d.parties);
    v.set(ownScratch, from);
    // own rows only, so no barrier in between; the caller may read every row once the last barrier is passed
    if (s === subSteps - 1) recordActivationRows(d.activation, v, from, to, timeMs, dtMs);
    barrier(d.ctrl, d.parties);
  }
}
