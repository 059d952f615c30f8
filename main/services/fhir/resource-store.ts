/**
 * The twin's FHIR record: one row per resource (type + id), its JSON as received or made, and where it came from.
 * Version id and lastUpdated are the server's; a local resource has none until the server has answered.
 */
import type { Resource } from '@medplum/fhirtypes';
import type { StoreDatabase } from '../store/open-store';

export type ResourceSource = 'local' | 'server' | 'import';

export interface StoredResource {
  resourceType: string;
  id: string;
  versionId: string | null;
  lastUpdated: string | null;
  patientRef: string | null;
  source: ResourceSource;
  resource: Resource;
}

type Row = Record<string, unknown>;

/** References that put a resource in a patient's compartment, in the order FHIR resources commonly use them. */
const PATIENT_REFERENCE_FIELDS = ['subject', 'patient', 'beneficiary', 'individual'] as const;

/** 'Patient/<id>' of the patient a resource belongs to, or null (Organization, Practitioner …). */
export function patientRefOf(resource: Resource): string | null {
  if (resource.resourceType === 'Patient') return resource.id ? `Patient/${resource.id}` : null;
  const r = resource as unknown as Record<string, { reference?: unknown } | undefined>;
  for (const field of PATIENT_REFERENCE_FIELDS) {
    const ref = r[field]?.reference;
    if (typeof ref === 'string' && ref.startsWith('Patient/')) return ref;
  }
  return null;
}

function toStored(r: Row): StoredResource {
  return {
    resourceType: r.resource_type as string,
    id: r.id as string,
    versionId: (r.version_id as string | null) ?? null,
    lastUpdated: (r.last_updated as string | null) ?? null,
    patientRef: (r.patient_ref as string | null) ?? null,
    source: r.source as ResourceSource,
    resource: JSON.parse(r.json as string) as Resource,
  };
}

export class FhirResourceStore {
  private readonly upsert;
  private readonly select;
  constructor(private readonly db: StoreDatabase) {
    this.upsert = db.prepare(
      `INSERT INTO fhir_resources (resource_type, id, version_id, last_updated, patient_ref, json, source, stored_at)
       VALUES (@resourceType, @id, @versionId, @lastUpdated, @patientRef, @json, @source, @storedAt)
       ON CONFLICT (resource_type, id) DO UPDATE SET version_id = excluded.version_id,
         last_updated = excluded.last_updated, patient_ref = excluded.patient_ref, json = excluded.json,
         source = excluded.source, stored_at = excluded.stored_at`,
    );
    this.select = db.prepare('SELECT * FROM fhir_resources WHERE resource_type = ? AND id = ?');
  }

  /** Stores (or replaces) a resource; version and time come from `resource.meta` unless given. */
  put(resource: Resource & { id: string }, source: ResourceSource): void {
    this.upsert.run({
      resourceType: resource.resourceType,
      id: resource.id,
      versionId: resource.meta?.versionId ?? null,
      lastUpdated: resource.meta?.lastUpdated ?? null,
      patientRef: patientRefOf(resource),
      json: JSON.stringify(resource),
      source,
      storedAt: new Date().toISOString(),
    });
  }

  get(resourceType: string, id: string): StoredResource | undefined {
    const row = this.select.get(resourceType, id) as Row | undefined;
    return row ? toStored(row) : undefined;
  }

  /** A patient's resources, optionally of some types, ordered by type and id. */
  forPatient(patientRef: string, resourceTypes?: readonly string[]): StoredResource[] {
    const rows = (
      resourceTypes && resourceTypes.length > 0
        ? this.db
            .prepare(
              `SELECT * FROM fhir_resources WHERE patient_ref = ? AND resource_type IN (${resourceTypes.map(() => '?').join(',')})
               ORDER BY resource_type, id`,
            )
            .all(patientRef, ...resourceTypes)
        : this.db.prepare('SELECT * FROM fhir_resources WHERE patient_ref = ? ORDER BY resource_type, id').all(patientRef)
    ) as Row[];
    return rows.map(toStored);
  }
}
