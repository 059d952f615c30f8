/** `twin mesh INPUT --preset P --out FILE.stl|FILE.obj`: segment, extract smoothed surfaces, and export them. */
import { writeFileSync } from 'node:fs';
import { wavefrontObj } from '../../../../workers/anatomy/export/obj';
import { binaryStl } from '../../../../workers/anatomy/export/stl';
import { labelMeshes } from '../../../../workers/anatomy/surfaces/label-meshes';
import { enclosedVolumeMl, type TriangleMesh } from '../../../../workers/anatomy/surfaces/mesh';
import { createJobContext } from '../../../../workers/process/job-context';
import { numberOption, requireString, stringOption, UsageError, type CliCommand } from '../command';
import { segmentCliInput } from './segment';

/** Several organs in one binary STL (which has no names): their triangles one after the other. */
function concatenate(meshes: TriangleMesh[]): TriangleMesh {
  const positions = new Float32Array(meshes.reduce((n, m) => n + m.positions.length, 0));
  const triangles = new Uint32Array(meshes.reduce((n, m) => n + m.triangles.length, 0));
  let p = 0;
  let t = 0;
  for (const m of meshes) {
    positions.set(m.positions, p);
    for (let i = 0; i < m.triangles.length; i++) triangles[t + i] = m.triangles[i]! + p / 3;
    p += m.positions.length;
    t += m.triangles.length;
  }
  return { positions, triangles };
}

export const meshCommand: CliCommand = {
  name: 'mesh',
  summary: 'segment a CT and export organ surfaces as STL or OBJ',
  usage: `Usage: twin mesh INPUT --preset body|lungs|bone|heart --out FILE.stl|FILE.obj [--label NAME]
                 [--triangles N] [--json]

Surfaces: marching cubes on each label, windowed-sinc smoothing, quadric decimation to at most N triangles per
organ (default 20000), vertex normals; coordinates in LPS mm. OBJ holds one named object per organ; binary STL
holds all organs' triangles together (use --label to export one).
Prints {"out","meshes":[{"name","triangles","vertices","volumeMl","labelVolumeMl"}]}.`,
  options: { preset: { type: 'string' }, out: { type: 'string' }, label: { type: 'string' }, triangles: { type: 'string' } },
  async run(ctx) {
    const out = requireString(ctx.values, 'out');
    const format = out.toLowerCase().endsWith('.stl') ? 'stl' : out.toLowerCase().endsWith('.obj') ? 'obj' : undefined;
    if (!format) throw new UsageError('--out must end in .stl or .obj');
    const targetTriangles = numberOption(ctx.values, 'triangles') ?? 20000;
    const only = stringOption(ctx.values, 'label');
    const segmentation = await segmentCliInput(ctx);
    const chosen = segmentation.structures.filter((s) => only === undefined || s.name === only);
    if (chosen.length === 0) throw new UsageError(`no label "${only}" in this preset: ${segmentation.labels.map((l) => l.name).join(', ')}`);
    const job = createJobContext((_f, message) => message && !ctx.json && ctx.note(message));
    const meshes = chosen.flatMap(({ name, mask }) => labelMeshes(mask, [{ value: 1, name }], { targetTriangles }, job));
    writeFileSync(out, format === 'stl' ? binaryStl(concatenate(meshes.map((m) => m.mesh))) : wavefrontObj(meshes));
    const summary = {
      out,
      meshes: meshes.map(({ name, mesh }) => ({
        name,
        triangles: mesh.triangles.length / 3,
        vertices: mesh.positions.length / 3,
        volumeMl: enclosedVolumeMl(mesh),
        labelVolumeMl: segmentation.labels.find((l) => l.name === name)!.volumeMl,
      })),
    };
    ctx.print(summary, (d) =>
      [...d.meshes.map((m) => `${m.name.padEnd(14)} ${String(m.triangles).padStart(7)} triangles  ${m.volumeMl.toFixed(1)} mL (label ${m.labelVolumeMl.toFixed(1)} mL)`), `wrote ${d.out}`].join('\n'),
    );
    return 0;
  },
};
