import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { missingDataMessage, sharedData } from '../../../testing/shared-data';
import { tempStore, type TempStore } from '../../../testing/fhir-server/temp-store';
import { FhirImporter, type FhirImportResult } from './fhir-import';
import { PatientLinks } from './patient-links';
import { FhirResourceStore } from './resource-store';

const SYNTHEA = 'fhir/synthea-r4';
const syntheaDir = sharedData(SYNTHEA);
let store: TempStore | undefined;
afterEach(() => store?.cleanup());

function allReferences(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => allReferences(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'reference' && typeof v === 'string') out.push(v);
      else allReferences(v, out);
    }
  }
  return out;
}

describe('FHIR import', () => {
  it('imports a transaction bundle: urn:uuid references become Type/id, contained and relative ones are kept', () => {
    store = tempStore();
    const bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        { fullUrl: 'urn:uuid:11111111-1111-4111-8111-111111111111', resource: { resourceType: 'Patient', identifier: [{ value: 'MRN-7' }] }, request: { method: 'POST', url: 'Patient' } },
        {
          fullUrl: 'urn:uuid:22222222-2222-4222-8222-222222222222',
          resource: {
            resourceType: 'Observation',
            status: 'final',
            code: { text: 'heart rate' },
            subject: { reference: 'urn:uuid:11111111-1111-4111-8111-111111111111' },
            performer: [{ reference: 'Practitioner/p9' }, { reference: '#c1' }],
            valueQuantity: { value: 61, unit: '/min' },
          },
          request: { method: 'POST', url: 'Observation' },
        },
        { fullUrl: 'http://other.example/fhir/Device/d1', resource: { resourceType: 'Device', id: 'd1' } },
        { resource: { resourceType: 'EncounterHistory', id: 'eh1', subject: { reference: 'http://other.example/fhir/Device/d1' } } },
      ],
    };
    const result: FhirImportResult = { counts: {}, errors: [] };
    new FhirImporter(store.db, store.audit, store.actor).importText(JSON.stringify(bundle), 'b.json', result);
    expect(result).toEqual({ counts: { Patient: 1, Observation: 1, Device: 1, EncounterHistory: 1 }, errors: [] });
    const resources = new FhirResourceStore(store.db);
    const obs = resources.get('Observation', '22222222-2222-4222-8222-222222222222')!;
    expect(allReferences(obs.resource)).toEqual(['Patient/11111111-1111-4111-8111-111111111111', 'Practitioner/p9', '#c1']);
    expect(obs.patientRef).toBe('Patient/11111111-1111-4111-8111-111111111111');
    // A type this workstation does not know is kept verbatim (its absolute reference made relative like any other).
    expect(resources.get('EncounterHistory', 'eh1')!.resource).toEqual({ resourceType: 'EncounterHistory', id: 'eh1', subject: { reference: 'Device/d1' } });
  });

  it('imports NDJSON line by line and reports bad lines without dropping good ones', () => {
    store = tempStore();
    const ndjson = [
      JSON.stringify({ resourceType: 'Patient', id: 'pa' }),
      JSON.stringify({ resourceType: 'Condition', id: 'c1', subject: { reference: 'Patient/pa' } }),
      '{not json',
      '',
      JSON.stringify({ resourceType: 'Condition', id: 'c2', subject: { reference: 'Patient/pa' } }),
    ].join('\n');
    const result: FhirImportResult = { counts: {}, errors: [] };
    new FhirImporter(store.db, store.audit, store.actor).importText(ndjson, 'Condition.ndjson', result);
    expect(result.counts).toEqual({ Patient: 1, Condition: 2 });
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(/^Condition\.ndjson:3:/);
    expect(new FhirResourceStore(store.db).forPatient('Patient/pa').map((r) => r.id)).toEqual(['c1', 'c2', 'pa']);
  });

  it('links a DICOM patient by identifier, and by hand when identifiers differ', () => {
    store = tempStore();
    store.addDicomPatient('MRN-7');
    store.addDicomPatient('CT-0042');
    const importer = new FhirImporter(store.db, store.audit, store.actor);
    const result: FhirImportResult = { counts: {}, errors: [] };
    importer.importText(JSON.stringify({ resourceType: 'Patient', id: 'x', identifier: [{ system: 'urn:mrn', value: 'MRN-7' }] }), 'p.json', result);
    importer.importText(JSON.stringify({ resourceType: 'Patient', id: 'y', identifier: [{ value: 'other' }] }), 'q.json', result);
    const links = new PatientLinks(store.db, store.audit, store.actor);
    expect(links.linkByIdentifier().map((l) => [l.patientKey, l.fhirPatientId, l.method])).toEqual([['MRN-7', 'x', 'identifier']]);
    expect(links.linkByIdentifier()).toEqual([]); // idempotent
    links.link('CT-0042', 'y');
    expect(links.list().map((l) => [l.patientKey, l.fhirPatientId, l.method])).toEqual([
      ['CT-0042', 'y', 'manual'],
      ['MRN-7', 'x', 'identifier'],
    ]);
    expect(() => links.link('CT-0042', 'nobody')).toThrow(/no FHIR Patient/);
    const audit = store.audit.recent(50);
    expect(audit.filter((a) => a.entityType === 'PatientLink' && a.action === 'create').map((a) => a.patientKey).sort()).toEqual(['CT-0042', 'MRN-7']);
  });

  describe.skipIf(!syntheaDir)(`Synthea R4 sample ${syntheaDir ? '' : missingDataMessage(SYNTHEA)}`, () => {
    it('imports the five patients and the hospital and practitioner bundles with every reference resolved', () => {
      store = tempStore();
      const files = readdirSync(syntheaDir!).filter((f) => f.endsWith('.json')).map((f) => path.join(syntheaDir!, f));
      store.addDicomPatient('fc712d1f-5a2e-4407-9c55-a2a2bad623c2'); // Synthea's MRN for Alberto Atencio
      const result = new FhirImporter(store.db, store.audit, store.actor).importFiles(files);
      expect(result.errors).toEqual([]);
      expect(result.counts.Patient).toBe(5);
      // Per-type counts of entries in the files (hospital and practitioner bundles repeat some organisations).
      expect(result.counts.Observation).toBe(187);
      expect(result.counts.Encounter).toBe(28);
      expect(result.counts.Condition).toBe(11);
      expect(result.counts.MedicationRequest).toBe(6);
      expect(result.counts.Immunization).toBe(26);
      const rows = store.db.prepare('SELECT json FROM fhir_resources').all() as { json: string }[];
      const refs = rows.flatMap((r) => allReferences(JSON.parse(r.json)));
      expect(refs.length).toBeGreaterThan(500);
      expect(refs.filter((r) => r.startsWith('urn:uuid:'))).toEqual([]);
      // Every Type/id reference points at a stored resource (contained '#…' references excepted).
      const ids = new Set((store.db.prepare('SELECT resource_type, id FROM fhir_resources').all() as { resource_type: string; id: string }[]).map((r) => `${r.resource_type}/${r.id}`));
      const dangling = refs.filter((r) => !r.startsWith('#') && !ids.has(r));
      expect(dangling).toEqual([]);
      const patientId = (JSON.parse(String((store.db.prepare("SELECT json FROM fhir_resources WHERE resource_type='Patient' AND json LIKE '%Atencio%'").get() as { json: string }).json)) as { id: string }).id;
      expect(new PatientLinks(store.db, store.audit, store.actor).list('fc712d1f-5a2e-4407-9c55-a2a2bad623c2').map((l) => l.fhirPatientId)).toEqual([patientId]);
      const importAudit = store.audit.recent(100).filter((a) => a.action === 'import');
      expect(importAudit.length).toBeGreaterThanOrEqual(7);
    });
  });
});
