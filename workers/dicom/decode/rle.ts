/**
 * DICOM RLE Lossless (PS3.5 Annex G). A frame is a 64-byte header (segment count and up to 15 segment offsets)
 * followed by PackBits-compressed segments: one per byte of each sample, most significant byte first, all pixels of
 * a segment in a row, so the result is planar by construction.
 */
import type { PixelFormat } from './pixel-format';
import { allocateStoredValues, type StoredValues } from './stored-values';

function unpackBits(source: Uint8Array, start: number, end: number, target: Uint8Array): void {
  let i = start;
  let o = 0;
  while (i < end && o < target.length) {
    const n = (source[i++]! << 24) >> 24; // the header byte is a signed int8
    if (n >= 0) {
      const count = Math.min(n + 1, target.length - o, end - i);
      target.set(source.subarray(i, i + count), o);
      i += n + 1;
      o += count;
    } else if (n !== -128) {
      const count = Math.min(1 - n, target.length - o);
      target.fill(source[i++]!, o, o + count);
      o += count;
    }
  }
  if (o < target.length) throw new Error(`RLE segment ends after ${o} of ${target.length} bytes`);
}

export function decodeRleFrame(frame: Uint8Array, format: PixelFormat): StoredValues {
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  if (frame.length < 64) throw new Error('RLE frame shorter than its 64-byte header');
  const segments = view.getUint32(0, true);
  const bytesPerSample = format.bitsAllocated / 8;
  const expected = format.samplesPerPixel * bytesPerSample;
  if (segments !== expected) throw new Error(`RLE frame has ${segments} segments, expected ${expected}`);
  const pixels = format.rows * format.columns;
  const out = allocateStoredValues(format, pixels * format.samplesPerPixel);
  const segment = new Uint8Array(pixels);
  for (let s = 0; s < format.samplesPerPixel; s++) {
    for (let b = 0; b < bytesPerSample; b++) {
      const index = s * bytesPerSample + b;
      const start = view.getUint32(4 + 4 * index, true);
      const end = index + 1 < segments ? view.getUint32(8 + 4 * index, true) : frame.length;
      if (start < 64 || start > end || end > frame.length) throw new Error(`RLE segment ${index + 1} has an invalid offset`);
      unpackBits(frame, start, end, segment);
      // Segment b holds byte b counted from the most significant one.
      const weight = 2 ** (8 * (bytesPerSample - 1 - b));
      for (let p = 0; p < pixels; p++) out[p * format.samplesPerPixel + s] += segment[p]! * weight;
    }
  }
  // Accumulating into a signed array wraps the top byte into the sign, as two's complement requires.
  return out;
}
