/**
 * A 12-lead ECG for the patient's heart: electrodes on the CT body surface by the anatomical rules of lead placement,
 * approximated from the heart's position (the CT has no ribs numbered), and one pseudo-ECG weight vector per lead.
 *   V1, V2: 4th intercostal space either side of the sternum → 25 mm right/left of the body midline, on the anterior
 *           surface, at the level of the LV base-mid junction;
 *   V4: 5th space, midclavicular line (45 % of the half-width to the left), at the level of the LV centre;
 *   V3: half-way between V2 and V4; V5: anterior axillary line (80 % of the half-width), V6: mid-axillary line (the
 *       lateral surface), both at the V4 level;
 *   RA, LA: infraclavicular (60 % of the half-width either side), 60 mm above the heart; LL: left lower torso, 60 mm
 *       below it (Mason RE, Likar I. Am Heart J 1966;71:196 torso positions), within the scanned slab.
 * Limb leads I, II, III, the augmented leads, and V1–V6 against Wilson's central terminal (RA + LA + LL)/3.
 */
import type { BinaryMask } from '../../anatomy/mask';
import { voxelToWorld, worldToVoxel, type LabelMap, type Vec3 } from '../../volume/volume';
import { buildPseudoEcgLead } from '../ecg/pseudo-ecg';

export interface Electrode {
  name: string;
  lps: Vec3;
}

