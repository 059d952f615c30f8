import { describe, expect, it } from 'vitest';
import { missingDataMessage, sharedData } from '../../../testing/shared-data';
import { createJobContext } from '../../process/job-context';
import { loadCtFromPaths } from '../load-ct';
import { maskLike } from '../mask';
import { dilateMm } from '../morphology/morphology';
import { downsampleInPlane } from '../testing/synthetic';
import { componentsBySize, labelComponents, selectComponents } from './connected-components';
import { HU_RANGES } from './hu-ranges';
import { segmentPresets } from './presets';
import { thresholdHu } from './threshold';

const CT = 'dicom/ct-chest-cptac-99';
const dir = sharedData(CT);

describe.skipIf(!dir)(`real chest CT (TCIA CPTAC, 99 slices) ${dir ? '' : missingDataMessage(CT)}`, () => {
  it('finds two lungs, 2–7 L together, left at +x, and a body without the table', async () => {
    // Every second pixel in-plane (1.13 mm): the same anatomy at a quarter of the cost.
    const ct = downsampleInPlane(await loadCtFromPaths([dir!], createJobContext()), 2);
    const [body, lungs] = segmentPresets(ct, ['body', 'lungs'], createJobContext());
    const [left, right] = lungs!.labels;
    expect(left!.name).toBe('lung_left');
    expect(left!.volumeMl).toBeGreaterThan(500);
    expect(right!.volumeMl).toBeGreaterThan(500);
    const total = left!.volumeMl + right!.volumeMl;
    expect(total).toBeGreaterThan(2000);
    expect(total).toBeLessThan(7000);
    expect(left!.centroidLps[0]).toBeGreaterThan(right!.centroidLps[0]);

    // The table: the largest dense piece outside the body. It is in the image, behind the patient (+y), and the
    // body comes nowhere near it.
    const bodyMask = body!.structures[0]!.mask;
    const dense = thresholdHu(ct, HU_RANGES.body);
    const outside = maskLike(ct, dense.data.map((v, i) => v & (bodyMask.data[i]! ^ 1)));
    const pieces = labelComponents(outside, 26);
    const table = selectComponents(outside, pieces, componentsBySize(pieces).slice(0, 1));
    expect(pieces.sizes[componentsBySize(pieces)[0]!]!).toBeGreaterThan(1000);
    const near = dilateMm(table, 2);
    let touching = 0;
    for (let i = 0; i < near.data.length; i++) touching += near.data[i]! & bodyMask.data[i]!;
    expect(touching).toBe(0);
  });
});
