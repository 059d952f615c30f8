/**
 * Before any pixel is decoded: which frame of which file becomes slice k of the volume and where it lies, so the
 * loader can size the voxel array once and never make a second copy of the volume.
 *
 * A scanned series of single-frame images is planned from its scan alone (no I/O). Otherwise, and for multi-frame
 * objects, the headers are read first; then each slice also knows its pixel format and rescale in advance, and, for
 * native 16-bit data, where its stored values are in the file (as the scan says for single-frame images).
 */
import type { JobContext } from '../../process/job-context';
import type { Vec3 } from '../../volume/volume';
import { native16BitFrameOffset } from '../decode/native-frame-range';
import { readPixelFormat, type PixelFormat } from '../decode/pixel-format';
import { TAG } from '../header/dicom-tags';
import { createReadBuffer, DicomFileError, readDicomFile } from '../header/read-dicom-file';
import { numberValue } from '../header/values';
import type { ImageOrientation, ScannedInstance } from '../scan-types';
import { dot, planeAxes, sameOrientation } from '../series/plane-geometry';
import { frameGroup, framePixelSpacing, framePositions, frameRescale, imageOrientation, type Rescale } from './frame-attributes';

export interface PlannedSlice {
  file: string;
  frameIndex: number;
  positionMm?: Vec3;
  /** Known when the headers were read in advance; otherwise read while decoding. */
  pixels?: { format: PixelFormat; rescale: Rescale };
  /** File offset of the frame's stored values when they are native little-endian 16-bit (read without decoding). */
  nativeOffset?: number;
}

export interface SlicePlan {
  rows: number;
  columns: number;
  orientation: ImageOrientation;
  /** DICOM order: [between rows (y), between columns (x)] mm. */
  pixelSpacing: [number, number];
  /** Sorted along the normal when every slice has a position, otherwise in the order given. */
  slices: PlannedSlice[];
  /** Position along the normal of each slice (mm), when known. */
  positionsAlongNormalMm?: number[];
  /** Fallback slice spacing from the headers (SpacingBetweenSlices, SliceThickness). */
  headerSliceSpacingMm?: number;
}

const DEFAULT_ORIENTATION: ImageOrientation = [1, 0, 0, 0, 1, 0];

function sortAlongNormal(slices: PlannedSlice[], orientation: ImageOrientation): number[] | undefined {
  if (!slices.every((s) => s.positionMm)) return undefined;
  const { normal } = planeAxes(orientation);
  const keyed = slices.map((s) => ({ s, along: dot(s.positionMm!, normal) })).sort((a, b) => a.along - b.along);
  slices.splice(0, slices.length, ...keyed.map((k) => k.s));
  return keyed.map((k) => k.along);
}

/** A plan straight from the scan, for single-frame images with full geometry; undefined when that is not enough. */
export function planFromScan(instances: ScannedInstance[]): SlicePlan | undefined {
  const first = instances[0];
  if (!first?.rows || !first.columns || !first.imageOrientationPatient || !first.pixelSpacing) return undefined;
  const sameGeometry = instances.every(
    (i) =>
      i.frames === 1 &&
      i.imagePositionPatient &&
      i.rows === first.rows &&
      i.columns === first.columns &&
      i.imageOrientationPatient &&
      sameOrientation(i.imageOrientationPatient, first.imageOrientationPatient!),
  );
  if (!sameGeometry) return undefined;
  const slices: PlannedSlice[] = instances.map((i) => ({
    file: i.file,
    frameIndex: 0,
    positionMm: i.imagePositionPatient!,
    ...(i.nativePixels ? { pixels: { format: i.nativePixels.format, rescale: i.nativePixels.rescale }, nativeOffset: i.nativePixels.offset } : {}),
  }));
  const positionsAlongNormalMm = sortAlongNormal(slices, first.imageOrientationPatient);
  return {
    rows: first.rows,
    columns: first.columns,
    orientation: first.imageOrientationPatient,
    pixelSpacing: first.pixelSpacing,
    slices,
    ...(positionsAlongNormalMm ? { positionsAlongNormalMm } : {}),
  };
}

/** A plan from the files' headers (read up to Pixel Data); handles multi-frame objects. */
export async function planSlices(files: string[], ctx: JobContext): Promise<SlicePlan> {
  const slices: PlannedSlice[] = [];
  const reuse = createReadBuffer();
  let reference: Omit<SlicePlan, 'slices' | 'positionsAlongNormalMm' | 'orientation' | 'pixelSpacing'> & {
    orientation?: ImageOrientation;
    pixelSpacing?: [number, number];
  } | undefined;
  for (const [n, file] of files.entries()) {
    if (n % 50 === 0) {
      await new Promise((resolve) => setImmediate(resolve));
      ctx.throwIfCancelled();
    }
    const header = readDicomFile(file, 'header', reuse);
    const ds = header.dataSet;
    let format: PixelFormat;
    try {
      format = readPixelFormat(ds);
    } catch (e) {
      throw new DicomFileError(file, (e as Error).message);
    }
    const orientation = imageOrientation(ds);
    if (!reference) {
      const measures = frameGroup(ds, 0, TAG.PixelMeasuresSequence);
      const pixelSpacing = framePixelSpacing(ds, 0);
      const between = numberValue(ds, TAG.SpacingBetweenSlices) ?? (measures && numberValue(measures, TAG.SpacingBetweenSlices));
      const thickness = numberValue(ds, TAG.SliceThickness) ?? (measures && numberValue(measures, TAG.SliceThickness));
      reference = {
        rows: format.rows,
        columns: format.columns,
        ...(orientation ? { orientation } : {}),
        ...(pixelSpacing ? { pixelSpacing } : {}),
        ...(between || thickness ? { headerSliceSpacingMm: Math.abs((between || thickness)!) } : {}),
      };
    } else if (format.rows !== reference.rows || format.columns !== reference.columns) {
      throw new DicomFileError(file, `is ${format.columns}×${format.rows}, the series ${reference.columns}×${reference.rows}: mixed sizes do not form one volume`);
    } else if (orientation && reference.orientation && !sameOrientation(orientation, reference.orientation)) {
      throw new DicomFileError(file, 'has a different ImageOrientationPatient from the rest of the series: split by geometry first');
    }
    const positions = framePositions(ds, format.frames, orientation ?? reference.orientation);
    for (let f = 0; f < format.frames; f++) {
      const position = positions[f];
      const nativeOffset = native16BitFrameOffset(header, format, f);
      slices.push({
        file,
        frameIndex: f,
        ...(position ? { positionMm: position } : {}),
        pixels: { format, rescale: frameRescale(ds, f) },
        ...(nativeOffset !== undefined ? { nativeOffset } : {}),
      });
    }
  }
  if (!reference) throw new Error('no images to load');
  const orientation = reference.orientation ?? DEFAULT_ORIENTATION;
  const positionsAlongNormalMm = sortAlongNormal(slices, orientation);
  return {
    ...reference,
    orientation,
    pixelSpacing: reference.pixelSpacing ?? [1, 1],
    slices,
    ...(positionsAlongNormalMm ? { positionsAlongNormalMm } : {}),
  };
}
