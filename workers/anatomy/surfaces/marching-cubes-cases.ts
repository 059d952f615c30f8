/**
 * The marching-cubes case table, derived at load time instead of typed in (Lorensen & Cline, SIGGRAPH 1987).
 *
 * For each of the 256 inside/outside patterns of a cube's corners, the surface crosses every edge whose corners
 * disagree. On each face, the crossings are paired into segments that cut off each run of inside corners; on a face
 * with two diagonal inside corners this "separate the inside corners" decision is the same for both cubes that share
 * the face (Dürst 1988 showed that any fixed face rule gives a crack-free surface). Chaining the face segments gives
 * closed loops on the cube's surface; a fan over each loop gives the triangles. Segments are oriented so that every
 * triangle faces from inside to outside, and a face's segments run in opposite directions in its two cubes, so the
 * whole surface is closed, 2-manifold and consistently oriented.
 *
 * Conventions: corner c sits at (c & 1, c >> 1 & 1, c >> 2 & 1). Edges 0–3 run along x, 4–7 along y, 8–11 along z.
 */
type P3 = [number, number, number];

export const CUBE_EDGES: [number, number][] = [
  [0, 1], [2, 3], [4, 5], [6, 7], // along x
  [0, 2], [1, 3], [4, 6], [5, 7], // along y
  [0, 4], [1, 5], [2, 6], [3, 7], // along z
];

/** Faces as corner cycles (consecutive corners share an edge) with their outward normals. */
const FACES: { corners: [number, number, number, number]; normal: P3 }[] = [
  { corners: [0, 2, 6, 4], normal: [-1, 0, 0] },
  { corners: [1, 3, 7, 5], normal: [1, 0, 0] },
  { corners: [0, 1, 5, 4], normal: [0, -1, 0] },
  { corners: [2, 3, 7, 6], normal: [0, 1, 0] },
  { corners: [0, 1, 3, 2], normal: [0, 0, -1] },
  { corners: [4, 5, 7, 6], normal: [0, 0, 1] },
];

const corner = (c: number): P3 => [c & 1, (c >> 1) & 1, (c >> 2) & 1];

function edgeId(a: number, b: number): number {
  const id = CUBE_EDGES.findIndex(([p, q]) => (p === a && q === b) || (p === b && q === a));
  if (id < 0) throw new Error(`corners ${a} and ${b} share no edge`);
  return id;
}

function midpoint(edge: number): P3 {
  const [a, b] = CUBE_EDGES[edge]!.map(corner) as [P3, P3];
  return [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2, (a[2] + b[2]) / 2];
}

/** Triangles (edge ids, three per triangle) for one corner pattern; bit c set = corner c inside. */
function trianglesForCase(pattern: number): number[] {
  const inside = (c: number): boolean => ((pattern >> c) & 1) === 1;
  const next = new Map<number, number>();
  for (const { corners, normal } of FACES) {
    for (let t = 0; t < 4; t++) {
      // A run of inside corners starts at position t when the previous corner is outside.
      if (!inside(corners[t]!) || inside(corners[(t + 3) % 4]!)) continue;
      let end = t;
      while (inside(corners[(end + 1) % 4]!) && (end + 1) % 4 !== t) end = (end + 1) % 4;
      const enter = edgeId(corners[(t + 3) % 4]!, corners[t]!);
      const exit = edgeId(corners[end]!, corners[(end + 1) % 4]!);
      // Orient A→B so that (B − A) × outward normal points at the inside corner being cut off.
      const a = midpoint(enter);
      const b = midpoint(exit);
      const d: P3 = [b[0] - a[0], b[1] - a[1], b[2] - a[2]];
      const side: P3 = [d[1] * normal[2] - d[2] * normal[1], d[2] * normal[0] - d[0] * normal[2], d[0] * normal[1] - d[1] * normal[0]];
      const c = corner(corners[t]!);
      const dot = side[0] * (c[0] - a[0]) + side[1] * (c[1] - a[1]) + side[2] * (c[2] - a[2]);
      if (dot > 0) next.set(enter, exit);
      else next.set(exit, enter);
    }
  }
  const triangles: number[] = [];
  const used = new Set<number>();
  for (const start of next.keys()) {
    if (used.has(start)) continue;
    const loop: number[] = [];
    for (let e = start; !used.has(e); e = next.get(e)!) {
      used.add(e);
      loop.push(e);
    }
    for (let t = 1; t + 1 < loop.length; t++) triangles.push(loop[0]!, loop[t]!, loop[t + 1]!);
  }
  return triangles;
}

/** CASE_TRIANGLES[pattern] lists edge ids, three per triangle, oriented inside → outside. */
export const CASE_TRIANGLES: Int8Array[] = Array.from({ length: 256 }, (_, pattern) => Int8Array.from(trianglesForCase(pattern)));
