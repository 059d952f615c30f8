import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createJobContext } from '../../process/job-context';
import { tg119Phantom } from '../../phantom/tg119-phantoms';
import { writeCtSeries } from '../../dicom/write/ct-image';
import { rtStructDataset } from '../../dicom/write/rtstruct';
import { writePart10File } from '../../dicom/write/part10';
import { uidFromSeed } from '../../dicom/write/uid';
import { extractContours } from '../../anatomy/rtstruct/extract-contours';
import { equispacedBeams } from '../beams/beam-geometry';
import { planFromDicom } from './plan-from-dicom';

/** Writes the multitarget phantom as a CT series plus an RTSTRUCT, then plans it back from the files. */
describe('planning from CT + RTSTRUCT files', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'twin-rt-dicom-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const phantom = tg119Phantom('tg119-multitarget', 5);
  const patient = { name: 'Phantom^MT', id: 'MT' };
  const study = { studyInstanceUid: uidFromSeed('mt/study'), dateTime: new Date('2026-01-01T00:00:00Z'), id: '1' };
  const equipment = { manufacturer: 'Twin Workstation' };
  const frameOfReferenceUid = uidFromSeed('mt/for');
  const ctDir = path.join(dir, 'ct');
  mkdirSync(ctDir);
  const images = await writeCtSeries(ctDir, {
    volumeHu: phantom.ct,
    patient,
    study,
    series: { seriesInstanceUid: uidFromSeed('mt/ct'), number: 1, patientPosition: 'HFS' },
    equipment,
    frameOfReferenceUid,
    uidSeed: 'mt',
  });
  const imageAt = (z: number) => images.reduce((best, im) => (Math.abs(im.positionMm[2] - z) < Math.abs(best.positionMm[2] - z) ? im : best));
  const rtstructFile = path.join(dir, 'rtstruct.dcm');
  await writePart10File(
    rtstructFile,
    rtStructDataset({
      patient,
      study,
      series: { seriesInstanceUid: uidFromSeed('mt/rs'), number: 2 },
      equipment,
      sopInstanceUid: uidFromSeed('mt/rs/1'),
      frameOfReferenceUid,
      referencedSeries: { seriesInstanceUid: uidFromSeed('mt/ct'), images },
      label: 'MT',
      dateTime: study.dateTime,
      rois: phantom.structures.map((s, n) => ({
        number: n + 1,
        name: s.name,
        colorRgb: [255, 0, 0],
        interpretedType: n === 0 ? 'PTV' : 'ORGAN',
        contours: extractContours(s.mask).map((c) => ({ pointsMm: c.pointsMm, image: imageAt(c.pointsMm[2]!) })),
      })),
    }),
  );

  it('plans the target to its prescription with the organs at risk as objectives', async () => {
    const r = await planFromDicom(
      {
        ctPaths: [ctDir],
        rtstructFile,
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
    expect(r.frameOfReferenceUid).toBe(frameOfReferenceUid);
    const central = r.plan.structures.find((s) => s.name === 'Central')!;
    // About 50 mL of target on a 5 mm grid (0.125 mL voxels).
    expect(central.voxels.length * 0.125).toBeGreaterThan(40);
    expect(central.voxels.length * 0.125).toBeLessThan(60);
  });
});
