/**
 * Monodomain reaction–diffusion on an arbitrary voxel mask, Godunov operator splitting:
 *   1. reaction: every cell's ionic model advances dt (with the stimulus current),
 *   2. diffusion: ∂V/∂t = ∇·(D∇V) by explicit finite-volume sub-steps, as many as the stability bound asks for.
 * Cells are stored compactly (tissue only), grouped by label so one model's step function sweeps a contiguous range.
 */
import type { LabelMap, Vec3 } from '../../volume/volume';
import { fillInitialState, type IonicModel, type StateArray } from '../models/ionic-model';
import { createModel } from '../models/registry';
import { MonodomainThreadPool, sharedArray, type ModelSpec } from '../threads/thread-pool';
import type { Diffusivity } from './conductivity';
import { recordActivationRows, type ActivationRecord } from './activation-kernel';
import { buildDiffusionStencil, type DiffusionStencil } from './diffusion-stencil';
import { diffuseRows } from './diffusion-kernel';

export interface MonodomainSetup {
  /** nonzero = tissue; the label picks the ionic model */
  mask: LabelMap;
  /** a model id and modifiers (not a model object, so worker threads can build their own copy) */
  modelForLabel: (label: number) => ModelSpec;
  diffusivity: Diffusivity;
  /** fibre direction in voxel axes (i, j, k), one for all or 3 per voxel; default along i */
  fibres?: Vec3 | Float32Array;
  /** per-voxel diffusivity multiplier (scar, border zone) */
  conductionScale?: Float32Array;
  precision?: 'float64' | 'float32';
  /** potential whose upward crossing counts as activation (mV); default 0 */
  activationThresholdMv?: number;
  /** threads including this one (worker_threads over SharedArrayBuffer); default 1. Call dispose() when done. */
  threads?: number;
}

export interface ModelBlock {
  model: IonicModel;
  spec: ModelSpec;
  label: number;
  from: number;
  to: number;
}

/** Safety margin under the forward-Euler diffusion limit dt·maxRowSum ≤ 1. */
const STABILITY_MARGIN = 0.9;

export class MonodomainSolver {
  readonly n: number;
  readonly cellOfVoxel: Int32Array;
  readonly voxelOfCell: Int32Array;
  readonly blocks: ModelBlock[];
  readonly stencil: DiffusionStencil;
  readonly stateCount: number;
  /** SoA ionic state, state[s·n + c]; V is state[0 … n) */
  readonly state: StateArray;
  /** injected current per cell (µA/µF); set by the caller before step() */
  readonly stimulus: StateArray;
  readonly firstActivationMs: Float32Array;
  readonly lastActivationMs: Float32Array;
  readonly activationCount: Int32Array;
  timeMs = 0;
  private readonly scratch: StateArray;
  private cachedDt = NaN;
  private subSteps = 1;
  private readonly weightDt: Float64Array;
  private readonly pool: MonodomainThreadPool | null = null;
  private readonly activation: ActivationRecord;

