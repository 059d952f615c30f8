/**
 * The patient's left ventricle as a voxel model for the monodomain solver: the myocardium resampled onto an
 * isotropic LPS-aligned grid, a transmural coordinate from the distances to the cavity and to the outside, endo/M/epi
 * cell layers, rule-based fibres, the named AHA-like region of each voxel, and an optional infarct: a sphere whose
 * core does not conduct (it leaves the mask) and a shell of border zone with slow conduction and remodelled currents.
 */
import { squaredDistanceToFeature } from '../../anatomy/morphology/distance-transform';
import type { BinaryMask } from '../../anatomy/mask';
import { IDENTITY_DIRECTION, voxelToWorld, worldToVoxel, type LabelMap, type Vec3 } from '../../volume/volume';
import { scarBorderZone } from '../challenge/beta-adrenergic';
import { WEDGE_LABELS } from '../tissue/transmural-wedge';
import { longAxisOf, regionCodeAt, type LongAxis } from './long-axis';
import { ruleBasedFibres } from './rule-based-fibres';

/** Cell-type labels of the LV model, the same codes as the transmural wedge. */
export const LV_LABELS = WEDGE_LABELS;

/**
 * Transmural layers as fractions of the wall from the endocardium, as in the wedge (endo 30 %, M 30 %, epi 40 %):
 * M cells sit in the deep subepicardium to mid wall (Yan GX, Antzelevitch C. Circulation 1998;98:1928).
 */
export const ENDO_FRACTION = 0.3;
export const M_FRACTION = 0.3;

export interface ScarSphere {
  centreLps: Vec3;
  radiusMm: number;
  /** thickness of the border-zone shell around the core (mm) */
  borderMm: number;
}

export interface LvModelInput {
  myocardium: BinaryMask;
  bloodPool: BinaryMask;
  /** voxel size of the model grid (mm); default 1 */
  gridMm?: number;
  scar?: ScarSphere;
}

export interface LvModel {
  /** LV_LABELS per voxel, 0 outside the tissue (and in the scar core); identity direction, isotropic spacing */
  mask: LabelMap;
  /** 0 at the endocardium … 1 at the epicardium; NaN outside */
  transmuralDepth: Float32Array;
  /** unit fibre vector per voxel (3 floats, LPS = voxel axes) */
  fibres: Float32Array;
  /** diffusivity multiplier per voxel (1; border zone lower); undefined without a scar */
  conductionScale?: Float32Array;
  /** index into LV_REGION_NAMES per voxel, 0 outside */
  regionOfVoxel: Uint8Array;
  axis: LongAxis;
  scarCoreVoxels: number;
  borderZoneVoxels: number;
}

/** Nearest-neighbour resampling of two masks onto an isotropic LPS grid around the myocardium (2-voxel margin). */
function resampleAround(myocardium: BinaryMask, bloodPool: BinaryMask, gridMm: number): { myo: LabelMap; pool: LabelMap } {
  const lo: Vec3 = [Infinity, Infinity, Infinity];
  const hi: Vec3 = [-Infinity, -Infinity, -Infinity];
  const [nx, ny, nz] = myocardium.dims;
  for (let k = 0, idx = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++, idx++) {
        if (!myocardium.data[idx] && !bloodPool.data[idx]) continue;
        const p = voxelToWorld(myocardium, i, j, k);
        for (let a = 0; a < 3; a++) {
          lo[a] = Math.min(lo[a]!, p[a]! - myocardium.spacing[a]! / 2);
          hi[a] = Math.max(hi[a]!, p[a]! + myocardium.spacing[a]! / 2);
        }
      }
  if (!(hi[0] >= lo[0])) throw new Error('the myocardium is empty: nothing to simulate');
  const margin = 2 * gridMm;
  const origin = lo.map((v) => v - margin + gridMm / 2) as Vec3;
  const dims = lo.map((v, a) => Math.ceil((hi[a]! - v + 2 * margin) / gridMm)) as Vec3;
  const grid = (): LabelMap => ({ dims: [...dims], spacing: [gridMm, gridMm, gridMm], origin: [...origin], direction: [...IDENTITY_DIRECTION], data: new Uint8Array(dims[0] * dims[1] * dims[2]) });
  const myo = grid();
  const pool = grid();
  for (let k = 0, idx = 0; k < dims[2]; k++)
    for (let j = 0; j < dims[1]; j++)
      for (let i = 0; i < dims[0]; i++, idx++) {
        const [ci, cj, ck] = worldToVoxel(myocardium, voxelToWorld(myo, i, j, k)).map(Math.round) as Vec3;
        if (ci < 0 || cj < 0 || ck < 0 || ci >= nx || cj >= ny || ck >= nz) continue;
        const src = ci + nx * (cj + ny * ck);
        myo.data[idx] = myocardium.data[src] ? 1 : 0;
        pool.data[idx] = bloodPool.data[src] && !myocardium.data[src] ? 1 : 0;
      }
  return { myo, pool };
}

