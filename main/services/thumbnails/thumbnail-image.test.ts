/** The thumbnail maker: size and aspect, box averaging, the DICOM linear window, MONOCHROME1, and the PNG bytes. */
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { missingDataMessage, sharedData } from '../../../testing/shared-data';
import { openPixelSource } from '../../../workers/dicom/decode/decode-frame';
import { encodePng } from './encode-png';
import { thumbnailPng } from './series-thumbnails';
import { renderThumbnail, thumbnailSize, type ThumbnailSource } from './thumbnail-image';

const CT_SLICE = 'dicom/ct-chest-cptac-99/000050.dcm';
const ctSlice = sharedData(CT_SLICE);

function source(rows: number, columns: number, value: (x: number, y: number) => number, extra: Partial<ThumbnailSource> = {}): ThumbnailSource {
  const values = new Int16Array(rows * columns);
  for (let y = 0; y < rows; y++) for (let x = 0; x < columns; x++) values[y * columns + x] = value(x, y);
  return { rows, columns, samplesPerPixel: 1, values, rescale: { slope: 1, intercept: 0 }, invert: false, ...extra };
}

/** Width, height and pixels of an 8-bit grey or RGB PNG written by encodePng (one IDAT, filter 0 on every row). */
function readPng(png: Buffer): { width: number; height: number; channels: number; pixels: Uint8Array } {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.toString('latin1', 12, 16)).toBe('IHDR');
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const channels = png[25] === 2 ? 3 : 1;
  const idatLength = png.readUInt32BE(33);
  expect(png.toString('latin1', 37, 41)).toBe('IDAT');
  const raw = inflateSync(png.subarray(41, 41 + idatLength));
  const rowBytes = width * channels;
  const pixels = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (rowBytes + 1)]).toBe(0);
    pixels.set(raw.subarray(y * (rowBytes + 1) + 1, (y + 1) * (rowBytes + 1)), y * rowBytes);
  }
  return { width, height, channels, pixels };
}

describe('thumbnailSize', () => {
  it('gives the long side 128 px and keeps the aspect', () => {
    expect(thumbnailSize(512, 512, [0.7, 0.7], 128)).toEqual({ width: 128, height: 128 });
    expect(thumbnailSize(512, 384, [0.5, 0.5], 128)).toEqual({ width: 96, height: 128 });
    expect(thumbnailSize(256, 512, undefined, 128)).toEqual({ width: 128, height: 64 });
  });

  it('keeps the physical aspect of non-square pixels', () => {
    // 100 rows 2 mm apart, 200 columns 1 mm apart: a 200 × 200 mm square.
    expect(thumbnailSize(100, 200, [2, 1], 128)).toEqual({ width: 128, height: 128 });
  });

  it('never enlarges a small image', () => {
    expect(thumbnailSize(64, 48, [1, 1], 128)).toEqual({ width: 48, height: 64 });
  });
});

describe('renderThumbnail', () => {
  it('averages each box of source pixels', () => {
    // A 0/100 checkerboard shrunk 4× is uniform grey 50.
    const checker = source(512, 512, (x, y) => ((x + y) % 2 ? 100 : 0));
    const image = renderThumbnail(checker, { center: 50.5, width: 101 }, 128);
    expect(image).toMatchObject({ width: 128, height: 128, channels: 1 });
    // Linear VOI (PS3.3 C.11.2.1.2.1): ((50 − (50.5 − 0.5)) / 100 + 0.5) × 255 = 127.5 → 128.
    expect(new Set(image.pixels)).toEqual(new Set([128]));
  });

  it('applies the rescale and the window: below is black, above is white, the centre mid-grey', () => {
    // Four bands of columns, stored 0, 1064, 1324, 2024 with intercept −1024: HU −1024 (air), 40 (the window's
    // centre), 300 and 1000 (above the window).
    const stored = [0, 1064, 1324, 2024];
    const bands = source(64, 64, (x) => stored[x >> 4]!, { rescale: { slope: 1, intercept: -1024 } });
    const image = renderThumbnail(bands, { center: 40, width: 400 }, 128);
    expect(image.width).toBe(64);
    const row = [...image.pixels.subarray(0, 64)];
    expect(row[0]).toBe(0);
    // ((40 − 39.5) / 399 + 0.5) × 255 = 127.8 → 128
    expect(row[16]).toBe(128);
    expect(row[32]).toBe(255);
    expect(row[48]).toBe(255);
  });

  it('uses the image min–max when there is no window, and inverts MONOCHROME1', () => {
    const ramp = source(16, 256, (x) => 100 + x);
    const plain = renderThumbnail(ramp, undefined, 256);
    expect(plain.pixels[0]).toBe(0);
    expect(plain.pixels[255]).toBe(255);
    const inverted = renderThumbnail({ ...ramp, invert: true }, undefined, 256);
    expect(inverted.pixels[0]).toBe(255);
    expect(inverted.pixels[255]).toBe(0);
  });

  it('keeps colour images in colour', () => {
    const rgb: ThumbnailSource = {
      rows: 2,
      columns: 2,
      samplesPerPixel: 3,
      values: Uint8Array.from([255, 0, 0, 255, 0, 0, 0, 0, 255, 0, 0, 255]),
      rescale: { slope: 1, intercept: 0 },
      invert: false,
    };
    const image = renderThumbnail(rgb, undefined, 1);
    expect(image).toMatchObject({ width: 1, height: 1, channels: 3 });
    expect([...image.pixels]).toEqual([128, 0, 128]);
  });
});

describe('encodePng', () => {
  it('writes grey and RGB PNGs whose pixels read back', () => {
    const grey = { width: 3, height: 2, channels: 1 as const, pixels: Uint8Array.from([0, 1, 2, 253, 254, 255]) };
    expect(readPng(encodePng(grey))).toEqual({ width: 3, height: 2, channels: 1, pixels: grey.pixels });
    const rgb = { width: 1, height: 2, channels: 3 as const, pixels: Uint8Array.from([1, 2, 3, 4, 5, 6]) };
    expect(readPng(encodePng(rgb))).toEqual({ width: 1, height: 2, channels: 3, pixels: rgb.pixels });
  });
});

describe.skipIf(!ctSlice)(`a real CT slice ${ctSlice ? '' : missingDataMessage(CT_SLICE)}`, () => {
  it('is shown 128 px square in its own first window (lung, −500/1500 HU), each pixel the mean of a 4 × 4 box', async () => {
    const png = readPng(await thumbnailPng(ctSlice!, 0));
    expect(png).toMatchObject({ width: 128, height: 128, channels: 1 });
    const stored = await openPixelSource(ctSlice!).decodeFrame(0);
    // Rescale intercept −1024, window centre −500, width 1500 (the file's first WindowCenter/WindowWidth).
    const expected = (bx: number, by: number): number => {
      let sum = 0;
      for (let y = 4 * by; y < 4 * by + 4; y++) for (let x = 4 * bx; x < 4 * bx + 4; x++) sum += stored[y * 512 + x]!;
      const hu = sum / 16 - 1024;
      return Math.min(255, Math.max(0, Math.round(((hu - (-500 - 0.5 - 749.5)) * 255) / 1499)));
    };
    for (const [bx, by] of [[0, 0], [64, 64], [40, 70], [100, 30], [127, 127]] as const) {
      expect(png.pixels[by * 128 + bx], `box ${bx},${by}`).toBe(expected(bx, by));
    }
    // Not blank: lungs, body and air make a picture.
    expect(new Set(png.pixels).size).toBeGreaterThan(100);
  });
});