export const LEAD_NAMES = ['I', 'II', 'III', 'aVR', 'aVL', 'aVF', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6'] as const;

const RAY_STEP_MM = 1;

function inside(body: BinaryMask, p: Vec3): boolean {
  const [i, j, k] = worldToVoxel(body, p).map(Math.round) as Vec3;
  const [nx, ny, nz] = body.dims;
  if (i < 0 || j < 0 || k < 0 || i >= nx || j >= ny || k >= nz) return false;
  return body.data[i + nx * (j + ny * k)] !== 0;
}

/** Last point inside the body on the ray from `from` along `dir` (the skin). */
function skinAlong(body: BinaryMask, from: Vec3, dir: Vec3): Vec3 {
  let last = from;
  for (let s = RAY_STEP_MM; s < 1000; s += RAY_STEP_MM) {
    const p: Vec3 = [from[0] + s * dir[0], from[1] + s * dir[1], from[2] + s * dir[2]];
    if (inside(body, p)) last = p;
    else if (s > 20 + Math.hypot(last[0] - from[0], last[1] - from[1], last[2] - from[2])) break;
  }
  return last;
}

/** Centroid (x, y) of the body's cross-section at height z (the slice nearest to it). */
function sectionCentre(body: BinaryMask, z: number): [number, number] {
  const [nx, ny, nz] = body.dims;
  const k = Math.min(nz - 1, Math.max(0, Math.round(worldToVoxel(body, [0, 0, z])[2])));
  let sx = 0, sy = 0, n = 0;
  for (let j = 0; j < ny; j++)
    for (let i = 0; i < nx; i++)
      if (body.data[i + nx * (j + ny * k)]) {
        const p = voxelToWorld(body, i, j, k);
        sx += p[0];
        sy += p[1];
        n++;
      }
  if (n === 0) throw new Error(`no body at z = ${z.toFixed(0)} mm: cannot place ECG electrodes`);
  return [sx / n, sy / n];
}

/** z range (LPS mm) covered by the body mask's slices. */
function zRange(body: BinaryMask): [number, number] {
  const a = voxelToWorld(body, 0, 0, 0)[2];
  const b = voxelToWorld(body, 0, 0, body.dims[2] - 1)[2];
  return [Math.min(a, b), Math.max(a, b)];
}

/**
 * Electrode positions for a heart whose LV centre is `heartCentreLps` and spans [heartZMin, heartZMax] in z.
 */
export function placeElectrodes(body: BinaryMask, heartCentreLps: Vec3, heartZMin: number, heartZMax: number): Electrode[] {
  const [zLo, zHi] = zRange(body);
  const clampZ = (z: number): number => Math.min(zHi - 2, Math.max(zLo + 2, z));
  const zV12 = clampZ(heartCentreLps[2] + 15);
  const zV46 = clampZ(heartCentreLps[2] - 5);
  const at = (z: number) => {
    const [x, y] = sectionCentre(body, z);
    const halfWidth = Math.abs(skinAlong(body, [x, y, z], [1, 0, 0])[0] - x);
    const anterior = (dx: number): Vec3 => skinAlong(body, [x + dx, y, z], [0, -1, 0]);
    return { x, y, halfWidth, anterior };
  };
  const top = at(clampZ(heartZMax + 60));
  const bottom = at(clampZ(heartZMin - 60));
  const upper = at(zV12);
  const lower = at(zV46);
  const v2 = upper.anterior(25);
  const v4 = lower.anterior(0.45 * lower.halfWidth);
  const zV3 = (v2[2] + v4[2]) / 2;
  const mid = at(zV3);
  const towards = normaliseXY([(v2[0] + v4[0]) / 2 - mid.x, (v2[1] + v4[1]) / 2 - mid.y]);
  return [
    { name: 'RA', lps: top.anterior(-0.6 * top.halfWidth) },
    { name: 'LA', lps: top.anterior(0.6 * top.halfWidth) },
    { name: 'LL', lps: bottom.anterior(0.5 * bottom.halfWidth) },
    { name: 'V1', lps: upper.anterior(-25) },
    { name: 'V2', lps: v2 },
    { name: 'V3', lps: skinAlong(body, [mid.x, mid.y, zV3], [towards[0], towards[1], 0]) },
    { name: 'V4', lps: v4 },
    { name: 'V5', lps: lower.anterior(0.8 * lower.halfWidth) },
    { name: 'V6', lps: skinAlong(body, [lower.x, lower.y, zV46], [1, 0, 0]) },
  ];
}

function normaliseXY(v: [number, number]): [number, number] {
  const n = Math.hypot(v[0], v[1]) || 1;
  return [v[0] / n, v[1] / n];
}

/**
 * Pseudo-ECG weight vector of each electrode (Φ = Σ w·V; workers/ep/ecg/pseudo-ecg.ts), so that a run records the
 * nine electrode potentials and derives the twelve leads afterwards.
 */
export function electrodeWeights(mask: LabelMap, voxelOfCell: Int32Array, cellOfVoxel: Int32Array, electrodes: Electrode[]): Float64Array[] {
  return electrodes.map((e) => buildPseudoEcgLead(mask, voxelOfCell, cellOfVoxel, e.lps).weights);
}

const WCT: [string, number][] = [
  ['RA', -1 / 3],
  ['LA', -1 / 3],
  ['LL', -1 / 3],
];
const LEAD_TERMS: Record<(typeof LEAD_NAMES)[number], [string, number][]> = {
  I: [['LA', 1], ['RA', -1]],
  II: [['LL', 1], ['RA', -1]],
  III: [['LL', 1], ['LA', -1]],
  aVR: [['RA', 1], ['LA', -0.5], ['LL', -0.5]],
  aVL: [['LA', 1], ['RA', -0.5], ['LL', -0.5]],
  aVF: [['LL', 1], ['RA', -0.5], ['LA', -0.5]],
  V1: [['V1', 1], ...WCT],
  V2: [['V2', 1], ...WCT],
  V3: [['V3', 1], ...WCT],
  V4: [['V4', 1], ...WCT],
  V5: [['V5', 1], ...WCT],
  V6: [['V6', 1], ...WCT],
};

/** The 12 standard leads from the electrode potentials over time (electrode name → samples). */
export function twelveLeads(electrodeSeries: ReadonlyMap<string, Float32Array>): { name: string; mv: Float32Array }[] {
  return LEAD_NAMES.map((name) => {
    const terms = LEAD_TERMS[name];
    const length = electrodeSeries.get(terms[0]![0])!.length;
    const mv = new Float32Array(length);
    for (const [electrode, k] of terms) {
      const series = electrodeSeries.get(electrode);
      if (!series) throw new Error(`electrode ${electrode} missing`);
      for (let t = 0; t < length; t++) mv[t]! += k * series[t]!;
    }
    return { name, mv };
  });
}
