/**
 * Clinical objectives on the dose of one structure's voxels, each a penalty (≥ 0, 0 when met) with its gradient
 * with respect to those doses (matRad's DoseObjectives). Doses in Gy; penalties are normalised per voxel so a
 * weight means the same for small and large structures.
 */
export type Objective =
  /** Σ (dRef − d)₊² / N: dose below the reference is penalised (targets). */
  | { kind: 'squaredUnderdose'; doseGy: number; weight: number }
  /** Σ (d − dRef)₊² / N: dose above the reference is penalised. */
  | { kind: 'squaredOverdose'; doseGy: number; weight: number }
  /** Σ (d − dRef)² / N: both ways (homogeneous target dose). */
  | { kind: 'squaredDeviation'; doseGy: number; weight: number }
  /** (dRef − min dose)₊², the minimum taken smoothly (log-sum-exp, see smoothExtreme). */
  | { kind: 'minDose'; doseGy: number; weight: number }
  /** (max dose − dRef)₊², the maximum taken smoothly (log-sum-exp, see smoothExtreme). */
  | { kind: 'maxDose'; doseGy: number; weight: number }
  /** (mean dose − dRef)₊²: an upper limit on the mean dose (parallel organs). */
  | { kind: 'meanDose'; doseGy: number; weight: number }
  /** At least volumePct of the structure gets ≥ doseGy (DVH point, matRad's min-DVH penalty). */
  | { kind: 'minDvh'; doseGy: number; volumePct: number; weight: number }
  /** At most volumePct of the structure gets ≥ doseGy (matRad's max-DVH penalty). */
  | { kind: 'maxDvh'; doseGy: number; volumePct: number; weight: number }
  /** (EUD − dRef)², EUD = (mean dᵃ)^(1/a) (Niemierko 1999); a ≥ 1 for organs at risk. */
  | { kind: 'eud'; doseGy: number; a: number; weight: number };

/** The penalty of `objective` over dose[voxels]; adds its gradient (∂/∂dose) into grad[voxels]. */
export function evaluateObjective(objective: Objective, dose: Float64Array, voxels: Uint32Array, grad: Float64Array): number {
  const n = voxels.length;
  if (n === 0) return 0;
  const w = objective.weight;
  const ref = objective.doseGy;
  switch (objective.kind) {
    case 'squaredUnderdose':
    case 'squaredOverdose':
    case 'squaredDeviation': {
      const under = objective.kind !== 'squaredOverdose';
      const over = objective.kind !== 'squaredUnderdose';
      let f = 0;
      for (let q = 0; q < n; q++) {
        const v = voxels[q]!;
        const dev = dose[v]! - ref;
        if ((dev < 0 && under) || (dev > 0 && over)) {
          f += dev * dev;
          grad[v]! += (2 * w * dev) / n;
        }
      }
      return (w * f) / n;
    }
    case 'meanDose': {
      let mean = 0;
      for (let q = 0; q < n; q++) mean += dose[voxels[q]!]!;
      mean /= n;
      const dev = mean - ref;
      if (dev <= 0) return 0;
      for (let q = 0; q < n; q++) grad[voxels[q]!]! += (2 * w * dev) / n;
      return w * dev * dev;
    }
    case 'minDose':
    case 'maxDose':
    case 'eud': {
      const { value, dValue } =
        objective.kind === 'eud' ? generalisedMean(dose, voxels, objective.a) : smoothExtreme(dose, voxels, objective.kind === 'maxDose' ? 1 : -1);
      let dev = value - ref;
      if (objective.kind === 'minDose') dev = Math.min(0, dev);
      if (objective.kind === 'maxDose') dev = Math.max(0, dev);
      if (dev === 0) return 0;
      for (let q = 0; q < n; q++) grad[voxels[q]!]! += 2 * w * dev * dValue[q]!;
      return w * dev * dev;
    }
    case 'minDvh':
    case 'maxDvh': {
      // The dose at the objective's volume: dose received by at least volumePct of the voxels.
      const sorted = Float64Array.from(voxels, (v) => dose[v]!).sort();
      const at = Math.min(n - 1, Math.max(0, Math.floor((1 - objective.volumePct / 100) * n)));
      const dVol = sorted[at]!;
      let f = 0;
      for (let q = 0; q < n; q++) {
        const v = voxels[q]!;
        const d = dose[v]!;
        const dev = d - ref;
        const active = objective.kind === 'maxDvh' ? d > ref && d < dVol : d < ref && d > dVol;
        if (!active) continue;
        f += dev * dev;
        grad[v]! += (2 * w * dev) / n;
      }
      return (w * f) / n;
    }
  }
}

/** EUD = (mean dᵃ)^(1/a) and ∂EUD/∂dᵢ (doses clamped above 0 so negative a stays finite). */
function generalisedMean(dose: Float64Array, voxels: Uint32Array, a: number): { value: number; dValue: Float64Array } {
  const n = voxels.length;
  // Scale by the largest dose first so that d^20 cannot overflow.
  let scale = 1e-6;
  for (let q = 0; q < n; q++) scale = Math.max(scale, dose[voxels[q]!]!);
  const pow = new Float64Array(n);
  let s = 0;
  for (let q = 0; q < n; q++) {
    pow[q] = Math.max(1e-6, dose[voxels[q]!]! / scale) ** (a - 1);
    s += pow[q]! * Math.max(1e-6, dose[voxels[q]!]! / scale);
  }
  const meanPow = s / n;
  const eud = scale * meanPow ** (1 / a);
  // ∂EUD/∂dᵢ = (1/n) · (dᵢ/scale)^(a−1) · meanPow^(1/a − 1)
  const c = meanPow ** (1 / a - 1) / n;
  for (let q = 0; q < n; q++) pow[q] = pow[q]! * c;
  return { value: eud, dValue: pow };
}

/** Temperature of the smooth maximum: it overestimates the true maximum by at most this × ln N. */
const SMOOTH_EXTREME_GY = 0.1;

/**
 * Smooth maximum (sign = 1) or minimum (sign = −1): sign · τ · ln Σ exp(sign · dᵢ / τ), with its gradient (the
 * softmax weights). Unlike a generalised mean it stays within τ·ln N of the true extreme for any voxel count.
 */
function smoothExtreme(dose: Float64Array, voxels: Uint32Array, sign: 1 | -1): { value: number; dValue: Float64Array } {
  const n = voxels.length;
  let top = -Infinity;
  for (let q = 0; q < n; q++) top = Math.max(top, sign * dose[voxels[q]!]!);
  const e = new Float64Array(n);
  let s = 0;
  for (let q = 0; q < n; q++) {
    e[q] = Math.exp((sign * dose[voxels[q]!]! - top) / SMOOTH_EXTREME_GY);
    s += e[q]!;
  }
  for (let q = 0; q < n; q++) e[q] = e[q]! / s;
  return { value: sign * (top + SMOOTH_EXTREME_GY * Math.log(s)), dValue: e };
}
