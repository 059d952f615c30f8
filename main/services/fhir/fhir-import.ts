/**
 * Import of FHIR R4 data into the twin's record: bundles (transaction, batch, collection, searchset …) and NDJSON
 * (bulk-export files, one resource per line). References by fullUrl are resolved to `Type/id`; resource types this
 * workstation does not use are stored verbatim all the same, because the record must not silently lose data.
 * Each file is imported in one transaction with one audit row per patient compartment it touched.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import type { AuditLog } from '../audit/audit-log';
import type { StoreDatabase } from '../store/open-store';
import { PatientLinks } from './patient-links';
import { entriesWithIds, resolveBundleReferences, type BundleResourceEntry } from './references';
import { FhirResourceStore, patientRefOf } from './resource-store';

export interface FhirImportResult {
  /** Resources stored, per resource type. */
  counts: Record<string, number>;
  /** One message per file or line that could not be imported. */
  errors: string[];
}

function isResource(value: unknown): value is Resource {
  return typeof value === 'object' && value !== null && typeof (value as { resourceType?: unknown }).resourceType === 'string';
}

/** The resources in one file's text: a Bundle, a single resource, or NDJSON. */
export function parseFhirText(text: string, name: string, errors: string[]): BundleResourceEntry[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  let whole: unknown;
  try {
    whole = JSON.parse(trimmed);
  } catch {
    whole = undefined; // not one JSON document: try NDJSON below
  }
  if (isResource(whole)) {
    const bundle: Bundle = whole.resourceType === 'Bundle' ? (whole as Bundle) : { resourceType: 'Bundle', type: 'collection', entry: [{ resource: whole }] };
    const entries = entriesWithIds(bundle, randomUUID);
    resolveBundleReferences(entries);
    return entries;
  }
  if (whole !== undefined) {
    errors.push(`${name}: not a FHIR resource (no resourceType)`);
    return [];
  }
  const entries: BundleResourceEntry[] = [];
  trimmed.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      const value: unknown = JSON.parse(line);
      if (isResource(value)) entries.push(...entriesWithIds({ resourceType: 'Bundle', type: 'collection', entry: [{ resource: value }] }, randomUUID));
      else errors.push(`${name}:${i + 1}: not a FHIR resource (no resourceType)`);
    } catch (err) {
      errors.push(`${name}:${i + 1}: ${(err as Error).message}`);
    }
  });
  // Bulk-export lines reference each other relatively already; urn:uuid is only meaningful inside a bundle.
  return entries;
}

export class FhirImporter {
  private readonly store: FhirResourceStore;
  private readonly links: PatientLinks;
  constructor(
    private readonly db: StoreDatabase,
    private readonly audit: AuditLog,
    private readonly actor: string,
  ) {
    this.store = new FhirResourceStore(db);
    this.links = new PatientLinks(db, audit, actor);
  }

  importFiles(files: readonly string[]): FhirImportResult {
    const result: FhirImportResult = { counts: {}, errors: [] };
    for (const file of files) {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (err) {
        result.errors.push(`${file}: ${(err as Error).message}`);
        continue;
      }
      this.importText(text, path.basename(file), result);
    }
    if (Object.keys(result.counts).length > 0) this.links.linkByIdentifier();
    return result;
  }

  /** Imports one file's text into `result` (counts are added up across calls). */
  importText(text: string, name: string, result: FhirImportResult): void {
    const entries = parseFhirText(text, name, result.errors);
    this.db.transaction(() => {
      const patients = new Map<string, number>();
      for (const { resource } of entries) {
        this.store.put(resource, 'import');
        result.counts[resource.resourceType] = (result.counts[resource.resourceType] ?? 0) + 1;
        const ref = patientRefOf(resource) ?? '';
        patients.set(ref, (patients.get(ref) ?? 0) + 1);
      }
      for (const [ref, n] of patients) {
        this.audit.record({
          actor: this.actor,
          action: 'import',
          entityType: 'FhirResources',
          entityId: ref || null,
          patientKey: ref ? this.linkedPatientKey(ref) : null,
          detail: `${n} resources from ${name}`,
        });
      }
    })();
  }

  private linkedPatientKey(patientRef: string): string | null {
    const row = this.db
      .prepare('SELECT patient_key FROM fhir_patient_links WHERE fhir_patient_id = ? LIMIT 1')
      .get(patientRef.slice('Patient/'.length)) as { patient_key: string } | undefined;
    return row?.patient_key ?? null;
  }
}
