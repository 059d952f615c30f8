import { describe, expect, it } from 'vitest';
import { linearScale, niceDomain, niceTicks } from './chart-scale';

describe('chart axes', () => {
  it('maps the domain ends onto the range ends, flipped for SVG y', () => {
    const y = linearScale([-40, 60], [200, 0]);
    expect(y(-40)).toBe(200);
    expect(y(60)).toBe(0);
    expect(y(10)).toBe(100);
  });

  it('puts ticks on 1-2-5 steps without floating-point tails', () => {
    expect(niceTicks(0, 0.2, 4)).toEqual([0, 0.05, 0.1, 0.15, 0.2]);
    expect(niceTicks(-35, 62, 5)).toEqual([-20, 0, 20, 40, 60]);
    expect(niceTicks(0, 900, 5)).toEqual([0, 200, 400, 600, 800]);
  });

  it('widens a domain to whole ticks and keeps the threshold inside', () => {
    expect(niceDomain([-8, 12], [0, 30])).toEqual([-10, 30]);
    expect(niceDomain([5, 5])).toEqual([4, 6]);
  });
});
