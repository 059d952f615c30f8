import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { missingDataMessage, sharedData } from '../../../testing/shared-data';
import { decodeHtj2k, decodeJpegBaseline } from './codecs';
import { openPixelSource } from './decode-frame';
import { describePixels } from './describe-pixels';
import type { PixelFormat } from './pixel-format';
import { decodeRleFrame } from './rle';

const syntaxes = sharedData('dicom/transfer-syntaxes');
const pydicom = sharedData('dicom/pydicom');

describe.skipIf(!syntaxes)(syntaxes ? 'the nine transfer-syntax files' : missingDataMessage('dicom/transfer-syntaxes'), () => {
  it('decode to identical stored values (LE implicit/explicit, BE, RLE, JPEG lossless ×2, JPEG-LS ×2, JPEG 2000)', async () => {
    const reports = [];
    for (let n = 1; n <= 9; n++) reports.push(await describePixels(path.join(syntaxes!, `${n}.dcm`)));
    expect(new Set(reports.map((r) => r.transferSyntaxUID)).size).toBe(7);
    const { transferSyntaxUID: _ts, ...first } = reports[0]!;
    for (const { transferSyntaxUID: _t, ...rest } of reports) expect(rest).toEqual(first);
    expect(first).toMatchObject({ rows: 384, columns: 384, frames: 1, samplesPerPixel: 1, min: 0, max: 2362 });
  });
});

