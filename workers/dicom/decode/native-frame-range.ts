/**
 * Uncompressed little-endian frames need no decoding: their stored values are the file's bytes. Located from a
 * header-only parse, they can be read by the kernel straight into their place in a volume, with no file-sized
 * buffer in between and no second parse of the header.
 */
import { closeSync, openSync, read, readSync } from 'node:fs';
import { TAG } from '../header/dicom-tags';
import { DicomFileError, EXPLICIT_VR_LITTLE_ENDIAN, IMPLICIT_VR_LITTLE_ENDIAN, type ParsedDicomFile } from '../header/read-dicom-file';
import { valuesPerFrame, type PixelFormat } from './pixel-format';
import { viewStoredValues, type StoredValues } from './stored-values';

/** Deflated data sets are left out: their offsets point into the inflated copy, not into the file. */
const FILE_OFFSET_SYNTAXES = new Set([IMPLICIT_VR_LITTLE_ENDIAN, EXPLICIT_VR_LITTLE_ENDIAN]);

/**
 * Where the stored values of frame `frameIndex` start in the file when they are native little-endian 16-bit
 * single-sample data (CT, MR), or undefined when the frame must go through the decoder (which also reports a Pixel
 * Data element too short for the frame).
 */
export function native16BitFrameOffset(header: ParsedDicomFile, format: PixelFormat, frameIndex: number): number | undefined {
  const element = header.dataSet.elements[TAG.PixelData];
  if (!element || element.encapsulatedPixelData || !FILE_OFFSET_SYNTAXES.has(header.transferSyntaxUid)) return undefined;
  if (format.bitsAllocated !== 16 || format.samplesPerPixel !== 1 || format.float) return undefined;
  const frameBytes = valuesPerFrame(format) * 2;
  return (frameIndex + 1) * frameBytes <= element.length ? element.dataOffset + frameIndex * frameBytes : undefined;
}

/**
 * Reads one native 16-bit frame from `file` at `start` straight into voxels[offset…] of an int16 volume, and returns
 * its stored values as a view of those voxels (Uint16Array or Int16Array as the format says), for writeSlice to
 * mask and rescale in place.
 */
export function readNative16BitFrameInto(file: string, start: number, format: PixelFormat, voxels: Int16Array, offset: number): StoredValues {
  const count = valuesPerFrame(format);
  const byteOffset = voxels.byteOffset + 2 * offset;
  readFileRange(file, start, new Uint8Array(voxels.buffer, byteOffset, 2 * count));
  return viewStoredValues(format, voxels.buffer as ArrayBuffer, count, byteOffset);
}

/**
 * readNative16BitFrameInto with the read on the libuv thread pool: the kernel's copy, and the first touch of the
 * target's pages when they are fresh (for a new volume that costs more than the copy), run on another thread while
 * this one goes on.
 */
export async function readNative16BitFrameLater(file: string, start: number, format: PixelFormat, voxels: Int16Array, offset: number): Promise<StoredValues> {
  const count = valuesPerFrame(format);
  const byteOffset = voxels.byteOffset + 2 * offset;
  await readFileRangeLater(file, start, new Uint8Array(voxels.buffer, byteOffset, 2 * count));
  return viewStoredValues(format, voxels.buffer as ArrayBuffer, count, byteOffset);
}

const fileChanged = (file: string): DicomFileError => new DicomFileError(file, 'the file changed while it was being read');
const cannotRead = (file: string, e: unknown): DicomFileError =>
  new DicomFileError(file, `cannot read the file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);

function readFileRangeLater(file: string, start: number, target: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    let fd: number;
    try {
      fd = openSync(file, 'r');
    } catch (e) {
      return reject(cannotRead(file, e));
    }
    let filled = 0;
    const finish = (error?: DicomFileError): void => {
      try {
        closeSync(fd);
      } catch (e) {
        error ??= cannotRead(file, e);
      }
      if (error) reject(error);
      else resolve();
    };
    const next = (): void =>
      read(fd, target, filled, target.length - filled, start + filled, (e, got) => {
        if (e) return finish(cannotRead(file, e));
        if (got === 0) return finish(fileChanged(file));
        filled += got;
        if (filled < target.length) return next();
        finish();
      });
    next();
  });
}

/** Fills `target` with the file's bytes from `start`. Throws DicomFileError when the file ends early. */
function readFileRange(file: string, start: number, target: Uint8Array): void {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    let filled = 0;
    while (filled < target.length) {
      const got = readSync(fd, target, filled, target.length - filled, start + filled);
      if (got === 0) throw fileChanged(file);
      filled += got;
    }
  } catch (e) {
    if (e instanceof DicomFileError) throw e;
    throw cannotRead(file, e);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
