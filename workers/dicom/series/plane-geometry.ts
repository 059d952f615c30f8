/** Vector helpers for image planes in LPS millimetres. */
import type { Vec3 } from '../../volume/volume';
import type { ImageOrientation } from '../scan-types';

export function dot(a: Vec3, b: Vec3): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

export function cross(a: Vec3, b: Vec3): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

export function subtract(a: Vec3, b: Vec3): Vec3 {
  return [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
}

export function norm(a: Vec3): number {
  return Math.hypot(a[0], a[1], a[2]);
}

export function normalize(a: Vec3): Vec3 {
  const n = norm(a) || 1;
  return [a[0] / n, a[1] / n, a[2] / n];
}

/** Row direction (along a row, i increasing), column direction (down the columns, j increasing), and their normal. */
export function planeAxes(iop: ImageOrientation): { row: Vec3; column: Vec3; normal: Vec3 } {
  const row = normalize([iop[0], iop[1], iop[2]]);
  const column = normalize([iop[3], iop[4], iop[5]]);
  return { row, column, normal: normalize(cross(row, column)) };
}

/** Orientations equal within 1e-3 in every direction cosine (scanner round-off) count as one plane. */
export function sameOrientation(a: ImageOrientation, b: ImageOrientation): boolean {
  return a.every((v, i) => Math.abs(v - b[i]!) < 1e-3);
}
