/** A monodomain worker thread: sleeps on the command counter, runs its share of each step, exits on request. */
import { parentPort, workerData } from 'node:worker_threads';
import type { StateArray } from '../models/ionic-model';
import { createModel } from '../models/registry';
import { CTRL } from './barrier';
import { sharedStep, type SharedStepData } from './shared-step';
import type { WorkerInit } from './thread-pool';

const init = workerData as WorkerInit;
const view = (buffer: SharedArrayBuffer): StateArray => (init.precision === 'float32' ? new Float32Array(buffer) : new Float64Array(buffer));
const ctrl = new Int32Array(init.ctrl);
const dt = new Float64Array(init.dt);
const data: SharedStepData = {
  n: init.n,
  state: view(init.state),
  scratch: view(init.scratch),
  stimulus: view(init.stimulus),
  rowStart: new Int32Array(init.rowStart),
  neighbour: new Int32Array(init.neighbour),
  weightDt: new Float64Array(init.weightDt),
  blocks: init.blocks.map((b) => ({ model: createModel(b.spec.id, b.spec.modifiers), from: b.from, to: b.to })),
  ctrl,
  parties: init.parties,
};

let seen = 0;
Atomics.add(ctrl, CTRL.ready, 1);
Atomics.notify(ctrl, CTRL.ready);
for (;;) {
  Atomics.wait(ctrl, CTRL.command, seen);
  seen = Atomics.load(ctrl, CTRL.command);
  if (Atomics.load(ctrl, CTRL.exit)) break;
  sharedStep(data, init.rank, dt[0]!, Atomics.load(ctrl, CTRL.subSteps));
}
parentPort?.close();
