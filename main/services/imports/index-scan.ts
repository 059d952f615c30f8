/**
 * Writes what a DICOM scan found into the store: one transaction per series, so the store never holds half a
 * series. Instances already present (same SOPInstanceUID) are kept once.
 */
import type { ScannedSeries, ScanResult } from '../../../workers/dicom/scan';
import type { AuditLog } from '../audit/audit-log';
import type { StoreDatabase } from '../store/open-store';

export interface ImportSummary {
  series: {
    seriesKey: string;
    seriesInstanceUID: string;
    modality: string;
    description: string;
    instances: number;
    rows: number | null;
    columns: number | null;
    spacing: [number, number, number] | null;
    warnings: string[];
  }[];
  errors: { file: string; reason: string }[];
  patientKeys: string[];
}

/** PatientID identifies a patient; when it is empty we fall back to name and birth date so nothing merges blindly. */
export function patientKeyOf(p: ScannedSeries['patient']): string {
  const id = p.patientId.trim();
  if (id) return id;
  return `noid:${p.name.trim() || 'anonymous'}:${p.birthDate ?? ''}`;
}

export function indexScan(db: StoreDatabase, audit: AuditLog, actor: string, scan: ScanResult): ImportSummary {
  const now = new Date().toISOString();
  const upsertPatient = db.prepare(
    `INSERT INTO patients (patient_key, patient_id, name, birth_date, sex, created_at, updated_at)
     VALUES (@key, @patientId, @name, @birthDate, @sex, @now, @now)
     ON CONFLICT(patient_key) DO UPDATE SET updated_at = @now
     RETURNING id`,
  );
  const upsertStudy = db.prepare(
    `INSERT INTO studies (study_instance_uid, patient_ref, study_date, study_time, description, accession_number, created_at)
     VALUES (@uid, @patientRef, @date, @time, @description, @accession, @now)
     ON CONFLICT(study_instance_uid) DO UPDATE SET description = excluded.description
     RETURNING id`,
  );
  const upsertSeries = db.prepare(
    `INSERT INTO series (series_key, series_instance_uid, study_ref, modality, description, series_number,
       frame_of_reference_uid, rows, columns, spacing_json, warnings_json, created_at)
     VALUES (@key, @uid, @studyRef, @modality, @description, @number, @frameOfReference, @rows, @columns, @spacing,
       @warnings, @now)
     ON CONFLICT(series_key) DO UPDATE SET warnings_json = excluded.warnings_json, spacing_json = excluded.spacing_json
     RETURNING id`,
  );
  const insertInstance = db.prepare(
    `INSERT INTO instances (sop_instance_uid, series_ref, sop_class_uid, sort_index, instance_number,
       transfer_syntax_uid, frames, position_json, file_path, file_size)
     VALUES (@sop, @seriesRef, @sopClass, @sortIndex, @number, @ts, @frames, @position, @file, @size)
     ON CONFLICT(sop_instance_uid) DO NOTHING`,
  );
  const countInstances = db.prepare('UPDATE series SET instance_count = (SELECT count(*) FROM instances WHERE series_ref = ?) WHERE id = ?');

  const indexOne = db.transaction((s: ScannedSeries) => {
    const key = patientKeyOf(s.patient);
    const patientRef = (
      upsertPatient.get({
        key,
        patientId: s.patient.patientId,
        name: s.patient.name,
        birthDate: s.patient.birthDate ?? null,
        sex: s.patient.sex ?? null,
        now,
      }) as { id: number }
    ).id;
    const studyRef = (
      upsertStudy.get({
        uid: s.study.studyInstanceUid,
        patientRef,
        date: s.study.date ?? null,
        time: s.study.time ?? null,
        description: s.study.description ?? '',
        accession: s.study.accessionNumber ?? null,
        now,
      }) as { id: number }
    ).id;
    const seriesRef = (
      upsertSeries.get({
        key: s.key,
        uid: s.seriesInstanceUid,
        studyRef,
        modality: s.modality,
        description: s.description,
        number: s.seriesNumber ?? null,
        frameOfReference: s.frameOfReferenceUid ?? null,
        rows: s.rows ?? null,
        columns: s.columns ?? null,
        spacing: s.spacing ? JSON.stringify(s.spacing) : null,
        warnings: JSON.stringify(s.warnings),
        now,
      }) as { id: number }
    ).id;
    s.instances.forEach((inst, sortIndex) => {
      insertInstance.run({
        sop: inst.sopInstanceUid,
        seriesRef,
        sopClass: inst.sopClassUid,
        sortIndex,
        number: inst.instanceNumber ?? null,
        ts: inst.transferSyntaxUid,
        frames: inst.frames,
        position: inst.imagePositionPatient ? JSON.stringify(inst.imagePositionPatient) : null,
        file: inst.file,
        size: inst.fileSizeBytes,
      });
    });
    countInstances.run(seriesRef, seriesRef);
    audit.record({
      actor,
      action: 'import',
      entityType: 'Series',
      entityId: s.key,
      patientKey: key,
      detail: `${s.instances.length} instances, ${s.modality}`,
    });
    return key;
  });

  const patientKeys = new Set<string>();
  for (const s of scan.series) patientKeys.add(indexOne(s));
  return {
    series: scan.series.map((s) => ({
      seriesKey: s.key,
      seriesInstanceUID: s.seriesInstanceUid,
      modality: s.modality,
      description: s.description,
      instances: s.instances.length,
      rows: s.rows ?? null,
      columns: s.columns ?? null,
      spacing: s.spacing ?? null,
      warnings: s.warnings,
    })),
    errors: scan.errors,
    patientKeys: [...patientKeys],
  };
}
