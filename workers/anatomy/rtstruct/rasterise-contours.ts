/**
 * Planar contours → a mask on a voxel grid whose slices are parallel to the contour planes (axial CT and axial
 * contours, as planning systems store them).
 *
 * In-plane: all contours of one plane are filled together with the even-odd rule, so a contour inside another is a
 * hole (a cavity, or the lumen of a ring) whatever the order or winding. A voxel is inside when its centre is.
 * Across planes, as planning systems do (e.g. dicompyler's DVH calculation and Eclipse): each contour plane
 * stands for a slab of the structure's usual plane spacing centred on it, the end planes included, so a structure
 * contoured every other CT slice fills the slices in between from the nearest contour, and its volume is
 * Σ area × spacing.
 */
import { worldToVoxel, type Vec3 } from '../../volume/volume';
import { maskLike, type BinaryMask, type Geometry } from '../mask';
import type { RtStructure } from './rt-structure';

/** Contour planes closer than this (in slices) are the same plane (rounding in the exported z). */
const SAME_PLANE_SLICES = 0.01;

interface Plane {
  k: number;
  /** Polygons in continuous voxel (i, j) coordinates. */
  polygons: Float64Array[];
}

export function rasteriseStructure(structure: RtStructure, grid: Geometry): BinaryMask {
  const mask = maskLike(grid);
  const planes = contourPlanes(structure, grid);
  if (planes.length === 0) return mask;
  const [nx, ny, nz] = grid.dims;
  const half = halfUsualGap(planes);
  for (let k = 0; k < nz; k++) {
    const plane = nearestPlane(planes, k, half);
    if (plane) fillEvenOdd(plane.polygons, mask.data.subarray(k * nx * ny, (k + 1) * nx * ny), nx, ny);
  }
  return mask;
}

function contourPlanes(structure: RtStructure, grid: Geometry): Plane[] {
  const planes: Plane[] = [];
  for (const { pointsMm } of structure.contours) {
    const n = pointsMm.length / 3;
    const poly = new Float64Array(2 * n);
    let kSum = 0;
    for (let p = 0; p < n; p++) {
      const [i, j, k] = worldToVoxel(grid, [pointsMm[3 * p]!, pointsMm[3 * p + 1]!, pointsMm[3 * p + 2]!] as Vec3);
      poly[2 * p] = i;
      poly[2 * p + 1] = j;
      kSum += k;
    }
    const k = kSum / n;
    const same = planes.find((pl) => Math.abs(pl.k - k) < SAME_PLANE_SLICES);
    if (same) same.polygons.push(poly);
    else planes.push({ k, polygons: [poly] });
  }
  return planes.sort((a, b) => a.k - b.k);
}

/**
 * The plane whose slab holds slice k. Each plane stands for half the structure's usual plane spacing (the median
 * gap) on either side: contours drawn every other slice fill the slices between them, while a gap wider than usual
 * (the discs between vertebrae, the space between ribs) stays empty. Ties go to the upper plane (half-open slabs).
 */
function nearestPlane(planes: Plane[], k: number, half: number): Plane | undefined {
  let p = 0;
  for (let q = 1; q < planes.length; q++) if (Math.abs(planes[q]!.k - k) <= Math.abs(planes[p]!.k - k)) p = q;
  const d = k - planes[p]!.k;
  return Math.abs(d) < SAME_PLANE_SLICES || (d >= -half && d < half) ? planes[p] : undefined;
}

/** Half the median spacing of consecutive planes, in slices (half a slice for a single plane). */
function halfUsualGap(planes: Plane[]): number {
  const gaps = planes.slice(1).map((pl, n) => pl.k - planes[n]!.k).sort((a, b) => a - b);
  return gaps.length === 0 ? 0.5 : 0.5 * gaps[Math.floor(gaps.length / 2)]!;
}

/** Scanline fill of voxel centres with the even-odd rule over all polygons of one plane. */
function fillEvenOdd(polygons: Float64Array[], slice: Uint8Array, nx: number, ny: number): void {
  const xs: number[] = [];
  for (let j = 0; j < ny; j++) {
    xs.length = 0;
    for (const poly of polygons) {
      const n = poly.length / 2;
      for (let a = 0, b = n - 1; a < n; b = a++) {
        const ya = poly[2 * a + 1]!;
        const yb = poly[2 * b + 1]!;
        // Half-open in y, so a vertex exactly on the scanline counts once.
        if (ya <= j === yb <= j) continue;
        const xa = poly[2 * a]!;
        xs.push(xa + ((j - ya) * (poly[2 * b]! - xa)) / (yb - ya));
      }
    }
    if (xs.length < 2) continue;
    xs.sort((p, q) => p - q);
    for (let s = 0; s + 1 < xs.length; s += 2) {
      const from = Math.max(0, Math.ceil(xs[s]!));
      const to = Math.min(nx - 1, Math.ceil(xs[s + 1]!) - 1);
      for (let i = from; i <= to; i++) slice[i + nx * j] ^= 1;
    }
  }
}

/** A grid that holds every contour of the structures: `inPlaneMm` pixels, one slice per contour plane spacing. */
export function gridForStructures(structures: RtStructure[], inPlaneMm: number, marginMm = 2): Geometry {
  const min = [Infinity, Infinity, Infinity];
  const max = [-Infinity, -Infinity, -Infinity];
  const zs = new Set<number>();
  for (const s of structures)
    for (const { pointsMm } of s.contours)
      for (let p = 0; p < pointsMm.length; p += 3) {
        for (let a = 0; a < 3; a++) {
          min[a] = Math.min(min[a]!, pointsMm[p + a]!);
          max[a] = Math.max(max[a]!, pointsMm[p + a]!);
        }
        zs.add(Math.round(pointsMm[p + 2]! * 100) / 100);
      }
  if (zs.size === 0) throw new RangeError('the structures hold no contour points');
  const sorted = [...zs].sort((a, b) => a - b);
  let dz = Infinity;
  for (let s = 1; s < sorted.length; s++) if (sorted[s]! - sorted[s - 1]! > 0.01) dz = Math.min(dz, sorted[s]! - sorted[s - 1]!);
  if (!Number.isFinite(dz)) dz = inPlaneMm;
  const origin: Vec3 = [min[0]! - marginMm, min[1]! - marginMm, min[2]! - dz];
  const dims: Vec3 = [
    Math.ceil((max[0]! - min[0]! + 2 * marginMm) / inPlaneMm) + 1,
    Math.ceil((max[1]! - min[1]! + 2 * marginMm) / inPlaneMm) + 1,
    Math.round((max[2]! - min[2]!) / dz) + 3,
  ];
  return { dims, spacing: [inPlaneMm, inPlaneMm, dz], origin, direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
}
