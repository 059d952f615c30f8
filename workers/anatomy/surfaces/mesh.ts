/** A triangle mesh in LPS millimetres, with the measurements the tests and the exporters need. */
export interface TriangleMesh {
  /** x, y, z per vertex (LPS mm). */
  positions: Float32Array;
  /** Three vertex indices per triangle, counter-clockwise seen from outside (normals point outwards). */
  triangles: Uint32Array;
  /** Unit normal per vertex, when computed. */
  normals?: Float32Array;
}

export function triangleCount(mesh: TriangleMesh): number {
  return mesh.triangles.length / 3;
}

/** Enclosed volume in mL by the divergence theorem (sum of signed tetrahedra to the origin); positive when outward. */
export function enclosedVolumeMl(mesh: TriangleMesh): number {
  const p = mesh.positions;
  const t = mesh.triangles;
  let sixV = 0;
  for (let f = 0; f < t.length; f += 3) {
    const a = 3 * t[f]!;
    const b = 3 * t[f + 1]!;
    const c = 3 * t[f + 2]!;
    const ax = p[a]!, ay = p[a + 1]!, az = p[a + 2]!;
    const bx = p[b]!, by = p[b + 1]!, bz = p[b + 2]!;
    const cx = p[c]!, cy = p[c + 1]!, cz = p[c + 2]!;
    sixV += ax * (by * cz - bz * cy) - ay * (bx * cz - bz * cx) + az * (bx * cy - by * cx);
  }
  return sixV / 6 / 1000;
}

/**
 * True when every directed edge a→b is matched by exactly one b→a: the mesh is closed (watertight), 2-manifold
 * along its edges, and consistently oriented.
 */
export function isClosedAndOriented(mesh: TriangleMesh): boolean {
  const t = mesh.triangles;
  const n = mesh.positions.length / 3;
  const directed = new Map<number, number>();
  const key = (a: number, b: number): number => a * n + b;
  for (let f = 0; f < t.length; f += 3) {
    for (let e = 0; e < 3; e++) {
      const k = key(t[f + e]!, t[f + ((e + 1) % 3)]!);
      directed.set(k, (directed.get(k) ?? 0) + 1);
    }
  }
  for (const [k, count] of directed) {
    if (count !== 1) return false;
    if (directed.get(key(k % n, Math.floor(k / n))) !== 1) return false;
  }
  return true;
}
