/**
 * Mask → planar contours, slice by slice, by marching squares through the midpoints between pixel centres.
 * Saddle cells keep diagonal inside pixels apart (the 2D form of the marching-cubes face rule), so every loop is
 * simple. Outer boundaries run counter-clockwise in (i, j) and holes clockwise; an RTSTRUCT reader that fills with
 * the even-odd rule (ours, and the planners') gets the holes back. Every pixel centre inside the mask is inside its
 * loops and every outside one outside, so rasterising the contours gives the mask back exactly.
 * Points on straight runs (collinear with their neighbours) are dropped: lossless simplification.
 */
import { voxelToWorld } from '../../volume/volume';
import type { BinaryMask } from '../mask';
import type { PlanarContour } from './rt-structure';

/** Cell corners counter-clockwise: (0,0) (1,0) (1,1) (0,1); edge e joins corner e and corner e+1. */
const CORNER_DI = [0, 1, 1, 0];
const CORNER_DJ = [0, 0, 1, 1];

/** A contour with the slice (k index of the mask) it lies on, so a writer can name the image. */
export type SliceContour = PlanarContour & { sliceIndex: number };

export function extractContours(mask: BinaryMask): SliceContour[] {
  const [nx, ny, nz] = mask.dims;
  const contours: SliceContour[] = [];
  // Padded slice: one pixel of outside all round, so loops close at the image border.
  const w = nx + 2;
  const h = ny + 2;
  const padded = new Uint8Array(w * h);
  for (let k = 0; k < nz; k++) {
    padded.fill(0);
    let any = false;
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) {
        const v = mask.data[i + nx * (j + ny * k)]! !== 0 ? 1 : 0;
        padded[i + 1 + w * (j + 1)] = v;
        if (v) any = true;
      }
    if (!any) continue;
    for (const loop of sliceLoops(padded, w, h)) {
      const pointsMm = new Float64Array(3 * loop.length / 2);
      for (let p = 0; p < loop.length / 2; p++) {
        // Padded coordinates are one pixel off the image's.
        const world = voxelToWorld(mask, loop[2 * p]! - 1, loop[2 * p + 1]! - 1, k);
        pointsMm.set(world, 3 * p);
      }
      contours.push({ pointsMm, sliceIndex: k });
    }
  }
  return contours;
}

/** Loops of one padded slice as flat (i, j) lists. Crossing points are keyed by edge: 2·pixel (+1 for vertical). */
function sliceLoops(d: Uint8Array, w: number, h: number): number[][] {
  const next = new Map<number, number>();
  const edgeKey = (i: number, j: number, e: number): number => {
    // Edge e of the cell at (i, j): 0 bottom, 1 right, 2 top, 3 left.
    if (e === 0) return 2 * (i + w * j);
    if (e === 2) return 2 * (i + w * (j + 1));
    if (e === 3) return 2 * (i + w * j) + 1;
    return 2 * (i + 1 + w * j) + 1;
  };
  for (let j = 0; j + 1 < h; j++)
    for (let i = 0; i + 1 < w; i++) {
      const inside = [0, 1, 2, 3].map((c) => d[i + CORNER_DI[c]! + w * (j + CORNER_DJ[c]!)] === 1);
      if (inside.every((v) => v) || inside.every((v) => !v)) continue;
      for (let t = 0; t < 4; t++) {
        if (!inside[t] || inside[(t + 3) % 4]) continue; // a run of inside corners starts at t
        let end = t;
        while (inside[(end + 1) % 4] && (end + 1) % 4 !== t) end = (end + 1) % 4;
        // Leaving the run then re-entering it: inside lies to the left, so outer loops turn counter-clockwise.
        next.set(edgeKey(i, j, end), edgeKey(i, j, (t + 3) % 4));
      }
    }
  const loops: number[][] = [];
  const done = new Set<number>();
  for (const start of next.keys()) {
    if (done.has(start)) continue;
    const raw: number[] = [];
    for (let e = start; !done.has(e); e = next.get(e)!) {
      done.add(e);
      const pixel = e >> 1;
      const [i, j] = [pixel % w, Math.floor(pixel / w)];
      raw.push(...((e & 1) === 0 ? [i + 0.5, j] : [i, j + 0.5]));
    }
    loops.push(dropCollinear(raw));
  }
  return loops;
}

function dropCollinear(loop: number[]): number[] {
  const n = loop.length / 2;
  const out: number[] = [];
  for (let p = 0; p < n; p++) {
    const a = (p + n - 1) % n;
    const b = (p + 1) % n;
    const cross =
      (loop[2 * p]! - loop[2 * a]!) * (loop[2 * b + 1]! - loop[2 * a + 1]!) -
      (loop[2 * p + 1]! - loop[2 * a + 1]!) * (loop[2 * b]! - loop[2 * a]!);
    if (Math.abs(cross) > 1e-12) out.push(loop[2 * p]!, loop[2 * p + 1]!);
  }
  return out;
}
