/**
 * The transfer function as the editor holds it: one list of control points, each with a value (HU for CT), an
 * opacity and a colour, in ascending value. Presets keep colour and opacity points apart (as 3D Slicer does); the
 * editor merges them at the union of their positions, which keeps both piecewise-linear curves exactly, and hands
 * vtk.js the two lists back.
 */
import type { Histogram } from './intensity-histogram';
import type { TransferTables } from './volume-presets';

export type Rgb = [number, number, number];

export interface TransferPoint {
  value: number;
  /** Opacity per unit distance (mm), 0–1. */
  opacity: number;
  color: Rgb;
}

/** Closest two points may come (in value units): vtk.js drops a point placed on another. */
const MIN_GAP = 1e-3;

export function pointsFromTables({ colors, opacities }: TransferTables): TransferPoint[] {
  const values = [...new Set([...colors.map((c) => c[0]), ...opacities.map((o) => o[0])])].sort((a, b) => a - b);
  const colorCurves = [1, 2, 3].map((channel) => colors.map((c) => [c[0], c[channel]!] as [number, number]));
  return values.map((value) => ({
    value,
    opacity: linear(opacities, value),
    color: colorCurves.map((curve) => linear(curve, value)) as Rgb,
  }));
}

export function tablesFromPoints(points: readonly TransferPoint[]): TransferTables {
  return {
    colors: points.map((p) => [p.value, ...p.color]),
    opacities: points.map((p) => [p.value, p.opacity]),
  };
}

/** A point added at `value` with `opacity`; its colour continues the curve there. Returns the list and its index. */
export function addPoint(points: readonly TransferPoint[], value: number, opacity: number): { points: TransferPoint[]; index: number } {
  if (points.some((p) => Math.abs(p.value - value) < MIN_GAP)) return { points: [...points], index: points.findIndex((p) => Math.abs(p.value - value) < MIN_GAP) };
  const curves = [0, 1, 2].map((c) => points.map((p) => [p.value, p.color[c]!] as [number, number]));
  const point: TransferPoint = { value, opacity: clamp(opacity, 0, 1), color: curves.map((curve) => linear(curve, value)) as Rgb };
  const next = [...points, point].sort((a, b) => a.value - b.value);
  return { points: next, index: next.indexOf(point) };
}

/** The point moved to (value, opacity), kept between its neighbours so the order (and so the index) holds. */
export function movePoint(points: readonly TransferPoint[], index: number, value: number, opacity: number): TransferPoint[] {
  const low = index > 0 ? points[index - 1]!.value + MIN_GAP : -Infinity;
  const high = index < points.length - 1 ? points[index + 1]!.value - MIN_GAP : Infinity;
  return points.map((p, i) => (i === index ? { ...p, value: clamp(value, low, high), opacity: clamp(opacity, 0, 1) } : p));
}

/** The list without the point; two points always stay (a transfer function needs a ramp). */
export function removePoint(points: readonly TransferPoint[], index: number): TransferPoint[] {
  if (points.length <= 2) return [...points];
  return points.filter((_, i) => i !== index);
}

export function recolourPoint(points: readonly TransferPoint[], index: number, color: Rgb): TransferPoint[] {
  return points.map((p, i) => (i === index ? { ...p, color } : p));
}

/** The editor's value axis: the data's range, widened to show every control point. */
export function editorDomain(points: readonly TransferPoint[], histogram: Histogram | null): [number, number] {
  const values = points.map((p) => p.value);
  const low = Math.min(...values, histogram?.min ?? Infinity);
  const high = Math.max(...values, histogram?.max ?? -Infinity);
  return high > low ? [low, high] : [low - 1, low + 1];
}

/** Piecewise-linear interpolation through [x, y] points in ascending x, constant beyond the ends (as vtk.js). */
export function linear(curve: readonly (readonly number[])[], x: number): number {
  if (curve.length === 0) return 0;
  if (x <= curve[0]![0]!) return curve[0]![1]!;
  for (let i = 1; i < curve.length; i++) {
    const [x1, y1] = curve[i]! as [number, number];
    if (x <= x1) {
      const [x0, y0] = curve[i - 1]! as [number, number];
      return x1 === x0 ? y1 : y0 + ((x - x0) / (x1 - x0)) * (y1 - y0);
    }
  }
  return curve[curve.length - 1]![1]!;
}

function clamp(v: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, v));
}
