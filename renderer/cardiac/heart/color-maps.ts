/**
 * Colour maps for values on the heart surface, as RGB bytes per vertex (vtk.js draws them as direct scalars), and
 * the same stops as a CSS gradient for the colour bar, so bar and surface can never disagree.
 */

/** A colour map: stops at fractions 0..1 of the range, RGB 0..255, interpolated linearly between them. */
export interface ColorMap {
  id: 'activation' | 'apd' | 'voltage';
  stops: readonly (readonly [fraction: number, r: number, g: number, b: number])[];
}

/**
 * Activation time in the electro-anatomical mapping convention (CARTO, Biosense Webster): red earliest, through
 * orange, yellow, green and blue, to purple latest.
 */
export const ACTIVATION_MAP: ColorMap = {
  id: 'activation',
  stops: [
    [0, 220, 30, 30],
    [0.2, 245, 140, 30],
    [0.4, 240, 225, 40],
    [0.6, 60, 190, 80],
    [0.8, 50, 110, 230],
    [1, 150, 60, 200],
  ],
};

/** APD90: viridis (van der Walt & Smith 2015), perceptually uniform, so equal steps in ms look equal. */
export const APD_MAP: ColorMap = {
  id: 'apd',
  stops: [
    [0, 68, 1, 84],
    [0.25, 59, 82, 139],
    [0.5, 33, 145, 140],
    [0.75, 94, 201, 98],
    [1, 253, 231, 37],
  ],
};

/** Transmembrane voltage: resting tissue dark blue, the upstroke through white to red at the overshoot. */
export const VOLTAGE_MAP: ColorMap = {
  id: 'voltage',
  stops: [
    [0, 20, 30, 110],
    [0.3, 40, 90, 200],
    [0.6, 235, 235, 235],
    [0.8, 245, 150, 60],
    [1, 200, 20, 20],
  ],
};

/** The voltage movie's fixed scale, mV: below rest (−90) to the TT06/ORd overshoot (about +40). */
export const VOLTAGE_RANGE_MV: readonly [number, number] = [-90, 40];

/** Vertices without a value (never activated, no APD) are drawn in this grey, distinct from every map. */
export const NO_VALUE_RGB: readonly [number, number, number] = [90, 90, 96];

/** The colour of `value` in [min, max] (clamped), RGB bytes. */
export function colorOf(map: ColorMap, value: number, [min, max]: readonly [number, number]): [number, number, number] {
  if (!Number.isFinite(value)) return [...NO_VALUE_RGB];
  const t = max > min ? Math.min(1, Math.max(0, (value - min) / (max - min))) : 0;
  const stops = map.stops;
  let k = 1;
  while (k < stops.length - 1 && stops[k]![0] < t) k++;
  const [f0, r0, g0, b0] = stops[k - 1]!;
  const [f1, r1, g1, b1] = stops[k]!;
  const u = f1 > f0 ? Math.min(1, Math.max(0, (t - f0) / (f1 - f0))) : 0;
  return [Math.round(r0 + (r1 - r0) * u), Math.round(g0 + (g1 - g0) * u), Math.round(b0 + (b1 - b0) * u)];
}

/** RGB bytes for every value, written into `out` (3 per value) when given, so the movie reuses one buffer. */
export function colorize(map: ColorMap, values: ArrayLike<number>, range: readonly [number, number], out: Uint8Array = new Uint8Array(values.length * 3)): Uint8Array {
  for (let i = 0; i < values.length; i++) {
    const [r, g, b] = colorOf(map, values[i]!, range);
    out[3 * i] = r;
    out[3 * i + 1] = g;
    out[3 * i + 2] = b;
  }
  return out;
}

/** Smallest and largest finite value, or null when there is none (a run in which nothing activated). */
export function finiteRange(values: ArrayLike<number>): [number, number] | null {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? [min, max] : null;
}

/** The map as a CSS linear gradient from `direction`'s start (the range minimum) to its end. */
export function cssGradient(map: ColorMap, direction = 'to right'): string {
  return `linear-gradient(${direction}, ${map.stops.map(([f, r, g, b]) => `rgb(${r}, ${g}, ${b}) ${(f * 100).toFixed(0)}%`).join(', ')})`;
}
