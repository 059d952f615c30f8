/**
 * A transmural strip of left-ventricular wall (endo → M → epi) as a 1-D cable on a voxel mask, paced from the
 * endocardium, with a pseudo-ECG electrode beyond the epicardium: the classic setting in which the T wave and the
 * QT interval arise from transmural repolarisation gradients (Yan GX, Antzelevitch C. Circulation 1998;98:1928;
 * Gima & Rudy 2002). Cells are pre-paced as single cells to the cycle length first, so a few coupled beats suffice.
 */
import type { JobContext } from '../../process/job-context';
import { IDENTITY_DIRECTION, type LabelMap, type Vec3 } from '../../volume/volume';
import { combineModifiers, type CurrentModifiers } from '../models/ionic-model';
import type { ModelId } from '../models/registry';
import type { ModelSpec } from '../threads/thread-pool';
import { paceState } from '../protocols/pace-cell';
import { ArrhythmiaMonitor, type ArrhythmiaEvent } from '../challenge/arrhythmia-monitor';
import { buildPseudoEcgLead, samplePseudoEcg } from '../ecg/pseudo-ecg';
import { measureQt, type QtMeasurement } from '../ecg/qt-interval';
import { MonodomainSolver } from './monodomain';

export const WEDGE_LABELS = { endo: 1, m: 2, epi: 3, borderZone: 4 } as const;
const REGION_NAMES: Record<number, string> = { 1: 'endocardium', 2: 'mid-myocardium', 3: 'epicardium', 4: 'border zone' };

export interface WedgeInput {
  modifiers: CurrentModifiers;
  bclMs: number;
  /** coupled beats; the ECG and QT come from the last */
  beats: number;
  /** single-cell beats before coupling */
  prepaceBeats: number;
  lengthMm?: number;
  dxMm?: number;
  dtMs?: number;
  /** transmural diffusivity (mm²/ms); default 0.1, a transverse-to-longitudinal mix */
  diffusivityMm2PerMs?: number;
  /** fraction of the wall that is endocardial and mid-myocardial (the rest is epicardium) */
  endoFraction?: number;
  mFraction?: number;
  /** a border zone (slow conduction, remodelled currents) in the mid wall, for the post-infarct preset */
  borderZone?: { fromFraction: number; toFraction: number; conductionScale: number; modifiers: CurrentModifiers };
  electrodeDistanceMm?: number;
}

export interface WedgeResult {
  ecg: Float32Array;
  ecgDtMs: number;
  qt: QtMeasurement;
  events: ArrhythmiaEvent[];
  mask: LabelMap;
}

export function wedgeMask(lengthMm: number, dxMm: number, endoFraction: number, mFraction: number, borderZone?: WedgeInput['borderZone']): LabelMap {
  const n = Math.round(lengthMm / dxMm);
  const data = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const x = (i + 0.5) / n;
    data[i] = x < endoFraction ? WEDGE_LABELS.endo : x < endoFraction + mFraction ? WEDGE_LABELS.m : WEDGE_LABELS.epi;
    if (borderZone && x >= borderZone.fromFraction && x < borderZone.toFraction) data[i] = WEDGE_LABELS.borderZone;
  }
  return { dims: [n, 1, 1], spacing: [dxMm, dxMm, dxMm], origin: [dxMm / 2, 0, 0], direction: [...IDENTITY_DIRECTION], data };
}

const STIM_UA_PER_UF = 150;
const STIM_MS = 1;
const STIM_CELLS_MM = 1;

export async function simulateWedge(input: WedgeInput, ctx: JobContext): Promise<WedgeResult> {
  const lengthMm = input.lengthMm ?? 15;
  const dx = input.dxMm ?? 0.25;
  const dt = input.dtMs ?? 0.05;
  const mask = wedgeMask(lengthMm, dx, input.endoFraction ?? 0.3, input.mFraction ?? 0.3, input.borderZone);
  const types: Record<number, ModelId> = { 1: 'tt06-endo', 2: 'tt06-m', 3: 'tt06-epi', 4: 'tt06-m' };
  const specFor = (label: number): ModelSpec => {
    const extra = label === WEDGE_LABELS.borderZone && input.borderZone ? input.borderZone.modifiers : {};
    return { id: types[label]!, modifiers: combineModifiers(input.modifiers, extra) };
  };
  const conductionScale = input.borderZone
    ? Float32Array.from(mask.data, (l) => (l === WEDGE_LABELS.borderZone ? input.borderZone!.conductionScale : 1))
    : undefined;
  const d = input.diffusivityMm2PerMs ?? 0.1;
  const solver = new MonodomainSolver({
    mask,
    modelForLabel: specFor,
    diffusivity: { longitudinalMm2PerMs: d, transverseMm2PerMs: d },
    ...(conductionScale ? { conductionScale } : {}),
  });

  // Pre-pace one cell of each type and copy its state into the cable.
  for (const block of solver.blocks) {
    const single = Float64Array.from(block.model.initialState);
    paceState(block.model, single, { bclMs: input.bclMs, beats: input.prepaceBeats, dtMs: dt, stimAmplitudeUaPerUf: 60, stimDurationMs: 0.5 });
    single.forEach((value, s) => solver.state.fill(value, s * solver.n + block.from, s * solver.n + block.to));
  }
  ctx.throwIfCancelled();

  const electrode: Vec3 = [lengthMm + (input.electrodeDistanceMm ?? 20), 0, 0];
  const lead = buildPseudoEcgLead(mask, solver.voxelOfCell, solver.cellOfVoxel, electrode);
  const monitor = new ArrhythmiaMonitor(mask, solver.voxelOfCell, (l) => REGION_NAMES[l] ?? 'myocardium', input.bclMs);
  const stimPattern = new Float64Array(solver.n);
  for (let c = 0; c < solver.n; c++) if ((solver.voxelOfCell[c]! + 0.5) * dx <= STIM_CELLS_MM) stimPattern[c] = STIM_UA_PER_UF;

  const stepsPerBeat = Math.round(input.bclMs / dt);
  const stimSteps = Math.round(STIM_MS / dt);
  const sampleEvery = Math.max(1, Math.round(0.5 / dt));
  const ecgEvery = Math.max(1, Math.round(1 / dt));
  const ecg = new Float32Array(Math.floor(stepsPerBeat / ecgEvery));
  for (let beat = 0; beat < input.beats; beat++) {
    monitor.stimulus(solver.timeMs);
    for (let k = 0; k < stepsPerBeat; k++) {
      if (k === 0) solver.stimulus.set(stimPattern);
      else if (k === stimSteps) solver.stimulus.fill(0);
      solver.step(dt);
      if (k % sampleEvery === 0) monitor.sample(solver.timeMs, solver.potential);
      if (beat === input.beats - 1 && k % ecgEvery === 0 && k / ecgEvery < ecg.length) ecg[k / ecgEvery] = samplePseudoEcg(lead, solver.potential);
    }
    ctx.throwIfCancelled();
    await new Promise((resolve) => setImmediate(resolve));
  }
  monitor.finish(solver.timeMs);
  return { ecg, ecgDtMs: dt * ecgEvery, qt: measureQt(ecg, dt * ecgEvery), events: monitor.events, mask };
}
