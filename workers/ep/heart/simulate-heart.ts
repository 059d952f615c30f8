/**
 * Programmed stimulation of the patient's left ventricle: the LV model (lv-model.ts) on the monodomain solver, paced
 * from a site with an S1 train and S2–S4 extrastimuli or a burst, under a genotype and an epinephrine dose. Records
 * activation and APD90 maps (after the last S1), a voltage movie on the display surface, a 12-lead pseudo-ECG with
 * QT, and arrhythmia events with their place: conduction block, re-entry with its phase singularities, ectopic
 * beats and EADs.
 */
import { progressRange, type JobContext } from '../../process/job-context';
import type { Vec3 } from '../../volume/volume';
import { ArrhythmiaMonitor, type ArrhythmiaKind } from '../challenge/arrhythmia-monitor';
import { scarBorderZone, type Genotype } from '../challenge/beta-adrenergic';
import { measureQt } from '../ecg/qt-interval';
import { burstPacingTimes, programmedStimulationTimes } from '../protocols/pacing-protocol';
import { paceState } from '../protocols/pace-cell';
import { createModel } from '../models/registry';
import { MonodomainSolver } from '../tissue/monodomain';
import { CV_TRANSVERSE_MM_PER_MS, tunedDiffusivity } from './conduction-tuning';
import { mapCells, type HeartIonicModel } from './cell-mapping';
import { EctopicActivationDetector } from './ectopic-activation';
import { cellLps, heartSurface, nearestTissueVoxel, type HeartSurface } from './heart-surface';
import { dot, LV_REGION_NAMES } from './long-axis';
import { LV_LABELS, type LvModel } from './lv-model';
import { findPhaseSingularities } from './phase-singularities';
import { electrodeWeights, twelveLeads, type Electrode } from './torso-leads';

export interface HeartProtocol {
  kind: 's1s4' | 'burst';
  s1CycleMs: number;
  s1Beats: number;
  /** S2, S3, S4 coupling intervals, each from the previous stimulus (s1s4) */
  couplingsMs: number[];
  /** burst: after the S1 train, burstBeats stimuli every burstCycleMs */
  burstCycleMs?: number;
  burstBeats?: number;
}

export type HeartEventKind = ArrhythmiaKind | 'phase-singularity';

export interface HeartEvent {
  kind: HeartEventKind;
  timeMs: number;
  lps: Vec3;
  region: string;
}

export interface HeartRunInput {
  lv: LvModel;
  genotype: Genotype;
  doseUgPerKgMin: number;
  protocol: HeartProtocol;
  /** default: the LV apex */
  pacingSiteLps?: Vec3;
  /** default: last stimulus + one S1 cycle + 200 ms */
  durationMs?: number;
  ionicModel?: HeartIonicModel;
  /** electrodes for the ECG (torso-leads.ts placeElectrodes); none → no ECG */
  electrodes?: Electrode[];
  frameIntervalMs?: number;
  maxSurfaceTriangles?: number;
  threads?: number;
}

export interface HeartRunResult {
  surface: HeartSurface;
  /** per vertex: first activation after the last S1, ms from that stimulus; NaN = never */
  activationMs: Float32Array;
  /** per vertex: APD90 of that beat (ms); NaN = none */
  apd90Ms: Float32Array;
  /** [frames × vertices], frame f at f·frameIntervalMs */
  voltageMv: Float32Array;
  frames: number;
  frameIntervalMs: number;
  durationMs: number;
  stimulusTimesMs: number[];
  pacingSiteLps: Vec3;
  heartRateBpm: number;
  cells: number;
  ecg: { sampleIntervalMs: number; leads: { name: string; mv: Float32Array }[] };
  qtMs: number;
  events: HeartEvent[];
  model: string;
}

const STIM_UA_PER_UF = 100;
/** Upward crossing that counts as activation (mV), as the arrhythmia monitor's upstroke. */
const ACTIVATION_MV = -20;
/** A beat is closed for the block check only once its wave has stopped spreading for this long. */
const SPREAD_QUIET_MS = 10;
const STIM_MS = 2;
const PREPACE_BEATS = 10;
const ECG_SAMPLE_MS = 2;
const MONITOR_SAMPLE_MS = 0.5;
/** Phase snapshots and the embedding delay τ (phase-singularities.ts). */
const PHASE_SAMPLE_MS = 10;
const PHASE_DELAY_MS = 20;
const MAX_VOLTAGE_BYTES = 16 * 2 ** 20;
const MAX_PHASE_EVENTS = 40;

