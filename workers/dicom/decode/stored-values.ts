/**
 * Stored values (PS3.5 §8.1.1): the integers the encoder saw, before Modality LUT/rescale. Whatever the transfer
 * syntax, a decoded frame ends up here as the natural typed array of its format, samples of one pixel together.
 * Bits above High Bit are masked (old scanners put overlays there) and signed values are sign-extended from
 * Bits Stored, so 12-bit data in 16-bit words compares equal across encodings.
 */
import type { PixelFormat } from './pixel-format';

export type StoredValues = Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array | Float32Array | Float64Array;

type StoredValuesConstructor = {
  new (length: number): StoredValues;
  new (buffer: ArrayBuffer, byteOffset: number, length: number): StoredValues;
};

/** The natural array type for a format's stored values. 1-bit data is unpacked to one byte per value. */
function storedValuesType(format: PixelFormat): StoredValuesConstructor {
  const signed = format.pixelRepresentation === 1;
  if (format.float) return format.bitsAllocated === 64 ? Float64Array : Float32Array;
  if (format.bitsAllocated <= 8) return signed ? Int8Array : Uint8Array;
  if (format.bitsAllocated === 16) return signed ? Int16Array : Uint16Array;
  return signed ? Int32Array : Uint32Array;
}

export function allocateStoredValues(format: PixelFormat, length: number): StoredValues {
  return new (storedValuesType(format))(length);
}

/** Views `length` values of the format's type over `buffer` from `byteOffset` (aligned for the element size). */
export function viewStoredValues(format: PixelFormat, buffer: ArrayBuffer, length: number, byteOffset: number): StoredValues {
  return new (storedValuesType(format))(buffer, byteOffset, length);
}

/** Masks to Bits Stored below High Bit and sign-extends, in place. A no-op for full-width and float data. */
export function normaliseStoredBits(values: StoredValues, format: PixelFormat): void {
  if (format.float || format.bitsStored >= format.bitsAllocated) return;
  const shift = format.highBit + 1 - format.bitsStored;
  const width = format.bitsStored;
  const mask = width >= 32 ? 0xffffffff : (1 << width) - 1;
  const signed = format.pixelRepresentation === 1;
  for (let i = 0; i < values.length; i++) {
    let v = (values[i]! >>> shift) & mask;
    if (signed) v = (v << (32 - width)) >> (32 - width);
    values[i] = v;
  }
}

/**
 * Reads `count` samples of `bytesPerSample` bytes from `bytes` into `out` (starting at sample `outOffset`), with the
 * given byte order. Signedness comes from the type of `out`.
 */
export function readSamples(bytes: Uint8Array, bytesPerSample: number, littleEndian: boolean, out: StoredValues, count: number): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const signed = out instanceof Int8Array || out instanceof Int16Array || out instanceof Int32Array;
  if (out instanceof Float32Array || out instanceof Float64Array) {
    for (let i = 0; i < count; i++) out[i] = bytesPerSample === 8 ? view.getFloat64(i * 8, littleEndian) : view.getFloat32(i * 4, littleEndian);
    return;
  }
  switch (bytesPerSample) {
    case 1:
      for (let i = 0; i < count; i++) out[i] = signed ? view.getInt8(i) : bytes[i]!;
      return;
    case 2:
      for (let i = 0; i < count; i++) out[i] = signed ? view.getInt16(i * 2, littleEndian) : view.getUint16(i * 2, littleEndian);
      return;
    case 4:
      for (let i = 0; i < count; i++) out[i] = signed ? view.getInt32(i * 4, littleEndian) : view.getUint32(i * 4, littleEndian);
      return;
    default:
      throw new Error(`cannot read ${bytesPerSample}-byte samples`);
  }
}

/** Reorders one frame from planes (RRR…GGG…BBB…) to pixels (RGBRGB…). */
export function interleavePlanes(planar: StoredValues, samplesPerPixel: number): StoredValues {
  const pixels = planar.length / samplesPerPixel;
  const out = new (planar.constructor as new (n: number) => StoredValues)(planar.length);
  for (let s = 0; s < samplesPerPixel; s++) for (let p = 0; p < pixels; p++) out[p * samplesPerPixel + s] = planar[s * pixels + p]!;
  return out;
}
