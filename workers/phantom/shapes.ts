/**
 * Analytic solids of the demo phantom. Each knows exactly its volume and centroid (closed formulas, so the
 * ground truth does not depend on any grid), whether a point is inside, its bounding box, and its cross-section
 * with an axial plane as closed polygons (for RTSTRUCT contours). All coordinates are LPS millimetres; "axial"
 * means a plane of constant z.
 */
import type { Vec3 } from '../volume/volume';

export interface Bounds {
  min: Vec3;
  max: Vec3;
}

export interface Solid {
  readonly bounds: Bounds;
  readonly volumeMm3: number;
  readonly centroidMm: Vec3;
  contains(x: number, y: number, z: number): boolean;
  /** The cross-section with the plane at z: simple closed polygons as flat x, y, z triplets (none when missed). */
  section(z: number): Float64Array[];
  /** For convex solids: the x-interval inside the solid on the line (·, y, z), so rasterising needs no per-point test. */
  xInterval?(y: number, z: number): [number, number] | undefined;
}

/** Longest polygon edge on a contour: with area-preserving ellipses the area error is nil; on arcs it is < 0.1 %. */
const MAX_EDGE_MM = 1.5;

/**
 * An axis-aligned ellipse as an N-gon with the same area: the inscribed N-gon of an ellipse has area
 * πab · sin(2π/N)·N/(2π), so scaling the vertices by the square root of the inverse keeps the area exact.
 */
export function ellipsePolygon(cx: number, cy: number, a: number, b: number, z: number): Float64Array {
  const perimeter = Math.PI * (3 * (a + b) - Math.sqrt((3 * a + b) * (a + 3 * b))); // Ramanujan
  const n = Math.max(32, Math.ceil(perimeter / MAX_EDGE_MM));
  const scale = Math.sqrt((2 * Math.PI) / (n * Math.sin((2 * Math.PI) / n)));
  const out = new Float64Array(3 * n);
  for (let i = 0; i < n; i++) {
    const t = (2 * Math.PI * i) / n;
    out[3 * i] = cx + scale * a * Math.cos(t);
    out[3 * i + 1] = cy + scale * b * Math.sin(t);
    out[3 * i + 2] = z;
  }
  return out;
}

/** An ellipsoid with axes along x, y, z: V = 4/3·π·a·b·c. */
export class Ellipsoid implements Solid {
  readonly bounds: Bounds;
  readonly volumeMm3: number;
  readonly centroidMm: Vec3;
  constructor(
    readonly centre: Vec3,
    readonly semiAxesMm: Vec3,
  ) {
    const [a, b, c] = semiAxesMm;
    this.bounds = { min: [centre[0] - a, centre[1] - b, centre[2] - c], max: [centre[0] + a, centre[1] + b, centre[2] + c] };
    this.volumeMm3 = (4 / 3) * Math.PI * a * b * c;
    this.centroidMm = [...centre];
  }

  contains(x: number, y: number, z: number): boolean {
    const u = (x - this.centre[0]) / this.semiAxesMm[0];
    const v = (y - this.centre[1]) / this.semiAxesMm[1];
    const w = (z - this.centre[2]) / this.semiAxesMm[2];
    return u * u + v * v + w * w <= 1;
  }

  section(z: number): Float64Array[] {
    const w = (z - this.centre[2]) / this.semiAxesMm[2];
    const t = 1 - w * w;
    if (t <= 0) return [];
    const s = Math.sqrt(t);
    return [ellipsePolygon(this.centre[0], this.centre[1], this.semiAxesMm[0] * s, this.semiAxesMm[1] * s, z)];
  }

  xInterval(y: number, z: number): [number, number] | undefined {
    const v = (y - this.centre[1]) / this.semiAxesMm[1];
    const w = (z - this.centre[2]) / this.semiAxesMm[2];
    const t = 1 - v * v - w * w;
    if (t < 0) return undefined;
    const h = this.semiAxesMm[0] * Math.sqrt(t);
    return [this.centre[0] - h, this.centre[0] + h];
  }

