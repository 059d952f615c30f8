/**
 * The CT Image IOD (PS3.3 A.3) for one slice of an HU volume: Image Plane (C.7.6.2), Image Pixel (C.7.6.3),
 * CT Image (C.8.2.1) and General Image (C.7.6.1) modules on top of the shared ones. Pixels are stored unsigned,
 * 12 bits in 16 (stored value = HU + 1024, clamped to 0…4095), and HU come back through RescaleSlope 1 /
 * RescaleIntercept −1024, the convention of most scanners, which every reader handles.
 */
import path from 'node:path';
import type { JobContext } from '../../process/job-context';
import { voxelToWorld, type Volume } from '../../volume/volume';
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
import { writePart10File, type DicomDataset } from './part10';
import { SOP_CLASS } from './sop-classes';
import { uidFromSeed } from './uid';
import { dicomDate, dicomTime, formatDs, formatIs, formatMm } from './values';

export const CT_RESCALE_INTERCEPT_HU = -1024;
const CT_BITS_STORED = 12;

export interface CtSeriesInput {
  /** HU, axial slices along k; direction columns give ImageOrientationPatient. */
  volumeHu: Volume<Int16Array>;
  patient: PatientInfo;
  study: StudyInfo;
  series: Omit<SeriesInfo, 'modality'>;
  equipment: EquipmentInfo;
  frameOfReferenceUid: string;
  /** Seed for the SOP Instance UIDs: slice k gets uidFromSeed(`${seed}/ct/${k}`). */
  uidSeed: string;
  /** Value 1 and 2 of ImageType; synthetic images are DERIVED/SECONDARY. */
  imageType?: [string, string];
  /** Reconstructed slice thickness in mm; defaults to the slice spacing. */
  sliceThicknessMm?: number;
  kvp?: number;
  window?: { centerHu: number; widthHu: number; explanation: string };
}

/** What a reference to a written image needs (RTSTRUCT contour image sequences, SEG, RTDOSE). */
export interface WrittenImage {
  file: string;
  sopClassUid: string;
  sopInstanceUid: string;
  /** ImagePositionPatient of the slice, LPS mm. */
  positionMm: [number, number, number];
}

export function ctSliceSopInstanceUid(uidSeed: string, k: number): string {
  return uidFromSeed(`${uidSeed}/ct/${k}`);
}

/** The dataset of slice k. */
export function ctSliceDataset(input: CtSeriesInput, k: number): DicomDataset {
  const v = input.volumeHu;
  const [nx, ny, nz] = v.dims;
  if (k < 0 || k >= nz) throw new RangeError(`slice ${k} outside 0…${nz - 1}`);
  const d = v.direction;
  const position = voxelToWorld(v, 0, 0, k);
  const normal: [number, number, number] = [d[2], d[5], d[8]];
  const sliceLocation = position[0] * normal[0] + position[1] * normal[1] + position[2] * normal[2];
  const stored = new Uint16Array(nx * ny);
  const maxStored = 2 ** CT_BITS_STORED - 1;
  const offset = k * nx * ny;
  for (let n = 0; n < stored.length; n++) {
    const s = v.data[offset + n]! - CT_RESCALE_INTERCEPT_HU;
    stored[n] = s < 0 ? 0 : s > maxStored ? maxStored : s;
  }
  const sopInstanceUid = ctSliceSopInstanceUid(input.uidSeed, k);
  const displayWindow = input.window ?? { centerHu: 40, widthHu: 400, explanation: 'SOFT TISSUE' };
  const content = input.study.dateTime;
  return {
    ...sopCommonModule(SOP_CLASS.CtImage, sopInstanceUid, content),
    ...patientModule(input.patient),
    ...generalStudyModule(input.study),
    ...seriesModule({ ...input.series, modality: 'CT' }),
    ...frameOfReferenceModule(input.frameOfReferenceUid),
    ...equipmentModule(input.equipment),
    // General Image
    InstanceNumber: formatIs(k + 1),
    ContentDate: dicomDate(content),
    ContentTime: dicomTime(content),
    ImageType: [...(input.imageType ?? ['DERIVED', 'SECONDARY']), 'AXIAL'],
    // Image Plane
    PixelSpacing: [formatDs(v.spacing[1]), formatDs(v.spacing[0])],
    ImageOrientationPatient: [d[0], d[3], d[6], d[1], d[4], d[7]].map(formatDs),
    ImagePositionPatient: position.map(formatMm),
    SliceThickness: formatDs(input.sliceThicknessMm ?? v.spacing[2]),
    SliceLocation: formatMm(sliceLocation),
    // Image Pixel
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    Rows: ny,
    Columns: nx,
    BitsAllocated: 16,
    BitsStored: CT_BITS_STORED,
    HighBit: CT_BITS_STORED - 1,
    PixelRepresentation: 0,
    PixelData: stored,
    // CT Image
    RescaleIntercept: formatDs(CT_RESCALE_INTERCEPT_HU),
    RescaleSlope: '1',
    RescaleType: 'HU',
    KVP: input.kvp === undefined ? '' : formatDs(input.kvp),
    AcquisitionNumber: '1',
    // VOI LUT
    WindowCenter: formatDs(displayWindow.centerHu),
    WindowWidth: formatDs(displayWindow.widthHu),
    WindowCenterWidthExplanation: displayWindow.explanation,
  };
}

/** Writes every slice as `dir/ct-0001.dcm`… in slice order and returns what references to them need. */
export async function writeCtSeries(dir: string, input: CtSeriesInput, ctx?: JobContext): Promise<WrittenImage[]> {
  const nz = input.volumeHu.dims[2];
  const written: WrittenImage[] = [];
  for (let k = 0; k < nz; k++) {
    ctx?.throwIfCancelled();
    const dataset = ctSliceDataset(input, k);
    const file = path.join(dir, `ct-${String(k + 1).padStart(4, '0')}.dcm`);
    await writePart10File(file, dataset);
    written.push({
      file,
      sopClassUid: SOP_CLASS.CtImage,
      sopInstanceUid: dataset.SOPInstanceUID as string,
      positionMm: voxelToWorld(input.volumeHu, 0, 0, k),
    });
    if (k % 8 === 7 || k === nz - 1) ctx?.progress((k + 1) / nz, `writing CT slice ${k + 1} of ${nz}`);
  }
  return written;
}
