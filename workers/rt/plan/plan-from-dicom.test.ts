import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createJobContext } from '../../process/job-context';
import { equispacedBeams } from '../beams/beam-geometry';
import { writePhantomDicom } from '../testing/phantom-dicom';
import { planFromDicom } from './plan-from-dicom';

/** Writes the multitarget phantom as a CT series plus an RTSTRUCT, then plans it back from the files. */
describe('planning from CT + RTSTRUCT files', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'twin-rt-dicom-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const files = await writePhantomDicom(dir, 'tg119-multitarget', 5);

  it('plans the target to its prescription with the organs at risk as objectives', async () => {
    const r = await planFromDicom(
      {
        ctPaths: [files.ctDir],
        rtstructFile: files.rtstructFile,
        target: 'Central',
        oars: ['Superior', 'Inferior'],
        beams: equispacedBeams(7, 50),
        prescriptionGy: 60,
        fractions: 30,
        doseGridMm: 5,
        maxIterations: 40,
      },
      createJobContext(),
    );
    expect(r.goals[0]).toMatchObject({ structure: 'Central', metric: 'D95', goal: '= 60 Gy', pass: true });
    expect(r.frameOfReferenceUid).toBe(files.frameOfReferenceUid);
    expect(r.planningCt.seriesInstanceUid).toBe(files.ctSeriesInstanceUid);
    expect(r.planningCt.sliceImages).toHaveLength(r.planningCt.ct.dims[2]);
    const central = r.plan.structures.find((s) => s.name === 'Central')!;
    // About 50 mL of target on a 5 mm grid (0.125 mL voxels).
    expect(central.voxels.length * 0.125).toBeGreaterThan(40);
    expect(central.voxels.length * 0.125).toBeLessThan(60);
  });
});
