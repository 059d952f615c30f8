/**
 * worker_threads + SharedArrayBuffer pool for the monodomain solver. The ionic state, potentials, stimulus and the
 * diffusion operator live in shared memory; each thread owns a contiguous block of rows. Models are closures, so
 * workers rebuild them from their serialisable spec (model id + modifiers).
 */
import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../../threads/start-module-worker';
import type { ModelId } from '../models/registry';
import type { CurrentModifiers, StateArray } from '../models/ionic-model';
import { CTRL, CTRL_LENGTH } from './barrier';
import { sharedStep, type SharedStepData } from './shared-step';

const START_TIMEOUT_MS = 30_000;

export interface ModelSpec {
  id: ModelId;
  modifiers?: CurrentModifiers;
}

export interface WorkerInit {
  rank: number;
  parties: number;
  n: number;
  precision: 'float32' | 'float64';
  ctrl: SharedArrayBuffer;
  /** [dtMs, timeMs at the end of the step] */
  clock: SharedArrayBuffer;
  state: SharedArrayBuffer;
  scratch: SharedArrayBuffer;
  stimulus: SharedArrayBuffer;
  rowStart: SharedArrayBuffer;
  neighbour: SharedArrayBuffer;
  weightDt: SharedArrayBuffer;
  blocks: { spec: ModelSpec; from: number; to: number }[];
  activation: {
    previousV: SharedArrayBuffer;
    firstActivationMs: SharedArrayBuffer;
    lastActivationMs: SharedArrayBuffer;
    activationCount: SharedArrayBuffer;
    thresholdMv: number;
  };
}

/** Starts the worker script (monodomain-worker.ts from sources, monodomain-worker.cjs in the Electron bundle). */
function startWorker(init: WorkerInit): Worker {
  return startModuleWorker(import.meta.url, 'monodomain-worker', init);
}

export function sharedArray(precision: 'float32' | 'float64', length: number): StateArray {
  return precision === 'float32' ? new Float32Array(new SharedArrayBuffer(4 * length)) : new Float64Array(new SharedArrayBuffer(8 * length));
}

export class MonodomainThreadPool {
  private readonly workers: Worker[] = [];
  private readonly ctrl: Int32Array;
  private readonly clock: Float64Array;

  constructor(
    private readonly data: SharedStepData,
    precision: 'float32' | 'float64',
    blocks: WorkerInit['blocks'],
  ) {
    this.ctrl = data.ctrl;
    this.clock = new Float64Array(new SharedArrayBuffer(16));
    const buffer = (a: { buffer: ArrayBufferLike }): SharedArrayBuffer => a.buffer as SharedArrayBuffer;
    for (let rank = 1; rank < data.parties; rank++) {
      const init: WorkerInit = {
        rank,
        parties: data.parties,
        n: data.n,
        precision,
        ctrl: buffer(data.ctrl),
        clock: buffer(this.clock),
        state: buffer(data.state),
        scratch: buffer(data.scratch),
        stimulus: buffer(data.stimulus),
        rowStart: buffer(data.rowStart),
        neighbour: buffer(data.neighbour),
        weightDt: buffer(data.weightDt),
        blocks,
        activation: {
          previousV: buffer(data.activation.previousV),
          firstActivationMs: buffer(data.activation.firstActivationMs),
          lastActivationMs: buffer(data.activation.lastActivationMs),
          activationCount: buffer(data.activation.activationCount),
          thresholdMv: data.activation.thresholdMv,
        },
      };
      const worker = startWorker(init);
      worker.unref();
      this.workers.push(worker);
    }
    // Block until every worker has built its models (they start in parallel; this thread only waits).
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      const ready = Atomics.load(this.ctrl, CTRL.ready);
      if (ready === data.parties - 1) break;
      if (Date.now() > deadline) {
        this.close();
        throw new Error(`monodomain worker threads did not start within ${START_TIMEOUT_MS / 1000} s`);
      }
      Atomics.wait(this.ctrl, CTRL.ready, ready, 100);
    }
  }

  static controlBlock(): Int32Array {
    return new Int32Array(new SharedArrayBuffer(4 * CTRL_LENGTH));
  }

  /** Runs one time step on every thread; timeMs is the time at its end. Returns when all rows are done. */
  step(dtMs: number, subSteps: number, timeMs: number): void {
    this.clock[0] = dtMs;
    this.clock[1] = timeMs;
    Atomics.store(this.ctrl, CTRL.subSteps, subSteps);
    Atomics.add(this.ctrl, CTRL.command, 1);
    Atomics.notify(this.ctrl, CTRL.command);
    sharedStep(this.data, 0, dtMs, subSteps, timeMs);
  }

  close(): void {
    Atomics.store(this.ctrl, CTRL.exit, 1);
    Atomics.add(this.ctrl, CTRL.command, 1);
    Atomics.notify(this.ctrl, CTRL.command);
    for (const w of this.workers) void w.terminate();
  }
}
