/**
 * Exact squared Euclidean distance transform in millimetres, respecting anisotropic voxels.
 *
 * Felzenszwalb P.F., Huttenlocher D.P. "Distance Transforms of Sampled Functions", Theory of Computing 8 (2012)
 * 415–428: the lower envelope of parabolas along each axis in turn, O(n) per line, so the whole volume costs
 * O(voxels) whatever the distance. Samples along an axis sit at q·spacing mm, which is what makes it exact for
 * anisotropic grids (a 3 mm slice step is not treated as a 1 mm one).
 */
import type { Vec3 } from '../../volume/volume';

/**
 * Squared distance (mm²) from every voxel to the nearest voxel where `feature` is non-zero; Infinity where the
 * image holds no feature. `stepMm[a]` is the distance between neighbouring samples along axis a; an axis with a
 * non-finite step is skipped, which makes distances along it infinite (used for margins of 0 mm on one axis).
 */
export function squaredDistanceToFeature(dims: Vec3, feature: Uint8Array, stepMm: Vec3): Float32Array {
  const [nx, ny, nz] = dims;
  const dist = new Float32Array(nx * ny * nz);
  const longest = Math.max(nx, ny, nz);
  const line = new Float64Array(longest);
  const out = new Float64Array(longest);
  const envelope = { v: new Int32Array(longest), z: new Float64Array(longest + 1) };
  firstAxisBinary(dims, feature, stepMm[0], dist);
  // Each axis in turn: line length, stride along the line, and the two loops that enumerate line starts.
  const axes = [
    { n: nx, stride: 1, outer: nz, outerStride: nx * ny, inner: ny, innerStride: nx },
    { n: ny, stride: nx, outer: nz, outerStride: nx * ny, inner: nx, innerStride: 1 },
    { n: nz, stride: nx * ny, outer: ny, outerStride: nx, inner: nx, innerStride: 1 },
  ];
  axes.forEach(({ n, stride, outer, outerStride, inner, innerStride }, axis) => {
    const step = stepMm[axis]!;
    if (axis === 0 || !Number.isFinite(step) || n === 1) return; // axis 0 is done by firstAxisBinary
    for (let o = 0; o < outer; o++) {
      for (let p = 0; p < inner; p++) {
        const start = o * outerStride + p * innerStride;
        let any = false;
        for (let q = 0; q < n; q++) {
          const value = dist[start + q * stride]!;
          line[q] = value;
          if (value !== Infinity) any = true;
        }
        if (!any) continue;
        lowerEnvelope1d(line, out, n, step, envelope);
        for (let q = 0; q < n; q++) dist[start + q * stride] = out[q]!;
      }
    }
  });
  return dist;
}

/**
 * The first axis on a binary input needs no parabolas: the squared distance to the nearest feature in the same row,
 * by one sweep each way. Rows without a feature stay at Infinity; with a non-finite step only the features are 0.
 */
function firstAxisBinary(dims: Vec3, feature: Uint8Array, step: number, dist: Float32Array): void {
  const nx = dims[0];
  const rows = dims[1] * dims[2];
  const along = Number.isFinite(step) && nx > 1;
  for (let r = 0; r < rows; r++) {
    const start = r * nx;
    let last = -Infinity;
    for (let i = 0; i < nx; i++) {
      if (feature[start + i] !== 0) last = i;
      const d = (i - last) * step;
      dist[start + i] = last === i ? 0 : along ? d * d : Infinity;
    }
    if (!along) continue;
    last = Infinity;
    for (let i = nx - 1; i >= 0; i--) {
      if (feature[start + i] !== 0) last = i;
      const d = (last - i) * step;
      if (d * d < dist[start + i]!) dist[start + i] = d * d;
    }
  }
}

/** One line of the FH transform: out[p] = min_q (f[q] + (step·(p − q))²). */
function lowerEnvelope1d(
  f: Float64Array,
  out: Float64Array,
  n: number,
  step: number,
  env: { v: Int32Array; z: Float64Array },
): void {
  const { v, z } = env;
  const s2 = step * step;
  let k = 0;
  let first = 0;
  while (f[first] === Infinity) first++; // the caller guarantees one finite sample
  v[0] = first;
  z[0] = -Infinity;
  z[1] = Infinity;
  for (let q = first + 1; q < n; q++) {
    const fq = f[q]!;
    if (fq === Infinity) continue; // a parabola rooted at infinity is never on the envelope
    let s = intersection(f, s2, q, v[k]!);
    while (s <= z[k]!) {
      k--; // z[0] = −∞ stops this at k = 0
      s = intersection(f, s2, q, v[k]!);
    }
    k++;
    v[k] = q;
    z[k] = s;
    z[k + 1] = Infinity;
  }
  k = 0;
  for (let q = 0; q < n; q++) {
    while (z[k + 1]! < q) k++;
    const p = v[k]!;
    const d = q - p;
    out[q] = s2 * d * d + f[p]!;
  }
}

/** Where the parabolas rooted at samples q and p cross, in sample units. */
function intersection(f: Float64Array, s2: number, q: number, p: number): number {
  return (f[q]! + s2 * q * q - (f[p]! + s2 * p * p)) / (2 * s2 * (q - p));
}
