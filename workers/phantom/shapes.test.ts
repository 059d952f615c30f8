/** The solids' closed-form volumes and centroids against direct numerical integration, and their contours' areas. */
import { describe, expect, it } from 'vitest';
import { ArcTube, Ellipsoid, EllipticCylinder, ellipsePolygon, type Solid } from './shapes';
import { polygonAreaMm2 } from './polygon-area';

/** Volume (mm³) and centroid by the midpoint rule on a grid of `stepMm` over the solid's bounds. */
function integrate(s: Solid, stepMm: number): { volumeMm3: number; centroid: number[] } {
  const { min, max } = s.bounds;
  let n = 0;
  const sum = [0, 0, 0];
  for (let z = min[2] + stepMm / 2; z < max[2]; z += stepMm)
    for (let y = min[1] + stepMm / 2; y < max[1]; y += stepMm)
      for (let x = min[0] + stepMm / 2; x < max[0]; x += stepMm)
        if (s.contains(x, y, z)) {
          n++;
          sum[0]! += x;
          sum[1]! += y;
          sum[2]! += z;
        }
  return { volumeMm3: n * stepMm ** 3, centroid: sum.map((v) => v / n) };
}

describe('analytic solids', () => {
  it('ArcTube: Pappus volume and the bisector centroid agree with numerical integration', () => {
    const tube = new ArcTube({ x: 10, y: -5, z: 3 }, 30, [4, 7], -0.4, 2.1);
    const num = integrate(tube, 0.25);
    expect(num.volumeMm3 / tube.volumeMm3 - 1).toBeCloseTo(0, 2);
    for (let a = 0; a < 3; a++) expect(num.centroid[a]!).toBeCloseTo(tube.centroidMm[a]!, 1);
  });

  it('ArcTube: an axial section is an annular sector of the right area', () => {
    const tube = new ArcTube({ x: 0, y: 0, z: 0 }, 50, [5, 8], 0, Math.PI);
    const z = 4;
    const half = 5 * Math.sqrt(1 - (z / 8) ** 2);
    const exact = (Math.PI / 2) * ((50 + half) ** 2 - (50 - half) ** 2);
    const [poly] = tube.section(z);
    expect(Math.abs(polygonAreaMm2(poly!) / exact - 1)).toBeLessThan(0.001);
    expect(tube.section(8.5)).toEqual([]);
  });

  it('ellipsoid and elliptic cylinder: volumes and centroids by integration; contours keep the exact area', () => {
    for (const s of [new Ellipsoid([1, 2, 3], [12, 8, 15]), new EllipticCylinder([-4, 6], [9, 5], [-10, 12.5])]) {
      const num = integrate(s, 0.25);
      expect(num.volumeMm3 / s.volumeMm3 - 1).toBeCloseTo(0, 2);
      for (let a = 0; a < 3; a++) expect(num.centroid[a]!).toBeCloseTo(s.centroidMm[a]!, 1);
    }
    for (const [a, b] of [[3, 3], [185, 125], [40, 9]] as const) {
      expect(polygonAreaMm2(ellipsePolygon(0, 0, a, b, 0)) / (Math.PI * a * b)).toBeCloseTo(1, 12);
    }
  });

  it('xInterval agrees with contains on the convex solids', () => {
    const s = new Ellipsoid([1, 2, 3], [12, 8, 15]);
    const [x0, x1] = s.xInterval(4, 7)!;
    expect(s.contains(x0 + 1e-9, 4, 7) && s.contains(x1 - 1e-9, 4, 7)).toBe(true);
    expect(s.contains(x0 - 1e-6, 4, 7) || s.contains(x1 + 1e-6, 4, 7)).toBe(false);
    expect(s.xInterval(11, 3)).toBeUndefined();
  });
});
