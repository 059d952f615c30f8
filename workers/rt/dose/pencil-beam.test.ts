import { describe, expect, it } from 'vitest';
import { worldToVoxel, type Volume } from '../../volume/volume';
import { createJobContext } from '../../process/job-context';
import { beamGeometry } from '../beams/beam-geometry';
import { openField } from '../beams/bixels';
import { buildInfluenceMatrix } from './influence-matrix';
import { doseFromWeights } from './sparse';
import { waterTank } from '../testing/water-phantom';

/** Dose of an open 10 × 10 cm² field at SSD 100 cm (gantry 0, isocentre on the surface) at the given voxels. */
function openFieldDose(tank: Volume<Float32Array>, voxels: number[]): Float64Array {
  const beam = beamGeometry({ gantryDeg: 0, couchDeg: 0 }, [0, 0, 0], 1000);
  const field = openField(beam, 100, 100, 5);
  const m = buildInfluenceMatrix(tank, Uint32Array.from(voxels), [field], { lateralCutoffMm: 25 }, createJobContext());
  return doseFromWeights(m, new Float64Array(m.nBixels).fill(1));
}

/** Voxels on the central axis (x ≈ 0.5 mm, z = 0) below the surface, with their depths. */
function axisVoxels(tank: Volume<Float32Array>): { voxels: number[]; depthMm: number[] } {
  const [nx, ny] = tank.dims;
  const c = worldToVoxel(tank, [0.5, 0, 0]).map(Math.round);
  const voxels: number[] = [];
  const depthMm: number[] = [];
  for (let j = 0; j < ny; j++) {
    const y = tank.origin[1] + j * tank.spacing[1];
    if (y <= 0) continue;
    voxels.push(c[0]! + nx * (j + ny * c[2]!));
    depthMm.push(y);
  }
  return { voxels, depthMm };
}

describe('6 MV pencil beam in water (10 × 10 cm², SSD 100 cm)', () => {
  const tank = waterTank([1, 1, 5], 100, 250, 100);
  const axis = axisVoxels(tank);
  const dose = openFieldDose(tank, axis.voxels);
  const max = Math.max(...dose);
  const pdd = (d: number) => (100 * dose[axis.depthMm.findIndex((x) => Math.abs(x - d) < 0.01)]!) / max;

  it('has dmax ≈ 1.5 cm and 1 Gy per unit weight there', () => {
    const dmax = axis.depthMm[dose.indexOf(max)]!;
    expect(dmax).toBeGreaterThanOrEqual(12);
    expect(dmax).toBeLessThanOrEqual(18);
    expect(max).toBeCloseTo(1, 1);
  });

  it('has PDD(10 cm) ≈ 67 % (± 2 %) and falls off monotonically beyond dmax', () => {
    expect(pdd(100.5)).toBeGreaterThan(65);
    expect(pdd(100.5)).toBeLessThan(69);
    expect(pdd(50.5)).toBeGreaterThan(pdd(100.5));
    expect(pdd(100.5)).toBeGreaterThan(pdd(200.5));
    expect(pdd(0.5)).toBeLessThan(70); // build-up
  });

  it('has an 80–20 % penumbra of 3–8 mm at 10 cm depth and the field edge where divergence puts it', () => {
    const [nx, ny] = tank.dims;
    const c = worldToVoxel(tank, [0, 100.5, 0]).map(Math.round);
    const voxels = Array.from({ length: nx }, (_, i) => i + nx * (c[1]! + ny * c[2]!));
    const xs = voxels.map((_, i) => tank.origin[0] + i);
    const p = openFieldDose(tank, voxels);
    const centre = p[xs.indexOf(0.5)]!;
    const crossing = (f: number) => {
      for (let i = xs.length - 1; i > 0; i--)
        if (p[i - 1]! >= f * centre && p[i]! < f * centre) return xs[i - 1]! + (p[i - 1]! - f * centre) / (p[i - 1]! - p[i]!);
      return NaN;
    };
    const penumbra = crossing(0.2) - crossing(0.8);
    expect(penumbra).toBeGreaterThan(3);
    expect(penumbra).toBeLessThan(8);
    // The 50 % edge of a 100 mm field at SSD 100 cm lies at 50 · 110/100 = 55 mm at 10 cm depth.
    expect(crossing(0.5)).toBeCloseTo(55, 0);
  });

  it('gives more dose behind a lung slab than at the same geometric depth in water', () => {
    const lung = waterTank([1, 1, 5], 100, 250, 100, { fromMm: 30, toMm: 80, density: 0.25 });
    const lungDose = openFieldDose(lung, axis.voxels);
    const at = (d: number) => axis.depthMm.findIndex((x) => Math.abs(x - d) < 0.01);
    expect(lungDose[at(120.5)]! / dose[at(120.5)]!).toBeGreaterThan(1.1);
    // In front of the slab nothing changes.
    expect(lungDose[at(20.5)]! / dose[at(20.5)]!).toBeCloseTo(1, 3);
  });
});
