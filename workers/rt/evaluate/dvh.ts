/**
 * Dose-volume histograms and the dose statistics read from them. Volumes are fractions of the structure
 * (0…1) unless named otherwise; every voxel weighs the same (structures live on one grid).
 */
export interface Dvh {
  /** Bin edges (Gy): doseGy[k] = k · binGy. */
  doseGy: Float64Array;
  /** Cumulative: fraction of the volume receiving at least doseGy[k]. */
  cumulative: Float64Array;
  /** Differential: fraction of the volume per Gy with dose in [doseGy[k], doseGy[k+1]). */
  differential: Float64Array;
}

export interface DoseStats {
  minGy: number;
  maxGy: number;
  meanGy: number;
  count: number;
}

/** The doses of one structure (values picked out of a dose array), sorted ascending. */
export function sortedDoses(dose: ArrayLike<number>, voxels?: ArrayLike<number>): Float64Array {
  const out = voxels ? Float64Array.from({ length: voxels.length }, (_, q) => dose[voxels[q]!]!) : Float64Array.from(dose);
  return out.sort();
}

export function computeDvh(sorted: Float64Array, binGy = 0.1, maxGy?: number): Dvh {
  const n = sorted.length;
  const top = maxGy ?? (n ? sorted[n - 1]! : 0);
  const nb = Math.max(1, Math.ceil(top / binGy) + 1);
  const doseGy = Float64Array.from({ length: nb }, (_, k) => k * binGy);
  const cumulative = new Float64Array(nb);
  const differential = new Float64Array(nb);
  let q = 0;
  for (let k = 0; k < nb; k++) {
    while (q < n && sorted[q]! < doseGy[k]!) q++;
    cumulative[k] = n ? (n - q) / n : 0;
  }
  for (let k = 0; k < nb; k++) differential[k] = (cumulative[k]! - (k + 1 < nb ? cumulative[k + 1]! : 0)) / binGy;
  return { doseGy, cumulative, differential };
}

/** D_x: the minimum dose received by the hottest x % of the volume (D95, D2 …). */
export function doseAtVolumePct(sorted: Float64Array, volumePct: number): number {
  const n = sorted.length;
  if (n === 0) return 0;
  // The hottest x % is sorted[n − m … n − 1] with m = round(x/100 · n): its minimum.
  const m = Math.min(n, Math.max(1, Math.round((volumePct / 100) * n)));
  return sorted[n - m]!;
}

/** V_x: the fraction of the volume receiving at least doseGy. */
export function volumeAtDose(sorted: Float64Array, doseGy: number): number {
  const n = sorted.length;
  let lo = 0, hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < doseGy) lo = mid + 1;
    else hi = mid;
  }
  return n ? (n - lo) / n : 0;
}

export function doseStats(sorted: Float64Array): DoseStats {
  const n = sorted.length;
  let s = 0;
  for (let q = 0; q < n; q++) s += sorted[q]!;
  return { minGy: n ? sorted[0]! : 0, maxGy: n ? sorted[n - 1]! : 0, meanGy: n ? s / n : 0, count: n };
}
