/**
 * The explicit diffusion update of one block of rows: out[c] = v[c] + Σ wDt[k]·(v[nb[k]] − v[c]).
 * Kept apart (and tiny) so the main thread and the worker threads run the very same loop.
 */
import type { StateArray } from '../models/ionic-model';

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
    const end = rowStart[c + 1]!;
    for (let k = rowStart[c]!; k < end; k++) acc += weightDt[k]! * (v[neighbour[k]!]! - vc);
    out[c] = vc + acc;
  }
}
