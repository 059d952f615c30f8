/**
 * Binary STL: an 80-byte header, a uint32 triangle count, then per triangle a float32 normal, three float32
 * vertices and a uint16 attribute count (0), all little-endian. STL has no units; by convention ours are mm (LPS).
 */
import type { TriangleMesh } from '../surfaces/mesh';

export function binaryStl(mesh: TriangleMesh, header = 'Twin Workstation surface, LPS mm'): Uint8Array {
  const count = mesh.triangles.length / 3;
  const bytes = new Uint8Array(84 + 50 * count);
  const view = new DataView(bytes.buffer);
  const text = new TextEncoder().encode(header.slice(0, 80));
  bytes.set(text.subarray(0, 80), 0);
  view.setUint32(80, count, true);
  const p = mesh.positions;
  const t = mesh.triangles;
  let o = 84;
  for (let f = 0; f < t.length; f += 3) {
    const a = 3 * t[f]!, b = 3 * t[f + 1]!, c = 3 * t[f + 2]!;
    const ux = p[b]! - p[a]!, uy = p[b + 1]! - p[a + 1]!, uz = p[b + 2]! - p[a + 2]!;
    const vx = p[c]! - p[a]!, vy = p[c + 1]! - p[a + 1]!, vz = p[c + 2]! - p[a + 2]!;
    const nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
    const len = Math.hypot(nx, ny, nz) || 1;
    view.setFloat32(o, nx / len, true);
    view.setFloat32(o + 4, ny / len, true);
    view.setFloat32(o + 8, nz / len, true);
    o += 12;
    for (const v of [a, b, c]) {
      view.setFloat32(o, p[v]!, true);
      view.setFloat32(o + 4, p[v + 1]!, true);
      view.setFloat32(o + 8, p[v + 2]!, true);
      o += 12;
    }
    o += 2; // attribute byte count, 0
  }
  return bytes;
}

/** Reads a binary STL back into an indexed-free mesh (three vertices per triangle): for tests and round trips. */
export function readBinaryStl(bytes: Uint8Array): TriangleMesh {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint32(80, true);
  if (bytes.byteLength !== 84 + 50 * count) throw new Error(`not a binary STL: ${count} triangles need ${84 + 50 * count} bytes, got ${bytes.byteLength}`);
  const positions = new Float32Array(9 * count);
  for (let f = 0; f < count; f++) for (let m = 0; m < 9; m++) positions[9 * f + m] = view.getFloat32(84 + 50 * f + 12 + 4 * m, true);
  return { positions, triangles: Uint32Array.from({ length: 3 * count }, (_, i) => i) };
}
