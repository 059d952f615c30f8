/**
 * Decodes the pixel data of one parsed DICOM file, frame by frame, into stored values (see stored-values.ts).
 * Frames are decoded on demand so a long multi-frame object never needs all its frames in memory at once.
 */
import type { DataSet, Element } from 'dicom-parser';
import { TAG } from '../header/dicom-tags';
import { DicomFileError, readDicomFile, type ParsedDicomFile, type ReadBuffer } from '../header/read-dicom-file';
import { decodeHtj2k, decodeJpeg2000, decodeJpegBaseline, decodeJpegLossless, decodeJpegLs, type CodecFrame } from './codecs';
import { encapsulatedFrame, nativeFrameRange } from './frame-bytes';
import { readPixelFormat, valuesPerFrame, type PixelFormat } from './pixel-format';
import { decodeRleFrame } from './rle';
import { allocateStoredValues, interleavePlanes, normaliseStoredBits, readSamples, viewStoredValues, type StoredValues } from './stored-values';
import { pixelEncodingOf, type PixelEncoding } from './transfer-syntax';

export interface PixelSource {
  file: string;
  transferSyntaxUid: string;
  format: PixelFormat;
  /** The parsed file, for the attributes a caller needs beside the pixels (rescale, geometry). */
  dataSet: DataSet;
  /** Stored values of one frame, samples of a pixel together, rows top to bottom; the caller owns the array. */
  decodeFrame(frameIndex: number): Promise<StoredValues>;
  /**
   * The same before masking to Bits Stored (see normaliseStoredBits), for callers that mask while copying anyway.
   * Native little-endian frames come back as a view into the file's bytes, valid until those bytes are reused.
   */
  decodeFrameUnmasked(frameIndex: number): Promise<StoredValues>;
}

function unpackBitFrame(ds: DataSet, element: Element, frameIndex: number, count: number): Uint8Array {
  // 1-bit data (PS3.5 §8.1.1): pixel n is bit n % 8 of byte n / 8, frames packed without padding.
  const firstBit = frameIndex * count;
  if (Math.ceil((firstBit + count) / 8) > element.length) throw new Error(`Pixel Data holds ${element.length} bytes, too few for frame ${frameIndex + 1}`);
  const out = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const bit = firstBit + i;
    out[i] = (ds.byteArray[element.dataOffset + (bit >> 3)]! >> (bit & 7)) & 1;
  }
  return out;
}

function nativeFrame(ds: DataSet, element: Element, format: PixelFormat, frameIndex: number, littleEndian: boolean, owned: boolean): StoredValues {
  const count = valuesPerFrame(format);
  if (format.bitsAllocated === 1) return unpackBitFrame(ds, element, frameIndex, count);
  const bytesPerSample = format.bitsAllocated / 8;
  const { start, end } = nativeFrameRange(element, frameIndex, count * bytesPerSample);
  let values: StoredValues;
  const absolute = ds.byteArray.byteOffset + start;
  if (littleEndian && !owned && absolute % bytesPerSample === 0 && format.planarConfiguration === 0) {
    // x86 and ARM are little endian like the data: look at the file's bytes in place.
    values = viewStoredValues(format, ds.byteArray.buffer as ArrayBuffer, count, absolute);
  } else if (littleEndian) {
    // A copy at offset 0 is aligned for any element size.
    values = viewStoredValues(format, new Uint8Array(ds.byteArray.subarray(start, end)).buffer, count, 0);
  } else {
    let bytes = ds.byteArray.subarray(start, end);
    // Big endian OW swaps 8-bit samples in pairs (PS3.5 §8.1.1 note); undo it before reading bytes one by one.
    if (bytesPerSample === 1 && element.vr === 'OW') {
      bytes = new Uint8Array(bytes);
      for (let i = 0; i + 1 < bytes.length; i += 2) [bytes[i], bytes[i + 1]] = [bytes[i + 1]!, bytes[i]!];
    }
    values = allocateStoredValues(format, count);
    readSamples(bytes, bytesPerSample, false, values, count);
  }
  return format.planarConfiguration === 1 ? interleavePlanes(values, format.samplesPerPixel) : values;
}

