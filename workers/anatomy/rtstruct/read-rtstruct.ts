/**
 * Reads an RT Structure Set (PS3.3 C.8.8.5–C.8.8.6) with dicom-parser: ROI names from the Structure Set ROI
 * Sequence, contours from the ROI Contour Sequence, matched by ROI number. Only CLOSED_PLANAR contours describe an
 * area; points and open polylines are skipped.
 */
import type { DataSet } from 'dicom-parser';
import { readDicomFile } from '../../dicom/header/read-dicom-file';
import { numbersValue, textValue } from '../../dicom/header/values';
import type { Vec3 } from '../../volume/volume';
import type { PlanarContour, RtStructure, RtStructureSet } from './rt-structure';

const TAG = {
  StructureSetROISequence: 'x30060020',
  ROINumber: 'x30060022',
  ROIName: 'x30060026',
  ReferencedFrameOfReferenceSequence: 'x30060010',
  FrameOfReferenceUID: 'x00200052',
  ROIContourSequence: 'x30060039',
  ReferencedROINumber: 'x30060084',
  ROIDisplayColor: 'x3006002a',
  ContourSequence: 'x30060040',
  ContourGeometricType: 'x30060042',
  ContourData: 'x30060050',
} as const;

const items = (ds: DataSet, tag: string): DataSet[] =>
  (ds.elements[tag]?.items ?? []).map((item) => item.dataSet).filter((d): d is DataSet => d !== undefined);

export function rtStructFromDataSet(ds: DataSet): RtStructureSet {
  const names = new Map<number, string>();
  for (const roi of items(ds, TAG.StructureSetROISequence)) {
    const n = Number(textValue(roi, TAG.ROINumber));
    if (Number.isFinite(n)) names.set(n, textValue(roi, TAG.ROIName)?.trim() ?? `ROI ${n}`);
  }
  const structures: RtStructure[] = [];
  for (const roi of items(ds, TAG.ROIContourSequence)) {
    const roiNumber = Number(textValue(roi, TAG.ReferencedROINumber));
    const colour = numbersValue(roi, TAG.ROIDisplayColor, 3);
    const contours: PlanarContour[] = [];
    for (const c of items(roi, TAG.ContourSequence)) {
      if ((textValue(c, TAG.ContourGeometricType) ?? '').trim() !== 'CLOSED_PLANAR') continue;
      const raw = textValue(c, TAG.ContourData);
      if (!raw) continue;
      const pointsMm = Float64Array.from(raw.split('\\'), Number);
      if (pointsMm.length < 9 || pointsMm.length % 3 !== 0 || pointsMm.some((v) => !Number.isFinite(v))) continue;
      contours.push({ pointsMm });
    }
    structures.push({ roiNumber, name: names.get(roiNumber) ?? `ROI ${roiNumber}`, ...(colour ? { colourRgb: colour as Vec3 } : {}), contours });
  }
  const frame = items(ds, TAG.ReferencedFrameOfReferenceSequence)[0];
  const frameOfReferenceUid = frame ? textValue(frame, TAG.FrameOfReferenceUID) : undefined;
  return { ...(frameOfReferenceUid ? { frameOfReferenceUid } : {}), structures };
}

export function readRtStruct(file: string): RtStructureSet {
  return rtStructFromDataSet(readDicomFile(file, 'full').dataSet);
}
