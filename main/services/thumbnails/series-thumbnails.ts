/**
 * Series thumbnails for the patient view (like OHIF's study browser): the middle image of a series, decoded by
 * workers/dicom, shrunk to at most 128 px with the window the object suggests (its own min–max when it suggests
 * none, as MR usually does), as an 8-bit PNG. Each is made once and kept in the data folder, named by series key and
 * image count, so a series that grows by a later import gets a new one.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DataSet } from 'dicom-parser';
import { openPixelSource } from '../../../workers/dicom/decode/decode-frame';
import { native16BitFrameOffset, readNative16BitFrameInto } from '../../../workers/dicom/decode/native-frame-range';
import { readPixelFormat, valuesPerFrame, type PixelFormat } from '../../../workers/dicom/decode/pixel-format';
import { normaliseStoredBits, type StoredValues } from '../../../workers/dicom/decode/stored-values';
import { TAG } from '../../../workers/dicom/header/dicom-tags';
import { DicomFileError, readDicomFile } from '../../../workers/dicom/header/read-dicom-file';
import { frameRescale, framePixelSpacing, frameWindow } from '../../../workers/dicom/slices/frame-attributes';
import { NotFoundError, type PatientRepository } from '../patients/patient-repository';
import { encodePng } from './encode-png';
import { renderThumbnail } from './thumbnail-image';

export const THUMBNAIL_SIZE_PX = 128;

/**
 * The stored values of one frame, masked to Bits Stored. Native 16-bit frames are read alone from the file (a long
 * multi-frame object is not read whole for one thumbnail); anything else goes through the decoder.
 */
async function frameOf(file: string, frameIndex: number): Promise<{ format: PixelFormat; dataSet: DataSet; values: StoredValues }> {
  const header = readDicomFile(file, 'header');
  if (header.dataSet.elements[TAG.PixelData]) {
    let format: PixelFormat | undefined;
    try {
      format = readPixelFormat(header.dataSet);
    } catch {
      // the decoder below names the problem
    }
    const start = format && frameIndex < format.frames ? native16BitFrameOffset(header, format, frameIndex) : undefined;
    if (format && start !== undefined) {
      const values = readNative16BitFrameInto(file, start, format, new Int16Array(valuesPerFrame(format)), 0);
      normaliseStoredBits(values, format);
      return { format, dataSet: header.dataSet, values };
    }
  }
  const source = openPixelSource(file);
  return { format: source.format, dataSet: source.dataSet, values: await source.decodeFrame(frameIndex) };
}

/** Renders the thumbnail of one DICOM image frame as PNG bytes. Throws DicomFileError when it cannot be decoded. */
export async function thumbnailPng(file: string, frameIndex: number, maxSizePx = THUMBNAIL_SIZE_PX): Promise<Buffer> {
  const { format, dataSet, values } = await frameOf(file, frameIndex);
  const pixelSpacingMm = framePixelSpacing(dataSet, frameIndex);
  const image = renderThumbnail(
    {
      rows: format.rows,
      columns: format.columns,
      samplesPerPixel: format.samplesPerPixel,
      values,
      rescale: frameRescale(dataSet, frameIndex),
      ...(pixelSpacingMm ? { pixelSpacingMm } : {}),
      invert: format.photometricInterpretation === 'MONOCHROME1',
    },
    frameWindow(dataSet, frameIndex),
    maxSizePx,
  );
  return encodePng(image);
}

export class SeriesThumbnails {
  private readonly pending = new Map<string, Promise<Buffer>>();

  constructor(
    private readonly cacheDir: string,
    private readonly patients: PatientRepository,
  ) {}

  /** PNG bytes of the series' middle image. Throws NotFoundError for an unknown series or one without images. */
  png(seriesKey: string): Promise<Buffer> {
    const { series, instances } = this.patients.seriesFiles(seriesKey);
    // Key characters other than UID ones are replaced for the file name; the hash keeps distinct keys apart.
    const hash = createHash('sha256').update(series.seriesKey).digest('hex').slice(0, 12);
    const name = `${series.seriesKey.replace(/[^0-9A-Za-z.]/g, '_').slice(0, 80)}-${hash}-${instances.length}.png`;
    const cached = path.join(this.cacheDir, name);
    const running = this.pending.get(cached);
    if (running) return running;
    const made = this.readOrMake(cached, instances).finally(() => this.pending.delete(cached));
    this.pending.set(cached, made);
    return made;
  }

  private async readOrMake(cached: string, instances: { filePath: string; frames: number }[]): Promise<Buffer> {
    try {
      return readFileSync(cached);
    } catch {
      // not made yet
    }
    // Instances are in slice order; a single multi-frame object shows its middle frame.
    const middle = instances[Math.floor(instances.length / 2)];
    if (!middle) throw new NotFoundError('the series has no images');
    let png: Buffer;
    try {
      png = await thumbnailPng(middle.filePath, instances.length === 1 ? Math.floor(middle.frames / 2) : 0);
    } catch (err) {
      if (err instanceof DicomFileError) throw new NotFoundError(`no thumbnail: ${err.reason}`);
      throw err;
    }
    mkdirSync(this.cacheDir, { recursive: true });
    // Written aside and renamed, so a reader never sees half a file.
    const partial = `${cached}.${process.pid}.partial`;
    writeFileSync(partial, png);
    renameSync(partial, cached);
    return png;
  }
}
