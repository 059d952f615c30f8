/**
 * The Part 10 writer: deterministic UIDs, DS formatting, keyword checking, and files that our reader (dicom-parser)
 * and dciodvfy (when installed) accept: a small CT series and an RTSTRUCT with a ring (outer + inner contour).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readRtStruct } from '../../anatomy/rtstruct/read-rtstruct';
import { TAG } from '../header/dicom-tags';
import { readDicomFile } from '../header/read-dicom-file';
import { numbersValue, textValue } from '../header/values';
import { IDENTITY_DIRECTION, type Volume } from '../../volume/volume';
import { writeCtSeries, type CtSeriesInput } from './ct-image';
import { encodePart10, writePart10File } from './part10';
import { rtStructDataset } from './rtstruct';
import { uidFromSeed } from './uid';
import { formatDs, formatMm } from './values';

const HAVE_DCIODVFY = !spawnSync('dciodvfy', ['-h']).error;
if (!HAVE_DCIODVFY) console.warn('dciodvfy (Debian package dicom3tools) is not installed: skipping IOD validation of the writer');

const dciodvfyErrors = (file: string): string[] => {
  const r = spawnSync('dciodvfy', [file], { encoding: 'utf8' });
  return `${r.stdout}${r.stderr}`.split('\n').filter((l) => /^\s*(Error|Warning)/.test(l));
};

const dir = mkdtempSync(path.join(tmpdir(), 'twin-write-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function smallCt(): CtSeriesInput {
  const volumeHu: Volume<Int16Array> = {
    dims: [8, 6, 3],
    spacing: [0.5, 0.75, 2],
    origin: [-10, 20, -3],
    direction: [...IDENTITY_DIRECTION],
    data: Int16Array.from({ length: 8 * 6 * 3 }, (_, n) => (n % 7) * 300 - 1100), // −1100 … 700, −1100 clamps to −1024
  };
  return {
    volumeHu,
    patient: { name: 'Müller^Jürgen', id: 'W-1' },
    study: { studyInstanceUid: uidFromSeed('write-test/study'), dateTime: new Date('2025-03-04T05:06:07Z'), id: 'S1' },
    series: { seriesInstanceUid: uidFromSeed('write-test/ct'), number: 3, patientPosition: 'HFS', bodyPartExamined: 'CHEST' },
    equipment: { manufacturer: 'Test' },
    frameOfReferenceUid: uidFromSeed('write-test/for'),
    uidSeed: 'write-test',
  };
}

describe('DICOM writing helpers', () => {
  it('derives UIDs deterministically under 2.25, within 64 characters, without leading zeros', () => {
    const a = uidFromSeed('x');
    expect(a).toBe(uidFromSeed('x'));
    expect(a).not.toBe(uidFromSeed('y'));
    expect(a).toMatch(/^2\.25\.[1-9]\d*$/);
    expect(a.length).toBeLessThanOrEqual(64);
  });

  it('formats DS within 16 characters and keeps the precision that fits', () => {
    expect(formatDs(0.1 + 0.2)).toBe('0.3');
    expect(formatDs(-229.95)).toBe('-229.95');
    expect(formatDs(1 / 3)).toBe('0.333333');
    expect(formatDs(-1024)).toBe('-1024');
    expect(formatDs(123456789.123456).length).toBeLessThanOrEqual(16);
    expect(formatMm(-0.0001)).toBe('0');
  });

  it('refuses a misspelt keyword instead of dropping it', () => {
    expect(() => encodePart10({ SOPClassUID: '1.2', SOPInstanceUID: '1.3', PatientNmae: 'x' })).toThrow(/PatientNmae/);
  });
});

describe('CT series and RT structure set', () => {
  it('writes a CT series that reads back with HU through rescale and the right geometry', async () => {
    const input = smallCt();
    const images = await writeCtSeries(dir, input);
    expect(images.map((i) => path.basename(i.file))).toEqual(['ct-0001.dcm', 'ct-0002.dcm', 'ct-0003.dcm']);
    const { dataSet: ds } = readDicomFile(images[1]!.file, 'full');
    // Names are written as UTF-8 under SpecificCharacterSet ISO_IR 192, and read back through that character set.
    expect(textValue(ds, 'x00080005')).toBe('ISO_IR 192');
    expect(textValue(ds, TAG.PatientName)).toBe('Müller^Jürgen');
    expect(numbersValue(ds, 'x00200032', 3)).toEqual([-10, 20, -1]);
    expect(numbersValue(ds, 'x00280030', 2)).toEqual([0.75, 0.5]); // row spacing (y), column spacing (x)
    const px = ds.elements['x7fe00010']!;
    const at = ds.byteArray.byteOffset + px.dataOffset;
    const stored = new Uint16Array(ds.byteArray.buffer.slice(at, at + px.length));
    const hu = input.volumeHu.data.subarray(48, 96);
    expect(Array.from(stored, (s) => s - 1024)).toEqual(Array.from(hu, (h) => Math.max(-1024, h)));
    if (HAVE_DCIODVFY) expect(dciodvfyErrors(images[0]!.file)).toEqual([]);
  });

  it('writes an RTSTRUCT whose ring keeps its inner contour and whose references name the CT series', async () => {
    const input = smallCt();
    const images = await writeCtSeries(dir, input);
    const square = (h: number, z: number) => [-h, -h, z, h, -h, z, h, h, z, -h, h, z];
    /** The same polygon walked the other way (an inner contour), vertex by vertex. */
    const reversedPolygon = (p: number[]) => Array.from({ length: p.length / 3 }, (_, i) => p.slice(p.length - 3 * (i + 1), p.length - 3 * i)).flat();
    const file = path.join(dir, 'rs.dcm');
    await writePart10File(
      file,
      rtStructDataset({
        patient: input.patient,
        study: input.study,
        series: { seriesInstanceUid: uidFromSeed('write-test/rs'), number: 4 },
        equipment: input.equipment,
        sopInstanceUid: uidFromSeed('write-test/rs/1'),
        frameOfReferenceUid: input.frameOfReferenceUid,
        referencedSeries: { seriesInstanceUid: input.series.seriesInstanceUid, images },
        label: 'TEST',
        dateTime: input.study.dateTime,
        rois: [
          { number: 1, name: 'ring', colorRgb: [255, 0, 0], interpretedType: 'ORGAN', contours: [{ pointsMm: square(3, -1), image: images[1]! }, { pointsMm: reversedPolygon(square(1, -1)), image: images[1]! }] },
          { number: 2, name: 'empty', colorRgb: [0, 255, 0], interpretedType: 'AVOIDANCE', contours: [] },
        ],
      }),
    );
    const set = readRtStruct(file);
    expect(set.frameOfReferenceUid).toBe(input.frameOfReferenceUid);
    expect(set.structures.map((s) => [s.name, s.contours.length])).toEqual([['ring', 2], ['empty', 0]]);
    if (HAVE_DCIODVFY) expect(dciodvfyErrors(file).filter((l) => l.startsWith('Error'))).toEqual([]);
  });
});
