import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../../volume/volume';
import { beamGeometry, equispacedBeams, projectToIsoPlane } from './beam-geometry';
import { bixelsForTarget } from './bixels';

const close = (a: Vec3, b: Vec3) => a.forEach((x, i) => expect(x).toBeCloseTo(b[i]!, 9));

describe('IEC 61217 beam geometry for a head-first supine patient', () => {
  const iso: Vec3 = [10, 20, 30];
  it('puts the gantry-0 source anterior and the gantry-90 source on the patient’s left', () => {
    close(beamGeometry({ gantryDeg: 0, couchDeg: 0 }, iso, 1000).source, [10, -980, 30]);
    close(beamGeometry({ gantryDeg: 90, couchDeg: 0 }, iso, 1000).source, [1010, 20, 30]);
    close(beamGeometry({ gantryDeg: 180, couchDeg: 0 }, iso, 1000).axis, [0, -1, 0]);
  });

  it('turns a lateral beam toward the superior–inferior axis when the couch turns 90°', () => {
    const b = beamGeometry({ gantryDeg: 90, couchDeg: 90 }, [0, 0, 0], 1000);
    expect(Math.abs(b.source[2])).toBeCloseTo(1000, 9);
    expect(b.source[1]).toBeCloseTo(0, 9);
    // The beam frame stays orthonormal.
    const dot = (p: Vec3, q: Vec3) => p[0] * q[0] + p[1] * q[1] + p[2] * q[2];
    expect(dot(b.u, b.axis)).toBeCloseTo(0, 12);
    expect(dot(b.v, b.axis)).toBeCloseTo(0, 12);
    expect(dot(b.u, b.v)).toBeCloseTo(0, 12);
  });

  it('projects divergently onto the isocentre plane', () => {
    const b = beamGeometry({ gantryDeg: 0, couchDeg: 0 }, [0, 0, 0], 1000);
    // 100 mm deeper than the isocentre, 11 mm to the left: 10 mm at the isocentre plane.
    const p = projectToIsoPlane(b, [11, 100, 0]);
    expect(p.depthFromSourceMm).toBeCloseTo(1100, 9);
    expect(p.uMm).toBeCloseTo(10, 9);
  });

  it('places 9 beams at 40° steps', () => {
    expect(equispacedBeams(9, 40).map((b) => b.gantryDeg)).toEqual([0, 40, 80, 120, 160, 200, 240, 280, 320]);
  });
});

describe('bixels', () => {
  it('cover the projected target plus the margin', () => {
    const b = beamGeometry({ gantryDeg: 0, couchDeg: 0 }, [0, 0, 0], 1000);
    // A 20 mm cube of points at the isocentre: 20 mm + 2 × 5 mm margin → 6 bixels of 5 mm a side (30 mm).
    const pts: Vec3[] = [];
    for (let x = -10; x <= 10; x += 1) for (let z = -10; z <= 10; z += 1) pts.push([x, 0, z]);
    const bx = bixelsForTarget(b, pts, 5, 5);
    const us = [...new Set(bx.uMm)].sort((p, q) => p - q);
    expect(us[0]).toBe(-15);
    expect(us[us.length - 1]).toBe(15);
    expect(bx.uMm.length).toBe(us.length * us.length);
  });
});
