import { describe, expect, it } from 'vitest';
import { ACTIVATION_MAP, colorize, colorOf, cssGradient, finiteRange, NO_VALUE_RGB, VOLTAGE_MAP, VOLTAGE_RANGE_MV } from './color-maps';

describe('heart colour maps', () => {
  it('colours earliest activation red and latest purple (CARTO convention), clamping outside the range', () => {
    expect(colorOf(ACTIVATION_MAP, 0, [0, 100])).toEqual([220, 30, 30]);
    expect(colorOf(ACTIVATION_MAP, 100, [0, 100])).toEqual([150, 60, 200]);
    expect(colorOf(ACTIVATION_MAP, -50, [0, 100])).toEqual([220, 30, 30]);
    expect(colorOf(ACTIVATION_MAP, 500, [0, 100])).toEqual([150, 60, 200]);
  });

  it('interpolates linearly between stops', () => {
    // halfway between the 0.2 (orange) and 0.4 (yellow) stops
    expect(colorOf(ACTIVATION_MAP, 30, [0, 100])).toEqual([243, 183, 35]);
  });

  it('draws values without a number in the no-value grey', () => {
    expect(colorOf(VOLTAGE_MAP, NaN, VOLTAGE_RANGE_MV)).toEqual([...NO_VALUE_RGB]);
  });

  it('maps resting tissue to the cold end and the overshoot to the hot end of the voltage scale', () => {
    const rgb = colorize(VOLTAGE_MAP, [-90, 40], VOLTAGE_RANGE_MV);
    expect([...rgb.subarray(0, 3)]).toEqual([20, 30, 110]);
    expect([...rgb.subarray(3, 6)]).toEqual([200, 20, 20]);
  });

  it('reuses the output buffer it is given', () => {
    const out = new Uint8Array(6);
    expect(colorize(ACTIVATION_MAP, [0, 10], [0, 10], out)).toBe(out);
  });

  it('finds the finite range, or null when nothing activated', () => {
    expect(finiteRange([NaN, 4, -2, Infinity, 7])).toEqual([-2, 7]);
    expect(finiteRange([NaN, NaN])).toBeNull();
  });

  it('gives the colour bar the same stops as the surface', () => {
    expect(cssGradient(ACTIVATION_MAP)).toBe(
      'linear-gradient(to right, rgb(220, 30, 30) 0%, rgb(245, 140, 30) 20%, rgb(240, 225, 40) 40%, rgb(60, 190, 80) 60%, rgb(50, 110, 230) 80%, rgb(150, 60, 200) 100%)',
    );
  });
});
