import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { missingDataMessage, sharedData } from '../../testing/shared-data';
import { createJobContext, JobCancelledError } from '../process/job-context';
import type { Volume } from '../volume/volume';
import { openPixelSource } from './decode/decode-frame';
import { scanDicom } from './scan';
import { loadSeriesVolume, orientationLabels } from './volume';
import { encodePart10 } from './write/part10';

/** One axial 2×2 CT slice (intercept −1024) written as Part 10; Int16Array pixel data is stored signed, Uint16Array unsigned. */
function writeTinyCtSlice(
  file: string,
  slice: { sopInstanceUid: string; studyInstanceUid: string; seriesInstanceUid: string; z: number; bitsStored: number; pixelData: Int16Array | Uint16Array },
): string {
  writeFileSync(
    file,
    encodePart10({
      SOPClassUID: '1.2.840.10008.5.1.4.1.1.2',
      SOPInstanceUID: slice.sopInstanceUid,
      StudyInstanceUID: slice.studyInstanceUid,
      SeriesInstanceUID: slice.seriesInstanceUid,
      Modality: 'CT',
      Rows: 2,
      Columns: 2,
      SamplesPerPixel: 1,
      PhotometricInterpretation: 'MONOCHROME2',
      BitsAllocated: 16,
      BitsStored: slice.bitsStored,
      HighBit: slice.bitsStored - 1,
      PixelRepresentation: slice.pixelData instanceof Int16Array ? 1 : 0,
      ImagePositionPatient: ['0', '0', String(slice.z)],
      ImageOrientationPatient: ['1', '0', '0', '0', '1', '0'],
      PixelSpacing: ['1', '1'],
      RescaleIntercept: '-1024',
      RescaleSlope: '1',
      PixelData: slice.pixelData,
    }),
  );
  return file;
}

const ctx = createJobContext();
const ct = sharedData('dicom/ct-chest-cptac-99');
const hfs = sharedData('dicom/orientation/HFS');
const hfp = sharedData('dicom/orientation/HFP');
const pydicom = sharedData('dicom/pydicom');

describe.skipIf(!ct)(ct ? 'volume of the 99-slice chest CT' : missingDataMessage('dicom/ct-chest-cptac-99'), () => {
  it('is 512×512×99 int16 in HU, LPS-aligned, each slice where its file says', async () => {
    const [series] = (await scanDicom([ct!], ctx)).series;
    const volume = await loadSeriesVolume(series!.instances, ctx);
    expect(volume.dims).toEqual([512, 512, 99]);
    expect(volume.data).toBeInstanceOf(Int16Array);
    expect(volume.spacing[0]).toBeCloseTo(0.564453125, 9);
    expect(volume.spacing[2]).toBeCloseTo(3, 6);
    expect(volume.direction).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    expect(volume.origin).toEqual(series!.instances[0]!.imagePositionPatient);
    // Slice 40 holds the stored values of the 41st file along z, rescaled by its intercept of -1024 HU.
    const file = series!.instances[40]!;
    const stored = await openPixelSource(file.file).decodeFrame(0);
    const k = Math.round((file.imagePositionPatient![2] - volume.origin[2]) / volume.spacing[2]);
    expect(k).toBe(40);
    for (const p of [0, 12345, 131072, 262143]) expect(volume.data[k * 512 * 512 + p]).toBe(stored[p]! - 1024);
  });

  it('stops when cancelled', async () => {
    const [series] = (await scanDicom([ct!], ctx)).series;
    const abort = new AbortController();
    abort.abort();
    await expect(loadSeriesVolume(series!.instances, createJobContext(() => {}, abort.signal))).rejects.toBeInstanceOf(JobCancelledError);
  });
});

function middleSlice(v: Volume): (i: number, j: number) => number {
  const [nx, ny, nz] = v.dims;
  const k = Math.floor(nz / 2);
  return (i, j) => (i >= 0 && j >= 0 && i < nx && j < ny ? v.data[i + nx * (j + ny * k)]! : 0);
}

function correlation(nx: number, ny: number, a: (i: number, j: number) => number, b: (i: number, j: number) => number): number {
  let sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
  const n = nx * ny;
  for (let j = 0; j < ny; j++)
    for (let i = 0; i < nx; i++) {
      const x = a(i, j);
      const y = b(i, j);
      sa += x;
      sb += y;
      saa += x * x;
      sbb += y * y;
      sab += x * y;
    }
  return (sab / n - (sa / n) * (sb / n)) / Math.sqrt((saa / n - (sa / n) ** 2) * (sbb / n - (sb / n) ** 2));
}

function centroid(nx: number, ny: number, f: (i: number, j: number) => number): [number, number] {
  let si = 0, sj = 0, s = 0;
  for (let j = 0; j < ny; j++)
    for (let i = 0; i < nx; i++) {
      const w = f(i, j);
      si += w * i;
      sj += w * j;
      s += w;
    }
  return [si / s, sj / s];
}

