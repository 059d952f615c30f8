/**
 * The surface vertex nearest to a point (LPS mm): a click on the heart is snapped to a vertex so that the value
 * shown is the value stored for that vertex, and an event's LPS point is shown on the surface it lies under.
 * A linear scan: ≤ 30 000 vertices per surface, once per click.
 */
export interface NearestVertex {
  index: number;
  distanceMm: number;
  pointLps: [number, number, number];
}

export function nearestVertex(verticesLps: ArrayLike<number>, [x, y, z]: readonly [number, number, number]): NearestVertex | null {
  let best = -1;
  let bestSq = Infinity;
  for (let i = 0; 3 * i + 2 < verticesLps.length; i++) {
    const dx = verticesLps[3 * i]! - x;
    const dy = verticesLps[3 * i + 1]! - y;
    const dz = verticesLps[3 * i + 2]! - z;
    const sq = dx * dx + dy * dy + dz * dz;
    if (sq < bestSq) {
      bestSq = sq;
      best = i;
    }
  }
  if (best < 0) return null;
  return { index: best, distanceMm: Math.sqrt(bestSq), pointLps: [verticesLps[3 * best]!, verticesLps[3 * best + 1]!, verticesLps[3 * best + 2]!] };
}
