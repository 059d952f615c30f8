/**
 * Beam geometry from IEC 61217 machine angles to DICOM patient coordinates (LPS, mm), for a head-first supine
 * (HFS) patient, the only orientation handled so far.
 *
 * IEC fixed system for HFS: X_f points to the patient's left (+L), Y_f toward the gantry (+S), Z_f up (anterior,
 * −P). At gantry θ the source sits at SAD·(sin θ, 0, cos θ) in IEC fixed coordinates (gantry 0 above the patient,
 * gantry 90 on the patient's left), the beam-limiting device X axis is (cos θ, 0, −sin θ), its Y axis is Y_f.
 * A couch (patient support) rotation φ about Z_f turns the patient by φ, so in patient coordinates the beam turns
 * by −φ about the vertical.
 */
import type { Vec3 } from '../../volume/volume';
import type { BeamAngles } from '../types';

export interface BeamGeometry extends BeamAngles {
  sadMm: number;
  isocentre: Vec3;
  source: Vec3;
  /** Unit vector from the source through the isocentre. */
  axis: Vec3;
  /** Beam's-eye-view axes at the isocentre plane: u = IEC beam-limiting-device X, v = its Y (both unit, LPS). */
  u: Vec3;
  v: Vec3;
}

const DEG = Math.PI / 180;

/** IEC fixed (X_f, Y_f, Z_f) after undoing the couch rotation → LPS for an HFS patient. */
function iecToLps(x: number, y: number, z: number, couchDeg: number): Vec3 {
  const c = Math.cos(-couchDeg * DEG);
  const s = Math.sin(-couchDeg * DEG);
  const xr = c * x - s * y;
  const yr = s * x + c * y;
  return [xr, -z, yr];
}

export function beamGeometry(angles: BeamAngles, isocentre: Vec3, sadMm: number): BeamGeometry {
  const t = angles.gantryDeg * DEG;
  const src = iecToLps(sadMm * Math.sin(t), 0, sadMm * Math.cos(t), angles.couchDeg);
  const u = iecToLps(Math.cos(t), 0, -Math.sin(t), angles.couchDeg);
  const v = iecToLps(0, 1, 0, angles.couchDeg);
  return {
    ...angles,
    sadMm,
    isocentre,
    source: [isocentre[0] + src[0], isocentre[1] + src[1], isocentre[2] + src[2]],
    axis: [-src[0] / sadMm, -src[1] / sadMm, -src[2] / sadMm],
    u,
    v,
  };
}

/** Beams evenly spaced from `startDeg` in steps of `stepDeg` (TG-119: 9 × 40°, 7 × 50°), couch 0. */
export function equispacedBeams(count: number, stepDeg: number, startDeg = 0): BeamAngles[] {
  return Array.from({ length: count }, (_, b) => ({ gantryDeg: (startDeg + b * stepDeg) % 360, couchDeg: 0 }));
}

/** Distance along the axis from the source and the divergent projection of p onto the isocentre plane. */
export function projectToIsoPlane(beam: BeamGeometry, p: Vec3): { depthFromSourceMm: number; uMm: number; vMm: number } {
  const rx = p[0] - beam.source[0], ry = p[1] - beam.source[1], rz = p[2] - beam.source[2];
  const z = rx * beam.axis[0] + ry * beam.axis[1] + rz * beam.axis[2];
  const f = beam.sadMm / z;
  return {
    depthFromSourceMm: z,
    uMm: (rx * beam.u[0] + ry * beam.u[1] + rz * beam.u[2]) * f,
    vMm: (rx * beam.v[0] + ry * beam.v[1] + rz * beam.v[2]) * f,
  };
}
