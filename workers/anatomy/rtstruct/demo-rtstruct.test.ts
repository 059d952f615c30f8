import dicomParser from 'dicom-parser';
import { describe, expect, it } from 'vitest';
import { encodePart10 } from '../../dicom/write/part10';
import { SOP_CLASS } from '../../dicom/write/sop-classes';
import { DEMO_GRID } from '../../phantom/demo-anatomy';
import { DEMO_STRUCTURES, demoRtStructDataset } from '../../phantom/demo-patient';
import { demoTruth } from '../../phantom/demo-truth';
import { IDENTITY_DIRECTION, voxelToWorld, voxelVolumeMl } from '../../volume/volume';
import { countSet, labelStats } from '../mask';
import { gridForStructures, rasteriseStructure } from './rasterise-contours';
import { rtStructFromDataSet } from './read-rtstruct';

/**
 * The demo patient's RT Structure Set, encoded in memory exactly as writeDemoPatient writes it (without the 120 CT
 * files), read back and rasterised at the demo CT's pixel size and slice planes: every structure within 2 % of its
 * analytic volume.
 */
const grid = { ...DEMO_GRID, direction: IDENTITY_DIRECTION };
const images = Array.from({ length: grid.dims[2] }, (_, k) => ({
  file: '',
  sopClassUid: SOP_CLASS.CtImage,
  sopInstanceUid: `1.2.826.0.1.3680043.10.999.${k + 1}`,
  positionMm: voxelToWorld(grid, 0, 0, k),
}));
const bytes = encodePart10(demoRtStructDataset(images));
const set = rtStructFromDataSet(dicomParser.parseDicom(bytes));
const truth = demoTruth(DEMO_STRUCTURES).structures;

describe('the demo RTSTRUCT, rasterised on the demo CT grid', () => {
  it('holds every demo structure', () => {
    expect(set.structures.map((s) => s.name)).toEqual(truth.map((t) => t.name));
  });

  it.each(truth.map((t) => [t.name, t] as const))('%s within 2 % of the analytic volume, centroid within 1 mm', (name, t) => {
    // The structure's own box at the CT's pixel size and slice planes: the same voxels as the whole CT grid, fewer zeros.
    const structure = set.structures.find((s) => s.name === name)!;
    const box = gridForStructures([structure], grid.spacing[0]);
    expect(box.spacing[2]).toBeCloseTo(grid.spacing[2], 6);
    const mask = rasteriseStructure(structure, box);
    const ml = countSet(mask.data) * voxelVolumeMl(box.spacing);
    expect(Math.abs(ml / t.volumeMl - 1)).toBeLessThan(0.02);
    const c = labelStats(mask, new Map([[1, name]]))[0]!.centroidLps;
    expect(Math.hypot(c[0] - t.centroidLps[0], c[1] - t.centroidLps[1], c[2] - t.centroidLps[2])).toBeLessThan(1);
  });
});
