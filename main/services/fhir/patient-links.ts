/**
 * Links between a DICOM patient (patient_key, from PatientID) and a FHIR Patient: found automatically when a FHIR
 * identifier value equals the DICOM PatientID, or made by hand when the two systems number patients differently.
 */
import type { Patient } from '@medplum/fhirtypes';
import type { AuditLog } from '../audit/audit-log';
import type { StoreDatabase } from '../store/open-store';

export type LinkMethod = 'identifier' | 'manual';

export interface PatientLink {
  patientKey: string;
  fhirPatientId: string;
  method: LinkMethod;
  createdAt: string;
}

type Row = Record<string, unknown>;

export class PatientLinkNotFoundError extends Error {
  override name = 'PatientLinkNotFoundError';
}

export class PatientLinks {
  constructor(
    private readonly db: StoreDatabase,
    private readonly audit: AuditLog,
    private readonly actor: string,
  ) {}

  /** Links every stored FHIR Patient whose identifier value equals a DICOM PatientID; returns the new links. */
  linkByIdentifier(): PatientLink[] {
    return this.db.transaction(() => {
      const dicom = this.db.prepare('SELECT patient_key, patient_id FROM patients').all() as Row[];
      const keyByPatientId = new Map(dicom.map((r) => [String(r.patient_id), String(r.patient_key)]));
      const fhirPatients = this.db.prepare("SELECT id, json FROM fhir_resources WHERE resource_type = 'Patient'").all() as Row[];
      const created: PatientLink[] = [];
      for (const row of fhirPatients) {
        const patient = JSON.parse(row.json as string) as Patient;
        for (const identifier of patient.identifier ?? []) {
          const key = identifier.value === undefined ? undefined : keyByPatientId.get(identifier.value);
          if (key === undefined) continue;
          const link = this.insert(key, row.id as string, 'identifier');
          if (link) created.push(link);
          break;
        }
      }
      return created;
    })();
  }

  /** A link made by a person when identifiers differ. */
  link(patientKey: string, fhirPatientId: string): PatientLink {
    return this.db.transaction(() => {
      const exists = this.db.prepare('SELECT 1 FROM patients WHERE patient_key = ?').get(patientKey);
      if (!exists) throw new PatientLinkNotFoundError(`no DICOM patient with key "${patientKey}"`);
      const fhir = this.db.prepare("SELECT 1 FROM fhir_resources WHERE resource_type = 'Patient' AND id = ?").get(fhirPatientId);
      if (!fhir) throw new PatientLinkNotFoundError(`no FHIR Patient "${fhirPatientId}" in the store`);
      return this.insert(patientKey, fhirPatientId, 'manual') ?? this.get(patientKey, fhirPatientId)!;
    })();
  }

  unlink(patientKey: string, fhirPatientId: string): void {
    this.db.transaction(() => {
      const info = this.db
        .prepare('DELETE FROM fhir_patient_links WHERE patient_key = ? AND fhir_patient_id = ?')
        .run(patientKey, fhirPatientId);
      if (info.changes > 0) {
        this.audit.record({ actor: this.actor, action: 'delete', entityType: 'PatientLink', entityId: `Patient/${fhirPatientId}`, patientKey });
      }
    })();
  }

  list(patientKey?: string): PatientLink[] {
    const rows = (
      patientKey
        ? this.db.prepare('SELECT * FROM fhir_patient_links WHERE patient_key = ? ORDER BY created_at').all(patientKey)
        : this.db.prepare('SELECT * FROM fhir_patient_links ORDER BY patient_key, created_at').all()
    ) as Row[];
    this.audit.record({ actor: this.actor, action: 'read', entityType: 'PatientLink', patientKey: patientKey ?? null, detail: `${rows.length} links` });
    return rows.map(toLink);
  }

  /** FHIR Patient ids linked to any DICOM patient: the patients a sync pulls. */
  linkedFhirPatientIds(): string[] {
    return (this.db.prepare('SELECT DISTINCT fhir_patient_id FROM fhir_patient_links ORDER BY 1').all() as Row[]).map(
      (r) => r.fhir_patient_id as string,
    );
  }

  private get(patientKey: string, fhirPatientId: string): PatientLink | undefined {
    const row = this.db
      .prepare('SELECT * FROM fhir_patient_links WHERE patient_key = ? AND fhir_patient_id = ?')
      .get(patientKey, fhirPatientId) as Row | undefined;
    return row ? toLink(row) : undefined;
  }

  private insert(patientKey: string, fhirPatientId: string, method: LinkMethod): PatientLink | undefined {
    const createdAt = new Date().toISOString();
    const info = this.db
      .prepare('INSERT OR IGNORE INTO fhir_patient_links (patient_key, fhir_patient_id, method, created_at) VALUES (?, ?, ?, ?)')
      .run(patientKey, fhirPatientId, method, createdAt);
    if (info.changes === 0) return undefined;
    this.audit.record({ actor: this.actor, action: 'create', entityType: 'PatientLink', entityId: `Patient/${fhirPatientId}`, patientKey, detail: method });
    return { patientKey, fhirPatientId, method, createdAt };
  }
}

function toLink(r: Row): PatientLink {
  return {
    patientKey: r.patient_key as string,
    fhirPatientId: r.fhir_patient_id as string,
    method: r.method as LinkMethod,
    createdAt: r.created_at as string,
  };
}
