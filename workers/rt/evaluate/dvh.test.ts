import { describe, expect, it } from 'vitest';
import { computeDvh, doseAtVolumePct, doseStats, sortedDoses, volumeAtDose } from './dvh';
import { homogeneityIndex, paddickConformity } from './indices';

/**
 * Analytic DVH checks after Nelms et al., Med Phys 42:4435 (2015): a sphere, a cylinder and a cone of 10 mm and
 * 30 mm (diameter = height) in a linear dose gradient D(x) = 1 Gy/mm · (x + R) along x, voxelised at R/40
 * across the gradient and R/200 along it (so each voxel's dose stands for its slab within the tolerance).
 * The volume receiving ≥ d has a closed form for each shape; the DVH must match it within 1 % of the volume.
 */
type Shape = { name: string; inside: (x: number, y: number, z: number) => boolean; exactFraction: (x0: number) => number };

function shapes(R: number): Shape[] {
  const H = 2 * R;
  const clampX = (x0: number) => Math.min(R, Math.max(-R, x0));
  return [
    {
      // Spherical cap above x0: π h² (3R − h) / 3 with h = R − x0, over 4/3 π R³.
      name: 'sphere',
      inside: (x, y, z) => x * x + y * y + z * z <= R * R,
      exactFraction: (x0) => {
        const h = R - clampX(x0);
        return (Math.PI * h * h * (3 * R - h)) / 3 / ((4 / 3) * Math.PI * R ** 3);
      },
    },
    {
      // Axis along z, gradient across it: circular segment beyond x0 times the height, over π R² H.
      name: 'cylinder',
      inside: (x, y, z) => x * x + y * y <= R * R && Math.abs(z) <= H / 2,
      exactFraction: (x0) => {
        const a = clampX(x0);
        return (R * R * Math.acos(a / R) - a * Math.sqrt(R * R - a * a)) / (Math.PI * R * R);
      },
    },
    {
      // Axis along x from the base (x = −R, radius R) to the apex (x = −R + H): volume beyond x0 is a small cone.
      name: 'cone',
      inside: (x, y, z) => {
        const t = (x + R) / H;
        return t >= 0 && t <= 1 && y * y + z * z <= (R * (1 - t)) ** 2;
      },
      exactFraction: (x0) => {
        const t = Math.min(1, Math.max(0, (x0 + R) / H));
        return (1 - t) ** 3;
      },
    },
  ];
}

describe('DVH against analytic shapes (Nelms et al. 2015 sizes)', () => {
  for (const sizeMm of [10, 30]) {
    const R = sizeMm / 2;
    const h = R / 40;
    const hx = R / 200;
    for (const s of shapes(R)) {
      it(`${s.name} ${sizeMm} mm: cumulative DVH within 1 % of the analytic volume`, () => {
        const doses: number[] = [];
        const n = Math.ceil(R / h) + 1;
        const nx = Math.ceil(R / hx) + 1;
        for (let k = -n; k <= n; k++)
          for (let j = -n; j <= n; j++)
            for (let i = -nx; i <= nx; i++) {
              const x = (i + 0.5) * hx, y = (j + 0.5) * h, z = (k + 0.5) * h;
              if (s.inside(x, y, z)) doses.push(x + R);
            }
        const sorted = sortedDoses(doses);
        const dvh = computeDvh(sorted, sizeMm / 50);
        let worst = 0;
        dvh.doseGy.forEach((d, k) => (worst = Math.max(worst, Math.abs(dvh.cumulative[k]! - s.exactFraction(d - R)))));
        expect(worst).toBeLessThan(0.01);
        // The differential DVH integrates back to the whole volume.
        const total = dvh.differential.reduce((a, b) => a + b, 0) * (sizeMm / 50);
        expect(total).toBeCloseTo(1, 6);
      });
    }
  }
});

describe('dose statistics', () => {
  const sorted = sortedDoses(Array.from({ length: 100 }, (_, i) => i + 1)); // 1 … 100 Gy
  it('reads Dx, Vx, min, mean and max', () => {
    expect(doseAtVolumePct(sorted, 95)).toBe(6);
    expect(doseAtVolumePct(sorted, 10)).toBe(91);
    expect(volumeAtDose(sorted, 91)).toBeCloseTo(0.1, 12);
    expect(doseStats(sorted)).toEqual({ minGy: 1, maxGy: 100, meanGy: 50.5, count: 100 });
  });

  it('computes the Paddick conformity and the ICRU 83 homogeneity index', () => {
    // 10 voxels: the target is 0–5; voxels 0–3 and 6–7 get the prescription.
    const dose = [60, 60, 60, 60, 40, 40, 60, 60, 0, 0];
    // TV = 6, PIV = 6, TV∩PIV = 4: CI = 16 / 36.
    expect(paddickConformity(dose, [0, 1, 2, 3, 4, 5], 60)).toBeCloseTo(16 / 36, 12);
    expect(homogeneityIndex(sortedDoses(Array.from({ length: 100 }, () => 50)))).toBe(0);
    expect(homogeneityIndex(sorted)).toBeCloseTo((99 - 3) / 51, 12);
  });
});
