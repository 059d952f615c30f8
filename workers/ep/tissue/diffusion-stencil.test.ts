import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../../volume/volume';
import { buildDiffusionStencil, type StencilInput } from './diffusion-stencil';

function grid(dims: Vec3, inside: (i: number, j: number, k: number) => boolean): Pick<StencilInput, 'dims' | 'cellOfVoxel' | 'voxelOfCell'> {
  const cellOfVoxel = new Int32Array(dims[0] * dims[1] * dims[2]).fill(-1);
  const voxels: number[] = [];
  for (let k = 0; k < dims[2]; k++)
    for (let j = 0; j < dims[1]; j++)
      for (let i = 0; i < dims[0]; i++)
        if (inside(i, j, k)) {
          const v = i + dims[0] * (j + dims[1] * k);
          cellOfVoxel[v] = voxels.length;
          voxels.push(v);
        }
  return { dims, cellOfVoxel, voxelOfCell: Int32Array.from(voxels) };
}

/** Σ w·(V[n] − V[c]) at cell c for a field given by its voxel coordinates. */
function apply(input: ReturnType<typeof grid>, s: ReturnType<typeof buildDiffusionStencil>, field: (i: number, j: number, k: number) => number, cell: number): number {
  const [nx, ny] = input.dims;
  const value = (c: number): number => {
    const v = input.voxelOfCell[c]!;
    return field(v % nx, Math.floor(v / nx) % ny, Math.floor(v / (nx * ny)));
  };
  let acc = 0;
  for (let k = s.rowStart[cell]!; k < s.rowStart[cell + 1]!; k++) acc += s.weight[k]! * (value(s.neighbour[k]!) - value(cell));
  return acc;
}

describe('diffusion stencil', () => {
  const dims: Vec3 = [7, 7, 7];
  const g = grid(dims, () => true);
  const centre = g.cellOfVoxel[3 + 7 * (3 + 7 * 3)]!;
  const diffusivity = { longitudinalMm2PerMs: 0.1, transverseMm2PerMs: 0.02 };

  it('gives ∇·(D∇V) = 2·Dl for V = x² with fibres along x (exact for quadratics)', () => {
    const h: Vec3 = [0.5, 0.4, 0.3];
    const s = buildDiffusionStencil({ ...g, spacingMm: h, diffusivity, fibres: [1, 0, 0] });
    expect(apply(g, s, (i) => (i * h[0]) ** 2, centre)).toBeCloseTo(0.2, 10);
    expect(apply(g, s, (_i, j) => (j * h[1]) ** 2, centre)).toBeCloseTo(0.04, 10);
    // axis-aligned fibres need only the six face neighbours
    expect(s.rowStart[centre + 1]! - s.rowStart[centre]!).toBe(6);
  });

  it('captures the cross term of oblique fibres: V = x·y gives 2·Dxy = Dl − Dt at 45°', () => {
    const s = buildDiffusionStencil({ ...g, spacingMm: [0.5, 0.5, 0.5], diffusivity, fibres: [1, 1, 0] });
    expect(apply(g, s, (i, j) => i * 0.5 * (j * 0.5), centre)).toBeCloseTo(0.08, 10);
  });

  it('lets no flux leave the mask: the operator conserves Σ V on an irregular mask', () => {
    const ball = grid([9, 9, 9], (i, j, k) => (i - 4) ** 2 + (j - 4) ** 2 + (k - 4) ** 2 <= 12 && !(i === 4 && j === 4));
    const s = buildDiffusionStencil({ ...ball, spacingMm: [1, 1, 1], diffusivity, fibres: [1, 0, 0] });
    // column sums of the operator vanish when every flux is paired: Σ_c Σ_k w(V_n − V_c) = 0 for any V
    const n = ball.voxelOfCell.length;
    const v = Float64Array.from({ length: n }, (_, c) => Math.sin(c * 1.7));
    let total = 0;
    for (let c = 0; c < n; c++) for (let k = s.rowStart[c]!; k < s.rowStart[c + 1]!; k++) total += s.weight[k]! * (v[s.neighbour[k]!]! - v[c]!);
    expect(Math.abs(total)).toBeLessThan(1e-9);
    expect(s.maxRowSumPerMs).toBeCloseTo(2 * (0.1 + 0.02 + 0.02), 10);
  });
});
