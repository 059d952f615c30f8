/** The FHIR Patients held in the twin record, shaped for choosing one to link a DICOM patient to. */
import type { HumanName, Patient } from '@medplum/fhirtypes';
import type { AuditLog } from '../audit/audit-log';
import type { StoreDatabase } from '../store/open-store';

export interface FhirPatientChoice {
  id: string;
  name: string;
  birthDate: string | null;
  gender: string | null;
  identifiers: string[];
}

function nameText(names: HumanName[] | undefined): string {
  const n = names?.find((x) => x.use === 'official') ?? names?.[0];
  if (!n) return '(no name)';
  return n.text ?? [n.family, ...(n.given ?? [])].filter(Boolean).join(', ');
}

export function listFhirPatients(db: StoreDatabase, audit: AuditLog, actor: string): FhirPatientChoice[] {
  const rows = db.prepare("SELECT id, json FROM fhir_resources WHERE resource_type = 'Patient' ORDER BY id").all() as { id: string; json: string }[];
  audit.record({ actor, action: 'read', entityType: 'FhirPatientList', detail: `${rows.length} patients` });
  return rows.map(({ id, json }) => {
    const p = JSON.parse(json) as Patient;
    return {
      id,
      name: nameText(p.name),
      birthDate: p.birthDate ?? null,
      gender: p.gender ?? null,
      identifiers: (p.identifier ?? []).map((i) => `${i.type?.text ?? i.system ?? 'id'}: ${i.value ?? ''}`).slice(0, 5),
    };
  });
}
