/**
 * The display surface of the simulated wall (outer and inner surfaces: marching cubes of the tissue mask, windowed-
 * sinc smoothing, quadric decimation; workers/anatomy/surfaces) and, for each vertex, the tissue cell whose values it
 * shows (the nearest tissue voxel) and its named region.
 */
import { decimateQuadric } from '../../anatomy/surfaces/decimate-quadric';
import { labelSurface } from '../../anatomy/surfaces/marching-cubes';
import { smoothWindowedSinc } from '../../anatomy/surfaces/smooth-windowed-sinc';
import { progressRange, type JobContext } from '../../process/job-context';
import { voxelToWorld, worldToVoxel, type LabelMap, type Vec3 } from '../../volume/volume';
import { LV_REGION_NAMES } from './long-axis';

export const MAX_SURFACE_TRIANGLES = 30_000;

export interface HeartSurface {
  /** flat x, y, z (LPS mm) */
  verticesLps: Float32Array;
  /** flat vertex indices, 3 per triangle */
  triangles: Uint32Array;
  /** region name per vertex */
  regions: string[];
  /** tissue cell (solver order) per vertex */
  cellOfVertex: Int32Array;
}

const SEARCH_RADIUS_VOXELS = 3;

/** Nearest tissue voxel to an LPS point within a few voxels, or −1. */
export function nearestTissueVoxel(mask: LabelMap, cellOfVoxel: Int32Array, p: Vec3): number {
  const [nx, ny, nz] = mask.dims;
  const [fi, fj, fk] = worldToVoxel(mask, p);
  let best = -1;
  let bestD = Infinity;
  const ci = Math.round(fi), cj = Math.round(fj), ck = Math.round(fk);
  const r = SEARCH_RADIUS_VOXELS;
  for (let k = Math.max(0, ck - r); k <= Math.min(nz - 1, ck + r); k++)
    for (let j = Math.max(0, cj - r); j <= Math.min(ny - 1, cj + r); j++)
      for (let i = Math.max(0, ci - r); i <= Math.min(nx - 1, ci + r); i++) {
        const idx = i + nx * (j + ny * k);
        if (cellOfVoxel[idx]! < 0) continue;
        const d = (i - fi) ** 2 + (j - fj) ** 2 + (k - fk) ** 2;
        if (d < bestD) {
          bestD = d;
          best = idx;
        }
      }
  return best;
}

export function heartSurface(
  mask: LabelMap,
  cellOfVoxel: Int32Array,
  regionOfVoxel: Uint8Array,
  ctx: JobContext,
  maxTriangles = 20_000,
): HeartSurface {
  const tissue: LabelMap = { ...mask, data: Uint8Array.from(mask.data, (l) => (l ? 1 : 0)) };
  let mesh = labelSurface(tissue, 1, progressRange(ctx, 0, 0.3, 'extracting the surface'));
  mesh = smoothWindowedSinc(mesh, {}, progressRange(ctx, 0.3, 0.5, 'smoothing the surface'));
  mesh = decimateQuadric(mesh, Math.min(maxTriangles, MAX_SURFACE_TRIANGLES), progressRange(ctx, 0.5, 1, 'decimating the surface'));
  const nv = mesh.positions.length / 3;
  const cellOfVertex = new Int32Array(nv);
  const regions: string[] = new Array<string>(nv);
  for (let v = 0; v < nv; v++) {
    const p: Vec3 = [mesh.positions[3 * v]!, mesh.positions[3 * v + 1]!, mesh.positions[3 * v + 2]!];
    const voxel = nearestTissueVoxel(mask, cellOfVoxel, p);
    cellOfVertex[v] = voxel < 0 ? -1 : cellOfVoxel[voxel]!;
    regions[v] = voxel < 0 ? 'none' : LV_REGION_NAMES[regionOfVoxel[voxel]!]!;
  }
  return { verticesLps: mesh.positions, triangles: mesh.triangles, regions, cellOfVertex };
}

/** LPS centre of a tissue cell's voxel. */
export function cellLps(mask: LabelMap, voxel: number): Vec3 {
  const [nx, ny] = mask.dims;
  return voxelToWorld(mask, voxel % nx, Math.floor(voxel / nx) % ny, Math.floor(voxel / (nx * ny)));
}