  constructor(readonly setup: MonodomainSetup) {
    const { mask } = setup;
    const voxels = mask.data.length;
    const labels = [...new Set(mask.data)].filter((l) => l !== 0).sort((a, b) => a - b);
    this.cellOfVoxel = new Int32Array(voxels).fill(-1);
    const order: number[] = [];
    this.blocks = labels.map((label) => {
      const from = order.length;
      for (let v = 0; v < voxels; v++) if (mask.data[v] === label) order.push(v);
      const spec = setup.modelForLabel(label);
      return { label, spec, model: createModel(spec.id, spec.modifiers), from, to: order.length };
    });
    this.voxelOfCell = Int32Array.from(order);
    this.voxelOfCell.forEach((voxel, cell) => (this.cellOfVoxel[voxel] = cell));
    this.n = order.length;
    this.stateCount = Math.max(...this.blocks.map((b) => b.model.initialState.length));
    const precision = setup.precision ?? 'float64';
    const threads = Math.max(1, Math.min(setup.threads ?? 1, Math.floor(this.n / 64) || 1));
    // shared memory only when threads will read it
    const alloc = (length: number): StateArray =>
      threads > 1 ? sharedArray(precision, length) : precision === 'float32' ? new Float32Array(length) : new Float64Array(length);
    this.state = alloc(this.stateCount * this.n);
    this.scratch = alloc(this.n);
    this.stimulus = alloc(this.n);
    for (const b of this.blocks) fillInitialState(b.model, this.state, this.n, b.from, b.to);
    this.stencil = buildDiffusionStencil({
      dims: mask.dims,
      spacingMm: mask.spacing,
      cellOfVoxel: this.cellOfVoxel,
      voxelOfCell: this.voxelOfCell,
      diffusivity: setup.diffusivity,
      fibres: setup.fibres ?? [1, 0, 0],
      ...(setup.conductionScale ? { conductionScale: setup.conductionScale } : {}),
    });
    // the activation record is written by every thread (its own rows), so it is shared memory too
    const alloc32 = <T extends Float32Array | Int32Array>(Kind: new (b: ArrayBufferLike) => T): T =>
      new Kind(threads > 1 ? new SharedArrayBuffer(4 * this.n) : new ArrayBuffer(4 * this.n));
    this.firstActivationMs = alloc32(Float32Array).fill(NaN);
    this.lastActivationMs = alloc32(Float32Array).fill(NaN);
    this.activationCount = alloc32(Int32Array);
    const previousV = alloc(this.n);
    previousV.set(this.state.subarray(0, this.n));
    this.activation = {
      previousV,
      firstActivationMs: this.firstActivationMs,
      lastActivationMs: this.lastActivationMs,
      activationCount: this.activationCount,
      thresholdMv: setup.activationThresholdMv ?? 0,
    };
    this.weightDt = threads > 1 ? new Float64Array(new SharedArrayBuffer(8 * this.stencil.weight.length)) : new Float64Array(this.stencil.weight.length);
    if (threads > 1) {
      const share = <T extends Int32Array>(a: T): Int32Array => {
        const out = new Int32Array(new SharedArrayBuffer(4 * a.length));
        out.set(a);
        return out;
      };
      this.pool = new MonodomainThreadPool(
        {
          n: this.n,
          state: this.state,
          scratch: this.scratch,
          stimulus: this.stimulus,
          rowStart: share(this.stencil.rowStart),
          neighbour: share(this.stencil.neighbour),
          weightDt: this.weightDt,
          blocks: this.blocks,
          activation: this.activation,
          ctrl: MonodomainThreadPool.controlBlock(),
          parties: threads,
        },
        precision,
        this.blocks.map((b) => ({ spec: b.spec, from: b.from, to: b.to })),
      );
    }
  }

  /** Stops the worker threads (no-op with one thread). */
  dispose(): void {
    this.pool?.close();
  }

  /** Diffusion sub-steps per time step of dtMs (the stability check). */
  subStepsFor(dtMs: number): number {
    return Math.max(1, Math.ceil((dtMs * this.stencil.maxRowSumPerMs) / STABILITY_MARGIN));
  }

  private prepare(dtMs: number): void {
    if (dtMs === this.cachedDt) return;
    this.cachedDt = dtMs;
    this.subSteps = this.subStepsFor(dtMs);
    const h = dtMs / this.subSteps;
    this.stencil.weight.forEach((w, k) => (this.weightDt[k] = w * h));
  }

  /** Membrane potential of every cell (a view, not a copy). */
  get potential(): StateArray {
    return this.state.subarray(0, this.n);
  }

  step(dtMs: number): void {
    this.prepare(dtMs);
    this.timeMs += dtMs;
    const { n, state, scratch } = this;
    if (this.pool) {
      this.pool.step(dtMs, this.subSteps, this.timeMs);
      return;
    }
    for (const b of this.blocks) b.model.step(state, n, b.from, b.to, dtMs, this.stimulus);
    const v = state.subarray(0, n);
    const { rowStart, neighbour } = this.stencil;
    for (let s = 0; s < this.subSteps; s++) {
      diffuseRows(v, scratch, rowStart, neighbour, this.weightDt, 0, n);
      v.set(scratch);
    }
    recordActivationRows(this.activation, v, 0, n, this.timeMs, dtMs);
  }
}
