/**
 * Decimation to a target triangle count by quadric-error edge collapse (Garland & Heckbert, "Surface
 * simplification using quadric error metrics", SIGGRAPH 1997). Each vertex carries the sum of the squared-distance
 * quadrics of its original planes; the cheapest edge is collapsed to the point that minimises the summed quadric.
 *
 * Collapses that would break the surface are refused, so a closed, oriented mesh stays closed and oriented:
 * the link condition (the edge's endpoints share exactly the two opposite vertices; Dey et al. 1999) keeps it
 * 2-manifold, and no triangle may flip or fold (its normal must keep pointing the same way).
 */
import type { JobContext } from '../../process/job-context';
import type { TriangleMesh } from './mesh';

/** Below this cosine between a triangle's old and new normal the collapse would fold the surface. */
const MIN_NORMAL_COSINE = 0.2;

type Quadric = Float64Array; // 10 numbers per vertex: aa ab ac ad bb bc bd cc cd dd

/** A binary min-heap of collapse candidates in typed arrays (millions of entries, no per-entry objects). */
class CandidateHeap {
  private heap = new Int32Array(1024);
  private size = 0;
  private count = 0;
  cost = new Float64Array(1024);
  a = new Int32Array(1024);
  b = new Int32Array(1024);
  stampA = new Uint32Array(1024);
  stampB = new Uint32Array(1024);
  x = new Float64Array(3 * 1024);

  private grow(): void {
    const n = this.cost.length * 2;
    const bigger = <T extends Float64Array | Int32Array | Uint32Array>(old: T, m: number): T => {
      const next = new (old.constructor as new (k: number) => T)(m);
      next.set(old);
      return next;
    };
    this.cost = bigger(this.cost, n);
    this.a = bigger(this.a, n);
    this.b = bigger(this.b, n);
    this.stampA = bigger(this.stampA, n);
    this.stampB = bigger(this.stampB, n);
    this.x = bigger(this.x, 3 * n);
    this.heap = bigger(this.heap, n);
  }

  push(cost: number, a: number, b: number, stampA: number, stampB: number, x0: number, x1: number, x2: number): void {
    if (this.count === this.cost.length) this.grow();
    const id = this.count++;
    this.cost[id] = cost;
    this.a[id] = a;
    this.b[id] = b;
    this.stampA[id] = stampA;
    this.stampB[id] = stampB;
    this.x[3 * id] = x0;
    this.x[3 * id + 1] = x1;
    this.x[3 * id + 2] = x2;
    const h = this.heap;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.cost[h[parent]!]! <= cost) break;
      h[i] = h[parent]!;
      i = parent;
    }
    h[i] = id;
  }

  pop(): number | undefined {
    if (this.size === 0) return undefined;
    const h = this.heap;
    const top = h[0]!;
    const last = h[--this.size]!;
    if (this.size > 0) {
      let i = 0;
      const c = this.cost[last]!;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= this.size) break;
        if (child + 1 < this.size && this.cost[h[child + 1]!]! < this.cost[h[child]!]!) child++;
        if (this.cost[h[child]!]! >= c) break;
        h[i] = h[child]!;
        i = child;
      }
      h[i] = last;
    }
    return top;
  }
}

