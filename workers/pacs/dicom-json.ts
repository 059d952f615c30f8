/**
 * The DICOM JSON model (PS3.18 §F.2) that QIDO-RS answers in, read into typed rows. Only the attributes the rows
 * need; a missing attribute is an empty string (or undefined for counts), never an error.
 */
import type { InstanceRow, SeriesRow, StudyRow } from './pacs-types';

export type DicomJsonDataset = Record<string, { vr?: string; Value?: unknown[] } | undefined>;

/** QIDO-RS attribute tags (hex, no comma), as PS3.18 writes them. */
export const QIDO_TAGS = {
  StudyDate: '00080020',
  AccessionNumber: '00080050',
  ModalitiesInStudy: '00080061',
  Modality: '00080060',
  SOPInstanceUID: '00080018',
  StudyDescription: '00081030',
  SeriesDescription: '0008103E',
  PatientName: '00100010',
  PatientID: '00100020',
  StudyInstanceUID: '0020000D',
  SeriesInstanceUID: '0020000E',
  SeriesNumber: '00200011',
  NumberOfStudyRelatedSeries: '00201206',
  NumberOfStudyRelatedInstances: '00201208',
  NumberOfSeriesRelatedInstances: '00201209',
} as const;

function values(ds: DicomJsonDataset, tag: string): unknown[] {
  const v = ds[tag]?.Value;
  return Array.isArray(v) ? v : [];
}

/** A person name's Alphabetic group (PN values are objects in DICOM JSON and in dcmjs's naturalized data sets). */
export function valueText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return String((v as { Alphabetic?: unknown }).Alphabetic ?? '');
  return String(v);
}

export function stringOf(ds: DicomJsonDataset, tag: string): string {
  return values(ds, tag).map(valueText).join('\\');
}

function numberOf(ds: DicomJsonDataset, tag: string): number | undefined {
  const v = values(ds, tag)[0];
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

export function studyRow(ds: DicomJsonDataset): StudyRow {
  const series = numberOf(ds, QIDO_TAGS.NumberOfStudyRelatedSeries);
  const instances = numberOf(ds, QIDO_TAGS.NumberOfStudyRelatedInstances);
  return {
    studyInstanceUID: stringOf(ds, QIDO_TAGS.StudyInstanceUID),
    patientName: stringOf(ds, QIDO_TAGS.PatientName),
    patientId: stringOf(ds, QIDO_TAGS.PatientID),
    studyDate: stringOf(ds, QIDO_TAGS.StudyDate),
    studyDescription: stringOf(ds, QIDO_TAGS.StudyDescription),
    modalities: values(ds, QIDO_TAGS.ModalitiesInStudy).map(valueText).filter(Boolean),
    ...(series !== undefined ? { series } : {}),
    ...(instances !== undefined ? { instances } : {}),
  };
}

export function seriesRow(ds: DicomJsonDataset): SeriesRow {
  const instances = numberOf(ds, QIDO_TAGS.NumberOfSeriesRelatedInstances);
  return {
    seriesInstanceUID: stringOf(ds, QIDO_TAGS.SeriesInstanceUID),
    modality: stringOf(ds, QIDO_TAGS.Modality),
    seriesNumber: numberOf(ds, QIDO_TAGS.SeriesNumber) ?? null,
    seriesDescription: stringOf(ds, QIDO_TAGS.SeriesDescription),
    ...(instances !== undefined ? { instances } : {}),
  };
}

export function instanceRow(ds: DicomJsonDataset): InstanceRow {
  return { seriesInstanceUID: stringOf(ds, QIDO_TAGS.SeriesInstanceUID), sopInstanceUID: stringOf(ds, QIDO_TAGS.SOPInstanceUID) };
}
