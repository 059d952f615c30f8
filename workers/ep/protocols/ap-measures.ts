/** Action-potential read-outs from one beat of a voltage trace. */
export interface ActionPotentialMeasures {
  apd90Ms: number;
  apd50Ms: number;
  vrestMv: number;
  vpeakMv: number;
  /** maximum upstroke velocity, V/s (= mV/ms) */
  dvdtMaxVPerS: number;
}

/**
 * trace[0] is the potential just before the stimulus (the resting potential). APDs are measured from the time of
 * maximal dV/dt (the usual definition) to the last downward crossing of Vrest + (1 − x)·(Vpeak − Vrest).
 */
export function measureActionPotential(trace: ArrayLike<number>, dtMs: number): ActionPotentialMeasures {
  const vrest = trace[0]!;
  let vpeak = -Infinity;
  let peakAt = 0;
  let dvdtMax = -Infinity;
  let upstrokeAt = 0;
  for (let k = 1; k < trace.length; k++) {
    const v = trace[k]!;
    if (v > vpeak) {
      vpeak = v;
      peakAt = k;
    }
    const slope = (v - trace[k - 1]!) / dtMs;
    if (slope > dvdtMax) {
      dvdtMax = slope;
      upstrokeAt = k - 0.5;
    }
  }
  const repolarisationTime = (fraction: number): number => {
    const level = vrest + (1 - fraction) * (vpeak - vrest);
    for (let k = peakAt + 1; k < trace.length; k++) {
      const a = trace[k - 1]!;
      const b = trace[k]!;
      if (a >= level && b < level) return (k - 1 + (a - level) / (a - b)) * dtMs;
    }
    return NaN;
  };
  return {
    apd90Ms: repolarisationTime(0.9) - upstrokeAt * dtMs,
    apd50Ms: repolarisationTime(0.5) - upstrokeAt * dtMs,
    vrestMv: vrest,
    vpeakMv: vpeak,
    dvdtMaxVPerS: dvdtMax,
  };
}
