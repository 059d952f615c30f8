import { describe, expect, it } from 'vitest';
import { clampFrame, frameAtTimeMs, frameTimeMs, frameValues, nextFrame } from './voltage-frames';

describe('voltage movie frames', () => {
  const layout = { frames: 3, vertices: 2, frameIntervalMs: 5 };
  const voltage = Float32Array.from([-85, -85, 20, -85, 20, 20]);

  it('gives frame k as the k-th row of vertices', () => {
    expect([...frameValues(voltage, layout, 1)]).toEqual([20, -85]);
    expect([...frameValues(voltage, layout, 99)]).toEqual([20, 20]);
  });

  it('converts between frame and time, clamped to the movie', () => {
    expect(frameTimeMs(layout, 2)).toBe(10);
    expect(frameAtTimeMs(layout, 6)).toBe(1);
    expect(frameAtTimeMs(layout, 8)).toBe(2);
    expect(frameAtTimeMs(layout, 1000)).toBe(2);
    expect(clampFrame(layout, -3)).toBe(0);
  });

  it('loops when playing past the last frame', () => {
    expect(nextFrame(layout, 1)).toBe(2);
    expect(nextFrame(layout, 2)).toBe(0);
    expect(nextFrame({ ...layout, frames: 0 }, 0)).toBe(0);
  });
});
