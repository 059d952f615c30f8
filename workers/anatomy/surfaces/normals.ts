/** Vertex normals as the area-weighted mean of the incident triangles' normals (the cross product carries the area). */
import type { TriangleMesh } from './mesh';

export function withVertexNormals(mesh: TriangleMesh): TriangleMesh {
  const p = mesh.positions;
  const t = mesh.triangles;
  const normals = new Float32Array(p.length);
  for (let f = 0; f < t.length; f += 3) {
    const a = 3 * t[f]!;
    const b = 3 * t[f + 1]!;
    const c = 3 * t[f + 2]!;
    const ux = p[b]! - p[a]!, uy = p[b + 1]! - p[a + 1]!, uz = p[b + 2]! - p[a + 2]!;
    const vx = p[c]! - p[a]!, vy = p[c + 1]! - p[a + 1]!, vz = p[c + 2]! - p[a + 2]!;
    const nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
    for (const v of [a, b, c]) {
      normals[v]! += nx;
      normals[v + 1]! += ny;
      normals[v + 2]! += nz;
    }
  }
  for (let v = 0; v < normals.length; v += 3) {
    const len = Math.hypot(normals[v]!, normals[v + 1]!, normals[v + 2]!) || 1;
    normals[v]! /= len;
    normals[v + 1]! /= len;
    normals[v + 2]! /= len;
  }
  return { ...mesh, normals };
}
