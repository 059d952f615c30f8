import type { Migration } from './migration';

/**
 * What the engines make from a patient's data: segmentations and surfaces, plans, simulation runs. A row says what it
 * is and where it came from (the job, with its inputs in the jobs table, so it can be reproduced); its payloads
 * (label maps, meshes, dose grids) are files in the data folder listed in derived_files.
 */
export const migration0003: Migration = {
  version: 3,
  name: 'derived-objects',
  up(db) {
    db.exec(`
      CREATE TABLE derived_objects (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,                   -- segmentation | rt-plan | ep-challenge | …
        patient_key TEXT REFERENCES patients(patient_key) ON DELETE CASCADE ON UPDATE CASCADE, -- NULL for phantoms
        series_key TEXT,
        title TEXT NOT NULL,
        job_id TEXT REFERENCES jobs(id) ON DELETE SET NULL,
        summary_json TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX derived_objects_patient ON derived_objects(patient_key, kind, created_at);
      CREATE TABLE derived_files (
        derived_id TEXT NOT NULL REFERENCES derived_objects(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        media_type TEXT NOT NULL,
        file_path TEXT NOT NULL,
        byte_size INTEGER NOT NULL,
        PRIMARY KEY (derived_id, name)
      ) WITHOUT ROWID;
    `);
  },
};
