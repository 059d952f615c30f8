import { describe, expect, it } from 'vitest';
import { IDENTITY_DIRECTION, type Vec3, type Volume } from '../../volume/volume';
import { countSet, labelStats, maskLike } from '../mask';
import { componentAtSeed, labelComponents, largestComponent } from './connected-components';
import { regionGrow, thresholdHu } from './threshold';

const geometry = { dims: [10, 10, 10] as Vec3, spacing: [1, 1, 2] as Vec3, origin: [-5, -5, 0] as Vec3, direction: IDENTITY_DIRECTION };
const at = (i: number, j: number, k: number): number => i + 10 * (j + 10 * k);

describe('connected components', () => {
  it('keeps corner-touching voxels apart with 6-connectivity and together with 26', () => {
    const m = maskLike(geometry);
    m.data[at(2, 2, 2)] = 1;
    m.data[at(3, 3, 3)] = 1;
    for (let i = 5; i < 9; i++) m.data[at(i, 7, 7)] = 1;
    expect(labelComponents(m, 6).sizes).toEqual([0, 1, 1, 4]);
    expect(labelComponents(m, 26).sizes).toEqual([0, 2, 4]);
    expect(countSet(largestComponent(m, 6).data)).toBe(4);
    expect(countSet(componentAtSeed(m, [3, 3, 3], 26).data)).toBe(2);
    expect(countSet(componentAtSeed(m, [0, 0, 0], 26).data)).toBe(0);
  });
});

describe('thresholds and region growing', () => {
  const ct: Volume<Int16Array> = { ...geometry, data: new Int16Array(1000).fill(-1000) };
  // Two 40 HU blocks joined by nothing, and a 300 HU block touching the first.
  for (let k = 1; k < 4; k++) for (let j = 1; j < 4; j++) for (let i = 1; i < 4; i++) ct.data[at(i, j, k)] = 40;
  for (let k = 1; k < 4; k++) for (let j = 1; j < 4; j++) ct.data[at(4, j, k)] = 300;
  for (let k = 6; k < 9; k++) for (let j = 6; j < 9; j++) for (let i = 6; i < 9; i++) ct.data[at(i, j, k)] = 45;

  it('thresholds by an inclusive HU range', () => {
    expect(countSet(thresholdHu(ct, { lowHu: 0, highHu: 100 }).data)).toBe(54);
    expect(countSet(thresholdHu(ct, { lowHu: 0, highHu: 1000 }).data)).toBe(63);
  });

  it('grows from a seed within the tolerance, connected only', () => {
    const grown = regionGrow(ct, [2, 2, 2], 20);
    expect(countSet(grown.data)).toBe(27);
    const [stats] = labelStats(grown, new Map([[1, 'block']]));
    // Centre voxel (2, 2, 2) → LPS (−5 + 2, −5 + 2, 0 + 2·2).
    expect(stats!.centroidLps).toEqual([-3, -3, 4]);
    expect(stats!.volumeMl).toBeCloseTo(27 * 0.002, 9);
    expect(countSet(regionGrow(ct, [2, 2, 2], 300).data)).toBe(36);
  });
});