/**
 * Depth through the wall: the centre of a voxel next to the cavity is 0 and one next to the outside is 1, so the
 * discrete wall's first and last layers carry the endo- and epicardial properties
 *   e = (dEndo − h)/(dEndo + dEpi − 2h),   clamped to [0, 1].
 */
function transmuralFields(myo: LabelMap, pool: LabelMap): { depth: Float32Array; wallField: Float32Array } {
  const h = myo.spacing[0];
  const outside = Uint8Array.from(myo.data, (m, i) => (m || pool.data[i] ? 0 : 1));
  const dEndo = squaredDistanceToFeature(myo.dims, pool.data, myo.spacing);
  const dEpi = squaredDistanceToFeature(myo.dims, outside, myo.spacing);
  const depth = new Float32Array(myo.data.length).fill(NaN);
  const wallField = new Float32Array(myo.data.length);
  for (let i = 0; i < depth.length; i++) {
    const a = Math.sqrt(dEndo[i]!);
    const b = Math.sqrt(dEpi[i]!);
    wallField[i] = a - b;
    if (!myo.data[i]) continue;
    // a wall with no cavity behind it (the apical cap of a thin model): all epicardium-side
    const span = a + b - 2 * h;
    depth[i] = !Number.isFinite(a) ? 1 : span <= 0 ? 0.5 : Math.min(1, Math.max(0, (a - h) / span));
  }
  return { depth, wallField };
}

export function buildLvModel(input: LvModelInput): LvModel {
  const gridMm = input.gridMm ?? 1;
  const { myo, pool } = resampleAround(input.myocardium, input.bloodPool, gridMm);
  const axis = longAxisOf(pool);
  const { depth, wallField } = transmuralFields(myo, pool);
  const fibres = ruleBasedFibres(myo.dims, myo.spacing, myo.origin, depth, wallField, axis);
  const mask: LabelMap = { ...myo, data: new Uint8Array(myo.data.length) };
  const regionOfVoxel = new Uint8Array(myo.data.length);
  const conductionScale = input.scar ? new Float32Array(myo.data.length).fill(1) : undefined;
  let scarCoreVoxels = 0;
  let borderZoneVoxels = 0;
  const [nx, ny, nz] = myo.dims;
  for (let k = 0, idx = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++, idx++) {
        if (!myo.data[idx]) continue;
        const e = depth[idx]!;
        const p = voxelToWorld(myo, i, j, k);
        regionOfVoxel[idx] = regionCodeAt(axis, p);
        mask.data[idx] = e < ENDO_FRACTION ? LV_LABELS.endo : e < ENDO_FRACTION + M_FRACTION ? LV_LABELS.m : LV_LABELS.epi;
        if (!input.scar) continue;
        const c = input.scar.centreLps;
        const r = Math.hypot(p[0] - c[0], p[1] - c[1], p[2] - c[2]);
        if (r <= input.scar.radiusMm) {
          mask.data[idx] = 0;
          depth[idx] = NaN;
          regionOfVoxel[idx] = 0;
          scarCoreVoxels++;
        } else if (r <= input.scar.radiusMm + input.scar.borderMm) {
          mask.data[idx] = LV_LABELS.borderZone;
          conductionScale![idx] = scarBorderZone.conductionScale;
          borderZoneVoxels++;
        }
      }
  return {
    mask,
    transmuralDepth: depth,
    fibres,
    ...(conductionScale ? { conductionScale } : {}),
    regionOfVoxel,
    axis,
    scarCoreVoxels,
    borderZoneVoxels,
  };
}