export function decimateQuadric(mesh: TriangleMesh, targetTriangles: number, ctx?: JobContext): TriangleMesh {
  const nV = mesh.positions.length / 3;
  const nT = mesh.triangles.length / 3;
  if (targetTriangles >= nT) return { positions: mesh.positions.slice(), triangles: mesh.triangles.slice() };
  const pos = Float64Array.from(mesh.positions);
  const tri = Int32Array.from(mesh.triangles);
  const triAlive = new Uint8Array(nT).fill(1);
  const vertTris: number[][] = Array.from({ length: nV }, () => []);
  for (let f = 0; f < nT; f++) for (let e = 0; e < 3; e++) vertTris[tri[3 * f + e]!]!.push(f);
  const stamp = new Uint32Array(nV);
  const q: Quadric = new Float64Array(10 * nV);

  // Plane quadrics, weighted by triangle area so that the slivers of marching cubes do not dominate.
  for (let f = 0; f < nT; f++) {
    const n = faceNormal(pos, tri, f);
    const len = Math.hypot(n[0], n[1], n[2]);
    if (len === 0) continue;
    const [a, b, c] = [n[0] / len, n[1] / len, n[2] / len];
    const v0 = 3 * tri[3 * f]!;
    const d = -(a * pos[v0]! + b * pos[v0 + 1]! + c * pos[v0 + 2]!);
    const w = len / 2;
    const plane = [a * a, a * b, a * c, a * d, b * b, b * c, b * d, c * c, c * d, d * d];
    for (let e = 0; e < 3; e++) {
      const v = tri[3 * f + e]!;
      for (let m = 0; m < 10; m++) q[10 * v + m]! += w * plane[m]!;
    }
  }

  const heap = new CandidateHeap();
  const best = new Float64Array(4); // cost, x, y, z
  const consider = (a: number, b: number): void => {
    bestCollapse(q, pos, a, b, best);
    heap.push(best[0]!, a, b, stamp[a]!, stamp[b]!, best[1]!, best[2]!, best[3]!);
  };
  for (let f = 0; f < nT; f++)
    for (let e = 0; e < 3; e++) {
      const a = tri[3 * f + e]!;
      const b = tri[3 * f + ((e + 1) % 3)]!;
      if (a < b) consider(a, b);
    }

  // Vertex rings, marked in a stamp array instead of building sets: mark[u] === tick means "u is in the ring".
  const mark = new Uint32Array(nV);
  let tick = 0;
  const ring: number[] = [];
  const markRing = (v: number): number[] => {
    tick++;
    ring.length = 0;
    for (const f of vertTris[v]!) {
      if (!triAlive[f]) continue;
      for (let e = 0; e < 3; e++) {
        const u = tri[3 * f + e]!;
        if (u !== v && mark[u] !== tick) {
          mark[u] = tick;
          ring.push(u);
        }
      }
    }
    return ring;
  };

  let alive = nT;
  let popped = 0;
  for (let id = heap.pop(); id !== undefined && alive > targetTriangles; id = heap.pop()) {
    if (++popped % 4096 === 0) {
      ctx?.throwIfCancelled();
      ctx?.progress(Math.min(1, (nT - alive) / (nT - targetTriangles)), 'decimating');
    }
    const a = heap.a[id]!;
    const b = heap.b[id]!;
    if (heap.stampA[id] !== stamp[a] || heap.stampB[id] !== stamp[b]) continue; // stale (or a vertex is gone)
    const x: [number, number, number] = [heap.x[3 * id]!, heap.x[3 * id + 1]!, heap.x[3 * id + 2]!];
    const sizeB = markRing(b).length;
    if (mark[a] !== tick) continue; // the edge is gone
    let shared = 0;
    let sizeA = 0;
    for (const f of vertTris[a]!) {
      if (!triAlive[f]) continue;
      for (let e = 0; e < 3; e++) {
        const u = tri[3 * f + e]!;
        // Each neighbour of a shows up in two of a's triangles: count it once, on its outgoing edge a→u.
        if (tri[3 * f + ((e + 2) % 3)] === a) {
          sizeA++;
          if (mark[u] === tick) shared++;
        }
      }
    }
    if (shared !== 2 || sizeA + sizeB - 2 < 4) continue; // link condition; never collapse a tetrahedron
    if (wouldFold(pos, tri, triAlive, vertTris[a]!, a, b, x) || wouldFold(pos, tri, triAlive, vertTris[b]!, b, a, x)) continue;

    for (const f of vertTris[b]!) {
      if (!triAlive[f]) continue;
      let hasA = false;
      for (let e = 0; e < 3; e++) if (tri[3 * f + e] === a) hasA = true;
      if (hasA) {
        triAlive[f] = 0;
        alive--;
        continue;
      }
      for (let e = 0; e < 3; e++) if (tri[3 * f + e] === b) tri[3 * f + e] = a;
      vertTris[a]!.push(f);
    }
    vertTris[a] = vertTris[a]!.filter((f) => triAlive[f]);
    vertTris[b] = [];
    pos[3 * a] = x[0];
    pos[3 * a + 1] = x[1];
    pos[3 * a + 2] = x[2];
    for (let m = 0; m < 10; m++) q[10 * a + m]! += q[10 * b + m]!;
    stamp[a]!++;
    stamp[b] = 0xffffffff; // no candidate can match a removed vertex again
    for (const v of markRing(a)) consider(Math.min(a, v), Math.max(a, v));
  }
  return compact(pos, tri, triAlive);
}

