/** What a header scan of DICOM files returns (the contract between workers/dicom and the import service). */
import type { Vec3 } from '../volume/volume';
import type { PixelFormat } from './decode/pixel-format';
import type { Rescale } from './slices/frame-attributes';

export type ImageOrientation = [number, number, number, number, number, number];

export interface ScannedInstance {
  file: string;
  sopInstanceUid: string;
  sopClassUid: string;
  instanceNumber?: number;
  transferSyntaxUid: string;
  rows?: number;
  columns?: number;
  /** 0 for objects without pixel data (RTSTRUCT, RTPLAN, SR…). */
  frames: number;
  imagePositionPatient?: Vec3;
  imageOrientationPatient?: ImageOrientation;
  /** DICOM order: [row spacing (between rows, y), column spacing (between columns, x)] in mm. */
  pixelSpacing?: [number, number];
  fileSizeBytes: number;
  /**
   * For a single-frame native little-endian 16-bit image (most CT and MR): where its stored values start in the file
   * and how to turn them into voxels, so a volume loads without parsing the header a second time.
   */
  nativePixels?: { offset: number; format: PixelFormat; rescale: Rescale };
}

export interface ScannedSeries {
  /** Unique: the SeriesInstanceUID, plus '#2', '#3'… for further parts when a series is split by geometry. */
  key: string;
  seriesInstanceUid: string;
  studyInstanceUid: string;
  modality: string;
  description: string;
  seriesNumber?: number;
  frameOfReferenceUid?: string;
  patient: { patientId: string; name: string; birthDate?: string; sex?: string };
  study: { studyInstanceUid: string; date?: string; time?: string; description?: string; accessionNumber?: string };
  rows?: number;
  columns?: number;
  /** [column spacing x, row spacing y, slice spacing z] in mm. */
  spacing?: Vec3;
  /** Sorted along the slice normal (or by InstanceNumber when positions are missing). */
  instances: ScannedInstance[];
  warnings: string[];
}

export interface ScanResult {
  series: ScannedSeries[];
  errors: { file: string; reason: string }[];
}
