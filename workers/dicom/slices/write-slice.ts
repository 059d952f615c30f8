/**
 * Copies one decoded frame into its place in the volume, masking to Bits Stored and applying the rescale. This
 * touches every voxel, so the common cases get their own code: CT and MR (16-bit words, slope 1, integer intercept)
 * are masked and offset eight voxels per instruction in the SIMD lane buffer (int16-lanes.ts): a slice in cache
 * goes there and back faster than two voxels per int32 word in JavaScript go over it once. Where that is the
 * identity (all 16 bits stored, intercept 0) they are copied as they are, or were read into place already; other
 * integer cases use small monomorphic loops that V8 compiles tightly; everything else one generic loop.
 */
import type { PixelFormat } from '../decode/pixel-format';
import type { StoredValues } from '../decode/stored-values';
import type { Rescale } from './frame-attributes';
import { laneBuffer, maskAndOffsetLanes } from './int16-lanes';

export type VolumeVoxels = Int16Array | Float32Array;

function unsignedIntoInt16(target: Int16Array, offset: number, source: Uint16Array, shift: number, mask: number, m: number, b: number): void {
  const n = source.length;
  if (shift === 0 && m === 1) {
    for (let p = 0; p < n; p++) target[offset + p] = (source[p]! & mask) + b;
  } else {
    for (let p = 0; p < n; p++) target[offset + p] = ((source[p]! >>> shift) & mask) * m + b;
  }
}

function signedIntoInt16(target: Int16Array, offset: number, source: Int16Array, shift: number, width: number, m: number, b: number): void {
  const n = source.length;
  const up = 32 - width;
  for (let p = 0; p < n; p++) target[offset + p] = (((source[p]! >> shift) << up) >> up) * m + b;
}

function anyIntoAny(target: VolumeVoxels, offset: number, source: StoredValues, format: PixelFormat, m: number, b: number): void {
  const n = source.length;
  if (format.float || format.bitsStored >= 32) {
    for (let p = 0; p < n; p++) target[offset + p] = source[p]! * m + b;
    return;
  }
  const shift = format.highBit + 1 - format.bitsStored;
  const width = format.bitsStored;
  const mask = 2 ** width - 1;
  const up = 32 - width;
  const signed = format.pixelRepresentation === 1;
  for (let p = 0; p < n; p++) {
    let v = (source[p]! >>> shift) & mask;
    if (signed) v = (v << up) >> up;
    target[offset + p] = v * m + b;
  }
}

/** Whether a 16-bit frame's stored values go into an int16 volume unchanged (all 16 bits stored, slope 1, intercept 0). */
function storedIsInt16Voxel(format: PixelFormat, rescale: Rescale): boolean {
  const { bitsAllocated, bitsStored, highBit, float } = format;
  return !float && bitsAllocated === 16 && bitsStored === 16 && highBit === 15 && rescale.slope === 1 && rescale.intercept === 0;
}

/** Whether `stored` is target[offset…] itself (loops below read each value before writing it, so that is safe). */
function isViewOf(stored: StoredValues, target: VolumeVoxels, offset: number): boolean {
  return stored.buffer === target.buffer && stored.byteOffset === target.byteOffset + offset * target.BYTES_PER_ELEMENT;
}

/** target[offset + p] = stored[p] (masked to Bits Stored, sign-extended) × slope + intercept. */
export function writeSlice(target: VolumeVoxels, offset: number, stored: StoredValues, format: PixelFormat, rescale: Rescale): void {
  const { slope: m, intercept: b } = rescale;
  const shift = format.highBit + 1 - format.bitsStored;
  if (target instanceof Int16Array && !format.float && format.bitsAllocated === 16) {
    const fullWidthOrUnsigned = format.pixelRepresentation === 0 || format.bitsStored === 16;
    if (shift === 0 && m === 1 && fullWidthOrUnsigned && (stored instanceof Uint16Array || stored instanceof Int16Array)) {
      // set() keeps the 16 bits of each value (Uint16 → Int16 wraps), which is what the lanes work on. Values read
      // straight into the volume (a view of target[offset…]) are in place already when nothing is to be done.
      if (storedIsInt16Voxel(format, rescale)) {
        if (!isViewOf(stored, target, offset)) target.set(stored, offset);
        return;
      }
      const lanes = laneBuffer(stored.length);
      lanes.set(stored);
      maskAndOffsetLanes(stored.length, 2 ** format.bitsStored - 1, b);
      target.set(lanes, offset);
      return;
    }
    if (format.pixelRepresentation === 0 && stored instanceof Uint16Array) return unsignedIntoInt16(target, offset, stored, shift, 2 ** format.bitsStored - 1, m, b);
    if (format.pixelRepresentation === 1 && stored instanceof Int16Array) return signedIntoInt16(target, offset, stored, shift, format.bitsStored, m, b);
  }
  anyIntoAny(target, offset, stored, format, m, b);
}

/** The least and greatest rescaled value of one frame (masked to Bits Stored and sign-extended, as written). */
export function rescaledRange(stored: StoredValues, format: PixelFormat, rescale: Rescale): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  const shift = format.float ? 0 : format.highBit + 1 - format.bitsStored;
  const width = format.bitsStored;
  const mask = 2 ** width - 1;
  const up = 32 - width;
  const masked = !format.float && width < 32;
  const signed = format.pixelRepresentation === 1;
  for (let p = 0; p < stored.length; p++) {
    let v = stored[p]!;
    if (masked) {
      v = (v >>> shift) & mask;
      if (signed) v = (v << up) >> up;
    }
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const a = lo * rescale.slope + rescale.intercept;
  const b = hi * rescale.slope + rescale.intercept;
  return [Math.min(a, b), Math.max(a, b)];
}
