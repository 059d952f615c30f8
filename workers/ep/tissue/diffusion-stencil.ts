/**
 * Finite-volume diffusion operator on a voxel mask, stored as a compressed row list:
 *   (D∇²V)_c ≈ Σ_k weight[k] · (V[neighbour[k]] − V[c]),  k ∈ rowStart[c] … rowStart[c+1]−1.
 * Each tissue voxel is a control volume. The flux through a face shared by two tissue voxels uses the face tensor
 * (mean of the two voxel tensors); faces towards non-tissue carry no flux (the no-flux boundary of the mask).
 * Off-diagonal tensor terms (fibres not aligned with the grid) use the tangential gradient at the face, averaged
 * from the two voxels (central difference where both sides are tissue, one-sided otherwise), which brings in the
 * twelve edge neighbours. Every gradient estimate is a difference of potentials, so it can be written in the
 * (V[n] − V[c]) form above and the operator conserves a uniform potential exactly.
 */
import type { Vec3 } from '../../volume/volume';
import type { Diffusivity } from './conductivity';

export interface DiffusionStencil {
  rowStart: Int32Array;
  neighbour: Int32Array;
  weight: Float64Array;
  /** max over rows of Σ|weight| (1/ms): the explicit update is stable for dt ≤ 1 / maxRowSum (Gershgorin). */
  maxRowSumPerMs: number;
}

export interface StencilInput {
  dims: Vec3;
  spacingMm: Vec3;
  /** voxel index → compact cell index, −1 outside the tissue */
  cellOfVoxel: Int32Array;
  /** compact cell index → voxel index */
  voxelOfCell: Int32Array;
  diffusivity: Diffusivity;
  /** unit fibre direction in the voxel axes (i, j, k): one Vec3 for all, or 3 values per voxel */
  fibres: Vec3 | Float32Array;
  /** optional per-voxel multiplier of the diffusivity (scar 0, border zone < 1) */
  conductionScale?: Float32Array;
}

/** 3×3 diffusion tensor of one voxel, row-major: D = Dt·I + (Dl − Dt)·f·fᵀ. */
function voxelTensor(input: StencilInput, voxel: number, out: Float64Array): void {
  const { fibres, diffusivity } = input;
  let fx: number, fy: number, fz: number;
  if (fibres instanceof Float32Array) {
    fx = fibres[3 * voxel]!;
    fy = fibres[3 * voxel + 1]!;
    fz = fibres[3 * voxel + 2]!;
  } else [fx, fy, fz] = fibres;
  const norm = Math.hypot(fx, fy, fz) || 1;
  const f = [fx / norm, fy / norm, fz / norm];
  const scale = input.conductionScale ? input.conductionScale[voxel]! : 1;
  const dl = diffusivity.longitudinalMm2PerMs * scale;
  const dt = diffusivity.transverseMm2PerMs * scale;
  for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) out[3 * a + b] = (a === b ? dt : 0) + (dl - dt) * f[a]! * f[b]!;
}

export function buildDiffusionStencil(input: StencilInput): DiffusionStencil {
  const { dims, spacingMm: h, cellOfVoxel, voxelOfCell } = input;
  const [nx, ny] = dims;
  const strides = [1, nx, nx * ny];
  const n = voxelOfCell.length;
  const tensors = new Float64Array(9 * n);
  const tmp = new Float64Array(9);
  for (let c = 0; c < n; c++) {
    voxelTensor(input, voxelOfCell[c]!, tmp);
    tensors.set(tmp, 9 * c);
  }
  const coordOf = (voxel: number): Vec3 => [voxel % nx, Math.floor(voxel / nx) % ny, Math.floor(voxel / (nx * ny))];
  /** compact cell of the voxel at coordinate + offset along axis, or −1 */
  const cellAt = (coord: Vec3, axis: number, offset: number, voxel: number): number => {
    const q = coord[axis]! + offset;
    if (q < 0 || q >= dims[axis]!) return -1;
    return cellOfVoxel[voxel + offset * strides[axis]!]!;
  };

  const rowStart = new Int32Array(n + 1);
  const neighbours: number[] = [];
  const weights: number[] = [];
  let maxRowSum = 0;
  const row = new Map<number, number>();
  const add = (cell: number, w: number): void => {
    row.set(cell, (row.get(cell) ?? 0) + w);
  };
  /** adds coef·(∂V/∂x_b at cell `cell`) to the row, as weights on potentials (Σ coefficients = 0) */
  const addGradient = (cell: number, b: number, coef: number): boolean => {
    const voxel = voxelOfCell[cell]!;
    const coord = coordOf(voxel);
    const plus = cellAt(coord, b, 1, voxel);
    const minus = cellAt(coord, b, -1, voxel);
    if (plus >= 0 && minus >= 0) {
      add(plus, coef / (2 * h[b]!));
      add(minus, -coef / (2 * h[b]!));
    } else if (plus >= 0) {
      add(plus, coef / h[b]!);
      add(cell, -coef / h[b]!);
    } else if (minus >= 0) {
      add(cell, coef / h[b]!);
      add(minus, -coef / h[b]!);
    } else return false;
    return true;
  };

  for (let c = 0; c < n; c++) {
    row.clear();
    const voxel = voxelOfCell[c]!;
    const coord = coordOf(voxel);
    for (let a = 0; a < 3; a++) {
      for (const side of [1, -1]) {
        const nb = cellAt(coord, a, side, voxel);
        if (nb < 0) continue; // no flux towards non-tissue
        const dFace = (b: number): number => (tensors[9 * c + 3 * a + b]! + tensors[9 * nb + 3 * a + b]!) / 2;
        add(nb, dFace(a) / (h[a]! * h[a]!));
        for (let b = 0; b < 3; b++) {
          if (b === a) continue;
          const dab = dFace(b);
          if (Math.abs(dab) < 1e-12) continue;
          // outward normal is side·e_a; tangential gradient at the face = mean of the two cells' estimates
          const coef = (side * dab) / h[a]!;
          const usedC = addGradient(c, b, coef / 2);
          const usedN = addGradient(nb, b, coef / 2);
          if (usedC !== usedN) addGradient(usedC ? c : nb, b, coef / 2);
        }
      }
    }
    let rowSum = 0;
    for (const [cell, w] of row) {
      if (cell === c || Math.abs(w) < 1e-14) continue; // (V_c − V_c) terms vanish
      neighbours.push(cell);
      weights.push(w);
      rowSum += Math.abs(w);
    }
    maxRowSum = Math.max(maxRowSum, rowSum);
    rowStart[c + 1] = neighbours.length;
  }
  return { rowStart, neighbour: Int32Array.from(neighbours), weight: Float64Array.from(weights), maxRowSumPerMs: maxRowSum };
}
