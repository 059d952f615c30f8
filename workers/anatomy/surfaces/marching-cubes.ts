/**
 * Surface of one label of a label map by marching cubes over voxel centres, vertices at edge midpoints (the 0.5
 * iso-level of the label's indicator). Written for speed on whole-body label maps: the work is limited to the
 * label's bounding box, the case index of the next cube reuses half of the previous one, and vertices are shared
 * through per-slice edge tables instead of a hash map.
 */
import type { JobContext } from '../../process/job-context';
import { voxelToWorld, type LabelMap } from '../../volume/volume';
import { cropPadded } from '../morphology/crop';
import { CASE_TRIANGLES } from './marching-cubes-cases';
import type { TriangleMesh } from './mesh';

/** A growable typed array, so millions of vertices never become JS arrays of numbers. */
class Grow<T extends Float32Array | Uint32Array> {
  length = 0;
  constructor(
    public data: T,
    private readonly make: (n: number) => T,
  ) {}
  push3(a: number, b: number, c: number): void {
    if (this.length + 3 > this.data.length) {
      const bigger = this.make(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = a;
    this.data[this.length++] = b;
    this.data[this.length++] = c;
  }
  trimmed(): T {
    return this.data.slice(0, this.length) as T;
  }
}

/** The closed, outward-oriented surface of voxels equal to `value`; empty when there are none. */
export function labelSurface(map: LabelMap, value: number, ctx?: JobContext): TriangleMesh {
  const [nx, ny, nz] = map.dims;
  const inside = new Uint8Array(map.data.length);
  let min = [nx, ny, nz];
  let max = [-1, -1, -1];
  for (let k = 0, idx = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++, idx++) {
        if (map.data[idx] !== value) continue;
        inside[idx] = 1;
        if (i < min[0]!) min[0] = i;
        if (i > max[0]!) max[0] = i;
        if (j < min[1]!) min[1] = j;
        if (j > max[1]!) max[1] = j;
        if (k < min[2]!) min[2] = k;
        if (k > max[2]!) max[2] = k;
      }
  if (max[0]! < 0) return { positions: new Float32Array(0), triangles: new Uint32Array(0) };
  // One voxel of outside all round, so the surface closes at the image border too.
  min = min.map((v) => v - 1);
  max = max.map((v) => v + 1);
  const crop = cropPadded(map.dims, inside, [min[0]!, min[1]!, min[2]!], [max[0]!, max[1]!, max[2]!]);
  const [cx, cy, cz] = crop.dims;
  const d = crop.data;
  const plane = cx * cy;

  const positions = new Grow(new Float32Array(3 * 65536), (n) => new Float32Array(n));
  const triangles = new Grow(new Uint32Array(3 * 65536), (n) => new Uint32Array(n));
  // Vertex ids of edge crossings: x- and y-edges in the lower (0) and upper (1) slice of the current cube layer,
  // and z-edges between them. -1 = not made yet.
  let xLow = new Int32Array(plane).fill(-1);
  let xHigh = new Int32Array(plane).fill(-1);
  let yLow = new Int32Array(plane).fill(-1);
  let yHigh = new Int32Array(plane).fill(-1);
  const zMid = new Int32Array(plane);
  const edgeVertex = new Int32Array(12);

  for (let k = 0; k + 1 < cz; k++) {
    ctx?.throwIfCancelled();
    zMid.fill(-1);
    const lo = k * plane;
    const hi = lo + plane;
    for (let j = 0; j + 1 < cy; j++) {
      const r00 = lo + j * cx; // row at (j, k)
      const r10 = r00 + cx; // (j+1, k)
      const r01 = hi + j * cx; // (j, k+1)
      const r11 = r01 + cx; // (j+1, k+1)
      // Bits of the corners at x = i (the cube's left face), carried into the next cube as its right face.
      let left = d[r00]! | (d[r10]! << 2) | (d[r01]! << 4) | (d[r11]! << 6);
      for (let i = 0; i + 1 < cx; i++) {
        const right = d[r00 + i + 1]! | (d[r10 + i + 1]! << 2) | (d[r01 + i + 1]! << 4) | (d[r11 + i + 1]! << 6);
        const pattern = left | (right << 1);
        left = right;
        if (pattern === 0 || pattern === 255) continue;
        const tris = CASE_TRIANGLES[pattern]!;
        const a = j * cx + i;
        // Resolve the vertex of each edge the case uses, making it on first sight.
        for (let t = 0; t < tris.length; t++) {
          const e = tris[t]!;
          let table: Int32Array;
          let slot: number;
          let px = i, py = j, pz = k; // edge start corner, then the half step along the edge's axis
          switch (e) {
            case 0: table = xLow; slot = a; px += 0.5; break;
            case 1: table = xLow; slot = a + cx; py += 1; px += 0.5; break;
            case 2: table = xHigh; slot = a; pz += 1; px += 0.5; break;
            case 3: table = xHigh; slot = a + cx; py += 1; pz += 1; px += 0.5; break;
            case 4: table = yLow; slot = a; py += 0.5; break;
            case 5: table = yLow; slot = a + 1; px += 1; py += 0.5; break;
            case 6: table = yHigh; slot = a; pz += 1; py += 0.5; break;
            case 7: table = yHigh; slot = a + 1; px += 1; pz += 1; py += 0.5; break;
            case 8: table = zMid; slot = a; pz += 0.5; break;
            case 9: table = zMid; slot = a + 1; px += 1; pz += 0.5; break;
            case 10: table = zMid; slot = a + cx; py += 1; pz += 0.5; break;
            default: table = zMid; slot = a + cx + 1; px += 1; py += 1; pz += 0.5; break;
          }
          let v = table[slot]!;
          if (v < 0) {
            v = positions.length / 3;
            positions.push3(px, py, pz);
            table[slot] = v;
          }
          edgeVertex[t % 3] = v;
          if (t % 3 === 2) triangles.push3(edgeVertex[0]!, edgeVertex[1]!, edgeVertex[2]!);
        }
      }
    }
    // The upper slice's edges are the next layer's lower ones.
    [xLow, xHigh] = [xHigh, xLow.fill(-1)];
    [yLow, yHigh] = [yHigh, yLow.fill(-1)];
    if (k % 16 === 0) ctx?.progress(k / cz, 'extracting the surface');
  }

  // Crop index space → LPS mm (direction and anisotropic spacing applied once per vertex, at the end).
  const p = positions.trimmed();
  for (let v = 0; v < p.length; v += 3) {
    const w = voxelToWorld(map, p[v]! + crop.min[0], p[v + 1]! + crop.min[1], p[v + 2]! + crop.min[2]);
    p[v] = w[0];
    p[v + 1] = w[1];
    p[v + 2] = w[2];
  }
  const t = triangles.trimmed();
  // A left-handed voxel grid (slices stacked against the row × column normal) mirrors the index space: swap the
  // winding so that normals still point outwards in LPS.
  if (determinant(map.direction) < 0) for (let f = 0; f < t.length; f += 3) [t[f + 1], t[f + 2]] = [t[f + 2]!, t[f + 1]!];
  return { positions: p, triangles: t };
}

function determinant(m: LabelMap['direction']): number {
  return m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);
}
