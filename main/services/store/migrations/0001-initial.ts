import type { Migration } from './migration';

/** Patients, studies, series, instances (an index: pixels stay in files), jobs and audit. */
export const migration0001: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE patients (
        id INTEGER PRIMARY KEY,
        patient_key TEXT NOT NULL UNIQUE,      -- PatientID, or a derived key when it is empty
        patient_id TEXT NOT NULL,
        name TEXT NOT NULL,
        birth_date TEXT,
        sex TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE studies (
        id INTEGER PRIMARY KEY,
        study_instance_uid TEXT NOT NULL UNIQUE,
        patient_ref INTEGER NOT NULL REFERENCES patients(id) ON DELETE CASCADE,
        study_date TEXT,
        study_time TEXT,
        description TEXT NOT NULL DEFAULT '',
        accession_number TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX studies_patient ON studies(patient_ref);
      CREATE TABLE series (
        id INTEGER PRIMARY KEY,
        series_key TEXT NOT NULL UNIQUE,       -- SeriesInstanceUID, plus '#n' when split by geometry
        series_instance_uid TEXT NOT NULL,
        study_ref INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
        modality TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        series_number INTEGER,
        frame_of_reference_uid TEXT,
        rows INTEGER,
        columns INTEGER,
        spacing_json TEXT,                     -- [x, y, z] mm
        warnings_json TEXT NOT NULL DEFAULT '[]',
        instance_count INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL
      );
      CREATE INDEX series_study ON series(study_ref);
      CREATE TABLE instances (
        id INTEGER PRIMARY KEY,
        sop_instance_uid TEXT NOT NULL UNIQUE,
        series_ref INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,
        sop_class_uid TEXT NOT NULL,
        sort_index INTEGER NOT NULL,           -- position along the slice normal
        instance_number INTEGER,
        transfer_syntax_uid TEXT NOT NULL,
        frames INTEGER NOT NULL DEFAULT 1,
        position_json TEXT,                    -- ImagePositionPatient, LPS mm
        file_path TEXT NOT NULL,
        file_size INTEGER NOT NULL
      );
      CREATE INDEX instances_series ON instances(series_ref, sort_index);
      CREATE TABLE jobs (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        title TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('queued','running','succeeded','failed','cancelled')),
        progress REAL NOT NULL DEFAULT 0,
        message TEXT NOT NULL DEFAULT '',
        input_json TEXT NOT NULL,
        result_json TEXT,
        error TEXT,
        pid INTEGER,
        created_at TEXT NOT NULL,
        started_at TEXT,
        finished_at TEXT
      );
      CREATE INDEX jobs_created ON jobs(created_at);
      CREATE TABLE audit (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,                  -- read | create | update | delete | export | import
        entity_type TEXT NOT NULL,
        entity_id TEXT,
        patient_key TEXT,
        detail TEXT
      );
      CREATE INDEX audit_patient ON audit(patient_key, at);
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value_json TEXT NOT NULL
      );
    `);
  },
};
