import { describe, expect, it } from 'vitest';
import type { PixelFormat } from '../decode/pixel-format';
import { writeSlice } from './write-slice';

function format(bitsStored: number, pixelRepresentation: 0 | 1, bitsAllocated = 16): PixelFormat {
  return {
    rows: 1,
    columns: 7,
    frames: 1,
    samplesPerPixel: 1,
    bitsAllocated,
    bitsStored,
    highBit: bitsStored - 1,
    pixelRepresentation,
    planarConfiguration: 0,
    photometricInterpretation: 'MONOCHROME2',
    float: false,
  };
}

/** The definition: mask to Bits Stored, sign-extend, then slope × value + intercept. */
function reference(words: number[], f: PixelFormat, slope: number, intercept: number): number[] {
  return words.map((w) => {
    let v = w & (2 ** f.bitsStored - 1);
    if (f.pixelRepresentation === 1 && v >= 2 ** (f.bitsStored - 1)) v -= 2 ** f.bitsStored;
    return v * slope + intercept;
  });
}

describe('writeSlice', () => {
  // Odd length and odd offsets exercise the unaligned head and the tail of the two-voxels-per-word path.
  const words = [0x0000, 0x0fff, 0xf400, 0x8123, 0x07ff, 0x0800, 0xffff];

  it.each([
    ['12-bit unsigned CT with overlay bits set, intercept -1024', format(12, 0), 1, -1024],
    ['16-bit signed, intercept +1000', format(16, 1), 1, 1000],
    ['12-bit signed (sign extension)', format(12, 1), 1, -3],
    ['12-bit unsigned, slope 2', format(12, 0), 2, -4096],
  ] as const)('%s', (_name, f, slope, intercept) => {
    for (const offset of [0, 1, 2, 3]) {
      const target = new Int16Array(16);
      const stored = f.pixelRepresentation === 1 ? new Int16Array(words) : new Uint16Array(words);
      writeSlice(target, offset, stored, f, { slope, intercept });
      expect(Array.from(target.subarray(offset, offset + words.length))).toEqual(reference(words, f, slope, intercept).map((v) => ((v << 16) >> 16)));
      expect(target[offset + words.length]).toBe(0);
    }
  });

  it('treats the 16 bits alike whatever typed array the decoder returned', () => {
    const target = new Int16Array(8);
    writeSlice(target, 0, new Uint16Array(words), format(12, 1), { slope: 1, intercept: -3 });
    expect(Array.from(target.subarray(0, 7))).toEqual(reference(words, format(12, 1), 1, -3));
  });

  it('masks and offsets a whole 512×512 slice (the SIMD lane buffer grows past its first page) and leaves the rest', () => {
    const n = 512 * 512 + 3; // not a whole number of 8-lane vectors
    const words = Array.from({ length: n }, (_, p) => (p * 40503) & 0xffff);
    for (const [f, intercept] of [[format(12, 0), -1024], [format(16, 1), 1000], [format(16, 0), 0]] as const) {
      const target = new Int16Array(n + 2).fill(7);
      const stored = f.pixelRepresentation === 1 ? new Int16Array(words) : new Uint16Array(words);
      writeSlice(target, 1, stored, f, { slope: 1, intercept });
      const expected = reference(words, f, 1, intercept);
      const wrong = expected.filter((v, p) => target[1 + p] !== (v << 16) >> 16).length;
      expect(wrong).toBe(0);
      expect([target[0], target[n + 1]]).toEqual([7, 7]);
    }
  });

  it('writes float32 with a fractional slope', () => {
    const target = new Float32Array(8);
    writeSlice(target, 1, new Uint16Array([0, 10, 4095]), format(12, 0), { slope: 0.5, intercept: -1.25 });
    expect(Array.from(target.subarray(1, 4))).toEqual([-1.25, 3.75, 2046.25]);
  });
});
