/** A fresh twin store in a temporary folder, with audit and an actor, for FHIR and sync tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AuditLog } from '../../main/services/audit/audit-log';
import { openStore, type StoreDatabase } from '../../main/services/store/open-store';

export interface TempStore {
  dir: string;
  file: string;
  db: StoreDatabase;
  audit: AuditLog;
  actor: string;
  /** Adds a DICOM patient row, as the DICOM import would. */
  addDicomPatient(patientKey: string, patientId?: string): void;
  cleanup(): void;
}

export function tempStore(): TempStore {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'twin-fhir-'));
  const file = path.join(dir, 'twin.sqlite');
  const db = openStore(file);
  return {
    dir,
    file,
    db,
    audit: new AuditLog(db),
    actor: 'tester@test',
    addDicomPatient(patientKey, patientId = patientKey) {
      const now = new Date().toISOString();
      db.prepare('INSERT INTO patients (patient_key, patient_id, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(patientKey, patientId, 'Test^Patient', now, now);
    },
    cleanup() {
      if (db.open) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
