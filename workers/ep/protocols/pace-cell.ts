/**
 * Single-cell pacing: stimulate a model at a cycle length for N beats and measure the last action potential.
 * Stimulus: the model's own pacing stimulus if it names one (ORd: 80 µA/µF, 0.5 ms), else 60 µA/µF for 0.5 ms (about
 * twice the TT06 threshold). It is shorter than the 1 ms of ten Tusscher 2006 so that it
 * is over before the peak: Vpeak is then the cell's own overshoot and not lifted by the stimulus. The default step
 * of 0.005 ms keeps the forward-Euler upstroke within 1 mV of the converged peak (0.02 ms overshoots by ~3 mV).
 */
import { fillInitialState, type IonicModel } from '../models/ionic-model';
import { measureActionPotential, type ActionPotentialMeasures } from './ap-measures';

export interface PaceCellInput {
  model: IonicModel;
  bclMs: number;
  beats: number;
  /** default: the model's maxDtMs capped at 0.005 ms */
  dtMs?: number;
  stimAmplitudeUaPerUf?: number;
  stimDurationMs?: number;
}

export interface PaceCellResult extends ActionPotentialMeasures {
  /** V trace of the last beat, sampled every `traceDtMs` */
  lastBeatMv: Float32Array;
  traceDtMs: number;
}

export function paceCell(input: PaceCellInput): PaceCellResult {
  const { model, bclMs, beats } = input;
  if (!(bclMs > 0) || !(beats >= 1)) throw new Error('paceCell needs bclMs > 0 and beats >= 1');
  const dt = input.dtMs ?? Math.min(model.maxDtMs, 0.005);
  const amplitude = input.stimAmplitudeUaPerUf ?? model.pacingStimulus?.amplitudeUaPerUf ?? 60;
  const duration = input.stimDurationMs ?? model.pacingStimulus?.durationMs ?? 0.5;
  const state = new Float64Array(model.initialState.length);
  fillInitialState(model, state, 1);
  const stepsPerBeat = Math.round(bclMs / dt);
  const lastBeat = new Float32Array(stepsPerBeat + 1);
  paceState(model, state, { bclMs, beats: beats - 1, dtMs: dt, stimAmplitudeUaPerUf: amplitude, stimDurationMs: duration });
  lastBeat[0] = state[0]!;
  paceState(model, state, { bclMs, beats: 1, dtMs: dt, stimAmplitudeUaPerUf: amplitude, stimDurationMs: duration }, (k, v) => (lastBeat[k + 1] = v));
  return { ...measureActionPotential(lastBeat, dt), lastBeatMv: lastBeat, traceDtMs: dt };
}

/** Paces one cell's state in place; onStep(k, V) sees every step of the beats. Used to pre-pace tissue too. */
export function paceState(
  model: IonicModel,
  state: Float64Array,
  p: Required<Pick<PaceCellInput, 'bclMs' | 'beats' | 'dtMs' | 'stimAmplitudeUaPerUf' | 'stimDurationMs'>>,
  onStep?: (k: number, vMv: number) => void,
): void {
  const stim = new Float64Array(1);
  const stepsPerBeat = Math.round(p.bclMs / p.dtMs);
  const stimSteps = Math.max(1, Math.round(p.stimDurationMs / p.dtMs));
  for (let beat = 0; beat < p.beats; beat++) {
    for (let k = 0; k < stepsPerBeat; k++) {
      stim[0] = k < stimSteps ? p.stimAmplitudeUaPerUf : 0;
      model.step(state, 1, 0, 1, p.dtMs, stim);
      onStep?.(k, state[0]!);
    }
  }
}