function faceNormal(pos: Float64Array, tri: Int32Array, f: number): [number, number, number] {
  const a = 3 * tri[3 * f]!, b = 3 * tri[3 * f + 1]!, c = 3 * tri[3 * f + 2]!;
  const ux = pos[b]! - pos[a]!, uy = pos[b + 1]! - pos[a + 1]!, uz = pos[b + 2]! - pos[a + 2]!;
  const wx = pos[c]! - pos[a]!, wy = pos[c + 1]! - pos[a + 1]!, wz = pos[c + 2]! - pos[a + 2]!;
  return [uy * wz - uz * wy, uz * wx - ux * wz, ux * wy - uy * wx];
}

/** Would moving `v` to x flip or fold any of its triangles that survive the collapse (those without `other`)? */
function wouldFold(
  pos: Float64Array,
  tri: Int32Array,
  triAlive: Uint8Array,
  faces: number[],
  v: number,
  other: number,
  x: [number, number, number],
): boolean {
  for (const f of faces) {
    if (!triAlive[f]) continue;
    const t0 = tri[3 * f]!, t1 = tri[3 * f + 1]!, t2 = tri[3 * f + 2]!;
    if (t0 === other || t1 === other || t2 === other) continue;
    // Rotate so that v comes first: the normal is (p1 − p0) × (p2 − p0) before and after p0 moves to x.
    const [p1, p2] = t0 === v ? [t1, t2] : t1 === v ? [t2, t0] : [t0, t1];
    const ux = pos[3 * p1]! - pos[3 * v]!, uy = pos[3 * p1 + 1]! - pos[3 * v + 1]!, uz = pos[3 * p1 + 2]! - pos[3 * v + 2]!;
    const wx = pos[3 * p2]! - pos[3 * v]!, wy = pos[3 * p2 + 1]! - pos[3 * v + 1]!, wz = pos[3 * p2 + 2]! - pos[3 * v + 2]!;
    const bx = uy * wz - uz * wy, by = uz * wx - ux * wz, bz = ux * wy - uy * wx;
    const sx = pos[3 * p1]! - x[0], sy = pos[3 * p1 + 1]! - x[1], sz = pos[3 * p1 + 2]! - x[2];
    const tx = pos[3 * p2]! - x[0], ty = pos[3 * p2 + 1]! - x[1], tz = pos[3 * p2 + 2]! - x[2];
    const ax = sy * tz - sz * ty, ay = sz * tx - sx * tz, az = sx * ty - sy * tx;
    const la = Math.sqrt(ax * ax + ay * ay + az * az);
    if (la === 0) return true;
    const lb = Math.sqrt(bx * bx + by * by + bz * bz) || 1;
    if ((ax * bx + ay * by + az * bz) / (la * lb) < MIN_NORMAL_COSINE) return true;
  }
  return false;
}

/**
 * Quadric error of collapsing edge a–b and where the merged vertex goes (the minimiser, else the best of a, b and
 * the middle), written into out = [cost, x, y, z].
 */
