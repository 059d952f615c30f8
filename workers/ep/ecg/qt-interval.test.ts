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
  it('ends a biphasic T wave with its last lobe, also when the first lobe is the larger', () => {
    // a negative lobe at 280 ms before a positive one of 0.6 its size at 350 ms (σ 15 ms each, apart enough not to
    // overlap): the end is the tangent end of the positive lobe, steepest at 350 + σ, so 350 + 2σ = 380 ms, not the
    // crossing between the lobes
    const ecg = Float64Array.from({ length: 800 }, (_, k) => {
      const qrs = k >= 10 && k <= 40 ? Math.sin((Math.PI * (k - 10)) / 30) * 5 : 0;
      return qrs - Math.exp(-((k - 280) ** 2) / (2 * 15 * 15)) + 0.6 * Math.exp(-((k - 350) ** 2) / (2 * 15 * 15));
    });
    const q = measureQt(ecg, 1);
    expect(q.tPeakMs).toBe(350);
    expect(q.tEndMs).toBeCloseTo(380, 0);
  });
});
