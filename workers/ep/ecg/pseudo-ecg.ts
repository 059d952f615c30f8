/**
 * Pseudo-ECG: the extracellular potential of a volume conductor at an electrode,
 *   Φ(x′) = K ∫ −∇Vm · ∇(1/r) dV,  r = |x − x′|   (Gima K, Rudy Y. Circ Res 2002;90:889),
 * evaluated on the voxel mask. The integral is linear in Vm, so it is folded once into one weight per cell and
 * Φ(t) = Σ w_c·Vm_c(t) is a dot product each sample. K = 1 here: the ECG is in arbitrary units (mV·mm⁻¹·mm³/mm²),
 * fine for intervals such as QT.
 */
import { voxelToWorld, type LabelMap, type Vec3 } from '../../volume/volume';

export interface PseudoEcgLead {
  electrodeLps: Vec3;
  weights: Float64Array;
}

export function buildPseudoEcgLead(mask: LabelMap, voxelOfCell: Int32Array, cellOfVoxel: Int32Array, electrodeLps: Vec3): PseudoEcgLead {
  const [nx, ny, nz] = mask.dims;
  const n = voxelOfCell.length;
  const weights = new Float64Array(n);
  const dv = mask.spacing[0] * mask.spacing[1] * mask.spacing[2];
  const strides = [1, nx, nx * ny];
  const d = mask.direction;
  for (let c = 0; c < n; c++) {
    const voxel = voxelOfCell[c]!;
    const ijk: Vec3 = [voxel % nx, Math.floor(voxel / nx) % ny, Math.floor(voxel / (nx * ny))];
    const p = voxelToWorld(mask, ijk[0], ijk[1], ijk[2]);
    const rx = p[0] - electrodeLps[0], ry = p[1] - electrodeLps[1], rz = p[2] - electrodeLps[2];
    const r3 = Math.hypot(rx, ry, rz) ** 3;
    // ∇(1/r) in LPS, then projected on the voxel axes (direction columns)
    const gl: Vec3 = [-rx / r3, -ry / r3, -rz / r3];
    for (let a = 0; a < 3; a++) {
      const gradAxis = gl[0] * d[a]! + gl[1] * d[3 + a]! + gl[2] * d[6 + a]!;
      const coef = -gradAxis * dv; // −∇Vm·∇(1/r)
      const q = ijk[a]!;
      const dims = [nx, ny, nz];
      const plus = q + 1 < dims[a]! ? cellOfVoxel[voxel + strides[a]!]! : -1;
      const minus = q > 0 ? cellOfVoxel[voxel - strides[a]!]! : -1;
      const h = mask.spacing[a]!;
      // ∂Vm/∂x_a at c: central difference inside, one-sided at the mask boundary
      if (plus >= 0 && minus >= 0) {
        weights[plus]! += coef / (2 * h);
        weights[minus]! -= coef / (2 * h);
      } else if (plus >= 0) {
        weights[plus]! += coef / h;
        weights[c]! -= coef / h;
      } else if (minus >= 0) {
        weights[c]! += coef / h;
        weights[minus]! -= coef / h;
      }
    }
  }
  return { electrodeLps, weights };
}

export function samplePseudoEcg(lead: PseudoEcgLead, potential: ArrayLike<number>): number {
  const w = lead.weights;
  let phi = 0;
  for (let c = 0; c < w.length; c++) phi += w[c]! * potential[c]!;
  return phi;
}