describe.skipIf(!pydicom)(pydicom ? 'pydicom reference files' : missingDataMessage('dicom/pydicom'), () => {
  const file = (name: string): string => path.join(pydicom!, name);

  it('decodes MR_small in every lossless encoding to the same stored values', async () => {
    const reference = await describePixels(file('MR_small.dcm'));
    expect(reference).toMatchObject({ rows: 64, columns: 64, min: 127, max: 2145 });
    for (const name of ['MR_small_implicit.dcm', 'MR_small_bigendian.dcm', 'MR_small_RLE.dcm', 'MR_small_jp2klossless.dcm', 'MR_small_jpeg_ls_lossless.dcm']) {
      expect((await describePixels(file(name))).sha256, name).toBe(reference.sha256);
    }
  });

  it('decodes the deflated data set, 12-bit JPEG extended, 1-bit SEG and multi-frame RTDOSE', async () => {
    expect(await describePixels(file('image_dfl.dcm'))).toMatchObject({ rows: 512, columns: 512, min: 0, max: 255 });
    // JPGExtended.dcm is the repaired copy of JPEG-lossy.dcm: the same 12-bit DCT stream.
    const lossy = await describePixels(file('JPEG-lossy.dcm'));
    expect(lossy).toMatchObject({ transferSyntaxUID: '1.2.840.10008.1.2.4.51', rows: 1024, columns: 256 });
    expect((await describePixels(file('JPGExtended.dcm'))).sha256).toBe(lossy.sha256);
    expect(await describePixels(file('liver_1frame.dcm'))).toMatchObject({ min: 0, max: 1 });
    expect(await describePixels(file('rtdose.dcm'))).toMatchObject({ frames: 15, rows: 10, columns: 10 });
  });

  it('JPEG baseline (8-bit, libjpeg-turbo) stays within the stated tolerance of the original', async () => {
    // Re-encode a real 8-bit image at quality 90 with libjpeg-turbo's encoder, then decode it through our path.
    // Stated tolerance for quality 90: RMS error ≤ 1.5 and max error ≤ 16 grey levels of 255 (measured 0.93 and 12).
    const original = await openPixelSource(file('image_dfl.dcm')).decodeFrame(0);
    const require = createRequire(import.meta.url);
    const factory = require('@cornerstonejs/codec-libjpeg-turbo-8bit/wasmjs') as (o: object) => Promise<Record<string, new () => JpegEncoder>>;
    interface JpegEncoder {
      getDecodedBuffer(info: object): Uint8Array;
      setQuality(q: number): void;
      encode(): void;
      getEncodedBuffer(): Uint8Array;
    }
    const codec = await factory({ wasmBinary: readFileSync(require.resolve('@cornerstonejs/codec-libjpeg-turbo-8bit/wasm')) });
    const encoder = new codec.JPEGEncoder!();
    encoder.getDecodedBuffer({ width: 512, height: 512, bitsPerSample: 8, componentCount: 1, isSigned: false }).set(original);
    encoder.setQuality(90);
    encoder.encode();
    const decoded = await decodeJpegBaseline(new Uint8Array(encoder.getEncodedBuffer()));
    let maxError = 0;
    let squares = 0;
    for (let i = 0; i < original.length; i++) {
      const d = Math.abs(decoded.bytes[i]! - original[i]!);
      maxError = Math.max(maxError, d);
      squares += d * d;
    }
    expect(Math.sqrt(squares / original.length)).toBeLessThanOrEqual(1.5);
    expect(maxError).toBeLessThanOrEqual(16);
  });

  it('HTJ2K (OpenJPH) decodes a lossless encoding of MR_small back to the same signed 16-bit values', async () => {
    // No HTJ2K file is in the shared data: encode one with OpenJPH's own encoder (lossless by default).
    const original = await openPixelSource(file('MR_small.dcm')).decodeFrame(0);
    const require = createRequire(import.meta.url);
    interface Htj2kEncoder {
      getDecodedBuffer(info: object): Uint8Array;
      encode(): void;
      getEncodedBuffer(): Uint8Array;
    }
    const factory = require('@cornerstonejs/codec-openjph/wasmjs') as (o: object) => Promise<Record<string, new () => Htj2kEncoder>>;
    const codec = await factory({ wasmBinary: readFileSync(require.resolve('@cornerstonejs/codec-openjph/wasm')), print: () => {}, printErr: () => {} });
    const encoder = new codec.HTJ2KEncoder!();
    encoder.getDecodedBuffer({ width: 64, height: 64, bitsPerSample: 16, componentCount: 1, isSigned: true, isUsingColorTransform: false }).set(new Uint8Array(original.buffer, original.byteOffset, original.byteLength));
    encoder.encode();
    const decoded = await decodeHtj2k(new Uint8Array(encoder.getEncodedBuffer()));
    expect([decoded.width, decoded.height, decoded.components]).toEqual([64, 64, 1]);
    expect(Array.from(new Int16Array(decoded.bytes.buffer, decoded.bytes.byteOffset, 64 * 64))).toEqual(Array.from(original));
  });

  it('gives errors that name the file and the reason for broken files', async () => {
    const cases: [string, RegExp][] = [
      ['MR_truncated.dcm', /truncated/],
      ['rtplan_truncated.dcm', /truncated/],
      ['badVR.dcm', /Number of Frames/],
      ['meta_missing_tsyntax.dcm', /Transfer Syntax UID/],
      ['UN_sequence.dcm', /no Pixel Data/],
      ['no_meta.dcm', /not a DICOM file/],
      ['JPEG2000-embedded-sequence-delimiter.dcm', /cannot decode frame 1 \(jpeg-2000.*Invalid number of tiles/],
      ['rtstruct.dcm', /no Pixel Data/],
    ];
    for (const [name, reason] of cases) {
      const error = await describePixels(file(name)).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(error?.message, name).toContain(file(name));
      expect(error?.message, name).toMatch(reason);
    }
  });
});

describe('RLE (PS3.5 Annex G)', () => {
  const format: PixelFormat = {
    rows: 1,
    columns: 4,
    frames: 1,
    samplesPerPixel: 1,
    bitsAllocated: 16,
    bitsStored: 16,
    highBit: 15,
    pixelRepresentation: 1,
    planarConfiguration: 0,
    photometricInterpretation: 'MONOCHROME2',
    float: false,
  };
  it('joins the high-byte and low-byte segments, with literal and replicate runs, into signed values', () => {
    // Values -2 (0xFFFE), -2, 256 (0x0100), 1 (0x0001). High bytes FF FF 01 00, low bytes FE FE 00 01.
    const high = [0xff, 0xff, 1, 0x01, 0x00]; // replicate FF twice (-1 → 2 bytes), then literal 01 00
    const low = [0xff, 0xfe, 1, 0x00, 0x01]; // replicate FE twice, literal 00 01
    const header = new Uint8Array(64);
    const view = new DataView(header.buffer);
    view.setUint32(0, 2, true);
    view.setUint32(4, 64, true);
    view.setUint32(8, 64 + high.length, true);
    const frame = new Uint8Array([...header, ...high, ...low]);
    expect(Array.from(decodeRleFrame(frame, format))).toEqual([-2, -2, 256, 1]);
  });
});
