import { describe, expect, it } from 'vitest';
import { createJobContext } from '../../process/job-context';
import { voxelVolumeMl } from '../../volume/volume';
import { countSet } from '../mask';
import { syntheticTorso } from '../testing/synthetic';
import { PRESETS, segmentPresets } from './presets';

describe.each([
  ['an air gap', 10],
  ['touching the back', 0],
])('presets on a synthetic contrast chest CT, couch with %s', (_title, gap) => {
  const { ct, truth } = syntheticTorso(gap);
  const results = segmentPresets(ct, PRESETS, createJobContext());
  const labels = results.flatMap((r) => r.labels);
  const ml = voxelVolumeMl(ct.spacing);

  it.each(Object.keys(truth))('%s within 2 % of the truth volume', (name) => {
    const label = labels.find((l) => l.name === name)!;
    const expected = countSet(truth[name as keyof typeof truth].data) * ml;
    expect(label.volumeMl / expected).toBeGreaterThan(0.98);
    expect(label.volumeMl / expected).toBeLessThan(1.02);
    expect(label.voxels * ml).toBeCloseTo(label.volumeMl, 6);
  });

  it('names the lungs in LPS: the left lung lies at +x', () => {
    const left = labels.find((l) => l.name === 'lung_left')!;
    const right = labels.find((l) => l.name === 'lung_right')!;
    expect(left.centroidLps[0]).toBeGreaterThan(60);
    expect(right.centroidLps[0]).toBeLessThan(-60);
    // The blood pool's centroid is where it was drawn.
    const pool = labels.find((l) => l.name === 'lv_blood_pool')!;
    expect(pool.centroidLps[0]).toBeCloseTo(8, 0);
    expect(pool.centroidLps[1]).toBeCloseTo(-35, 0);
  });
});
