/**
 * Randomised planning geometries for the dose-volume predictor's training data: a water-equivalent block with one
 * target (sphere, ellipsoid or C-shape of random size) and 1–3 organs at risk (spheres or cylinders along the
 * superior–inferior axis, or large organ-like ellipsoids) at random distances from it, sometimes overlapping it. Drawn from a seed, so case k of a
 * seed is always the same case. Shapes are inside-tests on voxel centres, as in the TG-119 phantoms.
 */
import { IDENTITY_DIRECTION, type Vec3, type Volume } from '../../volume/volume';
import { mulberry32Int } from '../../phantom/seeded-random';
import type { Structure } from '../types';

export const KBP_TARGET = 'PTV';

export interface KbpPhantom {
  ct: Volume<Int16Array>;
  structures: Structure[];
  /** The OARs' names, in order (OAR1…OARn). */
  oars: string[];
  /** What was drawn, for the data file. */
  description: string;
}

type Inside = (x: number, y: number, z: number) => boolean;

/** Left–right and anterior–posterior half widths of the water block, and its half length (a thorax-sized block). */
const BLOCK_HALF_MM: readonly [number, number] = [150, 120];
const HALF_LENGTH_MM = 120;
const AIR_MM = 5;

/** Case `index` of the series drawn from `seed`, on a grid of `spacingMm`. */
export function kbpPhantom(seed: number, index: number, spacingMm = 4): KbpPhantom {
  const next = mulberry32Int((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  const u = (lo = 0, hi = 1): number => lo + ((hi - lo) * next()) / 4294967296;
  const shapes: { name: string; role: Structure['role']; inside: Inside }[] = [];
  const notes: string[] = [];

  // The target, centred within 10 mm of the block centre; `extentMm` is its rough radius for placing OARs.
  const c: Vec3 = [u(-10, 10), u(-10, 10), u(-10, 10)];
  const kind = u() < 0.4 ? 'sphere' : u() < 0.6 ? 'ellipsoid' : 'cshape';
  let extentMm: number;
  if (kind === 'sphere') {
    const r = u(10, 35);
    extentMm = r;
    shapes.push({ name: KBP_TARGET, role: 'target', inside: (x, y, z) => (x - c[0]) ** 2 + (y - c[1]) ** 2 + (z - c[2]) ** 2 <= r * r });
    notes.push(`sphere r=${r.toFixed(1)}`);
  } else if (kind === 'ellipsoid') {
    const a = u(10, 40), b = u(10, 40), cz = u(10, 45);
    extentMm = Math.cbrt(a * b * cz);
    shapes.push({ name: KBP_TARGET, role: 'target', inside: (x, y, z) => ((x - c[0]) / a) ** 2 + ((y - c[1]) / b) ** 2 + ((z - c[2]) / cz) ** 2 <= 1 });
    notes.push(`ellipsoid ${a.toFixed(1)}x${b.toFixed(1)}x${cz.toFixed(1)}`);
  } else {
    // A C around the z axis, open towards a random side, as TG-119's C-shape but of random size.
    const rIn = u(8, 20), rOut = rIn + u(10, 25), halfLen = u(15, 45), openDeg = u(0, 360);
    const ox = Math.cos((openDeg * Math.PI) / 180), oy = Math.sin((openDeg * Math.PI) / 180);
    extentMm = rOut;
    shapes.push({
      name: KBP_TARGET,
      role: 'target',
      inside: (x, y, z) => {
        const dx = x - c[0], dy = y - c[1];
        const r = Math.hypot(dx, dy);
        const along = dx * ox + dy * oy;
        const across = Math.abs(-dx * oy + dy * ox);
        return r >= rIn && r <= rOut && Math.abs(z - c[2]) <= halfLen && !(along > 0 && across < rIn);
      },
    });
    notes.push(`cshape rin=${rIn.toFixed(1)} rout=${rOut.toFixed(1)} half=${halfLen.toFixed(1)} open=${openDeg.toFixed(0)}`);
    if (u() < 0.5) {
      // An OAR in the concavity, like TG-119's core: the hardest geometry to spare.
      const rc = rIn * u(0.5, 0.9), hl = halfLen + u(0, 20);
      shapes.push({ name: 'OAR1', role: 'oar', inside: (x, y, z) => Math.hypot(x - c[0], y - c[1]) <= rc && Math.abs(z - c[2]) <= hl });
      notes.push(`OAR1 core r=${rc.toFixed(1)}`);
    }
  }

  const oarCount = Math.max(1, Math.min(3, Math.floor(u(1, 4))));
  while (shapes.length - 1 < oarCount) {
    const name = `OAR${shapes.length}`;
    // Direction uniform on the sphere; the gap between surfaces from −15 mm (overlap) to 40 mm.
    const cosT = u(-1, 1), phi = u(0, 2 * Math.PI), sinT = Math.sqrt(1 - cosT * cosT);
    const dir: Vec3 = [sinT * Math.cos(phi), sinT * Math.sin(phi), cosT];
    const gap = u(-15, 40);
    const type = u();
    if (type < 0.35) {
      const r = u(8, 25);
      const p = dir.map((d, a) => c[a]! + d * (extentMm + gap + r)) as Vec3;
      shapes.push({ name, role: 'oar', inside: (x, y, z) => (x - p[0]) ** 2 + (y - p[1]) ** 2 + (z - p[2]) ** 2 <= r * r });
      notes.push(`${name} sphere r=${r.toFixed(1)} gap=${gap.toFixed(1)}`);
    } else if (type < 0.7) {
      // A cylinder along z (spinal cord, oesophagus, rectum-like), placed in the axial plane around the target.
      const r = u(5, 15), hl = u(20, 110);
      const norm = Math.hypot(dir[0], dir[1]) || 1;
      const p = [c[0] + (dir[0] / norm) * (extentMm + gap + r), c[1] + (dir[1] / norm) * (extentMm + gap + r), c[2] + u(-15, 15)];
      shapes.push({ name, role: 'oar', inside: (x, y, z) => Math.hypot(x - p[0]!, y - p[1]!) <= r && Math.abs(z - p[2]!) <= hl });
      notes.push(`${name} cylinder r=${r.toFixed(1)} half=${hl.toFixed(1)} gap=${gap.toFixed(1)}`);
    } else {
      // A large organ (lung, liver, heart-like ellipsoid, up to ≈ 2 L), clipped by the block where it reaches out;
      // its near side sits `gap` from the target, or, with a negative gap, it wraps around part of the target.
      const a = u(25, 65), b = u(25, 65), cz = u(35, 120);
      const reach = Math.hypot(dir[0] * a, dir[1] * b, dir[2] * cz) / Math.hypot(...dir);
      const p = dir.map((d, k) => c[k]! + d * (extentMm + gap * (gap < 0 ? 3 : 1) + reach)) as Vec3;
      shapes.push({ name, role: 'oar', inside: (x, y, z) => ((x - p[0]) / a) ** 2 + ((y - p[1]) / b) ** 2 + ((z - p[2]) / cz) ** 2 <= 1 });
      notes.push(`${name} organ ${a.toFixed(0)}x${b.toFixed(0)}x${cz.toFixed(0)} gap=${gap.toFixed(1)}`);
    }
  }
  return { ...rasterise(shapes, spacingMm), oars: shapes.filter((s) => s.role === 'oar').map((s) => s.name), description: `${kind}; ${notes.join('; ')}` };
}

function rasterise(shapes: { name: string; role: Structure['role']; inside: Inside }[], spacingMm: number): Omit<KbpPhantom, 'oars' | 'description'> {
  const [hx, hy] = [BLOCK_HALF_MM[0] + AIR_MM, BLOCK_HALF_MM[1] + AIR_MM];
  const nx = Math.round((2 * hx) / spacingMm), ny = Math.round((2 * hy) / spacingMm);
  const nz = Math.round((2 * HALF_LENGTH_MM) / spacingMm);
  const origin: Vec3 = [-hx + spacingMm / 2, -hy + spacingMm / 2, -HALF_LENGTH_MM + spacingMm / 2];
  const geometry = { dims: [nx, ny, nz] as Vec3, spacing: [spacingMm, spacingMm, spacingMm] as Vec3, origin, direction: [...IDENTITY_DIRECTION] as Volume['direction'] };
  const n = nx * ny * nz;
  const hu = new Int16Array(n);
  const masks = shapes.map(() => new Uint8Array(n));
  for (let k = 0, v = 0; k < nz; k++) {
    const z = origin[2] + k * spacingMm;
    for (let j = 0; j < ny; j++) {
      const y = origin[1] + j * spacingMm;
      for (let i = 0; i < nx; i++, v++) {
        const x = origin[0] + i * spacingMm;
        const inBlock = Math.abs(x) <= BLOCK_HALF_MM[0] && Math.abs(y) <= BLOCK_HALF_MM[1];
        hu[v] = inBlock ? 0 : -1000; // water in the block, air around it
        if (inBlock) shapes.forEach((s, q) => s.inside(x, y, z) && (masks[q]![v] = 1));
      }
    }
  }
  return { ct: { ...geometry, data: hu }, structures: shapes.map((s, q) => ({ name: s.name, role: s.role, mask: { ...geometry, data: masks[q]! } })) };
}
