/**
 * Seeded noise for reproducible phantoms. mulberry32 (T. Ettinger, public domain) gives 32-bit integers; each
 * integer picks two deviates from a fixed table of 65 536 standard normal deviates (Box–Muller, drawn once from
 * its own seed). Far cheaper than a Box–Muller pair per voxel, and indistinguishable from it as image noise.
 */
export function mulberry32Int(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

const TABLE_SIZE = 1 << 16;
let normalTable: Float32Array | undefined;

function standardNormalTable(): Float32Array {
  if (normalTable) return normalTable;
  const next = mulberry32Int(0x9e3779b9);
  const table = new Float32Array(TABLE_SIZE);
  for (let i = 0; i < TABLE_SIZE; i += 2) {
    const u = (next() + 1) / 4294967297; // (0, 1): log stays finite
    const r = Math.sqrt(-2 * Math.log(u));
    const t = (2 * Math.PI * next()) / 4294967296;
    table[i] = r * Math.cos(t);
    table[i + 1] = r * Math.sin(t);
  }
  normalTable = table;
  return table;
}

/** Fills `out` with N(0, 1) deviates, the same for the same seed. */
export function fillStandardNormal(out: Float32Array, seed: number): void {
  const table = standardNormalTable();
  const next = mulberry32Int(seed);
  for (let i = 0; i < out.length; i += 2) {
    const bits = next();
    out[i] = table[bits & 0xffff]!;
    if (i + 1 < out.length) out[i + 1] = table[bits >>> 16]!;
  }
}
