/**
 * Where each frame's bytes are. Native pixel data is one contiguous run (1-bit data packed across frame
 * boundaries); encapsulated pixel data (PS3.5 A.4) is a list of fragments that the Basic Offset Table groups into
 * frames, or, when the table is empty, one fragment per frame or all fragments for a single frame.
 */
import dicomParser, { type DataSet, type Element } from 'dicom-parser';
import type { PixelEncoding } from './transfer-syntax';

export function encapsulatedFrame(ds: DataSet, element: Element, frameIndex: number, frames: number, encoding: PixelEncoding): Uint8Array {
  const fragments = element.fragments ?? [];
  if (fragments.length === 0) throw new Error('encapsulated Pixel Data holds no fragments');
  const table = element.basicOffsetTable ?? [];
  if (table.length > 0) {
    if (frameIndex >= table.length) throw new Error(`the Basic Offset Table lists ${table.length} frames, frame ${frameIndex + 1} requested`);
    return dicomParser.readEncapsulatedImageFrame(ds, element, frameIndex, table, fragments);
  }
  if (frames === 1) return dicomParser.readEncapsulatedPixelDataFromFragments(ds, element, 0, fragments.length, fragments);
  if (fragments.length === frames) return dicomParser.readEncapsulatedPixelDataFromFragments(ds, element, frameIndex, 1, fragments);
  // JPEG frames end with an EOI marker, so their boundaries can be found without a table.
  if (encoding === 'jpeg-baseline' || encoding === 'jpeg-lossless') {
    const rebuilt = dicomParser.createJPEGBasicOffsetTable(ds, element, fragments);
    return dicomParser.readEncapsulatedImageFrame(ds, element, frameIndex, rebuilt, fragments);
  }
  throw new Error(`cannot tell where frame ${frameIndex + 1} starts: no Basic Offset Table and ${fragments.length} fragments for ${frames} frames`);
}

/** The byte range of native frame `frameIndex`, checked against what the element holds. */
export function nativeFrameRange(element: Element, frameIndex: number, frameBytes: number): { start: number; end: number } {
  const start = element.dataOffset + frameIndex * frameBytes;
  const end = start + frameBytes;
  if (end > element.dataOffset + element.length) {
    throw new Error(`Pixel Data holds ${element.length} bytes but frame ${frameIndex + 1} needs bytes up to ${end - element.dataOffset}`);
  }
  return { start, end };
}