  /** The same ellipsoid grown by `marginMm` on every semi-axis. */
  grown(marginMm: number): Ellipsoid {
    const [a, b, c] = this.semiAxesMm;
    return new Ellipsoid(this.centre, [a + marginMm, b + marginMm, c + marginMm]);
  }
}

/** A cylinder of elliptic section along z, from z0 to z1: V = π·a·b·(z1 − z0). */
export class EllipticCylinder implements Solid {
  readonly bounds: Bounds;
  readonly volumeMm3: number;
  readonly centroidMm: Vec3;
  constructor(
    readonly centreXy: [number, number],
    readonly semiAxesMm: [number, number],
    readonly zRangeMm: [number, number],
  ) {
    const [a, b] = semiAxesMm;
    const [z0, z1] = zRangeMm;
    this.bounds = { min: [centreXy[0] - a, centreXy[1] - b, z0], max: [centreXy[0] + a, centreXy[1] + b, z1] };
    this.volumeMm3 = Math.PI * a * b * (z1 - z0);
    this.centroidMm = [centreXy[0], centreXy[1], (z0 + z1) / 2];
  }

  contains(x: number, y: number, z: number): boolean {
    if (z < this.zRangeMm[0] || z > this.zRangeMm[1]) return false;
    const u = (x - this.centreXy[0]) / this.semiAxesMm[0];
    const v = (y - this.centreXy[1]) / this.semiAxesMm[1];
    return u * u + v * v <= 1;
  }

  section(z: number): Float64Array[] {
    if (z < this.zRangeMm[0] || z > this.zRangeMm[1]) return [];
    return [ellipsePolygon(this.centreXy[0], this.centreXy[1], this.semiAxesMm[0], this.semiAxesMm[1], z)];
  }

  xInterval(y: number, z: number): [number, number] | undefined {
    if (z < this.zRangeMm[0] || z > this.zRangeMm[1]) return undefined;
    const v = (y - this.centreXy[1]) / this.semiAxesMm[1];
    const t = 1 - v * v;
    if (t < 0) return undefined;
    const h = this.semiAxesMm[0] * Math.sqrt(t);
    return [this.centreXy[0] - h, this.centreXy[0] + h];
  }

  /** The same cylinder with its section grown by `marginMm` (same z range). */
  grown(marginMm: number): EllipticCylinder {
    return new EllipticCylinder(this.centreXy, [this.semiAxesMm[0] + marginMm, this.semiAxesMm[1] + marginMm], this.zRangeMm);
  }
}

/**
 * A tube swept along a circular arc of radius R in the axial plane z = zc, around the axis through (cx, cy)
 * parallel to z, from angle φ0 to φ1 (radians, from +x towards +y), with flat ends on the half-planes φ = φ0 and
 * φ = φ1: a sector of a torus whose cross-section is an ellipse with semi-axis a along the radius and b along z
 * (a rib: thinner than it is tall). Pappus: V = π·a·b·R·Δφ; the centroid lies on the bisector at distance
 * 2·sin(Δφ/2)·(R² + a²/4)/(Δφ·R) from the axis (from the ellipse's second moment about the axis, A·(R² + a²/4)).
 * The axial section at z is an annular sector between R ∓ a·√(1 − ((z − zc)/b)²).
 */
export class ArcTube implements Solid {
  readonly bounds: Bounds;
  readonly volumeMm3: number;
  readonly centroidMm: Vec3;
  constructor(
    readonly axis: { x: number; y: number; z: number },
    readonly arcRadiusMm: number,
    /** Semi-axes of the elliptic cross-section: along the arc's radius, and along z. */
    readonly sectionSemiAxesMm: [number, number],
    readonly fromRad: number,
    readonly toRad: number,
  ) {
    const R = arcRadiusMm;
    const [a, b] = sectionSemiAxesMm;
    const span = toRad - fromRad;
    if (!(span > 0 && span < 2 * Math.PI) || !(a < R)) throw new Error('ArcTube needs 0 < Δφ < 2π and a < R');
    this.volumeMm3 = Math.PI * a * b * R * span;
    const d = (2 * Math.sin(span / 2) * (R * R + (a * a) / 4)) / (span * R);
    const mid = (fromRad + toRad) / 2;
    this.centroidMm = [axis.x + d * Math.cos(mid), axis.y + d * Math.sin(mid), axis.z];
    // Extremes of the swept region: the two ends and every axis-aligned direction inside the span, at R ± a.
    const angles = [fromRad, toRad];
    for (let q = Math.ceil(fromRad / (Math.PI / 2)); q * (Math.PI / 2) < toRad; q++) angles.push(q * (Math.PI / 2));
    const xs: number[] = [];
    const ys: number[] = [];
    for (const phi of angles) {
      for (const rho of [R - a, R + a]) {
        xs.push(axis.x + rho * Math.cos(phi));
        ys.push(axis.y + rho * Math.sin(phi));
      }
    }
    this.bounds = {
      min: [Math.min(...xs) - a, Math.min(...ys) - a, axis.z - b],
      max: [Math.max(...xs) + a, Math.max(...ys) + a, axis.z + b],
    };
  }

