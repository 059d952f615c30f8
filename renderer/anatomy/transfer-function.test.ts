import { describe, expect, it } from 'vitest';
import { addPoint, editorDomain, linear, movePoint, pointsFromTables, recolourPoint, removePoint, tablesFromPoints } from './transfer-function';
import { VOLUME_PRESETS } from './volume-presets';

const bone = VOLUME_PRESETS.find((p) => p.id === 'ct-bone')!;
const lung = VOLUME_PRESETS.find((p) => p.id === 'ct-lung')!;

describe('transfer-function points', () => {
  it('merge a preset\'s colour and opacity points without changing either curve', () => {
    for (const preset of VOLUME_PRESETS) {
      const points = pointsFromTables(preset);
      const tables = tablesFromPoints(points);
      for (let hu = -1100; hu <= 3100; hu += 37) {
        expect(linear(tables.opacities, hu)).toBeCloseTo(linear(preset.opacities, hu), 9);
        for (const channel of [1, 2, 3]) {
          const curve = (colors: number[][]) => colors.map((c) => [c[0]!, c[channel]!]);
          expect(linear(curve(tables.colors), hu)).toBeCloseTo(linear(curve(preset.colors), hu), 9);
        }
      }
    }
  });

  it('add a point on the colour curve, in order, and say where it went', () => {
    const points = pointsFromTables(bone);
    const { points: next, index } = addPoint(points, 300, 0.4);
    expect(next).toHaveLength(points.length + 1);
    expect(next[index]!.value).toBe(300);
    expect(next[index]!.opacity).toBe(0.4);
    const values = next.map((p) => p.value);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    // -16 HU → (0.73, 0.25, 0.3), 641 HU → (0.91, 0.82, 0.55): 300 HU is 48 % of the way.
    const t = (300 + 16) / (641 + 16);
    expect(next[index]!.color[0]).toBeCloseTo(0.73 + t * (0.91 - 0.73), 6);
  });

  it('move a point only between its neighbours, with opacity in [0, 1]', () => {
    const points = pointsFromTables(bone); // -3024, -16, 641, 3071
    const moved = movePoint(points, 2, 5000, 1.7);
    expect(moved[2]!.value).toBeLessThan(3071);
    expect(moved[2]!.value).toBeGreaterThan(3070);
    expect(moved[2]!.opacity).toBe(1);
    expect(movePoint(points, 1, 200, -0.2)[1]).toMatchObject({ value: 200, opacity: 0 });
    expect(movePoint(points, 0, -9999, 0)[0]!.value).toBe(-9999); // an end point may widen the range
  });

  it('delete points but always keep a ramp of two', () => {
    let points = pointsFromTables(lung);
    const count = points.length;
    points = removePoint(points, 1);
    expect(points).toHaveLength(count - 1);
    while (points.length > 2) points = removePoint(points, 0);
    expect(removePoint(points, 0)).toHaveLength(2);
  });

  it('recolour one point and no other', () => {
    const points = pointsFromTables(bone);
    const next = recolourPoint(points, 1, [0, 1, 0]);
    expect(next[1]!.color).toEqual([0, 1, 0]);
    expect(next[2]).toBe(points[2]);
  });

  it('span the data and every control point on the editor\'s axis', () => {
    const points = pointsFromTables(lung); // -1000 … 2952
    expect(editorDomain(points, { min: -1024, max: 3071, counts: new Uint32Array(1) })).toEqual([-1024, 3071]);
    expect(editorDomain(points, null)).toEqual([-1000, 2952]);
  });
});
