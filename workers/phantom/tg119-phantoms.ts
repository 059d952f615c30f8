/**
 * AAPM TG-119 IMRT commissioning geometries (Ezzell et al., Med Phys 36:5359, 2009) in a water-equivalent block,
 * as a CT volume (HU) and structure masks on the same grid. Structures are defined by voxel centres.
 *
 * - C-shape: core = cylinder of radius 10 mm, 100 mm long, on the superior–inferior axis; PTV = a C around it,
 *   inner radius 15 mm, outer 37 mm, 80 mm long, open on the posterior side over the width of the inner diameter
 *   (|x| < 15 mm, y > 0). The opening's side and width are our reading of the report's figure.
 * - Multitarget: three coaxial cylinders, 40 mm in diameter and 40 mm long each, stacked along the
 *   superior–inferior axis without gaps: Central, Superior (+z), Inferior (−z).
 * The block is 200 × 200 mm (left–right × anterior–posterior) with 5 mm of air around it; its length covers the
 * structures with 30 mm to spare.
 */
import { IDENTITY_DIRECTION, type Vec3, type Volume } from '../volume/volume';
import type { Structure } from '../rt/types';

export type Tg119Case = 'tg119-cshape-easy' | 'tg119-cshape-hard' | 'tg119-multitarget';

export const TG119_CASES: readonly Tg119Case[] = ['tg119-cshape-easy', 'tg119-cshape-hard', 'tg119-multitarget'];

export interface Tg119Phantom {
  ct: Volume<Int16Array>;
  structures: Structure[];
}

const BLOCK_HALF_MM = 100;
const AIR_MM = 5;

/** Inside-test per structure, on LPS coordinates (mm) relative to the block centre. */
type Shape = (x: number, y: number, z: number) => boolean;

function cShapeStructures(): { name: string; role: Structure['role']; inside: Shape }[] {
  return [
    {
      name: 'PTV',
      role: 'target',
      inside: (x, y, z) => {
        const r = Math.hypot(x, y);
        return r >= 15 && r <= 37 && Math.abs(z) <= 40 && !(y > 0 && Math.abs(x) < 15);
      },
    },
    { name: 'Core', role: 'oar', inside: (x, y, z) => Math.hypot(x, y) <= 10 && Math.abs(z) <= 50 },
  ];
}

function multitargetStructures(): { name: string; role: Structure['role']; inside: Shape }[] {
  const cyl = (z0: number): Shape => (x, y, z) => Math.hypot(x, y) <= 20 && z >= z0 && z < z0 + 40;
  return [
    { name: 'Central', role: 'target', inside: cyl(-20) },
    { name: 'Superior', role: 'target', inside: cyl(20) },
    { name: 'Inferior', role: 'target', inside: cyl(-60) },
  ];
}

export function tg119Phantom(which: Tg119Case, spacingMm = 2.5): Tg119Phantom {
  const shapes = which === 'tg119-multitarget' ? multitargetStructures() : cShapeStructures();
  const halfLength = which === 'tg119-multitarget' ? 90 : 80;
  const half = BLOCK_HALF_MM + AIR_MM;
  const nxy = Math.round((2 * half) / spacingMm);
  const nz = Math.round((2 * halfLength) / spacingMm);
  // Voxel centres sit half a voxel off the structures' boundaries (which are at whole millimetres).
  const origin: Vec3 = [-half + spacingMm / 2, -half + spacingMm / 2, -halfLength + spacingMm / 2];
  const dims: Vec3 = [nxy, nxy, nz];
  const geometry = { dims, spacing: [spacingMm, spacingMm, spacingMm] as Vec3, origin, direction: [...IDENTITY_DIRECTION] as Volume['direction'] };
  const n = nxy * nxy * nz;
  const hu = new Int16Array(n);
  const masks = shapes.map(() => new Uint8Array(n));
  let v = 0;
  for (let k = 0; k < nz; k++) {
    const z = origin[2] + k * spacingMm;
    for (let j = 0; j < nxy; j++) {
      const y = origin[1] + j * spacingMm;
      for (let i = 0; i < nxy; i++, v++) {
        const x = origin[0] + i * spacingMm;
        // Water (0 HU) inside the block, air (−1000 HU) around it.
        hu[v] = Math.abs(x) <= BLOCK_HALF_MM && Math.abs(y) <= BLOCK_HALF_MM ? 0 : -1000;
        shapes.forEach((s, q) => {
          if (s.inside(x, y, z)) masks[q]![v] = 1;
        });
      }
    }
  }
  return {
    ct: { ...geometry, data: hu },
    structures: shapes.map((s, q) => ({ name: s.name, role: s.role, mask: { ...geometry, data: masks[q]! } })),
  };
}
