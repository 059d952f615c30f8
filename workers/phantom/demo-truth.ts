/**
 * Ground truth of the demo structures, from the shapes' closed-form volumes and centroids (never by counting
 * voxels): V = Σ V(parts) − Σ V(holes), centroid = volume-weighted mean of the parts' centroids minus the holes'.
 * The body is cut by the scanned slab, so its truth is its elliptic section's area × the slab length (n·Δz).
 */
import type { Vec3 } from '../volume/volume';
import type { DemoStructure } from './demo-anatomy';

export interface DemoTruthStructure {
  name: string;
  volumeMl: number;
  centroidLps: Vec3;
  roleHint: DemoStructure['roleHint'];
  rtRoiInterpretedType: DemoStructure['interpretedType'];
  /** Structures lying inside this one. */
  contains: string[];
}

export interface DemoTruth {
  structures: DemoTruthStructure[];
  /** How the structures nest; everything not listed as contained is disjoint from the others. */
  note: string;
  /** What the CT was generated from, for those who check segmentations against it. */
  phantom?: {
    version: string;
    grid: { dims: Vec3; spacingMm: Vec3; originLps: Vec3 };
    /** The pure HU of each tissue before partial volume and noise. */
    tissueHu: Record<string, number>;
    noiseSigmaHu: number;
  };
}

export const DEMO_NESTING_NOTE =
  'body contains every other structure; lung_right contains tumour (lung volumes are whole ellipsoids, tumour included); ' +
  'heart contains myocardium and lv_blood_pool (myocardium = LV ellipsoid minus blood pool); all other pairs are disjoint. ' +
  'The patient couch is not a structure. Volumes and centroids are analytic (LPS mm, mL).';

export function structureTruth(s: DemoStructure): DemoTruthStructure {
  let volume = 0;
  const moment: Vec3 = [0, 0, 0];
  const add = (sign: number) => (solid: DemoStructure['parts'][number]) => {
    volume += sign * solid.volumeMm3;
    for (let a = 0; a < 3; a++) moment[a]! += sign * solid.volumeMm3 * solid.centroidMm[a]!;
  };
  s.parts.forEach(add(1));
  s.holes.forEach(add(-1));
  return {
    name: s.name,
    volumeMl: micro(volume / 1000),
    centroidLps: moment.map((m) => micro(m / volume)) as Vec3,
    roleHint: s.roleHint,
    rtRoiInterpretedType: s.interpretedType,
    contains: s.contains,
  };
}

/** Rounded to 10⁻⁶ (mL, mm): far below any use, and keeps 88.00000000000001 and −0 out of truth.json. */
const micro = (v: number): number => Math.round(v * 1e6) / 1e6 + 0;

export function demoTruth(structures: readonly DemoStructure[]): DemoTruth {
  return { structures: structures.map(structureTruth), note: DEMO_NESTING_NOTE };
}
