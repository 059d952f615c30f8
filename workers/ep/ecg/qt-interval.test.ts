import { describe, expect, it } from 'vitest';
import { measureQt } from './qt-interval';

describe('measureQt (tangent method)', () => {
  it('finds QRS onset and the tangent end of a synthetic T wave', () => {
    // QRS at 10–40 ms, T wave a Gaussian centred at 300 ms (σ 40 ms): steepest descent at 340 ms,
    // tangent meets the baseline at 340 + σ = 380 ms
    const dt = 1;
    const ecg = Float64Array.from({ length: 800 }, (_, k) => {
      const qrs = k >= 10 && k <= 40 ? Math.sin((Math.PI * (k - 10)) / 30) * 5 : 0;
      return qrs + Math.exp(-((k - 300) ** 2) / (2 * 40 * 40));
    });
    const q = measureQt(ecg, dt);
    expect(q.qrsOnsetMs).toBeCloseTo(11, 0);
    expect(q.tPeakMs).toBe(300);
    const steepestValue = Math.exp(-0.5);
    expect(q.tEndMs).toBeCloseTo(340 + steepestValue / (steepestValue / 40), 0);
  });
});