function bestCollapse(q: Quadric, pos: Float64Array, a: number, b: number, out: Float64Array): void {
  const qa = 10 * a;
  const qb = 10 * b;
  const aa = q[qa]! + q[qb]!, ab = q[qa + 1]! + q[qb + 1]!, ac = q[qa + 2]! + q[qb + 2]!, ad = q[qa + 3]! + q[qb + 3]!;
  const bb = q[qa + 4]! + q[qb + 4]!, bc = q[qa + 5]! + q[qb + 5]!, bd = q[qa + 6]! + q[qb + 6]!;
  const cc = q[qa + 7]! + q[qb + 7]!, cd = q[qa + 8]! + q[qb + 8]!, dd = q[qa + 9]! + q[qb + 9]!;
  const error = (x: number, y: number, z: number): number =>
    aa * x * x + 2 * ab * x * y + 2 * ac * x * z + bb * y * y + 2 * bc * y * z + cc * z * z + 2 * (ad * x + bd * y + cd * z) + dd;
  // Solve A·x = −b by Cramer's rule when A is well conditioned (not on a plane or a straight crease).
  const det = aa * (bb * cc - bc * bc) - ab * (ab * cc - bc * ac) + ac * (ab * bc - bb * ac);
  const trace = aa + bb + cc;
  if (Math.abs(det) > 1e-6 * trace * trace * trace) {
    const [r0, r1, r2] = [-ad, -bd, -cd];
    const x = (r0 * (bb * cc - bc * bc) - ab * (r1 * cc - bc * r2) + ac * (r1 * bc - bb * r2)) / det;
    const y = (aa * (r1 * cc - bc * r2) - r0 * (ab * cc - bc * ac) + ac * (ab * r2 - r1 * ac)) / det;
    const z = (aa * (bb * r2 - r1 * bc) - ab * (ab * r2 - r1 * ac) + r0 * (ab * bc - bb * ac)) / det;
    // Keep the optimum near the edge: far away means the quadric is nearly singular after all.
    const mx = (pos[3 * a]! + pos[3 * b]!) / 2;
    const my = (pos[3 * a + 1]! + pos[3 * b + 1]!) / 2;
    const mz = (pos[3 * a + 2]! + pos[3 * b + 2]!) / 2;
    const edge = Math.hypot(pos[3 * a]! - pos[3 * b]!, pos[3 * a + 1]! - pos[3 * b + 1]!, pos[3 * a + 2]! - pos[3 * b + 2]!);
    if (Math.hypot(x - mx, y - my, z - mz) <= 2 * edge) {
      out[0] = error(x, y, z);
      out[1] = x;
      out[2] = y;
      out[3] = z;
      return;
    }
  }
  // Endpoints and middle; the middle wins ties so that flat regions shrink evenly.
  out[0] = Infinity;
  for (let t = 2; t >= 0; t--) {
    const wa = t === 0 ? 1 : t === 1 ? 0 : 0.5;
    const x = wa * pos[3 * a]! + (1 - wa) * pos[3 * b]!;
    const y = wa * pos[3 * a + 1]! + (1 - wa) * pos[3 * b + 1]!;
    const z = wa * pos[3 * a + 2]! + (1 - wa) * pos[3 * b + 2]!;
    const e = error(x, y, z);
    if (e < out[0]!) {
      out[0] = e;
      out[1] = x;
      out[2] = y;
      out[3] = z;
    }
  }
}

function compact(pos: Float64Array, tri: Int32Array, triAlive: Uint8Array): TriangleMesh {
  const remap = new Int32Array(pos.length / 3).fill(-1);
  const triangles: number[] = [];
  const positions: number[] = [];
  for (let f = 0; f < triAlive.length; f++) {
    if (!triAlive[f]) continue;
    for (let e = 0; e < 3; e++) {
      const v = tri[3 * f + e]!;
      if (remap[v]! < 0) {
        remap[v] = positions.length / 3;
        positions.push(pos[3 * v]!, pos[3 * v + 1]!, pos[3 * v + 2]!);
      }
      triangles.push(remap[v]!);
    }
  }
  return { positions: Float32Array.from(positions), triangles: Uint32Array.from(triangles) };
}
