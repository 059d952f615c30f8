/**
 * An imported DICOM study as a FHIR ImagingStudy (R4): study, series and instance UIDs, modality and counts, so that
 * the EHR knows the images exist and where they came from. The id derives from the StudyInstanceUID.
 */
import type { Patient, ImagingStudy, ImagingStudySeries, Reference } from '@medplum/fhirtypes';
import type { StoreDatabase } from '../../store/open-store';
import { stableId } from './provenance';

const DICOM_MODALITY_SYSTEM = 'http://dicom.nema.org/resources/ontology/DCM';

export interface StudyForExport {
  studyInstanceUid: string;
  date: string | null; // DICOM DA, YYYYMMDD
  time: string | null; // DICOM TM, HHMMSS.FFFFFF
  description: string;
  accessionNumber: string | null;
  series: {
    seriesInstanceUid: string;
    number: number | null;
    modality: string;
    description: string;
    instances: { sopInstanceUid: string; sopClassUid: string; number: number | null }[];
  }[];
}

/** DICOM DA + TM → FHIR dateTime (local time, no zone: DICOM does not say which). */
export function dicomDateTime(date: string | null, time: string | null): string | undefined {
  if (!date || !/^\d{8}$/.test(date)) return undefined;
  const d = `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`;
  if (!time || !/^\d{4}/.test(time)) return d;
  const t = time.padEnd(6, '0');
  return `${d}T${t.slice(0, 2)}:${t.slice(2, 4)}:${t.slice(4, 6)}`;
}

export function imagingStudyFrom(study: StudyForExport, subject: Reference<Patient>): ImagingStudy & { id: string } {
  const series = study.series.map(
    (s): ImagingStudySeries => ({
      uid: s.seriesInstanceUid,
      ...(s.number !== null ? { number: s.number } : {}),
      modality: { system: DICOM_MODALITY_SYSTEM, code: s.modality },
      ...(s.description ? { description: s.description } : {}),
      numberOfInstances: s.instances.length,
      instance: s.instances.map((i) => ({
        uid: i.sopInstanceUid,
        sopClass: { system: 'urn:ietf:rfc:3986', code: `urn:oid:${i.sopClassUid}` },
        ...(i.number !== null ? { number: i.number } : {}),
      })),
    }),
  );
  const started = dicomDateTime(study.date, study.time);
  return {
    resourceType: 'ImagingStudy',
    id: stableId('ImagingStudy', study.studyInstanceUid),
    identifier: [
      { system: 'urn:dicom:uid', value: `urn:oid:${study.studyInstanceUid}` },
      ...(study.accessionNumber ? [{ type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'ACSN' }] }, value: study.accessionNumber }] : []),
    ],
    status: 'available',
    subject,
    ...(started ? { started } : {}),
    ...(study.description ? { description: study.description } : {}),
    modality: [...new Set(study.series.map((s) => s.modality))].map((code) => ({ system: DICOM_MODALITY_SYSTEM, code })),
    numberOfSeries: series.length,
    numberOfInstances: series.reduce((n, s) => n + (s.numberOfInstances ?? 0), 0),
    series,
  };
}

type Row = Record<string, unknown>;

/** Reads a stored study (index only: pixels stay in the files) in the shape imagingStudyFrom takes. */
export function loadStudyForExport(db: StoreDatabase, studyInstanceUid: string): { study: StudyForExport; patientKey: string } | undefined {
  const s = db
    .prepare('SELECT s.*, p.patient_key FROM studies s JOIN patients p ON s.patient_ref = p.id WHERE s.study_instance_uid = ?')
    .get(studyInstanceUid) as Row | undefined;
  if (!s) return undefined;
  const seriesRows = db.prepare('SELECT * FROM series WHERE study_ref = ? ORDER BY series_number, id').all(s.id) as Row[];
  const instanceStmt = db.prepare('SELECT sop_instance_uid, sop_class_uid, instance_number FROM instances WHERE series_ref = ? ORDER BY sort_index');
  // A series split by geometry is several rows with one SeriesInstanceUID: FHIR knows it as one series.
  const byUid = new Map<string, StudyForExport['series'][number]>();
  for (const se of seriesRows) {
    const uid = se.series_instance_uid as string;
    const entry = byUid.get(uid) ?? { seriesInstanceUid: uid, number: (se.series_number as number | null) ?? null, modality: se.modality as string, description: se.description as string, instances: [] };
    for (const i of instanceStmt.all(se.id) as Row[]) {
      entry.instances.push({ sopInstanceUid: i.sop_instance_uid as string, sopClassUid: i.sop_class_uid as string, number: (i.instance_number as number | null) ?? null });
    }
    byUid.set(uid, entry);
  }
  return {
    patientKey: s.patient_key as string,
    study: {
      studyInstanceUid,
      date: (s.study_date as string | null) ?? null,
      time: (s.study_time as string | null) ?? null,
      description: s.description as string,
      accessionNumber: (s.accession_number as string | null) ?? null,
      series: [...byUid.values()],
    },
  };
}
