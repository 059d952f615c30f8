/**
 * Isodose colour bands for the dose wash, as percent of the prescription (the usual clinical levels). Below the
 * lowest level nothing is drawn, so low dose does not hide the picture.
 */
export interface IsodoseLevel {
  pct: number;
  rgb: [number, number, number];
}

export const ISODOSE_LEVELS: readonly IsodoseLevel[] = [
  { pct: 107, rgb: [255, 255, 255] },
  { pct: 100, rgb: [255, 0, 0] },
  { pct: 95, rgb: [255, 128, 0] },
  { pct: 90, rgb: [255, 230, 0] },
  { pct: 70, rgb: [0, 220, 0] },
  { pct: 50, rgb: [0, 200, 255] },
  { pct: 30, rgb: [0, 90, 255] },
  { pct: 10, rgb: [120, 0, 200] },
];

/** The band a dose falls in (highest level it reaches), or null below the lowest. */
export function isodoseLevel(doseGy: number, prescriptionGy: number): IsodoseLevel | null {
  const pct = (100 * doseGy) / prescriptionGy;
  return ISODOSE_LEVELS.find((l) => pct >= l.pct) ?? null;
}

/** RGBA pixels of one axial slice (k) of a dose grid stored i fastest. */
export function doseSliceRgba(doseGy: Float32Array, dims: readonly [number, number, number], k: number, prescriptionGy: number): Uint8ClampedArray<ArrayBuffer> {
  const [nx, ny] = dims;
  const out = new Uint8ClampedArray(nx * ny * 4);
  const base = nx * ny * k;
  for (let p = 0; p < nx * ny; p++) {
    const level = isodoseLevel(doseGy[base + p]!, prescriptionGy);
    if (!level) continue;
    out.set(level.rgb, p * 4);
    out[p * 4 + 3] = 255;
  }
  return out;
}
