/**
 * What a 3D view needs to draw a beam: the source at SAD, the isocentre, and the corners of the field on the
 * isocentre plane (the extent of the beam's bixels), plus the field pyramid (source apex, field base) as a
 * triangle mesh that any surface renderer can show.
 */
import type { Vec3 } from '../../volume/volume';
import type { TriangleMesh } from '../../anatomy/surfaces/mesh';
import type { BeamBixels } from './bixels';
import type { BeamGeometry } from './beam-geometry';

export interface BeamDisplay {
  gantryDeg: number;
  couchDeg: number;
  sadMm: number;
  sourceLps: Vec3;
  isocentreLps: Vec3;
  /** Field corners on the isocentre plane (LPS mm), in order round the field: (u−, v−), (u+, v−), (u+, v+), (u−, v+). */
  fieldCornersLps: [Vec3, Vec3, Vec3, Vec3];
}

const at = (b: BeamGeometry, uMm: number, vMm: number): Vec3 => [
  b.isocentre[0] + uMm * b.u[0] + vMm * b.v[0],
  b.isocentre[1] + uMm * b.u[1] + vMm * b.v[1],
  b.isocentre[2] + uMm * b.u[2] + vMm * b.v[2],
];

export function beamDisplay(bixels: BeamBixels): BeamDisplay {
  const b = bixels.beam;
  const half = bixels.bixelMm / 2;
  let u0 = Infinity, u1 = -Infinity, v0 = Infinity, v1 = -Infinity;
  bixels.uMm.forEach((u, i) => {
    const v = bixels.vMm[i]!;
    u0 = Math.min(u0, u - half); u1 = Math.max(u1, u + half);
    v0 = Math.min(v0, v - half); v1 = Math.max(v1, v + half);
  });
  return {
    gantryDeg: b.gantryDeg,
    couchDeg: b.couchDeg,
    sadMm: b.sadMm,
    sourceLps: [...b.source],
    isocentreLps: [...b.isocentre],
    fieldCornersLps: [at(b, u0, v0), at(b, u1, v0), at(b, u1, v1), at(b, u0, v1)],
  };
}

/** The field pyramid: apex at the source, base the field on the isocentre plane (4 sides and the base). */
export function fieldPyramidMesh(d: BeamDisplay): TriangleMesh {
  const positions = Float32Array.from([...d.sourceLps, ...d.fieldCornersLps.flat()]);
  // Apex 0, corners 1–4; outward winding does not matter for a translucent display surface.
  const triangles = Uint32Array.from([0, 1, 2, 0, 2, 3, 0, 3, 4, 0, 4, 1, 1, 3, 2, 1, 4, 3]);
  return { positions, triangles };
}
