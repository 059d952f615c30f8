/**
 * One thread's share of a monodomain time step: its contiguous range of cells for the reaction, then the
 * diffusion sub-steps on the same rows, with barriers wherever a thread reads what another wrote.
 * Run by the main thread (rank 0) and every worker alike.
 */
import type { IonicModel, StateArray } from '../models/ionic-model';
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
  ctrl: Int32Array;
  parties: number;
}

/** Rows of rank r: an even split of n. */
export function rowRange(n: number, parties: number, rank: number): [number, number] {
  return [Math.floor((n * rank) / parties), Math.floor((n * (rank + 1)) / parties)];
}

export function sharedStep(d: SharedStepData, rank: number, dtMs: number, subSteps: number): void {
  const [from, to] = rowRange(d.n, d.parties, rank);
  for (const b of d.blocks) {
    const lo = Math.max(from, b.from);
    const hi = Math.min(to, b.to);
    if (lo < hi) b.model.step(d.state, d.n, lo, hi, dtMs, d.stimulus);
  }
  const v = d.state.subarray(0, d.n);
  barrier(d.ctrl, d.parties);
  for (let s = 0; s < subSteps; s++) {
    diffuseRows(v, d.scratch, d.rowStart, d.neighbour, d.weightDt, from, to);
    barrier(d.ctrl, d.parties);
    v.set(d.scratch.subarray(from, to), from);
    barrier(d.ctrl, d.parties);
  }
}
