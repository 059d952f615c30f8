/** A TG-119 phantom written as a CT series plus an RT Structure Set in a folder, for tests that plan from files. */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { tg119Phantom, type Tg119Case } from '../../phantom/tg119-phantoms';
import { writeCtSeries } from '../../dicom/write/ct-image';
import { rtStructDataset } from '../../dicom/write/rtstruct';
import { writePart10File } from '../../dicom/write/part10';
import { uidFromSeed } from '../../dicom/write/uid';
import { extractContours } from '../../anatomy/rtstruct/extract-contours';

export interface PhantomDicom {
  ctDir: string;
  rtstructFile: string;
  frameOfReferenceUid: string;
  ctSeriesInstanceUid: string;
  patient: { name: string; id: string };
  study: { studyInstanceUid: string; dateTime: Date; id: string };
}

export async function writePhantomDicom(dir: string, which: Tg119Case, spacingMm: number): Promise<PhantomDicom> {
  const phantom = tg119Phantom(which, spacingMm);
  const patient = { name: 'Phantom^TG119', id: which };
  const study = { studyInstanceUid: uidFromSeed(`${which}/study`), dateTime: new Date('2026-01-01T00:00:00Z'), id: '1' };
  const equipment = { manufacturer: 'Twin Workstation' };
  const frameOfReferenceUid = uidFromSeed(`${which}/for`);
  const ctSeriesInstanceUid = uidFromSeed(`${which}/ct`);
  const ctDir = path.join(dir, 'ct');
  mkdirSync(ctDir, { recursive: true });
  const images = await writeCtSeries(ctDir, {
    volumeHu: phantom.ct,
    patient,
    study,
    series: { seriesInstanceUid: ctSeriesInstanceUid, number: 1, patientPosition: 'HFS' },
    equipment,
    frameOfReferenceUid,
    uidSeed: which,
  });
  const imageAt = (z: number) => images.reduce((best, im) => (Math.abs(im.positionMm[2] - z) < Math.abs(best.positionMm[2] - z) ? im : best));
  const rtstructFile = path.join(dir, 'rtstruct.dcm');
  await writePart10File(
    rtstructFile,
    rtStructDataset({
      patient,
      study,
      series: { seriesInstanceUid: uidFromSeed(`${which}/rs`), number: 2 },
      equipment,
      sopInstanceUid: uidFromSeed(`${which}/rs/1`),
      frameOfReferenceUid,
      referencedSeries: { seriesInstanceUid: ctSeriesInstanceUid, images },
      label: 'TG119',
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
  return { ctDir, rtstructFile, frameOfReferenceUid, ctSeriesInstanceUid, patient, study };
}