  contains(x: number, y: number, z: number): boolean {
    const dx = x - this.axis.x;
    const dy = y - this.axis.y;
    const u = (Math.sqrt(dx * dx + dy * dy) - this.arcRadiusMm) / this.sectionSemiAxesMm[0];
    const w = (z - this.axis.z) / this.sectionSemiAxesMm[1];
    if (u * u + w * w > 1) return false;
    let phi = Math.atan2(dy, dx) - this.fromRad;
    phi -= 2 * Math.PI * Math.floor(phi / (2 * Math.PI));
    return phi <= this.toRad - this.fromRad;
  }

  /** The tube thickened by `marginMm` on both semi-axes, and lengthened by about as much at each end. */
  grown(marginMm: number): ArcTube {
    const [a, b] = this.sectionSemiAxesMm;
    const dPhi = marginMm / (this.arcRadiusMm - a - marginMm);
    return new ArcTube(this.axis, this.arcRadiusMm, [a + marginMm, b + marginMm], this.fromRad - dPhi, this.toRad + dPhi);
  }

  section(z: number): Float64Array[] {
    const w = (z - this.axis.z) / this.sectionSemiAxesMm[1];
    if (w * w >= 1) return [];
    const half = this.sectionSemiAxesMm[0] * Math.sqrt(1 - w * w);
    const outer = this.arcRadiusMm + half;
    const inner = this.arcRadiusMm - half;
    const span = this.toRad - this.fromRad;
    const m = Math.max(8, Math.ceil((span * outer) / MAX_EDGE_MM));
    const out = new Float64Array(3 * 2 * (m + 1));
    for (let i = 0; i <= m; i++) {
      const p = this.fromRad + (span * i) / m; // outer arc forwards
      const q = this.toRad - (span * i) / m; // inner arc backwards
      out.set([this.axis.x + outer * Math.cos(p), this.axis.y + outer * Math.sin(p), z], 3 * i);
      out.set([this.axis.x + inner * Math.cos(q), this.axis.y + inner * Math.sin(q), z], 3 * (m + 1 + i));
    }
    return [out];
  }
}

/** An axis-aligned box (the couch): V = product of the sides. */
export class Box implements Solid {
  readonly volumeMm3: number;
  readonly centroidMm: Vec3;
  constructor(readonly bounds: Bounds) {
    const { min, max } = bounds;
    this.volumeMm3 = (max[0] - min[0]) * (max[1] - min[1]) * (max[2] - min[2]);
    this.centroidMm = [(min[0] + max[0]) / 2, (min[1] + max[1]) / 2, (min[2] + max[2]) / 2];
  }

  contains(x: number, y: number, z: number): boolean {
    const { min, max } = this.bounds;
    return x >= min[0] && x <= max[0] && y >= min[1] && y <= max[1] && z >= min[2] && z <= max[2];
  }

  xInterval(y: number, z: number): [number, number] | undefined {
    const { min, max } = this.bounds;
    return y >= min[1] && y <= max[1] && z >= min[2] && z <= max[2] ? [min[0], max[0]] : undefined;
  }

  section(z: number): Float64Array[] {
    const { min, max } = this.bounds;
    if (z < min[2] || z > max[2]) return [];
    return [Float64Array.from([min[0], min[1], z, max[0], min[1], z, max[0], max[1], z, min[0], max[1], z])];
  }
}
