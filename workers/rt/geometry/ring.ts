/** Normal-tissue ring: grid voxels within a distance of a region, outside it, and inside the body. */
import type { Volume } from '../../volume/volume';

/**
 * Voxels (grid indices, sorted) within `distanceMm` of any voxel of `region` (sorted grid indices), not in the
 * region, whose density exceeds `minDensity` (so air outside the patient is left out).
 */
export function dilateWithin(grid: Volume<Float32Array>, region: Uint32Array, distanceMm: number, minDensity: number): Uint32Array {
  const [nx, ny, nz] = grid.dims;
  const inRegion = new Uint8Array(nx * ny * nz);
  for (const g of region) inRegion[g] = 1;
  const ri = Math.floor(distanceMm / grid.spacing[0]);
  const rj = Math.floor(distanceMm / grid.spacing[1]);
  const rk = Math.floor(distanceMm / grid.spacing[2]);
  const ball: [number, number, number][] = [];
  for (let c = -rk; c <= rk; c++)
    for (let b = -rj; b <= rj; b++)
      for (let a = -ri; a <= ri; a++)
        if ((a * grid.spacing[0]) ** 2 + (b * grid.spacing[1]) ** 2 + (c * grid.spacing[2]) ** 2 <= distanceMm ** 2) ball.push([a, b, c]);
  const out = new Uint8Array(nx * ny * nz);
  for (const g of region) {
    const i = g % nx, j = Math.floor(g / nx) % ny, k = Math.floor(g / (nx * ny));
    // Only the region's surface voxels can reach outside it.
    const interior =
      i > 0 && i < nx - 1 && j > 0 && j < ny - 1 && k > 0 && k < nz - 1 &&
      inRegion[g - 1] && inRegion[g + 1] && inRegion[g - nx] && inRegion[g + nx] && inRegion[g - nx * ny] && inRegion[g + nx * ny];
    if (interior) continue;
    for (const [a, b, c] of ball) {
      const x = i + a, y = j + b, z = k + c;
      if (x < 0 || y < 0 || z < 0 || x >= nx || y >= ny || z >= nz) continue;
      const h = x + nx * (y + ny * z);
      if (!inRegion[h] && grid.data[h]! > minDensity) out[h] = 1;
    }
  }
  const idx: number[] = [];
  for (let h = 0; h < out.length; h++) if (out[h]) idx.push(h);
  return Uint32Array.from(idx);
}
