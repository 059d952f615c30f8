/**
 * The RT Dose IOD (PS3.3 A.18) for a plan's dose grid: a multi-frame 16-bit image whose pixel values times
 * DoseGridScaling are Gy, one frame per slice, frames placed by GridFrameOffsetVector (C.8.8.3). Built on the
 * shared modules of workers/dicom/write; encode with encodePart10.
 */
import type { Volume } from '../../volume/volume';
import {
  equipmentModule,
  frameOfReferenceModule,
  generalStudyModule,
  patientModule,
  seriesModule,
  sopCommonModule,
  type EquipmentInfo,
  type PatientInfo,
  type SeriesInfo,
  type StudyInfo,
} from '../../dicom/write/modules';
import type { DicomDataset } from '../../dicom/write/part10';
import { SOP_CLASS } from '../../dicom/write/sop-classes';
import { formatDs, formatIs, formatMm } from '../../dicom/write/values';

export interface RtDoseInput {
  patient: PatientInfo;
  study: StudyInfo;
  series: Omit<SeriesInfo, 'modality' | 'patientPosition'>;
  equipment: EquipmentInfo;
  sopInstanceUid: string;
  frameOfReferenceUid: string;
  /** The plan the dose belongs to (required for a PLAN dose, C.8.8.3). */
  referencedRtPlan: { sopInstanceUid: string };
  /** Dose in Gy on the dose grid (slices along the third direction column). */
  dose: Volume<Float32Array>;
  dateTime: Date;
}

/** (3004,000C) Grid Frame Offset Vector, the attribute the frames increment along. */
const GRID_FRAME_OFFSET_VECTOR_TAG = 0x3004000c;

export function rtDoseDataset(input: RtDoseInput): DicomDataset {
  const { dims, spacing, origin, direction, data } = input.dose;
  let max = 0;
  for (let v = 0; v < data.length; v++) max = Math.max(max, data[v]!);
  // 16-bit unsigned pixels: the largest dose maps to about 65000, a step of 0.0015 % of the maximum. The scaling
  // is rounded to 6 significant digits first so that the value written is exactly the value used.
  const scalingText = max > 0 ? (max / 65000).toPrecision(6) : '1';
  const scaling = Number(scalingText);
  const pixels = new Uint16Array(data.length);
  for (let v = 0; v < data.length; v++) pixels[v] = Math.min(65535, Math.max(0, Math.round(data[v]! / scaling)));
  return {
    ...sopCommonModule(SOP_CLASS.RtDose, input.sopInstanceUid, input.dateTime),
    ...patientModule(input.patient),
    ...generalStudyModule(input.study),
    ...seriesModule({ ...input.series, modality: 'RTDOSE' }),
    OperatorsName: '',
    ...frameOfReferenceModule(input.frameOfReferenceUid),
    ...equipmentModule(input.equipment),
    // General Image
    InstanceNumber: formatIs(1),
    // Image Plane: rows run along direction column 0 (i), columns of pixels down column 1 (j).
    PixelSpacing: [formatDs(spacing[1]), formatDs(spacing[0])],
    ImageOrientationPatient: [direction[0], direction[3], direction[6], direction[1], direction[4], direction[7]].map(formatDs),
    ImagePositionPatient: origin.map(formatMm),
    SliceThickness: formatDs(spacing[2]),
    // Image Pixel
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    Rows: dims[1],
    Columns: dims[0],
    BitsAllocated: 16,
    BitsStored: 16,
    HighBit: 15,
    PixelRepresentation: 0,
    PixelData: pixels,
    // Multi-frame
    NumberOfFrames: formatIs(dims[2]),
    FrameIncrementPointer: GRID_FRAME_OFFSET_VECTOR_TAG,
    // RT Dose
    DoseUnits: 'GY',
    DoseType: 'PHYSICAL',
    DoseSummationType: 'PLAN',
    GridFrameOffsetVector: Array.from({ length: dims[2] }, (_, k) => formatMm(k * spacing[2])),
    DoseGridScaling: scalingText,
    ReferencedRTPlanSequence: [{ ReferencedSOPClassUID: SOP_CLASS.RtPlan, ReferencedSOPInstanceUID: input.referencedRtPlan.sopInstanceUid }],
  };
}