describe.skipIf(!hfs || !hfp)(hfs && hfp ? 'head-first supine and prone' : missingDataMessage('dicom/orientation'), () => {
  it('have direction cosines and labels that name the same anatomy', async () => {
    const load = async (dir: string): Promise<Volume> => loadSeriesVolume((await scanDicom([dir], ctx)).series[0]!.instances, ctx);
    const supine = await load(hfs!);
    const prone = await load(hfp!);
    // Sagittal slices: rows run posterior, columns run to the feet, slices are stacked from left to right.
    expect(supine.direction).toEqual([0, 0, -1, 1, 0, 0, 0, -1, 0]);
    expect(prone.direction).toEqual(supine.direction);
    for (const v of [supine, prone]) {
      const { sagittal } = orientationLabels(v.direction);
      expect([sagittal.left, sagittal.right, sagittal.top, sagittal.bottom]).toEqual(['A', 'P', 'H', 'F']);
    }
    // The pixels agree with that: once the head's shift inside the coil is removed, the prone middle slice matches
    // the supine one far better as it is than mirrored front-to-back or head-to-feet (measured 0.71 vs 0.58).
    const [nx, ny] = supine.dims;
    const a = middleSlice(supine);
    const b = middleSlice(prone);
    const ca = centroid(nx, ny, a);
    const cb = centroid(nx, ny, b);
    const di = Math.round(cb[0] - ca[0]);
    const dj = Math.round(cb[1] - ca[1]);
    const same = correlation(nx, ny, a, (i, j) => b(i + di, j + dj));
    const mirroredAp = correlation(nx, ny, a, (i, j) => b(Math.round(2 * cb[0] - i - di), j + dj));
    const mirroredHf = correlation(nx, ny, a, (i, j) => b(i + di, Math.round(2 * cb[1] - j - dj)));
    expect(same).toBeGreaterThan(mirroredAp + 0.05);
    expect(same).toBeGreaterThan(mirroredHf + 0.05);
  });
});

describe('enhanced multi-frame', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'twin-enhanced-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('places each frame by its Plane Position, sorted along the normal, with the shared rescale', async () => {
    // Three sagittal 3×2 frames stored out of order at x = 4, 0, 2 mm; frame f holds 1000·f + pixel index.
    const xs = [4, 0, 2];
    const pixels = new Int16Array(3 * 6).map((_, n) => 1000 * Math.floor(n / 6) + (n % 6));
    const file = path.join(dir, 'enhanced-mr.dcm');
    writeFileSync(
      file,
      encodePart10({
        SOPClassUID: '1.2.840.10008.5.1.4.1.1.4.1',
        SOPInstanceUID: '2.25.1001',
        StudyInstanceUID: '2.25.1002',
        SeriesInstanceUID: '2.25.1003',
        Modality: 'MR',
        Rows: 2,
        Columns: 3,
        NumberOfFrames: '3',
        SamplesPerPixel: 1,
        PhotometricInterpretation: 'MONOCHROME2',
        BitsAllocated: 16,
        BitsStored: 16,
        HighBit: 15,
        PixelRepresentation: 1,
        SharedFunctionalGroupsSequence: [
          {
            PixelMeasuresSequence: [{ PixelSpacing: ['0.5', '0.7'], SliceThickness: '2' }],
            PlaneOrientationSequence: [{ ImageOrientationPatient: ['0', '1', '0', '0', '0', '-1'] }],
            PixelValueTransformationSequence: [{ RescaleIntercept: '-100', RescaleSlope: '1', RescaleType: 'US' }],
          },
        ],
        PerFrameFunctionalGroupsSequence: xs.map((x) => ({ PlanePositionSequence: [{ ImagePositionPatient: [String(x), '-10', '20'] }] })),
        PixelData: pixels,
      }),
    );
    const [series] = (await scanDicom([file], ctx)).series;
    expect(series!.instances[0]).toMatchObject({ frames: 3, imagePositionPatient: [4, -10, 20], pixelSpacing: [0.5, 0.7] });
    for (const input of [series!.instances, [file]]) {
      const volume = await loadSeriesVolume(input, ctx);
      expect(volume.dims).toEqual([3, 2, 3]);
      expect(volume.spacing).toEqual([0.7, 0.5, 2]);
      expect(volume.origin).toEqual([4, -10, 20]);
      expect(volume.direction).toEqual([0, 0, -1, 1, 0, 0, 0, -1, 0]);
      // Normal = row × column = −x, so slices run x = 4, 2, 0: stored frames 0, 2, 1.
      expect(Array.from(volume.data.subarray(0, 6))).toEqual([-100, -99, -98, -97, -96, -95]);
      expect(volume.data[6]).toBe(2000 - 100);
      expect(volume.data[12]).toBe(1000 - 100);
    }
  });
});

