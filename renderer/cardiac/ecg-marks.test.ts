import { describe, expect, it } from 'vitest';
import { qtMarks } from './ecg-marks';

describe('QT marks on a stored ECG', () => {
  it('finds the QRS onset where the trace leaves the end-of-beat baseline and ends QT a QT later', () => {
    // flat until 20 ms, a QRS of height 1, then back to the baseline 0.1
    const dtMs = 2;
    const values = Array.from({ length: 200 }, (_, k) => (k * dtMs >= 20 && k * dtMs < 40 ? 1 : 0.1));
    expect(qtMarks(values, dtMs, 300)).toEqual({ qrsOnsetMs: 20, tEndMs: 320 });
  });

  it('copes with an empty trace', () => {
    expect(qtMarks([], 1, 350)).toEqual({ qrsOnsetMs: 0, tEndMs: 350 });
  });
});
