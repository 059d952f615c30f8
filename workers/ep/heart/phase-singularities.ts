/**
 * Phase singularities (the pivots of re-entry: rotor tips in 2-D, filaments in 3-D) from the membrane potential.
 * Phase comes from a time-delay embedding of V, θ = atan2(V(t − τ) − V*, V(t) − V*), which needs no model state
 * (Gray RA, Pertsov AM, Jalife J. Nature 1998;392:75): rest, upstroke, plateau and repolarisation go once round
 * the point (V*, V*). A singularity pierces a voxel plaquette (2 × 2 cells in one grid plane) when the phase
 * differences round it add up to ±2π (the topological charge; Bray MA, Wikswo JP. IEEE Trans Biomed Eng
 * 2002;49:1086). Neighbouring pierced plaquettes belong to one filament and are reported as one point.
 */
import { voxelToWorld, type LabelMap, type Vec3 } from '../../volume/volume';

export interface PhaseSingularity {
  lps: Vec3;
  /** pierced plaquettes merged into this one */
  plaquettes: number;
  /** +1 counter-clockwise, −1 clockwise (in the plaquettes' grid orientation) */
  charge: number;
}

/** Midpoint of the action potential's range: the centre of the embedding. */
export const PHASE_CENTRE_MV = -40;

function wrap(d: number): number {
  return d > Math.PI ? d - 2 * Math.PI : d < -Math.PI ? d + 2 * Math.PI : d;
}

/**
 * vNow and vLag hold the potential of each cell (cellOfVoxel order) now and τ earlier. Plaquettes within
 * `mergeMm` of each other are one singularity.
 */
export function findPhaseSingularities(
  mask: LabelMap,
  cellOfVoxel: Int32Array,
  vNow: ArrayLike<number>,
  vLag: ArrayLike<number>,
  mergeMm = 3,
  centreMv = PHASE_CENTRE_MV,
): PhaseSingularity[] {
  const [nx, ny, nz] = mask.dims;
  const strides = [1, nx, nx * ny];
  const n = vNow.length;
  const phase = new Float32Array(n);
  for (let c = 0; c < n; c++) phase[c] = Math.atan2(vLag[c]! - centreMv, vNow[c]! - centreMv);
  const planes: [number, number][] = [
    [0, 1],
    [1, 2],
    [2, 0],
  ];
  const hits: { p: Vec3; charge: number }[] = [];
  for (let k = 0, idx = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++, idx++) {
        const c00 = cellOfVoxel[idx]!;
        if (c00 < 0) continue;
        const ijk = [i, j, k];
        for (const [a, b] of planes) {
          if (ijk[a]! + 1 >= mask.dims[a]! || ijk[b]! + 1 >= mask.dims[b]!) continue;
          const c10 = cellOfVoxel[idx + strides[a]!]!;
          const c11 = cellOfVoxel[idx + strides[a]! + strides[b]!]!;
          const c01 = cellOfVoxel[idx + strides[b]!]!;
          if (c10 < 0 || c11 < 0 || c01 < 0) continue;
          const p0 = phase[c00]!, p1 = phase[c10]!, p2 = phase[c11]!, p3 = phase[c01]!;
          const total = wrap(p1 - p0) + wrap(p2 - p1) + wrap(p3 - p2) + wrap(p0 - p3);
          if (Math.abs(total) < Math.PI) continue;
          const centre = [i, j, k];
          centre[a]! += 0.5;
          centre[b]! += 0.5;
          hits.push({ p: voxelToWorld(mask, centre[0]!, centre[1]!, centre[2]!), charge: Math.sign(total) });
        }
      }
  // Greedy single-linkage clustering: small counts (a few filaments), so O(hits × clusters) is fine.
  const clusters: { points: Vec3[]; charge: number }[] = [];
  for (const h of hits) {
    const near = clusters.find((cl) => cl.points.some((q) => Math.hypot(q[0] - h.p[0], q[1] - h.p[1], q[2] - h.p[2]) <= mergeMm));
    if (near) {
      near.points.push(h.p);
      near.charge += h.charge;
    } else clusters.push({ points: [h.p], charge: h.charge });
  }
  return clusters.map((cl) => ({
    lps: [0, 1, 2].map((a) => cl.points.reduce((s, q) => s + q[a]!, 0) / cl.points.length) as Vec3,
    plaquettes: cl.points.length,
    charge: Math.sign(cl.charge),
  }));
}
