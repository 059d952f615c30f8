/**
 * The explicit diffusion update of one block of rows: out[c] = v[c] + Σ wDt[k]·(v[nb[k]] − v[c]).
 * Kept apart (and tiny) so the main thread and the worker threads run the very same loop.
 */
import type { StateArray } from '../models/ionic-model';

/** Neighbours of an interior voxel when the fibres lie along a grid axis (no cross terms): its 6 faces. */
const FACE_NEIGHBOURS = 6;

export function diffuseRows(
  v: StateArray,
  out: StateArray,
  rowStart: Int32Array,
  neighbour: Int32Array,
  weightDt: Float64Array | Float32Array,
  from: number,
  to: number,
): void {
  for (let c = from; c < to; c++) {
    const vc = v[c]!;
    let acc = 0;
    let k = rowStart[c]!;
    const end = rowStart[c + 1]!;
    if (end - k === FACE_NEIGHBOURS) {
      // The commonest row, unrolled: the same sum in the same order, without the per-iteration checks V8 puts in
      // the loop (a quarter of this kernel's time). bench/ep-reference.c does the same.
      acc += weightDt[k]! * (v[neighbour[k]!]! - vc);
      acc += weightDt[k + 1]! * (v[neighbour[k + 1]!]! - vc);
      acc += weightDt[k + 2]! * (v[neighbour[k + 2]!]! - vc);
      acc += weightDt[k + 3]! * (v[neighbour[k + 3]!]! - vc);
      acc += weightDt[k + 4]! * (v[neighbour[k + 4]!]! - vc);
      acc += weightDt[k + 5]! * (v[neighbour[k + 5]!]! - vc);
    } else for (; k < end; k++) acc += weightDt[k]! * (v[neighbour[k]!]! - vc);
    out[c] = vc + acc;
  }
}
