import { describe, expect, it } from 'vitest';
import { beamGeometry } from './beam-geometry';
import { openField, type BeamBixels } from './bixels';
import { deliveredFluence, sequenceFluence } from './leaf-sequencing';

const beam = beamGeometry({ gantryDeg: 0, couchDeg: 0 }, [0, 0, 0], 1000);

/** A smooth two-peaked map with a hole: the shapes optimised IMRT fluence takes. */
function fluence(b: BeamBixels): Float64Array {
  return Float64Array.from(b.uMm, (u, q) => {
    const v = b.vMm[q]!;
    const hole = Math.hypot(u, v) < 12 ? 0.1 : 1;
    return hole * (1.5 * Math.exp(-((u - 20) ** 2 + v ** 2) / 800) + Math.exp(-((u + 25) ** 2 + (v - 10) ** 2) / 500) + 0.05);
  });
}

describe('leaf sequencing (unidirectional sweep, step-and-shoot)', () => {
  const field = openField(beam, 100, 80, 5);
  const w = fluence(field);
  const max = Math.max(...w);

  it('delivers the optimised fluence within half a level (levels = 10 → 5 % of the maximum)', () => {
    const seq = sequenceFluence(field, w, 10);
    const delivered = deliveredFluence(field, seq);
    let worst = 0;
    w.forEach((x, q) => (worst = Math.max(worst, Math.abs(delivered[q]! - x))));
    expect(worst).toBeLessThanOrEqual(0.5 * seq.levelWeight + 1e-12);
    expect(worst / max).toBeLessThanOrEqual(0.05 + 1e-12);
    // Each segment is one aperture per leaf pair: open columns are contiguous by construction.
    for (const s of seq.segments) s.leftCol.forEach((l, r) => expect(l).toBeLessThanOrEqual(s.rightCol[r]!));
    expect(seq.segments.length).toBeGreaterThan(1);
    expect(seq.segments.length).toBeLessThanOrEqual(3 * 10);
  });

  it('reproduces a map already on the levels exactly', () => {
    const stepped = Float64Array.from(w, (x) => (Math.round((10 * x) / max) * max) / 10);
    const seq = sequenceFluence(field, stepped, 10);
    const delivered = deliveredFluence(field, seq);
    delivered.forEach((x, q) => expect(x).toBeCloseTo(stepped[q]!, 12));
  });

  it('gives a uniform map one segment', () => {
    const seq = sequenceFluence(field, new Float64Array(field.uMm.length).fill(2), 10);
    expect(seq.segments).toHaveLength(1);
    expect(seq.segments[0]!.weight).toBeCloseTo(2, 12);
  });
});
