/**
 * Slice spacing of a sorted stack and what is wrong with it: gaps (missing slices), non-uniform spacing, several
 * images at one position (echoes, phases), and gantry tilt (slices not stacked along their normal, so the volume is
 * sheared). Tolerances: spacing may vary by 1 % (scanner round-off), a gap is a step of more than 1.5 × the median,
 * and a tilt below 0.5° is ignored.
 */
import type { Vec3 } from '../../volume/volume';
import { normalize, planeAxes, subtract, dot } from './plane-geometry';
import type { ImageOrientation } from '../scan-types';

const SPACING_TOLERANCE = 0.01;
const GAP_FACTOR = 1.5;
const TILT_TOLERANCE_DEG = 0.5;
/** Positions closer than this (mm) are the same slice position. */
const SAME_POSITION_MM = 1e-3;

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const mm = (v: number): string => `${Number(v.toFixed(3))} mm`;

export interface SliceSpacing {
  spacingMm?: number;
  warnings: string[];
}

export function analyseSliceSpacing(positionsMm: number[], firstPosition: Vec3, lastPosition: Vec3, orientation: ImageOrientation): SliceSpacing {
  const warnings: string[] = [];
  const steps: number[] = [];
  let coincident = 0;
  for (let i = 1; i < positionsMm.length; i++) {
    const step = positionsMm[i]! - positionsMm[i - 1]!;
    if (step < SAME_POSITION_MM) coincident++;
    else steps.push(step);
  }
  if (coincident > 0) {
    warnings.push(`${coincident} image(s) share a slice position with another image (several echoes, phases or times?): not a simple stack`);
  }
  if (steps.length === 0) return { warnings };
  const spacingMm = median(steps);
  const gaps = steps.map((s, i) => ({ s, i })).filter(({ s }) => s > GAP_FACTOR * spacingMm);
  for (const { s, i } of gaps.slice(0, 5)) warnings.push(`gap of ${mm(s)} after slice ${i + 1} (expected ${mm(spacingMm)}): slices missing?`);
  if (gaps.length > 5) warnings.push(`${gaps.length - 5} more gaps`);
  const regular = steps.filter((s) => s <= GAP_FACTOR * spacingMm);
  const min = Math.min(...regular);
  const max = Math.max(...regular);
  if (max - min > SPACING_TOLERANCE * spacingMm) warnings.push(`non-uniform slice spacing: from ${mm(min)} to ${mm(max)}`);

  const travel = subtract(lastPosition, firstPosition);
  if (Math.hypot(...travel) > SAME_POSITION_MM) {
    const { normal } = planeAxes(orientation);
    const cosine = Math.min(1, Math.abs(dot(normalize(travel), normal)));
    const tiltDeg = (Math.acos(cosine) * 180) / Math.PI;
    if (tiltDeg > TILT_TOLERANCE_DEG) warnings.push(`gantry tilt: slices are stacked ${tiltDeg.toFixed(1)}° off their normal (the volume is sheared)`);
  }
  return { spacingMm, warnings };
}
