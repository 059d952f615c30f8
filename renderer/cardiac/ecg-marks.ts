/**
 * Where to draw the QT interval on a stored pseudo-ECG. The job stores the QT duration, not its ends, so the QRS
 * onset is found again by the engine's own rule (workers/ep/ecg/qt-interval.ts, `measureQt`: the first sample
 * deviating by more than 2 % of the beat's largest deflection from the end-of-beat baseline); the T-wave end is
 * then onset + QT. The renderer cannot import the engine (no Node types here), hence this short restatement.
 */
export interface QtMarks {
  qrsOnsetMs: number;
  tEndMs: number;
}

export function qtMarks(values: readonly number[], dtMs: number, qtMs: number): QtMarks {
  const n = values.length;
  if (n === 0) return { qrsOnsetMs: 0, tEndMs: qtMs };
  const baseline = values[n - 1]!;
  let maxDeviation = 0;
  for (const v of values) maxDeviation = Math.max(maxDeviation, Math.abs(v - baseline));
  let onset = 0;
  while (onset < n - 1 && Math.abs(values[onset]! - baseline) <= 0.02 * maxDeviation) onset++;
  return { qrsOnsetMs: onset * dtMs, tEndMs: onset * dtMs + qtMs };
}
