/**
 * Wavefront OBJ from a binary STL, so a structure can be exported in either format from the one mesh the job
 * stored. STL repeats each vertex per triangle; OBJ shares them, so equal positions are merged (exact float
 * match: the engine wrote them from one shared vertex list). Coordinates stay LPS millimetres.
 */

const HEADER_BYTES = 80;
const TRIANGLE_BYTES = 50;

/** Triangle count of a binary STL, or an error when the byte length does not match its header. */
export function stlTriangleCount(stl: ArrayBuffer): number {
  if (stl.byteLength < HEADER_BYTES + 4) throw new Error(`not a binary STL: ${stl.byteLength} bytes`);
  const count = new DataView(stl).getUint32(HEADER_BYTES, true);
  const expected = HEADER_BYTES + 4 + count * TRIANGLE_BYTES;
  if (stl.byteLength !== expected) throw new Error(`binary STL says ${count} triangles (${expected} bytes) but has ${stl.byteLength} bytes`);
  return count;
}

export function stlToObj(stl: ArrayBuffer, objectName: string): string {
  const count = stlTriangleCount(stl);
  const view = new DataView(stl);
  const indexOf = new Map<string, number>();
  const vertexLines: string[] = [];
  const faceLines: string[] = [];
  for (let t = 0; t < count; t++) {
    const base = HEADER_BYTES + 4 + t * TRIANGLE_BYTES + 12; // skip the facet normal: OBJ readers recompute it
    const face: number[] = [];
    for (let v = 0; v < 3; v++) {
      const at = base + v * 12;
      const x = view.getFloat32(at, true);
      const y = view.getFloat32(at + 4, true);
      const z = view.getFloat32(at + 8, true);
      const key = `${x} ${y} ${z}`;
      let index = indexOf.get(key);
      if (index === undefined) {
        index = indexOf.size + 1; // OBJ indices start at 1
        indexOf.set(key, index);
        vertexLines.push(`v ${key}`);
      }
      face.push(index);
    }
    faceLines.push(`f ${face.join(' ')}`);
  }
  return [`# Twin Workstation ${objectName}, LPS mm`, `o ${objectName}`, ...vertexLines, ...faceLines, ''].join('\n');
}
