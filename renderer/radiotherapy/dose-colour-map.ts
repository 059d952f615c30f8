/**
 * Isodose colour bands for the dose wash, as percent of the prescription (the usual clinical levels), and the
 * slices of a dose grid in the three orthogonal planes. Below the lowest level nothing is drawn, so low dose
 * does not hide the picture.
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

export type Plane = 'axial' | 'coronal' | 'sagittal';

/** Which grid axis a plane cuts across (axial: k, coronal: j, sagittal: i). */
export const PLANE_AXIS: Record<Plane, 0 | 1 | 2> = { axial: 2, coronal: 1, sagittal: 0 };

/**
 * The width and height of a slice and the grid index of its pixel (u, v). Axial slices show i across and j down;
 * coronal and sagittal ones show the slice axis k upwards (head at the top for an axial CT stack).
 */
export function sliceGeometry(dims: readonly [number, number, number], plane: Plane, index: number): { width: number; height: number; at: (u: number, v: number) => number } {
  const [nx, ny, nz] = dims;
  if (plane === 'axial') return { width: nx, height: ny, at: (u, v) => u + nx * (v + ny * index) };
  if (plane === 'coronal') return { width: nx, height: nz, at: (u, v) => u + nx * (index + ny * (nz - 1 - v)) };
  return { width: ny, height: nz, at: (u, v) => index + nx * (u + ny * (nz - 1 - v)) };
}

/** RGBA pixels of one slice of a dose grid stored i fastest. */
export function doseSliceRgba(doseGy: Float32Array, dims: readonly [number, number, number], plane: Plane, index: number, prescriptionGy: number): { width: number; height: number; rgba: Uint8ClampedArray<ArrayBuffer> } {
  const { width, height, at } = sliceGeometry(dims, plane, index);
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let v = 0; v < height; v++) {
    for (let u = 0; u < width; u++) {
      const level = isodoseLevel(doseGy[at(u, v)]!, prescriptionGy);
      if (!level) continue;
      const p = (u + width * v) * 4;
      rgba.set(level.rgb, p);
      rgba[p + 3] = 255;
    }
  }
  return { width, height, rgba };
}

/** The slice through the most dose in a plane (where the target is), to open the wash on. */
export function hottestSlice(doseGy: Float32Array, dims: readonly [number, number, number], plane: Plane): number {
  const axis = PLANE_AXIS[plane];
  const sums = new Float64Array(dims[axis]);
  const [nx, ny] = dims;
  for (let p = 0; p < doseGy.length; p++) {
    const index = axis === 0 ? p % nx : axis === 1 ? Math.floor(p / nx) % ny : Math.floor(p / (nx * ny));
    sums[index]! += doseGy[p]!;
  }
  return sums.indexOf(Math.max(...sums));
}
