import { describe, expect, it } from 'vitest';
import { stlToObj, stlTriangleCount } from './stl-to-obj';

/** A binary STL of a unit tetrahedron (4 vertices, 4 faces), written by hand to the format's layout. */
function tetrahedronStl(): ArrayBuffer {
  const p = [
    [0, 0, 0],
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ];
  const faces = [
    [0, 2, 1],
    [0, 1, 3],
    [0, 3, 2],
    [1, 2, 3],
  ];
  const buffer = new ArrayBuffer(84 + faces.length * 50);
  const view = new DataView(buffer);
  view.setUint32(80, faces.length, true);
  faces.forEach((face, t) => {
    face.forEach((v, k) => p[v]!.forEach((c, axis) => view.setFloat32(84 + t * 50 + 12 + k * 12 + axis * 4, c, true)));
  });
  return buffer;
}

describe('stlToObj', () => {
  it('shares the vertices that STL repeats per triangle', () => {
    const obj = stlToObj(tetrahedronStl(), 'tetra');
    const lines = obj.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('v '))).toEqual(['v 0 0 0', 'v 0 1 0', 'v 1 0 0', 'v 0 0 1']);
    expect(lines.filter((l) => l.startsWith('f '))).toEqual(['f 1 2 3', 'f 1 3 4', 'f 1 4 2', 'f 3 2 4']);
    expect(lines).toContain('o tetra');
  });

  it('rejects bytes whose length disagrees with the triangle count', () => {
    expect(() => stlTriangleCount(tetrahedronStl().slice(0, 150))).toThrow(/4 triangles/);
    expect(() => stlTriangleCount(new ArrayBuffer(20))).toThrow(/not a binary STL/);
  });
});
