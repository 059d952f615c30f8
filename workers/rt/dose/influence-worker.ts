/** A dose-influence thread (influence-threads.ts): takes beams from the shared counter until none is left. */
import { workerData } from 'node:worker_threads';
import { JobCancelledError, type JobContext } from '../../process/job-context';
import { beamInfluence } from './influence-matrix';
import { INFLUENCE_CTRL, type InfluenceWorkerInit, type InfluenceWorkerMessage } from './influence-threads';

const init = workerData as InfluenceWorkerInit;
const ctrl = new Int32Array(init.ctrl);
const density = { ...init.density, data: new Float32Array(init.density.data) };
const voxels = new Uint32Array(init.voxels);
// The caller raises the abort flag on cancel; engine loops poll it through the usual JobContext.
const ctx: JobContext = {
  progress: () => {},
  signal: new AbortController().signal,
  throwIfCancelled() {
    if (Atomics.load(ctrl, INFLUENCE_CTRL.abort)) throw new JobCancelledError();
  },
};

for (;;) {
  if (Atomics.load(ctrl, INFLUENCE_CTRL.abort)) break;
  const beam = Atomics.add(ctrl, INFLUENCE_CTRL.nextBeam, 1);
  if (beam >= init.beams.length) break;
  let msg: InfluenceWorkerMessage;
  try {
    msg = { beam, block: beamInfluence(density, voxels, init.beams[beam]!, init.options, ctx) };
  } catch (e) {
    if (e instanceof JobCancelledError) break;
    msg = { beam, error: e instanceof Error ? e.message : String(e) };
  }
  const transfer = 'block' in msg ? [msg.block.ptr.buffer, msg.block.voxel.buffer, msg.block.value.buffer] : [];
  init.port.postMessage(msg, transfer as ArrayBuffer[]);
  // Counted after posting, so the caller that sees the count also finds the block on the port.
  Atomics.add(ctrl, INFLUENCE_CTRL.done, 1);
  Atomics.notify(ctrl, INFLUENCE_CTRL.done);
}
init.port.close();
