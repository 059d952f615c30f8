/**
 * Gamma index (Low et al., Med Phys 25:656, 1998) between a reference and an evaluated dose on the same grid,
 * with the TG-218 defaults (Miften et al., Med Phys 45:e53, 2018): 3 % global dose difference (of the reference
 * maximum), 2 mm distance to agreement, points below 10 % of the maximum excluded. The evaluated dose is
 * interpolated trilinearly on a sub-voxel search lattice; the search stops at the first distance that cannot
 * lower gamma any more.
 */
import type { Volume } from '../../volume/volume';
import { sampleTrilinear } from '../geometry/dose-grid';

export interface GammaOptions {
  doseDifferencePct?: number;
  distanceToAgreementMm?: number;
  thresholdPct?: number;
  /** Search lattice step as a fraction of the distance to agreement. */
  stepFraction?: number;
  /** Search radius in units of the distance to agreement (gamma above this is reported as this). */
  maxGamma?: number;
}

export interface GammaResult {
  /** Gamma per reference voxel; NaN where the reference is below the threshold. */
  gamma: Float32Array;
  evaluatedPoints: number;
  passRate: number;
}

export function gammaIndex(reference: Volume, evaluated: Volume, options: GammaOptions = {}): GammaResult {
  const ddPct = options.doseDifferencePct ?? 3;
  const dta = options.distanceToAgreementMm ?? 2;
  const thr = options.thresholdPct ?? 10;
  const step = (options.stepFraction ?? 0.2) * dta;
  const gMax = options.maxGamma ?? 2;
  if (reference.dims.some((n, a) => n !== evaluated.dims[a])) throw new Error('gamma: the two dose grids differ in size');
  let refMax = 0;
  for (let v = 0; v < reference.data.length; v++) refMax = Math.max(refMax, reference.data[v]!);
  const dD = (ddPct / 100) * refMax;
  const cutoff = (thr / 100) * refMax;
  // Offsets (in voxel units) within the search sphere, nearest first.
  const r = gMax * dta;
  const nStep = Math.ceil(r / step);
  const offsets: { di: number; dj: number; dk: number; dist2: number }[] = [];
  for (let a = -nStep; a <= nStep; a++)
    for (let b = -nStep; b <= nStep; b++)
      for (let c = -nStep; c <= nStep; c++) {
        const x = a * step, y = b * step, z = c * step;
        const d2 = x * x + y * y + z * z;
        if (d2 <= r * r) offsets.push({ di: x / reference.spacing[0], dj: y / reference.spacing[1], dk: z / reference.spacing[2], dist2: d2 });
      }
  offsets.sort((p, q) => p.dist2 - q.dist2);
  const [nx, ny, nz] = reference.dims;
  const gamma = new Float32Array(nx * ny * nz).fill(NaN);
  let points = 0, passed = 0;
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) {
        const v = i + nx * (j + ny * k);
        const ref = reference.data[v]!;
        if (ref < cutoff) continue;
        let best2 = gMax * gMax;
        for (const o of offsets) {
          const dist2 = o.dist2 / (dta * dta);
          if (dist2 >= best2) break;
          const ev = sampleTrilinear(evaluated, [i + o.di, j + o.dj, k + o.dk]);
          const g2 = dist2 + ((ev - ref) / dD) ** 2;
          if (g2 < best2) best2 = g2;
        }
        gamma[v] = Math.sqrt(best2);
        points++;
        if (best2 <= 1) passed++;
      }
  return { gamma, evaluatedPoints: points, passRate: points ? passed / points : 1 };
}
