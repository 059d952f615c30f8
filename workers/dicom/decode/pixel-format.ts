/** The Image Pixel module (PS3.3 C.7.6.3) attributes that say how to read the stored values. */
import type { DataSet } from 'dicom-parser';
import { TAG } from '../header/dicom-tags';
import { textValue, uint16Value } from '../header/values';

export interface PixelFormat {
  rows: number;
  columns: number;
  frames: number;
  samplesPerPixel: number;
  bitsAllocated: number;
  bitsStored: number;
  highBit: number;
  /** 0 unsigned, 1 two's complement. */
  pixelRepresentation: 0 | 1;
  /** 0 samples of a pixel together, 1 one plane per sample (native and RLE data only). */
  planarConfiguration: 0 | 1;
  photometricInterpretation: string;
  /** 32/64-bit IEEE float pixel data (Float Pixel Data, Double Float Pixel Data). */
  float: boolean;
}

/** Throws an Error whose message names the missing or impossible attribute. */
export function readPixelFormat(ds: DataSet): PixelFormat {
  const rows = uint16Value(ds, TAG.Rows);
  const columns = uint16Value(ds, TAG.Columns);
  if (!rows || !columns) throw new Error('no valid Rows (0028,0010) and Columns (0028,0011)');
  const floatElement = ds.elements[TAG.FloatPixelData] ? 32 : ds.elements[TAG.DoubleFloatPixelData] ? 64 : 0;
  const bitsAllocated = floatElement || (uint16Value(ds, TAG.BitsAllocated) ?? 0);
  if (![1, 8, 16, 32, 64].includes(bitsAllocated)) throw new Error(`unsupported Bits Allocated (0028,0100): ${bitsAllocated}`);
  const bitsStored = floatElement || (uint16Value(ds, TAG.BitsStored) ?? bitsAllocated);
  if (bitsStored < 1 || bitsStored > bitsAllocated) throw new Error(`Bits Stored (0028,0101) ${bitsStored} does not fit Bits Allocated ${bitsAllocated}`);
  const framesText = textValue(ds, TAG.NumberOfFrames);
  const frames = framesText === undefined ? 1 : Number(framesText);
  if (!Number.isInteger(frames) || frames < 1) throw new Error(`invalid Number of Frames (0028,0008): "${framesText}"`);
  const samplesPerPixel = uint16Value(ds, TAG.SamplesPerPixel) ?? 1;
  if (samplesPerPixel < 1 || samplesPerPixel > 4) throw new Error(`unsupported Samples per Pixel (0028,0002): ${samplesPerPixel}`);
  return {
    rows,
    columns,
    frames,
    samplesPerPixel,
    bitsAllocated,
    bitsStored,
    highBit: uint16Value(ds, TAG.HighBit) ?? bitsStored - 1,
    pixelRepresentation: uint16Value(ds, TAG.PixelRepresentation) === 1 ? 1 : 0,
    planarConfiguration: samplesPerPixel > 1 && uint16Value(ds, TAG.PlanarConfiguration) === 1 ? 1 : 0,
    photometricInterpretation: textValue(ds, TAG.PhotometricInterpretation) ?? (samplesPerPixel === 1 ? 'MONOCHROME2' : 'RGB'),
    float: floatElement > 0,
  };
}

export const valuesPerFrame = (f: PixelFormat): number => f.rows * f.columns * f.samplesPerPixel;
