/**
 * The dose-influence matrix over worker_threads: beams are independent, so each thread takes the next beam from a
 * shared counter, computes its block with the same beamInfluence as the single-threaded path (hence the same
 * bits), and hands it back by transfer (no copy); the calling thread works too and joins the blocks in beam order.
 * The density grid and voxel list go to the threads once, in shared memory.
 *
 * The call stays synchronous like the rest of createPlan: the calling thread waits with Atomics.wait in short
 * slices, receives blocks with receiveMessageOnPort, and between slices reports progress and checks cancellation
 * (a cancel raises a flag the threads poll, and they are terminated).
 */
import { availableParallelism } from 'node:os';
import { MessageChannel, receiveMessageOnPort, type MessagePort, type Worker } from 'node:worker_threads';
import type { Volume } from '../../volume/volume';
import type { JobContext } from '../../process/job-context';
import { startModuleWorker } from '../../threads/start-module-worker';
import type { BeamBixels } from '../beams/bixels';
import { beamInfluence, buildInfluenceMatrix, concatenateBeamBlocks, type BeamBlock, type BeamsInfluence, type InfluenceOptions } from './influence-matrix';

export interface ThreadedInfluenceOptions extends InfluenceOptions {
  /** Threads in all, the calling one included. Default: min(available parallelism, number of beams). */
  threads?: number;
}

/** Slots of the shared control block. */
export const INFLUENCE_CTRL = { nextBeam: 0, done: 1, abort: 2 } as const;

export interface InfluenceWorkerInit {
  ctrl: SharedArrayBuffer;
  density: Omit<Volume<Float32Array>, 'data'> & { data: SharedArrayBuffer };
  voxels: SharedArrayBuffer;
  beams: BeamBixels[];
  options: InfluenceOptions;
  port: MessagePort;
}

/** What a thread posts for each beam it computed (or the error that stopped it). */
export type InfluenceWorkerMessage = { beam: number; block: BeamBlock } | { beam: number; error: string };

const WAIT_SLICE_MS = 50;

export function defaultInfluenceThreads(beams: number): number {
  return Math.max(1, Math.min(availableParallelism(), beams));
}

export function buildInfluenceMatrixThreaded(
  density: Volume<Float32Array>,
  voxels: Uint32Array,
  beams: readonly BeamBixels[],
  options: ThreadedInfluenceOptions,
  ctx: JobContext,
): BeamsInfluence {
  const { threads: requested, ...influence } = options;
  const threads = Math.min(requested ?? defaultInfluenceThreads(beams.length), beams.length);
  if (threads <= 1) return buildInfluenceMatrix(density, voxels, beams, influence, ctx);

  const ctrl = new Int32Array(new SharedArrayBuffer(4 * 4));
  const shared = <T extends Float32Array | Uint32Array>(a: T): SharedArrayBuffer => {
    const buffer = new SharedArrayBuffer(a.byteLength);
    new Uint8Array(buffer).set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
    return buffer;
  };
  const densityData = shared(density.data);
  const voxelData = shared(voxels);
  const ports: MessagePort[] = [];
  const workers: Worker[] = [];
  const blocks: (BeamBlock | undefined)[] = new Array(beams.length);
  try {
    for (let t = 1; t < threads; t++) {
      const channel = new MessageChannel();
      const init: InfluenceWorkerInit = {
        ctrl: ctrl.buffer as SharedArrayBuffer,
        density: { ...density, data: densityData },
        voxels: voxelData,
        beams: [...beams],
        options: influence,
        port: channel.port2,
      };
      const worker = startModuleWorker(import.meta.url, 'influence-worker', init, [channel.port2]);
      worker.unref();
      workers.push(worker);
      ports.push(channel.port1);
    }
    const report = () => {
      const done = Atomics.load(ctrl, INFLUENCE_CTRL.done);
      ctx.progress(done / beams.length, `dose influence: ${done} of ${beams.length} beams (${threads} threads)`);
    };
    // This thread takes beams too, while the others start up.
    for (;;) {
      ctx.throwIfCancelled();
      const b = Atomics.add(ctrl, INFLUENCE_CTRL.nextBeam, 1);
      if (b >= beams.length) break;
      blocks[b] = beamInfluence(density, voxels, beams[b]!, influence, ctx);
      Atomics.add(ctrl, INFLUENCE_CTRL.done, 1);
      drain(ports, blocks);
      report();
    }
    for (;;) {
      drain(ports, blocks);
      const done = Atomics.load(ctrl, INFLUENCE_CTRL.done);
      if (done >= beams.length && blocks.every((b) => b !== undefined)) break;
      ctx.throwIfCancelled();
      Atomics.wait(ctrl, INFLUENCE_CTRL.done, done, WAIT_SLICE_MS);
      report();
    }
  } catch (e) {
    Atomics.store(ctrl, INFLUENCE_CTRL.abort, 1);
    throw e;
  } finally {
    for (const p of ports) p.close();
    for (const w of workers) void w.terminate();
  }
  ctx.progress(1, 'dose influence done');
  return concatenateBeamBlocks(blocks as BeamBlock[], voxels.length);
}

function drain(ports: readonly MessagePort[], blocks: (BeamBlock | undefined)[]): void {
  for (const port of ports) {
    for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
      const msg = m.message as InfluenceWorkerMessage;
      if ('error' in msg) throw new Error(`dose influence thread failed on beam ${msg.beam + 1}: ${msg.error}`);
      blocks[msg.beam] = msg.block;
    }
  }
}
