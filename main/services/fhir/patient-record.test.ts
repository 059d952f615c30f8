import path from 'node:path';
import { readdirSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { missingDataMessage, sharedData } from '../../../testing/shared-data';
import { tempStore, type TempStore } from '../../../testing/fhir-server/temp-store';
import { FhirImporter } from './fhir-import';
import { PatientRecordReader } from './patient-record';

const SYNTHEA = 'fhir/synthea-r4';
const syntheaDir = sharedData(SYNTHEA);
let store: TempStore | undefined;
afterEach(() => store?.cleanup());

describe('patient record for the timeline', () => {
  it('splits blood-pressure panels into systolic and diastolic series and sorts points in time', () => {
    store = tempStore();
    store.addDicomPatient('K1', 'MRN1');
    const bp = (id: string, t: string, sys: number, dia: number) => ({
      resourceType: 'Observation',
      id,
      status: 'final',
      subject: { reference: 'Patient/p' },
      effectiveDateTime: t,
      code: { coding: [{ system: 'http://loinc.org', code: '85354-9', display: 'Blood pressure panel' }] },
      component: [
        { code: { coding: [{ system: 'http://loinc.org', code: '8480-6', display: 'Systolic blood pressure' }] }, valueQuantity: { value: sys, unit: 'mm[Hg]' } },
        { code: { coding: [{ system: 'http://loinc.org', code: '8462-4', display: 'Diastolic blood pressure' }] }, valueQuantity: { value: dia, unit: 'mm[Hg]' } },
      ],
    });
    const bundle = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        { resource: { resourceType: 'Patient', id: 'p', identifier: [{ value: 'MRN1' }] } },
        { resource: bp('b2', '2026-02-01', 130, 85) },
        { resource: bp('b1', '2026-01-01', 120, 80) },
        { resource: { resourceType: 'Condition', id: 'c', subject: { reference: 'Patient/p' }, code: { text: 'Hypertension' }, onsetDateTime: '2025-05-01' } },
      ],
    };
    const file = path.join(store.dir, 'b.json');
    writeFileSync(file, JSON.stringify(bundle));
    new FhirImporter(store.db, store.audit, store.actor).importFiles([file]);
    const record = new PatientRecordReader(store.db, store.audit, store.actor).read('K1');
    expect(record.fhirPatientIds).toEqual(['p']);
    expect(record.conditions.map((c) => c.display)).toEqual(['Hypertension']);
    expect(record.observationSeries.map((s) => [s.code, s.unit, s.points.map((p) => p.value)])).toEqual([
      ['8462-4', 'mm[Hg]', [80, 85]],
      ['8480-6', 'mm[Hg]', [120, 130]],
    ]);
    expect(store.audit.recent(1)[0]).toMatchObject({ action: 'read', entityType: 'PatientRecord', patientKey: 'K1' });
  });

  it.skipIf(!syntheaDir)(`reads a Synthea patient's timeline ${syntheaDir ? '' : missingDataMessage(SYNTHEA)}`, () => {
    store = tempStore();
    store.addDicomPatient('K1', 'fc712d1f-5a2e-4407-9c55-a2a2bad623c2');
    const files = readdirSync(syntheaDir!).filter((f) => f.endsWith('.json')).map((f) => path.join(syntheaDir!, f));
    new FhirImporter(store.db, store.audit, store.actor).importFiles(files);
    const record = new PatientRecordReader(store.db, store.audit, store.actor).read('K1');
    expect(record.encounters.length).toBe(6);
    expect(record.conditions.length).toBe(3);
    const units = new Map(record.observationSeries.map((s) => [s.code, s.unit]));
    expect(units.get('8480-6')).toBe('mm[Hg]'); // systolic
    expect(units.get('29463-7')).toBe('kg'); // body weight
    expect(units.get('718-7')).toBe('g/dL'); // haemoglobin
    const starts = record.encounters.map((e) => e.start!);
    expect([...starts].sort()).toEqual(starts);
  });
});
