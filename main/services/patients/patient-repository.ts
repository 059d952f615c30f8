/**
 * Patients, studies and series as the store indexes them. Pixels stay in the DICOM files; the store holds where they
 * are and how the series is ordered. Every read of patient data writes an audit row.
 */
import type { PatientDetail, PatientSummary, SeriesSummary, StudySummary } from '../../contract/domain';
import type { AuditLog } from '../audit/audit-log';
import type { StoreDatabase } from '../store/open-store';

type Row = Record<string, unknown>;

export class NotFoundError extends Error {
  override name = 'NotFoundError';
}

export interface InstanceFile {
  sopInstanceUid: string;
  filePath: string;
  position: [number, number, number] | null;
  frames: number;
}

function toPatient(r: Row): PatientSummary {
  return {
    patientKey: r.patient_key as string,
    patientId: r.patient_id as string,
    name: r.name as string,
    birthDate: (r.birth_date as string | null) ?? null,
    sex: (r.sex as string | null) ?? null,
    studyCount: (r.study_count as number) ?? 0,
    seriesCount: (r.series_count as number) ?? 0,
  };
}

function toSeries(r: Row): SeriesSummary {
  return {
    seriesKey: r.series_key as string,
    seriesInstanceUid: r.series_instance_uid as string,
    modality: r.modality as string,
    description: r.description as string,
    seriesNumber: (r.series_number as number | null) ?? null,
    instanceCount: r.instance_count as number,
    rows: (r.rows as number | null) ?? null,
    columns: (r.columns as number | null) ?? null,
    spacingMm: r.spacing_json ? (JSON.parse(r.spacing_json as string) as [number, number, number]) : null,
    warnings: JSON.parse(r.warnings_json as string) as string[],
  };
}

const PATIENT_SELECT = `
  SELECT p.*, (SELECT count(*) FROM studies s WHERE s.patient_ref = p.id) AS study_count,
    (SELECT count(*) FROM series se JOIN studies s ON se.study_ref = s.id WHERE s.patient_ref = p.id) AS series_count
  FROM patients p`;

export class PatientRepository {
  constructor(
    private readonly db: StoreDatabase,
    private readonly audit: AuditLog,
    private readonly actor: string,
  ) {}

  list(): PatientSummary[] {
    const rows = this.db.prepare(`${PATIENT_SELECT} ORDER BY p.name, p.patient_id`).all() as Row[];
    this.audit.record({ actor: this.actor, action: 'read', entityType: 'PatientList', detail: `${rows.length} patients` });
    return rows.map(toPatient);
  }

  get(patientKey: string): PatientDetail {
    const row = this.db.prepare(`${PATIENT_SELECT} WHERE p.patient_key = ?`).get(patientKey) as Row | undefined;
    if (!row) throw new NotFoundError(`no patient with key "${patientKey}" in the store`);
    const studies = this.db
      .prepare('SELECT * FROM studies WHERE patient_ref = ? ORDER BY study_date DESC, id')
      .all(row.id) as Row[];
    const seriesStmt = this.db.prepare('SELECT * FROM series WHERE study_ref = ? ORDER BY series_number, id');
    const detail: PatientDetail = {
      patient: toPatient(row),
      studies: studies.map(
        (s): StudySummary => ({
          studyInstanceUid: s.study_instance_uid as string,
          date: (s.study_date as string | null) ?? null,
          description: s.description as string,
          accessionNumber: (s.accession_number as string | null) ?? null,
          series: (seriesStmt.all(s.id) as Row[]).map(toSeries),
        }),
      ),
    };
    this.audit.record({ actor: this.actor, action: 'read', entityType: 'Patient', entityId: patientKey, patientKey });
    return detail;
  }

  /** Where one instance's file is (never sent to the renderer). */
  instanceFile(sopInstanceUid: string): string {
    const row = this.db
      .prepare(
        `SELECT i.file_path, p.patient_key FROM instances i JOIN series se ON i.series_ref = se.id
         JOIN studies s ON se.study_ref = s.id JOIN patients p ON s.patient_ref = p.id WHERE i.sop_instance_uid = ?`,
      )
      .get(sopInstanceUid) as { file_path: string; patient_key: string } | undefined;
    if (!row) throw new NotFoundError(`no instance "${sopInstanceUid}" in the store`);
    this.audit.record({ actor: this.actor, action: 'read', entityType: 'Instance', entityId: sopInstanceUid, patientKey: row.patient_key });
    return row.file_path;
  }

  /** Instance files of a series in slice order (for volume loading and the viewer). */
  seriesFiles(seriesKey: string): { series: SeriesSummary; patientKey: string; studyInstanceUid: string; instances: InstanceFile[] } {
    const row = this.db
      .prepare(
        `SELECT se.*, p.patient_key, s.study_instance_uid FROM series se JOIN studies s ON se.study_ref = s.id
         JOIN patients p ON s.patient_ref = p.id WHERE se.series_key = ? OR se.series_instance_uid = ?
         ORDER BY se.id LIMIT 1`,
      )
      .get(seriesKey, seriesKey) as Row | undefined;
    if (!row) throw new NotFoundError(`no series "${seriesKey}" in the store`);
    const instances = (
      this.db
        .prepare('SELECT sop_instance_uid, file_path, position_json, frames FROM instances WHERE series_ref = ? ORDER BY sort_index')
        .all(row.id) as Row[]
    ).map(
      (r): InstanceFile => ({
        sopInstanceUid: r.sop_instance_uid as string,
        filePath: r.file_path as string,
        position: r.position_json ? (JSON.parse(r.position_json as string) as [number, number, number]) : null,
        frames: r.frames as number,
      }),
    );
    this.audit.record({
      actor: this.actor,
      action: 'read',
      entityType: 'Series',
      entityId: row.series_key as string,
      patientKey: row.patient_key as string,
    });
    return { series: toSeries(row), patientKey: row.patient_key as string, studyInstanceUid: row.study_instance_uid as string, instances };
  }
}
