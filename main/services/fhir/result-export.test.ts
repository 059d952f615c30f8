import { afterEach, describe, expect, it } from 'vitest';
import type { Device, DiagnosticReport, Extension, ImagingStudy, Observation, Provenance, Resource, RiskAssessment, ServiceRequest } from '@medplum/fhirtypes';
import { startFhirTestServer, type FhirTestServer } from '../../../testing/fhir-server/fhir-test-server';
import { tempStore, type TempStore } from '../../../testing/fhir-server/temp-store';
import { FhirOutbox } from '../sync/outbox';
import { MemorySecretStore } from '../sync/secret-store';
import { SyncEngine } from '../sync/sync-engine';
import { FhirImporter } from './fhir-import';
import type { ArrhythmiaSimulationResult } from './mapping/arrhythmia-result';
import { dicomDateTime } from './mapping/imaging-study';
import { JOB_ID_EXTENSION } from './mapping/provenance';
import type { RtPlanSummary } from './mapping/rt-plan-summary';
import { PatientLinks } from './patient-links';
import { ExportError, ResultExporter } from './result-export';

let store: TempStore | undefined;
let server: FhirTestServer | undefined;
afterEach(async () => {
  await server?.close();
  store?.cleanup();
  server = undefined;
});

const SOFTWARE = { name: 'Twin Workstation', version: '0.1.0' };
const JOB = { id: 'job-42', kind: 'rt.optimise', finishedAt: '2026-11-24T10:00:00Z' };

/** A prostate IMRT plan: 78 Gy in 39 fractions to the PTV, with typical DVH metrics. */
const PLAN: RtPlanSummary = {
  planUid: '1.2.826.0.1.3680043.8.498.1',
  planLabel: 'Prostate IMRT',
  modality: 'photon',
  technique: 'IMRT',
  intent: 'curative',
  targets: [{ name: 'PTV', totalDoseGy: 78, fractions: 39 }],
  dvh: [
    { structure: 'PTV', metric: 'D95%', value: 76.4, unit: 'Gy' },
    { structure: 'Rectum', metric: 'V70Gy', value: 14.2, unit: '%' },
    { structure: 'Bladder', metric: 'Dmean', value: 31.5, unit: 'Gy' },
  ],
  issued: '2026-11-24T10:00:00Z',
};

const EP: ArrhythmiaSimulationResult = {
  runId: 'run-7',
  scenario: 'adrenaline challenge, S1-S2 pacing',
  qtMs: 392,
  qtcMs: 431,
  inducible: true,
  shortestCapturedS2Ms: 260,
  riskProbability: 0.35,
  completedAt: '2026-11-24T11:00:00Z',
};

function setupLinkedPatient(s: TempStore): void {
  s.addDicomPatient('K1');
  new FhirImporter(s.db, s.audit, s.actor).importText(JSON.stringify({ resourceType: 'Patient', id: 'p1' }), 'p.json', { counts: {}, errors: [] });
  new PatientLinks(s.db, s.audit, s.actor).link('K1', 'p1');
}

function addStudy(s: TempStore): void {
  const now = new Date().toISOString();
  const patientRef = (s.db.prepare("SELECT id FROM patients WHERE patient_key = 'K1'").get() as { id: number }).id;
  const study = s.db.prepare("INSERT INTO studies (study_instance_uid, patient_ref, study_date, study_time, description, accession_number, created_at) VALUES ('1.2.3', ?, '20260105', '134501.25', 'CT thorax', 'ACC9', ?)").run(patientRef, now).lastInsertRowid;
  // One series split in two by geometry (same SeriesInstanceUID), and one more series.
  const addSeries = (key: string, uid: string, modality: string, n: number, first: number) => {
    const id = s.db.prepare("INSERT INTO series (series_key, series_instance_uid, study_ref, modality, description, series_number, created_at) VALUES (?, ?, ?, ?, 'axial', 2, ?)").run(key, uid, study, modality, now).lastInsertRowid;
    for (let i = 0; i < n; i++) {
      s.db.prepare("INSERT INTO instances (sop_instance_uid, series_ref, sop_class_uid, sort_index, instance_number, transfer_syntax_uid, file_path, file_size) VALUES (?, ?, '1.2.840.10008.5.1.4.1.1.2', ?, ?, '1.2.840.10008.1.2.1', '/x', 1)").run(`${uid}.${first + i}`, id, i, first + i);
    }
  };
  addSeries('1.2.3.4', '1.2.3.4', 'CT', 3, 1);
  addSeries('1.2.3.4#2', '1.2.3.4', 'CT', 2, 4);
  addSeries('1.2.3.5', '1.2.3.5', 'RTSTRUCT', 1, 1);
}

