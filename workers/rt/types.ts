/** The radiotherapy planning model shared by the rt engines (matRad's `cst`, `stf`, `dij` in typed form). */
import type { Volume } from '../volume/volume';
import type { BeamBixels } from './beams/bixels';
import type { BeamsInfluence } from './dose/influence-matrix';
import type { DensityGrid } from './geometry/dose-grid';

export type StructureRole = 'target' | 'oar' | 'external';

/** One delineated structure as a 0/1 mask on its own grid (usually the CT's). Structures may overlap. */
export interface Structure {
  name: string;
  role: StructureRole;
  mask: Volume<Uint8Array>;
  /** Key into assets/rt/radiobiology TISSUES (e.g. 'lung', 'tumour'); defaults by role. */
  tissue?: string;
}

/** One treatment beam by its IEC 61217 machine angles. */
export interface BeamAngles {
  gantryDeg: number;
  couchDeg: number;
}

export interface PlanStructure {
  name: string;
  role: StructureRole;
  tissue?: string;
  /** Indices into the plan's dose voxels. */
  voxels: Uint32Array;
}

export interface Plan {
  /** Dose-grid geometry, holding the relative electron density. */
  grid: DensityGrid;
  /** Grid indices of the dose voxels (the matrix's voxel axis). */
  voxels: Uint32Array;
  structures: PlanStructure[];
  beams: BeamBixels[];
  influence: BeamsInfluence;
  weights: Float64Array;
  /** Total dose (Gy) per dose voxel. */
  doseGy: Float64Array;
  fractions: number;
  objectiveHistory: number[];
  timingsS: { dose: number; optimisation: number };
}
