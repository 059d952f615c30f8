/**
 * Windowed-sinc smoothing: a low-pass filter on the mesh's geometry written as a Chebyshev polynomial of the
 * Laplacian (Taubin, Zhang, Golub, "Optimal surface smoothing as filter design", ECCV 1996; the algorithm of
 * vtkWindowedSincPolyDataFilter). Unlike plain Laplacian smoothing it does not shrink the surface: the filter's
 * response at zero frequency is exactly 1, so a sphere keeps its size and the enclosed volume barely moves, while
 * the voxel staircase (high frequency) is removed.
 */
import type { JobContext } from '../../process/job-context';
import type { TriangleMesh } from './mesh';
import { vertexNeighbours } from './vertex-neighbours';

export interface WindowedSincOptions {
  /** Chebyshev terms (VTK's NumberOfIterations); 20 is VTK's and Slicer's usual choice. */
  iterations?: number;
  /** Pass band in (0, 2): smaller is smoother. 0.1 is VTK's default. */
  passBand?: number;
}

/** Returns a smoothed copy of the mesh (same connectivity). */
export function smoothWindowedSinc(mesh: TriangleMesh, options: WindowedSincOptions = {}, ctx?: JobContext): TriangleMesh {
  const iterations = options.iterations ?? 20;
  const passBand = options.passBand ?? 0.1;
  const { start, list } = vertexNeighbours(mesh);
  const n = mesh.positions.length / 3;

  // Fourier coefficients of the ideal low-pass on θ ∈ [0, π], with cos θ = 1 − k/2 for Laplacian eigenvalue k,
  // times a Hamming window, normalised so that the response at k = 0 is 1.
  const thetaPass = Math.acos(1 - 0.5 * passBand);
  const c = new Float64Array(iterations + 1);
  c[0] = thetaPass / Math.PI;
  for (let i = 1; i <= iterations; i++) c[i] = (2 * Math.sin(i * thetaPass)) / (i * Math.PI);
  let sum = 0;
  for (let i = 0; i <= iterations; i++) {
    c[i]! *= 0.54 + 0.46 * Math.cos((i * Math.PI) / (iterations + 1));
    sum += c[i]!;
  }
  for (let i = 0; i <= iterations; i++) c[i]! /= sum;

  // Centre and scale to a unit box first (as VTK does) so the recurrence stays well conditioned.
  const src = mesh.positions;
  const centre = [0, 0, 0];
  for (let v = 0; v < n; v++) for (let a = 0; a < 3; a++) centre[a]! += src[3 * v + a]! / n;
  let scale = 0;
  for (let v = 0; v < 3 * n; v++) scale = Math.max(scale, Math.abs(src[v]! - centre[v % 3]!));
  scale ||= 1;
  let prev = new Float64Array(3 * n); // T_{i−1}
  for (let v = 0; v < 3 * n; v++) prev[v] = (src[v]! - centre[v % 3]!) / scale;
  // T_1 = (I − K/2)·x with K·x = x − mean of the neighbours.
  const halfStep = (x: Float64Array, out: Float64Array): void => {
    for (let v = 0; v < n; v++) {
      const s = start[v]!;
      const e = start[v + 1]!;
      for (let a = 0; a < 3; a++) {
        let mean = 0;
        for (let q = s; q < e; q++) mean += x[3 * list[q]! + a]!;
        mean /= e - s;
        out[3 * v + a] = x[3 * v + a]! + 0.5 * (mean - x[3 * v + a]!);
      }
    }
  };
  let curr = new Float64Array(3 * n);
  halfStep(prev, curr);
  const out = new Float64Array(3 * n);
  for (let v = 0; v < 3 * n; v++) out[v] = c[0]! * prev[v]! + c[1]! * curr[v]!;
  const tmp = new Float64Array(3 * n);
  for (let i = 2; i <= iterations; i++) {
    ctx?.throwIfCancelled();
    halfStep(curr, tmp);
    // T_i = 2·(I − K/2)·T_{i−1} − T_{i−2}
    const next = prev;
    for (let v = 0; v < 3 * n; v++) next[v] = 2 * tmp[v]! - prev[v]!;
    prev = curr;
    curr = next;
    for (let v = 0; v < 3 * n; v++) out[v]! += c[i]! * curr[v]!;
  }
  const positions = new Float32Array(3 * n);
  for (let v = 0; v < 3 * n; v++) positions[v] = out[v]! * scale + centre[v % 3]!;
  return { positions, triangles: mesh.triangles.slice() };
}
