/** Decodes every frame of one file and summarises its stored values: what `twin pixels` reports. */
import { openPixelSource } from './decode-frame';
import { StoredValuesDigest } from './stored-values-digest';

export interface PixelsReport {
  transferSyntaxUID: string;
  rows: number;
  columns: number;
  frames: number;
  samplesPerPixel: number;
  min: number;
  max: number;
  sha256: string;
}

/** Throws DicomFileError (naming the file) when the file cannot be read or decoded. */
export async function describePixels(file: string): Promise<PixelsReport> {
  const source = openPixelSource(file);
  const digest = new StoredValuesDigest();
  for (let f = 0; f < source.format.frames; f++) digest.add(await source.decodeFrame(f));
  const { rows, columns, frames, samplesPerPixel } = source.format;
  return { transferSyntaxUID: source.transferSyntaxUid, rows, columns, frames, samplesPerPixel, ...digest.summary() };
}
