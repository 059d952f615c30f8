import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../../volume/volume';
import { beamGeometry } from './beam-geometry';
import { beamDisplay, fieldPyramidMesh } from './beam-display';
import { openField } from './bixels';

const iso: Vec3 = [5, -10, 20];
const field = (gantryDeg: number) => beamDisplay(openField(beamGeometry({ gantryDeg, couchDeg: 0 }, iso, 1000), 100, 60, 5));
const close = (a: readonly number[], b: readonly number[], digits = 9) => a.forEach((x, i) => expect(x).toBeCloseTo(b[i]!, digits));

describe('beam display geometry (HFS)', () => {
  it('puts the gantry-0 source anterior (−y) at SAD 1000 mm from the isocentre', () => {
    const d = field(0);
    close(d.sourceLps, [5, -1010, 20]);
    close(d.isocentreLps, iso);
    expect(d.sadMm).toBe(1000);
  });

  it('puts the gantry-90 source on the patient’s left (+x)', () => {
    close(field(90).sourceLps, [1005, -10, 20]);
  });

  it('spans the bixels’ extent on the isocentre plane: a 100 × 60 mm field for gantry 0', () => {
    const [a, b, c, d] = field(0).fieldCornersLps;
    // u runs along +x (patient's left) for gantry 0, v along +z (superior); the plane is y = iso y.
    close(a, [-45, -10, -10]);
    close(b, [55, -10, -10]);
    close(c, [55, -10, 50]);
    close(d, [-45, -10, 50]);
  });

  it('meshes the pyramid: 5 faces as 6 triangles, apex at the source, base on the field corners', () => {
    const d = field(40);
    const pyramid = fieldPyramidMesh(d);
    expect(pyramid.triangles.length / 3).toBe(6);
    // Mesh positions are float32: compare to 0.01 mm.
    close(Array.from(pyramid.positions.subarray(0, 3)), d.sourceLps, 2);
    close(Array.from(pyramid.positions.subarray(3, 6)), d.fieldCornersLps[0], 2);
    // The corners lie on the isocentre plane: perpendicular to the axis through the isocentre.
    const axis = d.isocentreLps.map((x, k) => x - d.sourceLps[k]!);
    for (const c of d.fieldCornersLps) expect(c.reduce((s, x, k) => s + (x - d.isocentreLps[k]!) * axis[k]!, 0)).toBeCloseTo(0, 6);
  });
});
