/**
 * The dose-influence matrix, stored per bixel: row b of this CSR matrix holds the dose (Gy per unit weight) that
 * bixel b gives to each dose voxel it reaches, i.e. it is Dᵀ in CSR (equivalently D in CSC). Per-bixel rows make
 * both products the optimiser needs stream through memory once: dose = D·w and gradient = Dᵀ·g.
 */
export interface InfluenceMatrix {
  nBixels: number;
  /** Number of dose voxels (matrix columns here): indices into the plan's voxel list, not the full grid. */
  nVoxels: number;
  rowPtr: Uint32Array;
  voxel: Uint32Array;
  value: Float32Array;
}

/** dose[v] = Σ_b D[v,b]·w[b]; `out` is overwritten. */
export function doseFromWeights(m: InfluenceMatrix, w: ArrayLike<number>, out: Float64Array = new Float64Array(m.nVoxels)): Float64Array {
  out.fill(0);
  const { rowPtr, voxel, value } = m;
  for (let b = 0; b < m.nBixels; b++) {
    const wb = w[b]!;
    if (wb === 0) continue;
    for (let e = rowPtr[b]!, end = rowPtr[b + 1]!; e < end; e++) out[voxel[e]!]! += value[e]! * wb;
  }
  return out;
}

/** grad[b] = Σ_v D[v,b]·g[v] (the chain rule from voxel doses to bixel weights); `out` is overwritten. */
export function weightGradient(m: InfluenceMatrix, g: Float64Array, out: Float64Array = new Float64Array(m.nBixels)): Float64Array {
  const { rowPtr, voxel, value } = m;
  for (let b = 0; b < m.nBixels; b++) {
    let s = 0;
    for (let e = rowPtr[b]!, end = rowPtr[b + 1]!; e < end; e++) s += value[e]! * g[voxel[e]!]!;
    out[b] = s;
  }
  return out;
}