const ext = (exts: Extension[] | undefined, url: string) => exts?.find((e) => e.url.endsWith(url));

describe('results to FHIR with provenance', () => {
  it('maps a stored study to an ImagingStudy', () => {
    store = tempStore();
    setupLinkedPatient(store);
    addStudy(store);
    const [device, study, provenance] = new ResultExporter(store.db, store.audit, store.actor, SOFTWARE).exportImagingStudy('1.2.3', { id: 'job-1', kind: 'dicom.import' }) as [Resource, ImagingStudy, Provenance];
    expect(device.resourceType).toBe('Device');
    expect(study).toMatchObject({
      resourceType: 'ImagingStudy',
      status: 'available',
      subject: { reference: 'Patient/p1' },
      started: '2026-01-05T13:45:01',
      numberOfSeries: 2,
      numberOfInstances: 6,
      identifier: [{ system: 'urn:dicom:uid', value: 'urn:oid:1.2.3' }, { value: 'ACC9' }],
    });
    expect(study.series!.map((s) => [s.uid, s.modality.code, s.numberOfInstances])).toEqual([
      ['1.2.3.4', 'CT', 5],
      ['1.2.3.5', 'RTSTRUCT', 1],
    ]);
    expect(study.series![0]!.instance![0]!.sopClass).toEqual({ system: 'urn:ietf:rfc:3986', code: 'urn:oid:1.2.840.10008.5.1.4.1.1.2' });
    expect(provenance.target).toEqual([{ reference: `ImagingStudy/${study.id}` }]);
    expect(dicomDateTime('20260105', null)).toBe('2026-01-05');
  });

  it('maps an RT plan summary after CodeX RT: planned course, volume, DVH observations in a report', () => {
    store = tempStore();
    setupLinkedPatient(store);
    const out = new ResultExporter(store.db, store.audit, store.actor, SOFTWARE).exportRtPlanSummary('K1', PLAN, [{ reference: 'ImagingStudy/abc' }], JOB);
    const sr = out.find((r) => r.resourceType === 'ServiceRequest') as ServiceRequest;
    expect(sr.meta?.profile).toEqual(['http://hl7.org/fhir/us/codex-radiation-therapy/StructureDefinition/codexrt-radiotherapy-planned-course']);
    expect(sr.code?.coding?.[0]?.code).toBe('1217123003');
    const dose = ext(sr.extension, 'codexrt-radiotherapy-dose-planned-to-volume')!;
    expect(ext(dose.extension, 'totalDose')!.valueQuantity).toMatchObject({ value: 7800, code: 'cGy' });
    expect(ext(dose.extension, 'fractions')!.valuePositiveInt).toBe(39);
    const volume = out.find((r) => r.resourceType === 'BodyStructure')!;
    expect(ext(dose.extension, 'volume')!.valueReference!.reference).toBe(`BodyStructure/${volume.id}`);
    const technique = ext(ext(sr.extension, 'mcode-radiotherapy-modality-and-technique')!.extension, 'technique')!;
    expect(technique.valueCodeableConcept!.coding![0]!.code).toBe('441799006');
    const report = out.find((r) => r.resourceType === 'DiagnosticReport') as DiagnosticReport;
    const observations = out.filter((r) => r.resourceType === 'Observation') as Observation[];
    expect(report.result!.map((r) => r.reference)).toEqual(observations.map((o) => `Observation/${o.id}`));
    expect(observations.map((o) => [o.code.coding![0]!.code, o.bodySite!.text, o.valueQuantity!.value, o.valueQuantity!.code])).toEqual([
      ['D95%', 'PTV', 76.4, 'Gy'],
      ['V70Gy', 'Rectum', 14.2, '%'],
      ['Dmean', 'Bladder', 31.5, 'Gy'],
    ]);
    const provenance = out.find((r) => r.resourceType === 'Provenance') as Provenance;
    expect(provenance.target).toHaveLength(out.length - 2); // everything but the Device and itself
    expect(provenance.entity).toEqual([{ role: 'source', what: { reference: 'ImagingStudy/abc' } }]);
    expect(provenance.extension).toEqual([{ url: JOB_ID_EXTENSION, valueString: 'job-42' }]);
    expect(provenance.agent![0]!.who!.reference).toBe(`Device/${out[0]!.id}`);
  });

  it('names the learned model a plan used in its Provenance: a versioned Device as source entity and agent', () => {
    store = tempStore();
    setupLinkedPatient(store);
    const model = { name: 'dose-volume-predictor', version: '0.1.0' };
    const out = new ResultExporter(store.db, store.audit, store.actor, SOFTWARE).exportRtPlanSummary('K1', PLAN, [], { ...JOB, models: [model] });
    const devices = out.filter((r) => r.resourceType === 'Device') as Device[];
    expect(devices).toHaveLength(2);
    const modelDevice = devices.find((d) => d.deviceName?.[0]?.name === 'dose-volume-predictor v0.1.0')!;
    expect(modelDevice.version).toEqual([{ value: '0.1.0' }]);
    const provenance = out.find((r) => r.resourceType === 'Provenance') as Provenance;
    const ref = { reference: `Device/${modelDevice.id}`, display: 'dose-volume-predictor v0.1.0' };
    expect(provenance.entity).toEqual([{ role: 'source', what: ref }]);
    expect(provenance.agent!.map((a) => [a.type!.coding![0]!.code, a.who!.display])).toEqual([
      ['assembler', SOFTWARE.name],
      ['informant', 'dose-volume-predictor v0.1.0'],
    ]);
    expect(provenance.target).toHaveLength(out.length - 3); // everything but the two Devices and itself
  });

  it('maps an arrhythmia simulation: QT/QTc (LOINC), inducibility, a RiskAssessment based on them, and a report', () => {
    store = tempStore();
    setupLinkedPatient(store);
    const out = new ResultExporter(store.db, store.audit, store.actor, SOFTWARE).exportArrhythmiaResult('K1', EP, [], { id: 'job-9', kind: 'ep.simulate' });
    const observations = out.filter((r) => r.resourceType === 'Observation') as Observation[];
    expect(observations.map((o) => o.code.coding![0]!.code)).toEqual(['8634-8', '8636-3', 'reentry-inducible', 'shortest-captured-s2']);
    expect(observations[0]!.valueQuantity).toEqual({ value: 392, unit: 'ms', system: 'http://unitsofmeasure.org', code: 'ms' });
    expect(observations[2]!.valueBoolean).toBe(true);
    const risk = out.find((r) => r.resourceType === 'RiskAssessment') as RiskAssessment;
    expect(risk.prediction![0]!.probabilityDecimal).toBe(0.35);
    expect(risk.basis).toHaveLength(4);
    expect((out.find((r) => r.resourceType === 'DiagnosticReport') as DiagnosticReport).conclusion).toMatch(/inducible/);
  });

  it('refuses to export for a patient with no FHIR link', () => {
    store = tempStore();
    store.addDicomPatient('K2');
    expect(() => new ResultExporter(store!.db, store!.audit, store!.actor, SOFTWARE).exportArrhythmiaResult('K2', EP, [], JOB)).toThrow(ExportError);
  });

  it('queues the results atomically, re-exports in place, and the sync delivers them with resolvable references', async () => {
    store = tempStore();
    setupLinkedPatient(store);
    const exporter = new ResultExporter(store.db, store.audit, store.actor, SOFTWARE);
    const rt = exporter.exportRtPlanSummary('K1', PLAN, [], JOB);
    const ep = exporter.exportArrhythmiaResult('K1', EP, [], { id: 'job-9', kind: 'ep.simulate' });
    const outbox = new FhirOutbox(store.db, store.audit, store.actor);
    const queued = outbox.queuedCount();
    expect(queued).toBe(rt.length + ep.length - 1); // the Device is shared
    exporter.exportArrhythmiaResult('K1', EP, [], { id: 'job-9', kind: 'ep.simulate' });
    expect(outbox.queuedCount()).toBe(queued); // same ids: squashed, not duplicated
    server = await startFhirTestServer();
    const result = await new SyncEngine(store.db, store.audit, store.actor).sync({ server: { site: 't', baseUrl: server.url, auth: { kind: 'none' } }, secrets: new MemorySecretStore() });
    expect(result).toMatchObject({ pushed: queued, conflicts: 0, errors: [] });
    const all = ['Device', 'BodyStructure', 'ServiceRequest', 'Observation', 'DiagnosticReport', 'RiskAssessment', 'Provenance'].flatMap((t) => server!.repo.all(t));
    expect(all).toHaveLength(queued);
    const ids = new Set(all.map((r) => `${r.resourceType}/${r.id}`));
    const refs = JSON.stringify(all).match(/"reference":"[^"]+"/g)!.map((m) => m.slice(13, -1));
    expect(refs.filter((r) => !ids.has(r) && r !== 'Patient/p1')).toEqual([]);
  });
});
