import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { missingDataMessage, sharedData } from '../../testing/shared-data';
import { createJobContext, JobCancelledError } from '../process/job-context';
import { NOT_DICOM_REASON } from './header/read-dicom-file';
import { scanDicom } from './scan';

const ct = sharedData('dicom/ct-chest-cptac-99');
const mr = sharedData('dicom/mr-brain-mixed');
const pydicom = sharedData('dicom/pydicom');
const ctx = createJobContext();

describe.skipIf(!ct)(ct ? 'scan of the 99-slice chest CT' : missingDataMessage('dicom/ct-chest-cptac-99'), () => {
  it('finds one series of 99 instances sorted along the normal, 3 mm apart, with progress reported', async () => {
    const progress: number[] = [];
    const result = await scanDicom([ct!], createJobContext((f) => progress.push(f)));
    expect(result.errors).toEqual([]);
    expect(result.series).toHaveLength(1);
    const s = result.series[0]!;
    expect(s.instances).toHaveLength(99);
    expect([s.modality, s.rows, s.columns]).toEqual(['CT', 512, 512]);
    expect(s.spacing![2]).toBeCloseTo(3, 6);
    const z = s.instances.map((i) => i.imagePositionPatient![2]);
    for (let k = 1; k < z.length; k++) expect(z[k]! - z[k - 1]!).toBeCloseTo(3, 3);
    expect(s.warnings).toEqual([]);
    expect(progress.length).toBeGreaterThanOrEqual(3);
  });

  it('stops when cancelled', async () => {
    const abort = new AbortController();
    abort.abort();
    await expect(scanDicom([ct!], createJobContext(() => {}, abort.signal))).rejects.toBeInstanceOf(JobCancelledError);
  });
});

describe.skipIf(!mr)(mr ? 'scan of the mixed MR folder' : missingDataMessage('dicom/mr-brain-mixed'), () => {
  it('keeps the four series apart and reports README and STL files as not DICOM', async () => {
    const result = await scanDicom([mr!], ctx);
    const counts = result.series.map((s) => [s.description, s.instances.length]);
    expect(counts).toEqual(
      expect.arrayContaining([
        ['AX FSE T2', 55],
        ['mocoMEMPRAGE_220FOV RMS', 175],
        ['Perfusion_Weighted', 1],
        ['relCBF', 1],
      ]),
    );
    expect(result.series).toHaveLength(4);
    expect(result.errors.map((e) => [path.basename(e.file), e.reason]).sort()).toEqual([
      ['README.md', NOT_DICOM_REASON],
      ['mesh.stl', NOT_DICOM_REASON],
      ['mesh2.stl', NOT_DICOM_REASON],
    ]);
  });
});

describe.skipIf(!pydicom)(pydicom ? 'scan of pydicom test files' : missingDataMessage('dicom/pydicom'), () => {
  it('names every broken file with its reason and imports the rest', async () => {
    const result = await scanDicom([pydicom!], ctx);
    const reasons = Object.fromEntries(result.errors.map((e) => [path.basename(e.file), e.reason]));
    expect(reasons['MR_truncated.dcm']).toMatch(/truncated/);
    expect(reasons['rtplan_truncated.dcm']).toMatch(/truncated/);
    expect(reasons['badVR.dcm']).toMatch(/Number of Frames.*"1A"/);
    expect(reasons['meta_missing_tsyntax.dcm']).toMatch(/Transfer Syntax UID/);
    expect(reasons['UN_sequence.dcm']).toMatch(/no SOP Instance UID/);
    expect(reasons['no_meta.dcm']).toBe(NOT_DICOM_REASON);
    expect(reasons['README.txt']).toBe(NOT_DICOM_REASON);
    const modalities = result.series.map((s) => s.modality);
    expect(modalities).toEqual(expect.arrayContaining(['CT', 'MR', 'RTSTRUCT', 'RTPLAN', 'RTDOSE', 'SEG']));
    // MR_small in five encodings shares one SOPInstanceUID: kept once.
    const mrSmall = result.series.find((s) => s.modality === 'MR')!;
    expect(mrSmall.instances).toHaveLength(1);
    expect(mrSmall.warnings.join()).toMatch(/duplicate SOPInstanceUID/);
  });
});

/** Explicit VR little endian element; SQ/OB with 4-byte lengths (PS3.5 §7.1.2). */
function element(group: number, elem: number, vr: string, value: Buffer, undefinedLength = false): Buffer {
  const long = vr === 'SQ' || vr === 'OB';
  const head = Buffer.alloc(long ? 12 : 8);
  head.writeUInt16LE(group, 0);
  head.writeUInt16LE(elem, 2);
  head.write(vr, 4, 'latin1');
  if (long) head.writeUInt32LE(undefinedLength ? 0xffffffff : value.length, 8);
  else head.writeUInt16LE(value.length, 6);
  return Buffer.concat([head, value]);
}
const text = (s: string): Buffer => Buffer.from(s.length % 2 ? `${s}\0` : s, 'latin1');
function item(content: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt16LE(0xfffe, 0);
  head.writeUInt16LE(0xe000, 2);
  head.writeUInt32LE(content.length, 4);
  return Buffer.concat([head, content]);
}
const sequenceDelimiter = Buffer.from([0xfe, 0xff, 0xdd, 0xe0, 0, 0, 0, 0]);

function writeDicomdir(file: string, referencedIds: string[]): void {
  const meta = Buffer.concat([element(2, 2, 'UI', text('1.2.840.10008.1.3.10')), element(2, 0x10, 'UI', text('1.2.840.10008.1.2.1'))]);
  const records = referencedIds.map((id) => item(Buffer.concat([element(4, 0x1430, 'CS', text('IMAGE')), element(4, 0x1500, 'CS', text(id))])));
  const body = element(4, 0x1220, 'SQ', Buffer.concat([...records, sequenceDelimiter]), true);
  writeFileSync(file, Buffer.concat([Buffer.alloc(128), Buffer.from('DICM'), meta, body]));
}

describe.skipIf(!pydicom)(pydicom ? 'DICOMDIR' : missingDataMessage('dicom/pydicom'), () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'twin-dicomdir-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('follows the referenced files (case-insensitively), reports missing ones, and is not itself an image', async () => {
    mkdirSync(path.join(dir, 'IMAGES'));
    copyFileSync(path.join(pydicom!, 'CT_small.dcm'), path.join(dir, 'IMAGES', 'IM0001'));
    copyFileSync(path.join(pydicom!, 'MR_small.dcm'), path.join(dir, 'IMAGES', 'IM0002'));
    writeDicomdir(path.join(dir, 'DICOMDIR'), ['IMAGES\\IM0001', 'images\\im0002', 'IMAGES\\IM0003']);
    const result = await scanDicom([path.join(dir, 'DICOMDIR')], ctx);
    expect(result.series.map((s) => s.modality).sort()).toEqual(['CT', 'MR']);
    expect(result.errors).toEqual([{ file: path.join(dir, 'IMAGES', 'IM0003'), reason: `referenced by DICOMDIR ${path.join(dir, 'DICOMDIR')} but not found` }]);
    // Scanning the whole folder reaches the same files twice (folder walk and DICOMDIR) and reads each once.
    const again = await scanDicom([dir], ctx);
    expect(again.series.flatMap((s) => s.warnings)).toEqual([]);
    expect(again.series.map((s) => s.instances.length)).toEqual([1, 1]);
  });
});
