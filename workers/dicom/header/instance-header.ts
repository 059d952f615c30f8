/**
 * One file's header reduced to what series building needs: the instance itself plus the series-, study- and
 * patient-level attributes it carries. Enhanced multi-frame objects keep their geometry in functional groups
 * (PS3.3 C.7.6.16); the first frame's plane and the shared pixel measures stand in for the instance here.
 */
import type { DataSet } from 'dicom-parser';
import type { Vec3 } from '../../volume/volume';
import type { ImageOrientation, ScannedInstance, ScannedSeries } from '../scan-types';
import { MEDIA_STORAGE_DIRECTORY_SOP_CLASS, TAG } from './dicom-tags';
import { native16BitFrameOffset } from '../decode/native-frame-range';
import { readPixelFormat, type PixelFormat } from '../decode/pixel-format';
import { frameRescale } from '../slices/frame-attributes';
import { DicomFileError, readDicomFile, type ParsedDicomFile, type ReadBuffer } from './read-dicom-file';
import { firstItem, numbersValue, numberValue, textValue, uint16Value } from './values';

export interface InstanceHeader {
  instance: ScannedInstance;
  series: Omit<ScannedSeries, 'key' | 'instances' | 'warnings' | 'rows' | 'columns' | 'spacing'>;
  sliceThicknessMm?: number;
  spacingBetweenSlicesMm?: number;
  gantryTiltDeg?: number;
}

export type ReadHeaderResult = { kind: 'instance'; header: InstanceHeader } | { kind: 'dicomdir'; dataSet: DataSet };

/** IS values are integers; "1A" (pydicom's badVR.dcm) is not one. */
function strictInteger(ds: DataSet, tag: string): number | undefined | 'invalid' {
  const raw = textValue(ds, tag);
  if (raw === undefined) return undefined;
  return /^\s*[+-]?\d+\s*$/.test(raw) ? Number(raw) : 'invalid';
}

/** The first data set among the enhanced functional groups (per-frame first, then shared) holding `sequenceTag`. */
function functionalGroup(ds: DataSet, sequenceTag: string): DataSet | undefined {
  const perFrame = firstItem(ds, TAG.PerFrameFunctionalGroupsSequence);
  const shared = firstItem(ds, TAG.SharedFunctionalGroupsSequence);
  return firstItem(perFrame, sequenceTag) ?? firstItem(shared, sequenceTag);
}

function isUnitVector(v: number[]): boolean {
  return Math.abs(Math.hypot(v[0]!, v[1]!, v[2]!) - 1) < 1e-2;
}

function geometryOf(ds: DataSet): Pick<ScannedInstance, 'imagePositionPatient' | 'imageOrientationPatient' | 'pixelSpacing'> & {
  sliceThicknessMm?: number;
  spacingBetweenSlicesMm?: number;
} {
  const position = numbersValue(ds, TAG.ImagePositionPatient, 3) ?? numbersValue(functionalGroup(ds, TAG.PlanePositionSequence) ?? ds, TAG.ImagePositionPatient, 3);
  const orientation =
    numbersValue(ds, TAG.ImageOrientationPatient, 6) ?? numbersValue(functionalGroup(ds, TAG.PlaneOrientationSequence) ?? ds, TAG.ImageOrientationPatient, 6);
  const measures = functionalGroup(ds, TAG.PixelMeasuresSequence);
  const spacing = numbersValue(ds, TAG.PixelSpacing, 2) ?? (measures && numbersValue(measures, TAG.PixelSpacing, 2));
  const validOrientation = orientation && isUnitVector(orientation.slice(0, 3)) && isUnitVector(orientation.slice(3, 6));
  return {
    ...(position ? { imagePositionPatient: position as Vec3 } : {}),
    ...(validOrientation ? { imageOrientationPatient: orientation as ImageOrientation } : {}),
    ...(spacing && spacing[0]! > 0 && spacing[1]! > 0 ? { pixelSpacing: spacing as [number, number] } : {}),
    ...optionalNumber('sliceThicknessMm', numberValue(ds, TAG.SliceThickness) ?? (measures && numberValue(measures, TAG.SliceThickness))),
    ...optionalNumber('spacingBetweenSlicesMm', numberValue(ds, TAG.SpacingBetweenSlices) ?? (measures && numberValue(measures, TAG.SpacingBetweenSlices))),
  };
}

function optionalNumber<K extends string>(key: K, value: number | undefined): { [P in K]?: number } {
  return (value !== undefined && Number.isFinite(value) ? { [key]: value } : {}) as { [P in K]?: number };
}

function optionalValue<K extends string, T>(key: K, value: T | undefined): { [P in K]?: T } {
  return (value !== undefined ? { [key]: value } : {}) as { [P in K]?: T };
}

function optionalText<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value !== undefined ? { [key]: value } : {}) as { [P in K]?: string };
}

