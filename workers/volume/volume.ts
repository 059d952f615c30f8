/**
 * The one volume shape every engine takes and returns (DESIGN.md "Conventions").
 *
 * Geometry is DICOM patient coordinates (LPS, millimetres). Voxel (i, j, k) has its centre at
 *   world = origin + direction · (i·spacing[0], j·spacing[1], k·spacing[2])
 * where `direction` is a row-major 3×3 matrix whose COLUMNS are the unit vectors of the i, j and k axes
 * (the ITK/vtk.js convention). For a DICOM series: column 0 = the row direction (first three values of
 * ImageOrientationPatient), column 1 = the column direction (last three), column 2 = the direction in
 * which slices were sorted. Data are stored with i fastest: index = i + nx·(j + ny·k).
 */
export type Vec3 = [number, number, number];
export type Mat3 = [number, number, number, number, number, number, number, number, number];

export type VoxelArray =
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint8Array
  | Int8Array
  | Uint32Array
  | Float32Array
  | Float64Array;

export interface Volume<T extends VoxelArray = VoxelArray> {
  dims: Vec3;
  spacing: Vec3;
  origin: Vec3;
  direction: Mat3;
  data: T;
}

/** A label map: 0 = background, n = label n. */
export type LabelMap = Volume<Uint8Array>;

export const IDENTITY_DIRECTION: Mat3 = [1, 0, 0, 0, 1, 0, 0, 0, 1];

export function voxelCount(dims: Vec3): number {
  return dims[0] * dims[1] * dims[2];
}

export function voxelIndex(dims: Vec3, i: number, j: number, k: number): number {
  return i + dims[0] * (j + dims[1] * k);
}

/** Volume of one voxel in millilitres (1 mL = 1000 mm³). */
export function voxelVolumeMl(spacing: Vec3): number {
  return (spacing[0] * spacing[1] * spacing[2]) / 1000;
}

/** Centre of voxel (i, j, k) in LPS mm. Fractional indices are allowed. */
export function voxelToWorld(v: Pick<Volume, 'spacing' | 'origin' | 'direction'>, i: number, j: number, k: number): Vec3 {
  const a = i * v.spacing[0];
  const b = j * v.spacing[1];
  const c = k * v.spacing[2];
  const d = v.direction;
  return [
    v.origin[0] + d[0] * a + d[1] * b + d[2] * c,
    v.origin[1] + d[3] * a + d[4] * b + d[5] * c,
    v.origin[2] + d[6] * a + d[7] * b + d[8] * c,
  ];
}

/** Continuous voxel index of an LPS point (inverse of voxelToWorld; direction is orthonormal). */
export function worldToVoxel(v: Pick<Volume, 'spacing' | 'origin' | 'direction'>, p: Vec3): Vec3 {
  const x = p[0] - v.origin[0];
  const y = p[1] - v.origin[1];
  const z = p[2] - v.origin[2];
  const d = v.direction;
  return [
    (d[0] * x + d[3] * y + d[6] * z) / v.spacing[0],
    (d[1] * x + d[4] * y + d[7] * z) / v.spacing[1],
    (d[2] * x + d[5] * y + d[8] * z) / v.spacing[2],
  ];
}
