/**
 * From a label map to display-ready organ meshes: marching cubes → windowed-sinc smoothing → quadric decimation →
 * vertex normals, per label. A pure function of its inputs, so it runs in a worker process and never on the UI thread.
 */
import type { JobContext } from '../../process/job-context';
import type { LabelMap } from '../../volume/volume';
import { decimateQuadric } from './decimate-quadric';
import { labelSurface } from './marching-cubes';
import type { TriangleMesh } from './mesh';
import { withVertexNormals } from './normals';
import { smoothWindowedSinc, type WindowedSincOptions } from './smooth-windowed-sinc';

export interface LabelMeshOptions {
  smoothing?: WindowedSincOptions | false;
  /** Decimate each label's mesh to at most this many triangles; undefined keeps them all. */
  targetTriangles?: number;
}

export interface LabelMesh {
  value: number;
  name: string;
  mesh: TriangleMesh;
}

export function labelMeshes(
  map: LabelMap,
  labels: { value: number; name: string }[],
  options: LabelMeshOptions,
  ctx: JobContext,
): LabelMesh[] {
  return labels.map(({ value, name }, n) => {
    const step = (f: number, what: string): void => ctx.progress((n + f) / labels.length, `${name}: ${what}`);
    step(0, 'extracting the surface');
    let mesh = labelSurface(map, value, ctx);
    ctx.throwIfCancelled();
    if (options.smoothing !== false && mesh.triangles.length > 0) {
      step(0.4, 'smoothing');
      mesh = smoothWindowedSinc(mesh, options.smoothing ?? {}, ctx);
    }
    if (options.targetTriangles !== undefined) {
      step(0.6, 'decimating');
      mesh = decimateQuadric(mesh, options.targetTriangles, ctx);
    }
    return { value, name, mesh: withVertexNormals(mesh) };
  });
}
