/** Signed area (mm², counter-clockwise positive) of a planar contour given as x, y, z triples, by the shoelace formula. */
export function polygonAreaMm2(p: Float64Array): number {
  let twice = 0;
  const n = p.length / 3;
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n;
    twice += p[3 * i]! * p[3 * j + 1]! - p[3 * j]! * p[3 * i + 1]!;
  }
  return twice / 2;
}