function fromCodec(frame: CodecFrame, format: PixelFormat): StoredValues {
  if (frame.width !== format.columns || frame.height !== format.rows) {
    throw new Error(`the codestream is ${frame.width}×${frame.height} but the header says ${format.columns}×${format.rows}`);
  }
  if (frame.components !== format.samplesPerPixel) throw new Error(`the codestream has ${frame.components} components, the header ${format.samplesPerPixel}`);
  const count = valuesPerFrame(format);
  const bytesPerSample = frame.bitsPerSample > 8 ? 2 : 1;
  if (frame.bytes.length < count * bytesPerSample) throw new Error(`the codec returned ${frame.bytes.length} bytes, expected ${count * bytesPerSample}`);
  const values = allocateStoredValues(format, count);
  readSamples(frame.bytes, bytesPerSample, true, values, count);
  return frame.planar ? interleavePlanes(values, format.samplesPerPixel) : values;
}

async function decodeEncapsulated(encoded: Uint8Array, encoding: PixelEncoding, format: PixelFormat): Promise<StoredValues> {
  switch (encoding) {
    case 'rle':
      return decodeRleFrame(encoded, format);
    case 'encapsulated-uncompressed': {
      const values = allocateStoredValues(format, valuesPerFrame(format));
      readSamples(encoded, format.bitsAllocated / 8, true, values, values.length);
      return values;
    }
    case 'jpeg-baseline':
      return fromCodec(await decodeJpegBaseline(encoded), format);
    case 'jpeg-lossless':
      return fromCodec(await decodeJpegLossless(encoded, format.bitsAllocated <= 8 ? 1 : 2), format);
    case 'jpeg-ls':
      return fromCodec(await decodeJpegLs(encoded), format);
    case 'jpeg-2000':
      return fromCodec(await decodeJpeg2000(encoded), format);
    case 'htj2k':
      return fromCodec(await decodeHtj2k(encoded), format);
    default:
      throw new Error(`${encoding} data is not encapsulated`);
  }
}

/** Wraps a parsed file. Throws DicomFileError when the file has no pixel data we can decode. */
export function pixelSource(parsed: ParsedDicomFile, file: string): PixelSource {
  const ds = parsed.dataSet;
  const element = ds.elements[TAG.PixelData] ?? ds.elements[TAG.FloatPixelData] ?? ds.elements[TAG.DoubleFloatPixelData];
  if (!element) throw new DicomFileError(file, 'has no Pixel Data (7FE0,0010): not an image');
  const encoding = pixelEncodingOf(parsed.transferSyntaxUid);
  if (!encoding) throw new DicomFileError(file, `unsupported transfer syntax ${parsed.transferSyntaxUid}`);
  let format: PixelFormat;
  try {
    format = readPixelFormat(ds);
  } catch (e) {
    throw new DicomFileError(file, (e as Error).message);
  }
  const native = encoding === 'native' || encoding === 'native-big-endian';
  if (native && element.encapsulatedPixelData) throw new DicomFileError(file, `Pixel Data is encapsulated but transfer syntax ${parsed.transferSyntaxUid} is native`);
  if (!native && !element.encapsulatedPixelData) throw new DicomFileError(file, `transfer syntax ${parsed.transferSyntaxUid} needs encapsulated Pixel Data, found native`);

  const decode = async (frameIndex: number, owned: boolean): Promise<StoredValues> => {
    if (frameIndex < 0 || frameIndex >= format.frames) throw new DicomFileError(file, `frame ${frameIndex + 1} requested, the image has ${format.frames}`);
    try {
      return native
        ? nativeFrame(ds, element, format, frameIndex, encoding === 'native', owned)
        : await decodeEncapsulated(encapsulatedFrame(ds, element, frameIndex, format.frames, encoding), encoding, format);
    } catch (e) {
      if (e instanceof DicomFileError) throw e;
      throw new DicomFileError(file, `cannot decode frame ${frameIndex + 1} (${encoding}, ${parsed.transferSyntaxUid}): ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  return {
    file,
    transferSyntaxUid: parsed.transferSyntaxUid,
    format,
    dataSet: ds,
    async decodeFrame(frameIndex) {
      const values = await decode(frameIndex, true);
      normaliseStoredBits(values, format);
      return values;
    },
    decodeFrameUnmasked: (frameIndex) => decode(frameIndex, false),
  };
}

/** Reads and wraps `file` in one step; with `reuse` the file's bytes go into that buffer (see ReadBuffer). */
export function openPixelSource(file: string, reuse?: ReadBuffer): PixelSource {
  return pixelSource(readDicomFile(file, 'full', reuse), file);
}
