/**
 * Wavefront OBJ as text: one object (`o`) per named mesh, `v` lines in LPS mm, `vn` normals when present, and
 * 1-based `f` faces (counter-clockwise seen from outside). Several organs go into one file with shared numbering.
 */
import type { TriangleMesh } from '../surfaces/mesh';

export function wavefrontObj(meshes: { name: string; mesh: TriangleMesh }[]): string {
  const lines = ['# Twin Workstation surfaces, LPS millimetres'];
  let base = 1;
  for (const { name, mesh } of meshes) {
    lines.push(`o ${name.replace(/\s+/g, '_')}`);
    const p = mesh.positions;
    for (let v = 0; v < p.length; v += 3) lines.push(`v ${fmt(p[v]!)} ${fmt(p[v + 1]!)} ${fmt(p[v + 2]!)}`);
    const n = mesh.normals;
    if (n) for (let v = 0; v < n.length; v += 3) lines.push(`vn ${fmt(n[v]!)} ${fmt(n[v + 1]!)} ${fmt(n[v + 2]!)}`);
    const t = mesh.triangles;
    for (let f = 0; f < t.length; f += 3) {
      const [a, b, c] = [t[f]! + base, t[f + 1]! + base, t[f + 2]! + base];
      lines.push(n ? `f ${a}//${a} ${b}//${b} ${c}//${c}` : `f ${a} ${b} ${c}`);
    }
    base += p.length / 3;
  }
  return `${lines.join('\n')}\n`;
}

/** Four decimals: 0.1 µm, far below any CT voxel, and files stay compact. */
function fmt(x: number): string {
  return String(Math.round(x * 1e4) / 1e4);
}
