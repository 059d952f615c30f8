/**
 * Which organ a point lies in, from the organs' closed surfaces (binary STL, LPS mm): a ray from the point crosses
 * a closed surface an odd number of times when the point is inside (the even–odd rule). Used when the linked point
 * comes from the 2D viewer, where no surface was picked. A few tens of thousands of triangles take milliseconds,
 * once per linked-point change, not per frame.
 */
import type { Vec3 } from '../shell/linked-point';
import { stlTriangleCount } from './stl-to-obj';

const FIRST_VERTEX_BYTE = 84 + 12; // header, count, then the facet normal of the first triangle
const TRIANGLE_BYTES = 50;
/**
 * The ray's direction: not along an axis, so it does not run exactly through the shared edges and vertices of a
 * mesh built on a voxel grid (a hit on an edge would count twice or not at all).
 */
const RAY: Vec3 = normalise([0.5773, 0.5812, 0.5734]);
const EPSILON = 1e-9;

export function stlContainsPoint(stl: ArrayBuffer, point: Vec3): boolean {
  const count = stlTriangleCount(stl);
  const view = new DataView(stl);
  const v = new Float64Array(9);
  let crossings = 0;
  for (let t = 0; t < count; t++) {
    const base = FIRST_VERTEX_BYTE + t * TRIANGLE_BYTES;
    for (let k = 0; k < 9; k++) v[k] = view.getFloat32(base + k * 4, true);
    if (rayHitsTriangle(point, v)) crossings++;
  }
  return crossings % 2 === 1;
}

export interface MeshedStructure {
  name: string;
  stl: ArrayBuffer;
  volumeMl: number;
}

/**
 * The innermost structure containing the point (the smallest by volume: a point in the heart lies in the body
 * too, and the heart is what the clinician means), or null.
 */
export function structureAt(point: Vec3, structures: readonly MeshedStructure[]): string | null {
  const inside = structures.filter((s) => stlContainsPoint(s.stl, point));
  if (inside.length === 0) return null;
  return inside.reduce((best, s) => (s.volumeMl < best.volumeMl ? s : best)).name;
}

/** Möller–Trumbore ray–triangle test for the ray point + t·RAY, t > 0; `v` holds the three vertices. */
function rayHitsTriangle(o: Vec3, v: Float64Array): boolean {
  const e1x = v[3]! - v[0]!, e1y = v[4]! - v[1]!, e1z = v[5]! - v[2]!;
  const e2x = v[6]! - v[0]!, e2y = v[7]! - v[1]!, e2z = v[8]! - v[2]!;
  const px = RAY[1] * e2z - RAY[2] * e2y, py = RAY[2] * e2x - RAY[0] * e2z, pz = RAY[0] * e2y - RAY[1] * e2x;
  const det = e1x * px + e1y * py + e1z * pz;
  if (Math.abs(det) < EPSILON) return false; // the ray runs parallel to the triangle
  const inv = 1 / det;
  const sx = o[0] - v[0]!, sy = o[1] - v[1]!, sz = o[2] - v[2]!;
  const u = (sx * px + sy * py + sz * pz) * inv;
  if (u < 0 || u > 1) return false;
  const qx = sy * e1z - sz * e1y, qy = sz * e1x - sx * e1z, qz = sx * e1y - sy * e1x;
  const w = (RAY[0] * qx + RAY[1] * qy + RAY[2] * qz) * inv;
  if (w < 0 || u + w > 1) return false;
  return (e2x * qx + e2y * qy + e2z * qz) * inv > 0;
}

function normalise(d: Vec3): Vec3 {
  const n = Math.hypot(...d);
  return [d[0] / n, d[1] / n, d[2] / n];
}
