/**
 * The summary a segmentation job stores (workers/process/kinds/anatomy-segment.ts, `SegmentationSummary`), parsed
 * at the boundary: the contract carries it as `unknown`, so this workspace checks the shape it relies on.
 */
import { z } from 'zod';

const Vec3 = z.tuple([z.number(), z.number(), z.number()]);

export const SegmentedStructure = z.object({
  name: z.string(),
  preset: z.string(),
  volumeMl: z.number(),
  voxels: z.number().int(),
  centroidLps: Vec3,
  meshFile: z.string(),
  triangles: z.number().int(),
  meshVolumeMl: z.number(),
});
export type SegmentedStructure = z.infer<typeof SegmentedStructure>;

export const SegmentationSummary = z.object({
  structures: z.array(SegmentedStructure),
  dims: Vec3,
  spacingMm: Vec3,
});
export type SegmentationSummary = z.infer<typeof SegmentationSummary>;

/** The summary, or null when a stored object does not have the expected shape (an older or foreign writer). */
export function parseSegmentationSummary(summary: unknown): SegmentationSummary | null {
  const parsed = SegmentationSummary.safeParse(summary);
  return parsed.success ? parsed.data : null;
}
