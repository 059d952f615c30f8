/**
 * The written demo patient as DICOM: dcmdump reads every file, dciodvfy (dicom3tools) finds no errors in the
 * RTSTRUCT and in CT slices from both ends and the middle, and our own readers get back what was meant: HU through
 * rescale, the grid, the patient, every structure with contours, and truth.json. Validators are optional on a dev
 * machine (CI installs them): those checks skip, saying so, when the binaries are missing.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRtStruct } from '../anatomy/rtstruct/read-rtstruct';
import { TAG } from '../dicom/header/dicom-tags';
import { readDicomFile } from '../dicom/header/read-dicom-file';
import { numbersValue, textValue } from '../dicom/header/values';
import type { WrittenImage } from '../dicom/write/ct-image';
import { encodePart10 } from '../dicom/write/part10';
import { SOP_CLASS } from '../dicom/write/sop-classes';
import { createJobContext } from '../process/job-context';
import type { Vec3 } from '../volume/volume';
import { buildDemoPatient, demoRtStructDataset, writeDemoPatient, type WrittenDemoPatient } from './demo-patient';

const hasTool = (name: string) => !spawnSync(name, ['-h'], { encoding: 'utf8' }).error;
const HAVE_DCIODVFY = hasTool('dciodvfy');
const HAVE_DCMDUMP = hasTool('dcmdump');
if (!HAVE_DCIODVFY) console.warn('dciodvfy (Debian package dicom3tools) is not installed: skipping the IOD validation of the demo patient');
if (!HAVE_DCMDUMP) console.warn('dcmdump (Debian package dcmtk) is not installed: skipping the dcmdump check of the demo patient');

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('demo patient as DICOM', () => {
  let dir: string;
  let written: WrittenDemoPatient;
  const progress: number[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'twin-demo-'));
    written = await writeDemoPatient(dir, createJobContext((f) => progress.push(f)));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes 120 CT files, an RTSTRUCT and truth.json where promised, reporting progress up to 1', () => {
    expect(written.ctFiles).toHaveLength(120);
    expect(written.ctFiles[0]).toBe(path.join(dir, 'ct', 'ct-0001.dcm'));
    expect(written.rtstructFile).toBe(path.join(dir, 'rtstruct.dcm'));
    const truth = JSON.parse(readFileSync(written.truthFile, 'utf8'));
    expect(truth).toEqual(JSON.parse(JSON.stringify(written.truth)));
    expect(truth.structures.map((s: { name: string }) => s.name)).toContain('tumour');
    expect(progress.at(-1)).toBe(1);
    expect(progress.every((f, n) => n === 0 || f >= progress[n - 1]!)).toBe(true);
  });

  it.skipIf(!HAVE_DCIODVFY)('passes dciodvfy without errors (RTSTRUCT and CT slices 1, 60, 120)', () => {
    for (const file of [written.rtstructFile, ...[0, 59, 119].map((k) => written.ctFiles[k]!)]) {
      const r = spawnSync('dciodvfy', [file], { encoding: 'utf8' });
      const report = `${r.stdout}${r.stderr}`;
      expect(report.split('\n').filter((l) => /^\s*Error/.test(l)), file).toEqual([]);
    }
  });

  it.skipIf(!HAVE_DCMDUMP)('is read by dcmdump, every file', () => {
    // One run over all files: dcmdump exits non-zero if it cannot read any of them, and names it on stderr.
    const r = spawnSync('dcmdump', ['-q', ...written.ctFiles, written.rtstructFile], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('stores HU + 1024 as unsigned 12-bit with rescale −1024, on the promised axial grid', () => {
    const k = 70;
    const { dataSet: ds } = readDicomFile(written.ctFiles[k]!, 'full');
    expect(textValue(ds, TAG.PatientName)).toBe('Demo^Thorax');
    expect(textValue(ds, TAG.PatientID)).toBe('TWIN-DEMO-001');
    expect(textValue(ds, TAG.Modality)).toBe('CT');
    expect([ds.uint16('x00280010'), ds.uint16('x00280011'), ds.uint16('x00280101'), ds.uint16('x00280103')]).toEqual([512, 512, 12, 0]);
    expect(numbersValue(ds, 'x00281052', 1)).toEqual([-1024]);
    expect(numbersValue(ds, 'x00200037', 6)).toEqual([1, 0, 0, 0, 1, 0]);
    expect(numbersValue(ds, 'x00280030', 2)).toEqual([0.9, 0.9]);
    expect(numbersValue(ds, 'x00180050', 1)).toEqual([2.5]);
    expect(numbersValue(ds, 'x00200032', 3)).toEqual([-229.95, -229.95, -148.75 + k * 2.5]);
    const pixel = ds.elements['x7fe00010']!;
    const stored = new Uint16Array(ds.byteArray.buffer.slice(ds.byteArray.byteOffset + pixel.dataOffset, ds.byteArray.byteOffset + pixel.dataOffset + pixel.length));
    const hu = buildDemoPatient(undefined, { slices: { from: k, to: k + 1 } }).ct.data;
    expect(stored.every((s, n) => s - 1024 === Math.max(-1024, Math.min(3071, hu[n]!)))).toBe(true);
  });

  it('holds every structure with contours on the CT frame of reference, byte-identical when written again', () => {
    const images: WrittenImage[] = written.ctFiles.map((file) => {
      const { dataSet: ds } = readDicomFile(file, 'header');
      return { file, sopClassUid: SOP_CLASS.CtImage, sopInstanceUid: textValue(ds, TAG.SOPInstanceUID)!, positionMm: numbersValue(ds, 'x00200032', 3) as Vec3 };
    });
    const frameOfReferenceUid = textValue(readDicomFile(written.ctFiles[0]!, 'header').dataSet, 'x00200052');
    const set = readRtStruct(written.rtstructFile);
    expect(set.frameOfReferenceUid).toBe(frameOfReferenceUid);
    expect(set.structures.map((s) => s.name)).toEqual(written.truth.structures.map((s) => s.name));
    for (const s of set.structures) expect(s.contours.length, s.name).toBeGreaterThan(0);
    // The myocardium is a ring: where the blood pool is cut, a slice holds an outer and an inner contour.
    const myocardium = set.structures.find((s) => s.name === 'myocardium')!;
    const perSlice = new Map<number, number>();
    for (const c of myocardium.contours) perSlice.set(c.pointsMm[2]!, (perSlice.get(c.pointsMm[2]!) ?? 0) + 1);
    expect(Math.max(...perSlice.values())).toBe(2);
    expect(sha256(encodePart10(demoRtStructDataset(images)))).toBe(sha256(readFileSync(written.rtstructFile)));
  });
});
