/**
 * The segmentation job: load the CT, run the presets (workers/anatomy), and write for each structure a label mask
 * and a display mesh (marching cubes, smoothing, decimation) into the job's output folder.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { binaryStl } from '../../anatomy/export/stl';
import { blockFactorsFor, downsampleMask } from '../../anatomy/morphology/resample-mask';
import type { Preset } from '../../anatomy/segment/presets';
import { segmentPresets } from '../../anatomy/segment/presets';
import { labelMeshes } from '../../anatomy/surfaces/label-meshes';
import { enclosedVolumeMl, triangleCount } from '../../anatomy/surfaces/mesh';
import { loadSeriesVolume } from '../../dicom/volume';
import type { Vec3 } from '../../volume/volume';
import type { DerivedOutput } from '../derived-output';
import { progressRange, type JobContext } from '../job-context';

export interface SegmentInput {
  files: string[];
  presets: Preset[];
  outDir: string;
  /** Triangles per organ mesh for display. */
  targetTriangles: number;
  /** Voxel size the display surfaces are extracted at (mm); volumes are always measured on the full-resolution masks. */
  surfaceSpacingMm: number;
}

export interface SegmentedStructure {
  name: string;
  preset: Preset;
  volumeMl: number;
  voxels: number;
  centroidLps: Vec3;
  meshFile: string;
  triangles: number;
  meshVolumeMl: number;
}

export interface SegmentationSummary {
  structures: SegmentedStructure[];
  dims: Vec3;
  spacingMm: Vec3;
}

const safeName = (name: string) => name.replace(/[^A-Za-z0-9_-]/g, '_');

export async function anatomySegment(input: SegmentInput, ctx: JobContext): Promise<DerivedOutput<SegmentationSummary>> {
  const ct = await loadSeriesVolume(input.files, progressRange(ctx, 0, 0.25, 'loading the CT'));
  const segmentations = segmentPresets(ct, input.presets, progressRange(ctx, 0.25, 0.6, 'segmenting'));
  const structures: SegmentedStructure[] = [];
  const total = segmentations.reduce((n, s) => n + s.structures.length, 0);
  let done = 0;
  segmentations.forEach((seg, p) => {
    for (const { name, mask } of seg.structures) {
      const stats = seg.labels.find((l) => l.name === name)!;
      const meshCtx = progressRange(ctx, 0.6 + (0.4 * done) / total, 0.6 + (0.4 * (done + 1)) / total, `surface of ${name}`);
      const coarse = downsampleMask(mask, blockFactorsFor(mask.spacing, input.surfaceSpacingMm));
      const [labelMesh] = labelMeshes(coarse, [{ value: 1, name }], { targetTriangles: input.targetTriangles }, meshCtx);
      const meshFile = `mesh-${safeName(name)}.stl`;
      writeFileSync(path.join(input.outDir, meshFile), binaryStl(labelMesh!.mesh, `Twin Workstation ${name}, LPS mm`));
      structures.push({
        name,
        preset: input.presets[p]!,
        volumeMl: stats.volumeMl,
        voxels: stats.voxels,
        centroidLps: stats.centroidLps,
        meshFile,
        triangles: triangleCount(labelMesh!.mesh),
        meshVolumeMl: enclosedVolumeMl(labelMesh!.mesh),
      });
      done++;
    }
  });
  return {
    kind: 'segmentation',
    title: `Segmentation: ${input.presets.join(', ')}`,
    summary: { structures, dims: ct.dims, spacingMm: ct.spacing },
    files: structures.map((s) => ({ name: s.meshFile, mediaType: 'model/stl' })),
  };
}
