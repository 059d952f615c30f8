/**
 * The pencil-beam model: dose to a point from one bixel of unit weight is
 *   D = T(d) · (SAD / z)² · Σₖ wₖ(d) · Fₖ(Δu) · Fₖ(Δv)
 * with d the radiological depth, z the distance from the source along the axis, Fₖ the integral of a Gaussian of
 * width σₖ(d) over the bixel (projected to depth z), and T(d) the pencil-beam depth function. T is derived from
 * the published 10 × 10 cm² PDD (assets/rt/photon-6mv) by dividing out the inverse square and the kernel
 * integrated over that field, so a 10 × 10 cm² field at SSD 100 cm gives 1 Gy per unit weight at dmax and the
 * published PDD on its axis.
 */
import { PHOTON_6MV, type PhotonBeamModel } from '../../../assets/rt/photon-6mv';
import { erf } from './erf';

export interface KernelAtDepth {
  primaryWeight: number;
  primarySigmaMm: number;
  scatterWeight: number;
  scatterSigmaMm: number;
}

export function kernelAtDepth(model: PhotonBeamModel, depthMm: number): KernelAtDepth {
  const d = Math.max(0, depthMm);
  const sw = Math.min(model.scatterWeight.max, model.scatterWeight.atSurface + model.scatterWeight.perMmDepth * d);
  return {
    primaryWeight: 1 - sw,
    primarySigmaMm: model.primarySigmaMm.atSurface + model.primarySigmaMm.perMmDepth * d,
    scatterWeight: sw,
    scatterSigmaMm: model.scatterSigmaMm.atSurface + model.scatterSigmaMm.perMmDepth * d,
  };
}

/** Fraction of a 1D Gaussian (σ) centred at 0 that falls in [Δ − h, Δ + h]. */
export function gaussianSlab(deltaMm: number, halfWidthMm: number, sigmaMm: number): number {
  const k = 1 / (Math.SQRT2 * sigmaMm);
  return 0.5 * (erf((deltaMm + halfWidthMm) * k) - erf((deltaMm - halfWidthMm) * k));
}

export interface PencilBeam {
  model: PhotonBeamModel;
  /** T(d): the pencil-beam depth function (Gy per unit weight before inverse square and lateral kernel). */
  depthFunction(depthMm: number): number;
}

const TABLE_STEP_MM = 1;
const TABLE_MAX_MM = 400;
const cache = new Map<PhotonBeamModel, PencilBeam>();

/** The pencil beam of a model; T(d) is derived once and cached. */
export function pencilBeam(model: PhotonBeamModel = PHOTON_6MV): PencilBeam {
  const hit = cache.get(model);
  if (hit) return hit;
  const n = Math.floor(TABLE_MAX_MM / TABLE_STEP_MM) + 1;
  const table = new Float64Array(n);
  for (let q = 0; q < n; q++) {
    const d = q * TABLE_STEP_MM;
    table[q] = interpolate(model.pdd10x10.depthMm, model.pdd10x10.percent, d) / 100 / referenceFieldAxisFactor(model, d);
  }
  const pb: PencilBeam = {
    model,
    depthFunction(depthMm) {
      const x = Math.max(0, depthMm) / TABLE_STEP_MM;
      const q = Math.floor(x);
      if (q >= n - 1) return table[n - 1]!;
      const t = x - q;
      return table[q]! * (1 - t) + table[q + 1]! * t;
    },
  };
  cache.set(model, pb);
  return pb;
}

/**
 * Inverse square × the lateral kernel integrated over the reference field (10 × 10 cm² at SSD = SAD) on the axis
 * at depth d in water: what T(d) multiplies to give the reference PDD. Bixels tile the field, so their sum is the
 * integral over the whole square. (The influence matrix truncates kernels at a lateral cutoff; that loses a
 * little scatter at depth, which the water tests bound.)
 */
function referenceFieldAxisFactor(model: PhotonBeamModel, depthMm: number): number {
  const z = model.pdd10x10.ssdMm + depthMm;
  const half = (model.pdd10x10.fieldMm / 2) * (z / model.sadMm);
  const k = kernelAtDepth(model, depthMm);
  const inSquare = (sigma: number) => gaussianSlab(0, half, sigma) ** 2;
  const isq = (model.sadMm / z) ** 2;
  return isq * (k.primaryWeight * inSquare(k.primarySigmaMm) + k.scatterWeight * inSquare(k.scatterSigmaMm));
}

function interpolate(xs: readonly number[], ys: readonly number[], x: number): number {
  if (x <= xs[0]!) return ys[0]!;
  const last = xs.length - 1;
  if (x >= xs[last]!) {
    // Beyond the table: continue the last segment's exponential fall-off.
    const mu = Math.log(ys[last - 1]! / ys[last]!) / (xs[last]! - xs[last - 1]!);
    return ys[last]! * Math.exp(-mu * (x - xs[last]!));
  }
  let k = 1;
  while (xs[k]! < x) k++;
  const t = (x - xs[k - 1]!) / (xs[k]! - xs[k - 1]!);
  return ys[k - 1]! + t * (ys[k]! - ys[k - 1]!);
}
