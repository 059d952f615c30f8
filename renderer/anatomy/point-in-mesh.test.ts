import { describe, expect, it } from 'vitest';
import { stlContainsPoint, structureAt } from './point-in-mesh';

type V = [number, number, number];

/** A closed axis-aligned box as a binary STL: 6 faces, 2 triangles each, written to the format's layout. */
function boxStl(min: V, max: V): ArrayBuffer {
  const corner = (i: number): V => [i & 1 ? max[0] : min[0], i & 2 ? max[1] : min[1], i & 4 ? max[2] : min[2]];
  const quads = [
    [0, 2, 3, 1],
    [4, 5, 7, 6],
    [0, 1, 5, 4],
    [2, 6, 7, 3],
    [0, 4, 6, 2],
    [1, 3, 7, 5],
  ];
  const triangles = quads.flatMap(([a, b, c, d]) => [
    [a!, b!, c!],
    [a!, c!, d!],
  ]);
  const buffer = new ArrayBuffer(84 + triangles.length * 50);
  const view = new DataView(buffer);
  view.setUint32(80, triangles.length, true);
  triangles.forEach((tri, t) => tri.forEach((i, k) => corner(i).forEach((c, axis) => view.setFloat32(84 + t * 50 + 12 + k * 12 + axis * 4, c, true))));
  return buffer;
}

describe('point in closed mesh', () => {
  const box = boxStl([-10, -20, -30], [10, 20, 30]);

  it('finds points inside a box and not outside it', () => {
    expect(stlContainsPoint(box, [0, 0, 0])).toBe(true);
    expect(stlContainsPoint(box, [9.9, -19.9, 29.9])).toBe(true);
    expect(stlContainsPoint(box, [10.1, 0, 0])).toBe(false);
    expect(stlContainsPoint(box, [0, 0, -30.1])).toBe(false);
    expect(stlContainsPoint(box, [100, 100, 100])).toBe(false);
  });

  it('is not fooled by a point level with the box\'s edges and corners (the ray is skewed off the axes)', () => {
    expect(stlContainsPoint(box, [-10 + 1e-3, 0, 0])).toBe(true);
    expect(stlContainsPoint(box, [0, 20 + 1e-3, 30 + 1e-3])).toBe(false);
  });

  it('names the innermost structure: the heart, not the body around it', () => {
    const structures = [
      { name: 'body', stl: boxStl([-200, -150, -300], [200, 150, 300]), volumeMl: 144_000 },
      { name: 'heart', stl: boxStl([-40, -40, -40], [40, 40, 40]), volumeMl: 512 },
    ];
    expect(structureAt([0, 0, 0], structures)).toBe('heart');
    expect(structureAt([100, 0, 0], structures)).toBe('body');
    expect(structureAt([1000, 0, 0], structures)).toBeNull();
  });
});