describe('voxel type', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'twin-voxel-type-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Two axial 2×2 slices of signed 16-bit CT, intercept −1024, holding `values`. */
  function writeCt(name: string, values: number[]): string[] {
    const series = name === 'fits' ? 1 : 2;
    return [0, 1].map((k) =>
      writeTinyCtSlice(path.join(dir, `${name}-${k}.dcm`), {
        sopInstanceUid: `2.25.${name === 'fits' ? 7 : 8}00${k}`,
        studyInstanceUid: '2.25.9001',
        seriesInstanceUid: `2.25.9002${series}`,
        z: 3 * k,
        bitsStored: 16,
        pixelData: new Int16Array(values),
      }),
    );
  }

  it('is int16 for 16-bit signed CT with intercept −1024 when the values fit, though the declared range does not', async () => {
    const [series] = (await scanDicom(writeCt('fits', [0, 1024, 4095, -1000]), ctx)).series;
    const volume = await loadSeriesVolume(series!.instances, ctx);
    expect(volume.data).toBeInstanceOf(Int16Array);
    expect(Array.from(volume.data.subarray(0, 4))).toEqual([-1024, 0, 3071, -2024]);
  });

  it('falls back to float32 when they do not (−32000 − 1024 is below −32768)', async () => {
    const [series] = (await scanDicom(writeCt('overflows', [0, 1024, 4095, -32000]), ctx)).series;
    const volume = await loadSeriesVolume(series!.instances, ctx);
    expect(volume.data).toBeInstanceOf(Float32Array);
    expect(Array.from(volume.data.subarray(0, 4))).toEqual([-1024, 0, 3071, -33024]);
  });
});

describe('a slice file that changes after the scan', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'twin-changed-slice-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is reported by name, whichever of the slices read ahead it is', async () => {
    const files = Array.from({ length: 8 }, (_, k) =>
      writeTinyCtSlice(path.join(dir, `slice-${k}.dcm`), {
        sopInstanceUid: `2.25.9100${k}`,
        studyInstanceUid: '2.25.9101',
        seriesInstanceUid: '2.25.9102',
        z: k,
        bitsStored: 12,
        pixelData: new Uint16Array([k, 1, 2, 3]),
      }),
    );
    const [series] = (await scanDicom(files, ctx)).series;
    const bytes = readFileSync(files[5]!);
    writeFileSync(files[5]!, bytes.subarray(0, bytes.length - 4));
    await expect(loadSeriesVolume(series!.instances, ctx)).rejects.toMatchObject({ file: files[5], reason: 'the file changed while it was being read' });
  });
});

describe.skipIf(!pydicom)(pydicom ? 'RT Dose grid' : missingDataMessage('dicom/pydicom'), () => {
  it('loads as float32 Gy (DoseGridScaling), frames along GridFrameOffsetVector', async () => {
    const volume = await loadSeriesVolume([path.join(pydicom!, 'rtdose.dcm')], ctx);
    expect(volume.dims).toEqual([10, 10, 15]);
    expect(volume.data).toBeInstanceOf(Float32Array);
    let max = 0;
    for (const v of volume.data) max = Math.max(max, v);
    // Stored maximum 1 254 000 × DoseGridScaling 1e-6 Gy.
    expect(max).toBeCloseTo(1.254, 5);
  });
});

describe.skipIf(!hfs)(hfs ? 'a volume from file paths' : missingDataMessage('dicom/orientation/HFS'), () => {
  it('reads the headers itself and sorts the files, giving the same volume as from the scan', async () => {
    const files = readdirSync(hfs!).map((f) => path.join(hfs!, f)).reverse();
    const fromPaths = await loadSeriesVolume(files, ctx);
    const fromScan = await loadSeriesVolume((await scanDicom([hfs!], ctx)).series[0]!.instances, ctx);
    expect(fromPaths.dims).toEqual(fromScan.dims);
    expect(fromPaths.origin).toEqual(fromScan.origin);
    expect(fromPaths.spacing).toEqual(fromScan.spacing);
    expect(Buffer.from(fromPaths.data.buffer).equals(Buffer.from(fromScan.data.buffer))).toBe(true);
  });
});

const syntaxes = sharedData('dicom/transfer-syntaxes');

describe.skipIf(!syntaxes)(syntaxes ? 'native frames read straight into the volume' : missingDataMessage('dicom/transfer-syntaxes'), () => {
  it('equal the same image decoded from big endian, RLE, JPEG lossless, JPEG-LS and JPEG 2000', async () => {
    // 1.dcm and 2.dcm (little endian) take the direct read; the others go through the decoder.
    const volumes = [];
    for (let n = 1; n <= 9; n++) volumes.push(await loadSeriesVolume([path.join(syntaxes!, `${n}.dcm`)], ctx));
    for (const [n, v] of volumes.entries()) {
      expect(v.data, `${n + 1}.dcm`).toBeInstanceOf(Int16Array);
      expect(Buffer.from(v.data.buffer).equals(Buffer.from(volumes[0]!.data.buffer)), `${n + 1}.dcm`).toBe(true);
    }
  });
});
