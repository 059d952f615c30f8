/** Density grids for engine tests: a water tank, optionally with a lung-density slab (test helper). */
import { IDENTITY_DIRECTION, type Vec3, type Volume } from '../../volume/volume';

export interface SlabSpec {
  /** Depth range (mm below the surface) of the slab and its relative electron density. */
  fromMm: number;
  toMm: number;
  density: number;
}

/**
 * A water tank whose surface is the plane y = 0 (LPS: anterior surface; a gantry-0 beam enters it going +y),
 * spanning x ∈ ±halfWidthMm, y ∈ [0, depthMm], z ∈ ±halfLengthMm, with vacuum above the surface.
 */
export function waterTank(spacing: Vec3, halfWidthMm: number, depthMm: number, halfLengthMm: number, slab?: SlabSpec): Volume<Float32Array> {
  const nx = Math.round((2 * halfWidthMm) / spacing[0]);
  const ny = Math.round((depthMm + 10) / spacing[1]);
  const nz = Math.round((2 * halfLengthMm) / spacing[2]) + 1;
  const origin: Vec3 = [-halfWidthMm + spacing[0] / 2, -10 + spacing[1] / 2, -halfLengthMm];
  const data = new Float32Array(nx * ny * nz);
  for (let j = 0; j < ny; j++) {
    const y = origin[1] + j * spacing[1];
    let rho = y > 0 ? 1 : 0;
    if (slab && y > slab.fromMm && y < slab.toMm) rho = slab.density;
    for (let k = 0; k < nz; k++) data.fill(rho, nx * (j + ny * k), nx * (j + ny * k) + nx);
  }
  return { dims: [nx, ny, nz], spacing, origin, direction: [...IDENTITY_DIRECTION], data };
}
