/** Vertex rings of a closed, oriented triangle mesh in compressed form (CSR): neighbours of v are list[start[v] .. start[v+1]). */
import type { TriangleMesh } from './mesh';

export interface VertexNeighbours {
  start: Uint32Array;
  list: Uint32Array;
}

/**
 * On a closed oriented mesh every undirected edge occurs once in each direction, so taking the directed edges a→b
 * lists each neighbour of a exactly once without deduplication.
 */
export function vertexNeighbours(mesh: TriangleMesh): VertexNeighbours {
  const n = mesh.positions.length / 3;
  const t = mesh.triangles;
  const start = new Uint32Array(n + 1);
  for (let f = 0; f < t.length; f++) start[t[f]! + 1]!++;
  for (let v = 0; v < n; v++) start[v + 1]! += start[v]!;
  const fill = start.slice(0, n);
  const list = new Uint32Array(t.length);
  for (let f = 0; f < t.length; f += 3) {
    for (let e = 0; e < 3; e++) list[fill[t[f + e]!]!++] = t[f + ((e + 1) % 3)]!;
  }
  return { start, list };
}
