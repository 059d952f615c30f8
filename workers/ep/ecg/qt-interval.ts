/**
 * QT interval from one beat of an ECG lead: QRS onset to the end of the T wave by the tangent method (the tangent
 * at the steepest point of the T wave's terminal limb meets the isoelectric baseline), the usual manual method
 * (Postema PG, Wilde AAM. Curr Cardiol Rev 2014;10:287).
 */
export interface QtMeasurement {
  qtMs: number;
  qrsOnsetMs: number;
  tPeakMs: number;
  tEndMs: number;
}

/** Share of the T amplitude from which a later lobe of opposite sign counts as the T wave's last component. */
const TERMINAL_LOBE_SHARE = 0.25;

/**
 * ecg[k] sampled every dtMs from the stimulus of the beat (t = 0); the baseline is the value at the end of the beat,
 * when the whole tissue rests. QRS onset: first sample deviating by > 2 % of the beat's largest deflection.
 * The T wave is searched after `searchTFromMs` (past the QRS and the ST segment).
 */
export function measureQt(ecg: ArrayLike<number>, dtMs: number, searchTFromMs = 120): QtMeasurement {
  const n = ecg.length;
  const baseline = ecg[n - 1]!;
  let maxDev = 0;
  for (let k = 0; k < n; k++) maxDev = Math.max(maxDev, Math.abs(ecg[k]! - baseline));
  let onset = 0;
  while (onset < n - 1 && Math.abs(ecg[onset]! - baseline) <= 0.02 * maxDev) onset++;
  const from = Math.min(n - 2, Math.ceil(searchTFromMs / dtMs));
  let peak = from;
  for (let k = from; k < n; k++) if (Math.abs(ecg[k]! - baseline) > Math.abs(ecg[peak]! - baseline)) peak = k;
  // A biphasic T wave ends with its last component, whichever lobe is larger (Postema & Wilde 2014): while a later
  // lobe of the opposite sign reaches a set share of the T amplitude, the tangent goes on that lobe. Tangent on the
  // larger lobe instead made the T end jump by 30–40 ms where the two lobes swap in size.
  const tAmplitude = Math.abs(ecg[peak]! - baseline);
  for (;;) {
    const lobeSign = Math.sign(ecg[peak]! - baseline) || 1;
    let later = -1;
    for (let k = peak + 1; k < n; k++) if (-lobeSign * (ecg[k]! - baseline) > (later < 0 ? 0 : -lobeSign * (ecg[later]! - baseline))) later = k;
    if (later < 0 || Math.abs(ecg[later]! - baseline) < TERMINAL_LOBE_SHARE * tAmplitude) break;
    peak = later;
  }
  const sign = Math.sign(ecg[peak]! - baseline) || 1;
  // steepest return towards the baseline after the T peak
  let steepest = peak;
  let steepestSlope = 0;
  for (let k = peak + 1; k < n; k++) {
    const slope = (ecg[k]! - ecg[k - 1]!) / dtMs;
    if (-sign * slope > -sign * steepestSlope) {
      steepestSlope = slope;
      steepest = k;
    }
  }
  const tSteep = (steepest - 0.5) * dtMs;
  const vSteep = (ecg[steepest]! + ecg[steepest - 1]!) / 2;
  const tEnd = steepestSlope === 0 ? peak * dtMs : tSteep + (baseline - vSteep) / steepestSlope;
  return { qtMs: tEnd - onset * dtMs, qrsOnsetMs: onset * dtMs, tPeakMs: peak * dtMs, tEndMs: tEnd };
}
