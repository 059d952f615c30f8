import { describe, expect, it } from 'vitest';
import { parseSegmentationSummary } from './segmentation-summary';

const lung = { name: 'lung_left', preset: 'lungs', volumeMl: 1777.5, voxels: 877_000, centroidLps: [90, 10, -5], meshFile: 'mesh-lung_left.stl', triangles: 20_000, meshVolumeMl: 1770.1 };

describe('parseSegmentationSummary', () => {
  it('reads the summary the segmentation job stores', () => {
    const summary = parseSegmentationSummary({ structures: [lung], dims: [512, 512, 120], spacingMm: [0.9, 0.9, 2.5] });
    expect(summary?.structures[0]?.meshFile).toBe('mesh-lung_left.stl');
  });

  it('answers null for another shape rather than failing later in the view', () => {
    expect(parseSegmentationSummary({ labels: [lung] })).toBeNull();
    expect(parseSegmentationSummary({ structures: [{ ...lung, centroidLps: [1, 2] }], dims: [1, 1, 1], spacingMm: [1, 1, 1] })).toBeNull();
  });
});