export function stimulusTimes(p: HeartProtocol): number[] {
  if (p.kind === 's1s4') return programmedStimulationTimes({ s1CycleMs: p.s1CycleMs, s1Count: p.s1Beats, extraCouplingMs: p.couplingsMs });
  const s1 = programmedStimulationTimes({ s1CycleMs: p.s1CycleMs, s1Count: p.s1Beats, extraCouplingMs: [] });
  const cycle = p.burstCycleMs ?? 250;
  return [...s1, ...burstPacingTimes({ cycleMs: cycle, count: p.burstBeats ?? 10, startMs: s1[s1.length - 1]! + cycle })];
}

/** The tissue cell nearest to an LPS point. */
function nearestCell(solver: MonodomainSolver, lv: LvModel, p: Vec3): number {
  let best = 0;
  let bestD = Infinity;
  for (let c = 0; c < solver.n; c++) {
    const q = cellLps(lv.mask, solver.voxelOfCell[c]!);
    const d = (q[0] - p[0]) ** 2 + (q[1] - p[1]) ** 2 + (q[2] - p[2]) ** 2;
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best;
}

/** The LV apex: the most apical wall cell, preferring cells near the axis. */
function apexCell(solver: MonodomainSolver, lv: LvModel): number {
  const { centreLps: o, apexDirection: a } = lv.axis;
  let best = 0;
  let bestScore = -Infinity;
  for (let c = 0; c < solver.n; c++) {
    const q = cellLps(lv.mask, solver.voxelOfCell[c]!);
    const r: Vec3 = [q[0] - o[0], q[1] - o[1], q[2] - o[2]];
    const s = dot(r, a);
    const radial = Math.sqrt(Math.max(0, dot(r, r) - s * s));
    const score = s - 0.5 * radial;
    if (score > bestScore) {
      bestScore = score;
      best = c;
    }
  }
  return best;
}

export async function simulateHeart(input: HeartRunInput, ctx: JobContext): Promise<HeartRunResult> {
  const { lv, protocol } = input;
  const times = stimulusTimes(protocol);
  const lastStimMs = times[times.length - 1]!;
  const lastS1Ms = (protocol.s1Beats - 1) * protocol.s1CycleMs;
  const durationMs = input.durationMs ?? lastStimMs + protocol.s1CycleMs + 200;
  const gridMm = lv.mask.spacing[0];

  ctx.progress(0, 'matching the cell model to the genotype and dose');
  const mapping = mapCells(input.genotype, input.doseUgPerKgMin, protocol.s1CycleMs, input.ionicModel ?? 'ms');
  const dt = mapping.dtMs;
  ctx.progress(0.02, 'tuning conduction velocity to the grid');
  const diffusivity = tunedDiffusivity(mapping.specs.get(LV_LABELS.epi)!, gridMm, dt);
  ctx.throwIfCancelled();
  const solver = new MonodomainSolver({
    mask: lv.mask,
    modelForLabel: (label) => mapping.specs.get(label)!,
    diffusivity,
    fibres: lv.fibres,
    ...(lv.conductionScale ? { conductionScale: lv.conductionScale } : {}),
    // float64 like the cable tuning and single-cell pacing, so the model and diffusion loops stay monomorphic
    precision: 'float64',
    activationThresholdMv: ACTIVATION_MV,
    threads: input.threads ?? 1,
  });
  try {
    // Pre-pace one cell of each type at the S1 cycle length, so the tissue starts in its paced steady state.
    for (const block of solver.blocks) {
      const single = Float64Array.from(block.model.initialState);
      paceState(block.model, single, { bclMs: protocol.s1CycleMs, beats: PREPACE_BEATS, dtMs: dt, stimAmplitudeUaPerUf: 60, stimDurationMs: 1 });
      single.forEach((value, s) => solver.state.fill(value, s * solver.n + block.from, s * solver.n + block.to));
    }
    const restMv = createModel(mapping.specs.get(LV_LABELS.epi)!.id).restingPotentialMv;

    ctx.progress(0.05, 'building the surface and the ECG leads');
    const surface = heartSurface(lv.mask, solver.cellOfVoxel, lv.regionOfVoxel, progressRange(ctx, 0.05, 0.08), input.maxSurfaceTriangles);
    const nv = surface.cellOfVertex.length;
    const weights = input.electrodes ? electrodeWeights(lv.mask, solver.voxelOfCell, solver.cellOfVoxel, input.electrodes) : [];
    const ecgSamples = Math.floor(durationMs / ECG_SAMPLE_MS) + 1;
    const electrodeSeries = weights.map(() => new Float32Array(ecgSamples));

    const pacingCell = input.pacingSiteLps ? nearestCell(solver, lv, input.pacingSiteLps) : apexCell(solver, lv);
    const pacingSiteLps = cellLps(lv.mask, solver.voxelOfCell[pacingCell]!);
    const stimRadiusMm = Math.max(2, 1.6 * gridMm);
    const stimPattern = new Float32Array(solver.n);
    for (let c = 0; c < solver.n; c++) {
      const q = cellLps(lv.mask, solver.voxelOfCell[c]!);
      if (Math.hypot(q[0] - pacingSiteLps[0], q[1] - pacingSiteLps[1], q[2] - pacingSiteLps[2]) <= stimRadiusMm) stimPattern[c] = STIM_UA_PER_UF;
    }

    const frameIntervalMs =
      input.frameIntervalMs ?? [2, 5, 10, 20, 50].find((f) => (Math.floor(durationMs / f) + 1) * nv * 4 <= MAX_VOLTAGE_BYTES) ?? 50;
    const frames = Math.floor(durationMs / frameIntervalMs) + 1;
    const voltageMv = new Float32Array(frames * nv);

    const regionMap = { ...lv.mask, data: lv.regionOfVoxel };
    const monitor = new ArrhythmiaMonitor(regionMap, solver.voxelOfCell, (code) => LV_REGION_NAMES[code] ?? 'LV', protocol.s1CycleMs, Infinity);
    const events: HeartEvent[] = [];
    const regionOfCell = (c: number): string => LV_REGION_NAMES[lv.regionOfVoxel[solver.voxelOfCell[c]!]!] ?? 'LV';
    const report = (kind: HeartEventKind, timeMs: number, c: number): void => {
      events.push({ kind, timeMs, lps: cellLps(lv.mask, solver.voxelOfCell[c]!), region: regionOfCell(c) });
    };

    // Ectopy: an activation no neighbour led, outside the paced region's stimulus windows.
    // A generous window: three voxels at the slowest conduction (across fibres, in the border zone).
    const slowestMmPerMs = CV_TRANSVERSE_MM_PER_MS * (lv.conductionScale ? scarBorderZone.conductionScale : 1);
    const ectopy = new EctopicActivationDetector(solver.stencil.rowStart, solver.stencil.neighbour, Math.max(10, (3 * gridMm) / slowestMmPerMs));
    const seenCount = new Int32Array(solver.n);
    const lastEctopyMs = { t: -Infinity };

    // Activation and APD90 of the beat after the last S1, per cell.
    const activation = new Float32Array(solver.n).fill(NaN);
    const peak = new Float32Array(solver.n).fill(-Infinity);
    const apd90 = new Float32Array(solver.n).fill(NaN);
    const tracking = new Uint8Array(solver.n);

    // Conduction block: a beat whose stimulus captured (the paced region activated) but left part of the wall resting; reported
    // at the unactivated cell nearest to the unactivated region's centroid (the monitor's own check names only the
    // first such cell in storage order).
    const activatedThisBeat = new Uint8Array(solver.n);
    let beatsClosed = 0;
    let lastSpreadMs = -Infinity;
    const closeBeat = (t: number): void => {
      let captured = false;
      const centroid: Vec3 = [0, 0, 0];
      let missed = 0;
      for (let c = 0; c < solver.n; c++) {
        if (activatedThisBeat[c]) captured ||= stimPattern[c]! > 0;
        else {
          const q = cellLps(lv.mask, solver.voxelOfCell[c]!);
          for (let a = 0; a < 3; a++) centroid[a]! += q[a]!;
          missed++;
        }
      }
      beatsClosed++;
      // a wave still spreading when the next stimulus (or the end) comes is not blocked
      if (!captured || missed === 0 || t - lastSpreadMs < SPREAD_QUIET_MS) {
        activatedThisBeat.fill(0);
        return;
      }
      for (let a = 0; a < 3; a++) centroid[a]! /= missed;
      let best = -1;
      let bestD = Infinity;
      for (let c = 0; c < solver.n; c++) {
        if (activatedThisBeat[c]) continue;
        const q = cellLps(lv.mask, solver.voxelOfCell[c]!);
        const d = (q[0] - centroid[0]) ** 2 + (q[1] - centroid[1]) ** 2 + (q[2] - centroid[2]) ** 2;
        if (d < bestD) {
          bestD = d;
          best = c;
        }
      }
      activatedThisBeat.fill(0);
      report('conduction-block', t, best);
    };

    const phaseSnapshots: Float32Array[] = [];
    const phaseReported: { lps: Vec3; t: number }[] = [];

    const steps = Math.round(durationMs / dt);
    const stimSteps = Math.round(STIM_MS / dt);
    const startSteps = times.map((t) => Math.round(t / dt));
    let nextStim = 0;
    let stimOffAt = -1;
    const every = (ms: number): number => Math.max(1, Math.round(ms / dt));
    const monitorEvery = every(MONITOR_SAMPLE_MS);
    const ecgEvery = every(ECG_SAMPLE_MS);
    const frameEvery = every(frameIntervalMs);
    const phaseEvery = every(PHASE_SAMPLE_MS);
    const yieldEvery = every(50);
    const v = solver.potential;

    for (let k = 0; k <= steps; k++) {
      const t = k * dt;
      if (k % frameEvery === 0) {
        const f = k / frameEvery;
        if (f < frames) for (let i = 0; i < nv; i++) voltageMv[f * nv + i] = surface.cellOfVertex[i]! >= 0 ? v[surface.cellOfVertex[i]!]! : NaN;
      }
      if (k % ecgEvery === 0 && k / ecgEvery < ecgSamples) {
        weights.forEach((w, e) => {
          let phi = 0;
          for (let c = 0; c < solver.n; c++) phi += w[c]! * v[c]!;
          electrodeSeries[e]![k / ecgEvery] = phi;
        });
      }
      if (k % phaseEvery === 0 && t > lastStimMs) {
        phaseSnapshots.push(Float32Array.from(v));
        if (phaseSnapshots.length > PHASE_DELAY_MS / PHASE_SAMPLE_MS + 1) phaseSnapshots.shift();
        if (phaseSnapshots.length === PHASE_DELAY_MS / PHASE_SAMPLE_MS + 1 && phaseReported.length < MAX_PHASE_EVENTS) {
          for (const ps of findPhaseSingularities(lv.mask, solver.cellOfVoxel, v, phaseSnapshots[0]!, 3 * gridMm)) {
            const known = phaseReported.some((r) => t - r.t < 100 && Math.hypot(r.lps[0] - ps.lps[0], r.lps[1] - ps.lps[1], r.lps[2] - ps.lps[2]) < 8);
            phaseReported.push({ lps: ps.lps, t });
            if (!known) events.push({ kind: 'phase-singularity', timeMs: t, lps: ps.lps, region: regionAt(lv, solver.cellOfVoxel, ps.lps) });
          }
        }
      }
      if (k === steps) break;
      if (nextStim < startSteps.length && k === startSteps[nextStim]) {
        if (nextStim > 0) closeBeat(t);
        solver.stimulus.set(stimPattern);
        stimOffAt = k + stimSteps;
        monitor.stimulus(t);
        nextStim++;
      } else if (k === stimOffAt) solver.stimulus.fill(0);
      solver.step(dt);
      const now = solver.timeMs;

      const lastStimT = nextStim > 0 ? times[nextStim - 1]! : -Infinity;
      for (let c = 0; c < solver.n; c++) {
        if (solver.activationCount[c] !== seenCount[c]) {
          seenCount[c] = solver.activationCount[c]!;
          const ta = solver.lastActivationMs[c]!;
          activatedThisBeat[c] = 1;
          lastSpreadMs = ta;
          const paced = stimPattern[c]! > 0 && ta - lastStimT < 2 * STIM_MS + 5;
          if (!paced && now - lastEctopyMs.t > 50 && ectopy.isFocal(c, ta, solver.lastActivationMs, v, ACTIVATION_MV)) {
            lastEctopyMs.t = now;
            report('ectopy', ta, c);
          }
          if (ta >= lastS1Ms && Number.isNaN(activation[c]!)) {
            activation[c] = ta - lastS1Ms;
            tracking[c] = 1;
          }
        }
        if (tracking[c]) {
          const vc = v[c]!;
          if (vc > peak[c]!) peak[c] = vc;
          else if (vc < restMv + 0.1 * (peak[c]! - restMv)) {
            apd90[c] = now - lastS1Ms - activation[c]!;
            tracking[c] = 0;
          }
        }
      }
      if ((k + 1) % monitorEvery === 0) monitor.sample(now, v);
      if ((k + 1) % yieldEvery === 0) {
        ctx.throwIfCancelled();
        ctx.progress(0.08 + (0.9 * (k + 1)) / steps, `simulated ${now.toFixed(0)} of ${durationMs.toFixed(0)} ms`);
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    monitor.finish(durationMs);
    if (beatsClosed < times.length) closeBeat(durationMs);
    // A stimulus falling on the paced region's own plateau lifts it like an EAD: not an afterdepolarisation.
    const stimulated = (e: { kind: string; timeMs: number; lps: Vec3 }): boolean =>
      e.kind === 'ead' &&
      times.some((ts) => e.timeMs >= ts && e.timeMs - ts < STIM_MS + 10) &&
      Math.hypot(e.lps[0] - pacingSiteLps[0], e.lps[1] - pacingSiteLps[1], e.lps[2] - pacingSiteLps[2]) <= stimRadiusMm + 2 * gridMm;
    for (const e of monitor.events) if (!stimulated(e) && e.kind !== 'conduction-block') events.push({ kind: e.kind, timeMs: e.timeMs, lps: e.lps, region: e.region });
    events.sort((a, b) => a.timeMs - b.timeMs);

    const perVertex = (values: Float32Array): Float32Array =>
      Float32Array.from(surface.cellOfVertex, (c) => (c >= 0 ? values[c]! : NaN));
    const leads = weights.length ? twelveLeads(new Map(input.electrodes!.map((e, i) => [e.name, electrodeSeries[i]!]))) : [];
    // The T wave is searched after the QRS: after the whole wall has activated (the S1 beats all activate alike).
    let totalActivationMs = 0;
    for (const a of activation) if (a > totalActivationMs && a < protocol.s1CycleMs) totalActivationMs = a;
    const qtMs = leads.length ? qtFromLead(leads.find((l) => l.name === 'II')!.mv, times, protocol.s1Beats, totalActivationMs + 20) : NaN;
    return {
      surface,
      activationMs: perVertex(activation),
      apd90Ms: perVertex(apd90),
      voltageMv,
      frames,
      frameIntervalMs,
      durationMs,
      stimulusTimesMs: times,
      pacingSiteLps,
      heartRateBpm: 60000 / protocol.s1CycleMs,
      cells: solver.n,
      ecg: { sampleIntervalMs: ECG_SAMPLE_MS, leads },
      qtMs,
      events,
      model: mapping.description,
    };
  } finally {
    solver.dispose();
  }
}

/** Region of an LPS point (a phase singularity may sit between voxels): that of the nearest wall voxel. */
function regionAt(lv: LvModel, cellOfVoxel: Int32Array, p: Vec3): string {
  const voxel = nearestTissueVoxel(lv.mask, cellOfVoxel, p);
  return voxel < 0 ? 'LV' : (LV_REGION_NAMES[lv.regionOfVoxel[voxel]!] ?? 'LV');
}

/**
 * QT from the last complete S1 cycle (penultimate to last S1: a whole cycle with nothing after it), or with a single
 * S1 from it to the next stimulus or the end. The tissue rests before each S1, so the isoelectric baseline is the
 * value at the beat's start; measureQt takes it from the last sample, so that value is appended. A T wave still
 * running at the next stimulus then ends at the cycle's end: QT ≈ the cycle length.
 */
function qtFromLead(mv: Float32Array, times: number[], s1Beats: number, searchTFromMs: number): number {
  const from = s1Beats >= 2 ? times[s1Beats - 2]! : times[0]!;
  const to = s1Beats >= 2 ? times[s1Beats - 1]! : (times[1] ?? mv.length * ECG_SAMPLE_MS);
  const beat = mv.subarray(Math.round(from / ECG_SAMPLE_MS), Math.min(mv.length, Math.round(to / ECG_SAMPLE_MS)));
  if (beat.length <= 10) return NaN;
  const withBaseline = new Float32Array(beat.length + 1);
  withBaseline.set(beat);
  withBaseline[beat.length] = beat[0]!;
  return measureQt(withBaseline, ECG_SAMPLE_MS, searchTFromMs).qtMs;
}
