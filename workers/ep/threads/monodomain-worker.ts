/** A monodomain worker thread: sleeps on the command counter, runs its share of each step, exits on request. */
import { parentPort, workerData } from 'node:worker_threads';
import type { StateArray } from '../models/ionic-model';
import { createModel } from '../models/registry';
import { CTRL, waitWhileEqual } from './barrier';
import { sharedStep, type SharedStepData } from './shared-step';
import type { WorkerInit } from './thread-pool';

const init = workerData as WorkerInit;
const view = (buffer: SharedArrayBuffer): StateArray => (init.precision === 'float32' ? new Float32Array(buffer) : new Float64Array(buffer));
const ctrl = new Int32Array(init.ctrl);
const clock = new Float64Array(init.clock);
const data: SharedStepData = {
  n: init.n,
  state: view(init.state),
  scratch: view(init.scratch),
  stimulus: view(init.stimulus),
  rowStart: new Int32Array(init.rowStart),
  neighbour: new Int32Array(init.neighbour),
  weightDt: new Float64Array(init.weightDt),
  blocks: init.blocks.map((b) => ({ model: createModel(b.spec.id, b.spec.modifiers), from: b.from, to: b.to })),
  activation: {
    previousV: view(init.activation.previousV),
    firstActivationMs: new Float32Array(init.activation.firstActivationMs),
    lastActivationMs: new Float32Array(init.activation.lastActivationMs),
    activationCount: new Int32Array(init.activation.activationCount),
    thresholdMv: init.activation.thresholdMv,
  },
  ctrl,
  parties: init.parties,
};

let seen = 0;
Atomics.add(ctrl, CTRL.ready, 1);
Atomics.notify(ctrl, CTRL.ready);
for (;;) {
  waitWhileEqual(ctrl, CTRL.command, seen);
  seen = Atomics.load(ctrl, CTRL.command);
  if (Atomics.load(ctrl, CTRL.exit)) break;
  sharedStep(data, init.rank, clock[0]!, Atomics.load(ctrl, CTRL.subSteps), clock[1]!);
}
parentPort?.close();
