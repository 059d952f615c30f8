/**
 * Axial contours of a structure made of analytic solids: on each plane, the cross-section of every part, then of
 * every hole with its winding reversed (an inner contour, nested in the outer one as planning systems write a
 * ring; readers that fill by even–odd or by nesting both get the ring).
 */
import type { DemoStructure } from './demo-anatomy';

export function structureSection(s: Pick<DemoStructure, 'parts' | 'holes'>, z: number): Float64Array[] {
  const outer = s.parts.flatMap((p) => p.section(z));
  const inner = s.holes.flatMap((h) => h.section(z)).map(reverseWinding);
  return [...outer, ...inner];
}

function reverseWinding(points: Float64Array): Float64Array {
  const n = points.length / 3;
  const out = new Float64Array(points.length);
  for (let i = 0; i < n; i++) out.set(points.subarray(3 * (n - 1 - i), 3 * (n - i)), 3 * i);
  return out;
}
