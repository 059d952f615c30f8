/**
 * Per-frame attributes of an image object. Single-frame images keep them at the top level; enhanced multi-frame
 * objects (PS3.3 C.7.6.16) in the Per-frame or Shared Functional Groups; RT Dose (PS3.3 C.8.8.3) places frame f at
 * ImagePositionPatient + GridFrameOffsetVector[f] along the normal and scales stored values to Gy by
 * DoseGridScaling.
 */
import type { DataSet } from 'dicom-parser';
import type { Vec3 } from '../../volume/volume';
import { TAG } from '../header/dicom-tags';
import { firstItem, numbersValue, numberValue, textValue } from '../header/values';
import type { ImageOrientation } from '../scan-types';
import { planeAxes } from '../series/plane-geometry';

export interface Rescale {
  slope: number;
  intercept: number;
}

/** The functional group `sequenceTag` of frame `frameIndex`: per-frame first, then shared. */
export function frameGroup(ds: DataSet, frameIndex: number, sequenceTag: string): DataSet | undefined {
  const perFrame = ds.elements[TAG.PerFrameFunctionalGroupsSequence]?.items?.[frameIndex]?.dataSet;
  return firstItem(perFrame, sequenceTag) ?? firstItem(ds.elements[TAG.SharedFunctionalGroupsSequence]?.items?.[0]?.dataSet, sequenceTag);
}

/** Modality rescale of one frame (identity when absent). */
export function frameRescale(ds: DataSet, frameIndex: number): Rescale {
  const transform = frameGroup(ds, frameIndex, TAG.PixelValueTransformationSequence);
  const isDose = textValue(ds, TAG.Modality) === 'RTDOSE';
  const slope =
    numberValue(ds, TAG.RescaleSlope) ?? (transform && numberValue(transform, TAG.RescaleSlope)) ?? (isDose ? numberValue(ds, TAG.DoseGridScaling) : undefined);
  const intercept = numberValue(ds, TAG.RescaleIntercept) ?? (transform && numberValue(transform, TAG.RescaleIntercept));
  return { slope: slope && slope !== 0 ? slope : 1, intercept: intercept ?? 0 };
}

/** PixelSpacing of a frame, [between rows, between columns] mm: top level, or the Pixel Measures functional group. */
export function framePixelSpacing(ds: DataSet, frameIndex: number): [number, number] | undefined {
  const measures = frameGroup(ds, frameIndex, TAG.PixelMeasuresSequence);
  return (numbersValue(ds, TAG.PixelSpacing, 2) ?? (measures && numbersValue(measures, TAG.PixelSpacing, 2))) as [number, number] | undefined;
}

/** A display window in rescaled units (HU for CT). */
export interface DisplayWindow {
  center: number;
  width: number;
}

/**
 * The first display window the object suggests for a frame (VOI LUT module, PS3.3 C.11.2; per-frame in Frame VOI
 * LUT Sequence for enhanced objects), or undefined when there is none or its width is not positive.
 */
export function frameWindow(ds: DataSet, frameIndex: number): DisplayWindow | undefined {
  const source = ds.elements[TAG.WindowCenter] ? ds : frameGroup(ds, frameIndex, TAG.FrameVOILUTSequence);
  const center = source && numbersValue(source, TAG.WindowCenter, 1)?.[0];
  const width = source && numbersValue(source, TAG.WindowWidth, 1)?.[0];
  return center !== undefined && width !== undefined && width > 0 ? { center, width } : undefined;
}

export function imageOrientation(ds: DataSet): ImageOrientation | undefined {
  return (numbersValue(ds, TAG.ImageOrientationPatient, 6) ??
    numbersValue(frameGroup(ds, 0, TAG.PlaneOrientationSequence) ?? ds, TAG.ImageOrientationPatient, 6)) as ImageOrientation | undefined;
}

/** Position of each frame's first pixel (LPS mm), where the object says. */
export function framePositions(ds: DataSet, frames: number, orientation: ImageOrientation | undefined): (Vec3 | undefined)[] {
  const topLevel = numbersValue(ds, TAG.ImagePositionPatient, 3) as Vec3 | undefined;
  const offsets = frames > 1 ? (ds.string(TAG.GridFrameOffsetVector) ?? '').split('\\').map(Number) : [];
  const normal = orientation ? planeAxes(orientation).normal : undefined;
  return Array.from({ length: frames }, (_, f) => {
    const plane = frameGroup(ds, f, TAG.PlanePositionSequence);
    const perFrame = plane && (numbersValue(plane, TAG.ImagePositionPatient, 3) as Vec3 | undefined);
    if (perFrame) return perFrame;
    if (frames === 1) return topLevel;
    const offset = offsets[f];
    if (topLevel && normal && offsets.length === frames && offset !== undefined && Number.isFinite(offset)) {
      return [topLevel[0] + offset * normal[0], topLevel[1] + offset * normal[1], topLevel[2] + offset * normal[2]];
    }
    return undefined;
  });
}
