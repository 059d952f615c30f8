/**
 * Diffusivities that give target conduction velocities on the grid actually used. On a 0.5–1 mm grid the discrete
 * front is slower than the continuum one, so instead of converting conductivities we tune D on a 1-D cable of the
 * same spacing, time step and cell model until the measured velocity matches (the approach of tuneCV in openCARP:
 * Mendonca Costa C et al., "Automatic parameterization strategy for cardiac electrophysiology simulations",
 * Comput Cardiol 2013;40:373). CV ∝ √D for a travelling front, so D ← D·(target/CV)² converges in a few rounds.
 * Targets: about 0.6 mm/ms along and 0.3 mm/ms across the fibres in human ventricle (Taggart P et al.
 * J Mol Cell Cardiol 2000;32:621).
 */
import { IDENTITY_DIRECTION, type LabelMap } from '../../volume/volume';
import type { ModelSpec } from '../threads/thread-pool';
import type { Diffusivity } from '../tissue/conductivity';
import { MonodomainSolver } from '../tissue/monodomain';

export const CV_LONGITUDINAL_MM_PER_MS = 0.6;
export const CV_TRANSVERSE_MM_PER_MS = 0.3;

const CABLE_MM = 30;
const STIM_UA_PER_UF = 100;
const STIM_MS = 2;

/** Conduction velocity (mm/ms) of a cable of `spec` cells with diffusivity d, between 1/3 and 2/3 of its length. */
export function cableVelocity(spec: ModelSpec, dMm2PerMs: number, dxMm: number, dtMs: number): number {
  const n = Math.max(12, Math.round(CABLE_MM / dxMm));
  const mask: LabelMap = { dims: [n, 1, 1], spacing: [dxMm, dxMm, dxMm], origin: [0, 0, 0], direction: [...IDENTITY_DIRECTION], data: new Uint8Array(n).fill(1) };
  const solver = new MonodomainSolver({
    mask,
    modelForLabel: () => spec,
    diffusivity: { longitudinalMm2PerMs: dMm2PerMs, transverseMm2PerMs: dMm2PerMs },
    activationThresholdMv: -20,
  });
  const stimCells = Math.max(2, Math.round(1.5 / dxMm));
  for (let c = 0; c < stimCells; c++) solver.stimulus[c] = STIM_UA_PER_UF;
  const a = Math.round(n / 3);
  const b = Math.round((2 * n) / 3);
  for (let t = 0; t < 400 && Number.isNaN(solver.firstActivationMs[b]!); t += dtMs) {
    if (t >= STIM_MS) solver.stimulus.fill(0);
    solver.step(dtMs);
  }
  const dtAb = solver.firstActivationMs[b]! - solver.firstActivationMs[a]!;
  return dtAb > 0 ? ((b - a) * dxMm) / dtAb : 0;
}

export function tuneDiffusivity(spec: ModelSpec, targetCvMmPerMs: number, dxMm: number, dtMs: number): number {
  let d = 0.3 * (targetCvMmPerMs / 0.6) ** 2;
  for (let it = 0; it < 6; it++) {
    const cv = cableVelocity(spec, d, dxMm, dtMs);
    const ratio = cv > 0 ? targetCvMmPerMs / cv : 2;
    d *= ratio * ratio;
    if (Math.abs(ratio - 1) < 0.01) break;
  }
  return d;
}

export function tunedDiffusivity(spec: ModelSpec, dxMm: number, dtMs: number): Diffusivity {
  return {
    longitudinalMm2PerMs: tuneDiffusivity(spec, CV_LONGITUDINAL_MM_PER_MS, dxMm, dtMs),
    transverseMm2PerMs: tuneDiffusivity(spec, CV_TRANSVERSE_MM_PER_MS, dxMm, dtMs),
  };
}
