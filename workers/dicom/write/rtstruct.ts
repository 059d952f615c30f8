/**
 * The RT Structure Set IOD (PS3.3 A.19): RT Series (C.8.8.1), Structure Set (C.8.8.5), ROI Contour (C.8.8.6) and
 * RT ROI Observations (C.8.8.8) on top of the shared modules. Every contour names the image it lies on
 * (Contour Image Sequence), and the structure set references the whole image series through
 * Referenced Frame of Reference → RT Referenced Study → RT Referenced Series → Contour Image Sequence, which is
 * what planning systems use to find the images.
 */
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
} from './modules';
import type { DicomDataset } from './part10';
import { SOP_CLASS } from './sop-classes';
import { dicomDate, dicomTime, formatIs, formatMm } from './values';

/** PS3.3 C.8.8.5.1: the study is referenced through the (retired) Detached Study Management SOP class. */
const DETACHED_STUDY_MANAGEMENT_SOP_CLASS = '1.2.840.10008.3.1.2.3.1';

/** Defined terms of RT ROI Interpreted Type (C.8.8.8.1.1) that we use. */
export type RtRoiInterpretedType = 'EXTERNAL' | 'ORGAN' | 'GTV' | 'CTV' | 'PTV' | 'AVOIDANCE' | 'CAVITY' | 'SUPPORT' | 'CONTROL';

export interface ImageReference {
  sopClassUid: string;
  sopInstanceUid: string;
}

export interface RtContour {
  /** Flat x, y, z triplets in LPS mm of a closed planar polygon (the closing vertex is not repeated). */
  pointsMm: ArrayLike<number>;
  /** The image the contour lies on. */
  image: ImageReference;
}

export interface RtRoi {
  number: number;
  name: string;
  colorRgb: [number, number, number];
  interpretedType: RtRoiInterpretedType;
  description?: string;
  contours: RtContour[];
}

export interface RtStructInput {
  patient: PatientInfo;
  study: StudyInfo;
  series: Omit<SeriesInfo, 'modality' | 'patientPosition'>;
  equipment: EquipmentInfo;
  sopInstanceUid: string;
  frameOfReferenceUid: string;
  /** The image series the contours were drawn on; every image is listed in the referenced series. */
  referencedSeries: { seriesInstanceUid: string; images: ImageReference[] };
  label: string;
  dateTime: Date;
  rois: RtRoi[];
}

const imageItem = (i: ImageReference): DicomDataset => ({ ReferencedSOPClassUID: i.sopClassUid, ReferencedSOPInstanceUID: i.sopInstanceUid });

export function rtStructDataset(input: RtStructInput): DicomDataset {
  return {
    ...sopCommonModule(SOP_CLASS.RtStructureSet, input.sopInstanceUid, input.dateTime),
    ...patientModule(input.patient),
    ...generalStudyModule(input.study),
    ...seriesModule({ ...input.series, modality: 'RTSTRUCT' }),
    OperatorsName: '',
    // The Frame of Reference module is part of the IOD since 2019 (CP-1751), dciodvfy checks it.
    ...frameOfReferenceModule(input.frameOfReferenceUid),
    ...equipmentModule(input.equipment),
    // Structure Set
    StructureSetLabel: input.label,
    StructureSetDate: dicomDate(input.dateTime),
    StructureSetTime: dicomTime(input.dateTime),
    InstanceNumber: '1',
    ReferencedFrameOfReferenceSequence: [
      {
        FrameOfReferenceUID: input.frameOfReferenceUid,
        RTReferencedStudySequence: [
          {
            ReferencedSOPClassUID: DETACHED_STUDY_MANAGEMENT_SOP_CLASS,
            ReferencedSOPInstanceUID: input.study.studyInstanceUid,
            RTReferencedSeriesSequence: [
              {
                SeriesInstanceUID: input.referencedSeries.seriesInstanceUid,
                ContourImageSequence: input.referencedSeries.images.map(imageItem),
              },
            ],
          },
        ],
      },
    ],
    StructureSetROISequence: input.rois.map((roi) => ({
      ROINumber: formatIs(roi.number),
      ReferencedFrameOfReferenceUID: input.frameOfReferenceUid,
      ROIName: roi.name,
      ROIDescription: roi.description,
      ROIGenerationAlgorithm: 'AUTOMATIC',
    })),
    // ROI Contour
    ROIContourSequence: input.rois.map((roi) => ({
      ReferencedROINumber: formatIs(roi.number),
      ROIDisplayColor: roi.colorRgb.map(formatIs),
      ContourSequence: roi.contours.length === 0 ? undefined : roi.contours.map((c, n) => contourItem(c, n + 1)),
    })),
    // RT ROI Observations
    RTROIObservationsSequence: input.rois.map((roi) => ({
      ObservationNumber: formatIs(roi.number),
      ReferencedROINumber: formatIs(roi.number),
      RTROIInterpretedType: roi.interpretedType,
      ROIInterpreter: '',
    })),
  };
}

function contourItem(c: RtContour, number: number): DicomDataset {
  const n = c.pointsMm.length / 3;
  if (!Number.isInteger(n) || n < 3) throw new Error(`a closed planar contour needs at least 3 points, got ${c.pointsMm.length / 3}`);
  return {
    ContourNumber: formatIs(number),
    ContourImageSequence: [imageItem(c.image)],
    ContourGeometricType: 'CLOSED_PLANAR',
    NumberOfContourPoints: formatIs(n),
    ContourData: Array.from(c.pointsMm, formatMm),
  };
}
