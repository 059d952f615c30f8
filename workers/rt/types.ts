/** The radiotherapy planning model shared by the rt engines (matRad's `cst`, `stf`, `dij` in typed form). */
import type { Volume } from '../volume/volume';

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