function required(file: string, ds: DataSet, tag: string, name: string): string {
  const v = textValue(ds, tag);
  if (!v) throw new DicomFileError(file, `no ${name} ${`(${tag.slice(1, 5)},${tag.slice(5)})`.toUpperCase()}: not a DICOM composite object we can import`);
  return v;
}

/** See ScannedInstance.nativePixels; undefined for anything else (the loader then decodes it and reports problems). */
function nativePixelsOf(parsed: ParsedDicomFile): ScannedInstance['nativePixels'] {
  let format: PixelFormat;
  try {
    format = readPixelFormat(parsed.dataSet);
  } catch {
    return undefined;
  }
  const offset = format.frames === 1 ? native16BitFrameOffset(parsed, format, 0) : undefined;
  return offset === undefined ? undefined : { offset, format, rescale: frameRescale(parsed.dataSet, 0) };
}

/**
 * Reads the header of `file` (up to Pixel Data). Throws DicomFileError with a reason for anything unusable.
 * A DICOMDIR's data set lives in `reuse` (when given) and must be read before the next file.
 */
export function readInstanceHeader(file: string, reuse?: ReadBuffer): ReadHeaderResult {
  const parsed = readDicomFile(file, 'header', reuse);
  const ds = parsed.dataSet;
  if (textValue(ds, TAG.MediaStorageSOPClassUID) === MEDIA_STORAGE_DIRECTORY_SOP_CLASS || ds.elements[TAG.DirectoryRecordSequence]) {
    return { kind: 'dicomdir', dataSet: ds };
  }
  const sopInstanceUid = required(file, ds, TAG.SOPInstanceUID, 'SOP Instance UID');
  const sopClassUid = required(file, ds, TAG.SOPClassUID, 'SOP Class UID');
  const seriesInstanceUid = required(file, ds, TAG.SeriesInstanceUID, 'Series Instance UID');
  const studyInstanceUid = required(file, ds, TAG.StudyInstanceUID, 'Study Instance UID');

  const hasPixels = Boolean(ds.elements[TAG.PixelData] ?? ds.elements[TAG.FloatPixelData] ?? ds.elements[TAG.DoubleFloatPixelData]);
  const frames = strictInteger(ds, TAG.NumberOfFrames);
  if (frames === 'invalid' || (frames !== undefined && frames < 1 && hasPixels)) {
    throw new DicomFileError(file, `invalid Number of Frames (0028,0008): "${textValue(ds, TAG.NumberOfFrames)}"`);
  }
  const rows = uint16Value(ds, TAG.Rows);
  const columns = uint16Value(ds, TAG.Columns);
  if (hasPixels && (!rows || !columns)) throw new DicomFileError(file, 'has Pixel Data but no valid Rows (0028,0010) and Columns (0028,0011)');
  const instanceNumber = strictInteger(ds, TAG.InstanceNumber);
  const { sliceThicknessMm, spacingBetweenSlicesMm, ...geometry } = geometryOf(ds);
  const seriesNumber = strictInteger(ds, TAG.SeriesNumber);
  return {
    kind: 'instance',
    header: {
      instance: {
        file,
        sopInstanceUid,
        sopClassUid,
        ...(typeof instanceNumber === 'number' ? { instanceNumber } : {}),
        transferSyntaxUid: parsed.transferSyntaxUid,
        ...(hasPixels && rows && columns ? { rows, columns } : {}),
        frames: hasPixels ? (frames ?? 1) : 0,
        ...geometry,
        fileSizeBytes: parsed.fileSizeBytes,
        ...optionalValue('nativePixels', hasPixels ? nativePixelsOf(parsed) : undefined),
      },
      series: {
        seriesInstanceUid,
        studyInstanceUid,
        modality: textValue(ds, TAG.Modality) ?? 'OT',
        description: textValue(ds, TAG.SeriesDescription) ?? '',
        ...(typeof seriesNumber === 'number' ? { seriesNumber } : {}),
        ...optionalText('frameOfReferenceUid', textValue(ds, TAG.FrameOfReferenceUID)),
        patient: {
          patientId: textValue(ds, TAG.PatientID) ?? '',
          name: textValue(ds, TAG.PatientName) ?? '',
          ...optionalText('birthDate', textValue(ds, TAG.PatientBirthDate)),
          ...optionalText('sex', textValue(ds, TAG.PatientSex)),
        },
        study: {
          studyInstanceUid,
          ...optionalText('date', textValue(ds, TAG.StudyDate)),
          ...optionalText('time', textValue(ds, TAG.StudyTime)),
          ...optionalText('description', textValue(ds, TAG.StudyDescription)),
          ...optionalText('accessionNumber', textValue(ds, TAG.AccessionNumber)),
        },
      },
      ...optionalNumber('sliceThicknessMm', sliceThicknessMm),
      ...optionalNumber('spacingBetweenSlicesMm', spacingBetweenSlicesMm),
      ...optionalNumber('gantryTiltDeg', numberValue(ds, TAG.GantryDetectorTilt)),
    },
  };
}
