/**
 * A patient's FHIR record shaped for the timeline: conditions, medications and encounters in time order, and numeric
 * observations grouped into series (one per code and unit) for charts. Panel observations such as blood pressure
 * (LOINC 85354-9) carry their values in components: each component becomes its own series (systolic, diastolic).
 * Reading it writes one audit row.
 */
import type { CodeableConcept, Condition, Encounter, MedicationRequest, MedicationStatement, Observation, Quantity } from '@medplum/fhirtypes';
import type { AuditLog } from '../audit/audit-log';
import type { StoreDatabase } from '../store/open-store';
import { FhirResourceStore } from './resource-store';

export interface TimelineItem {
  id: string;
  resourceType: string;
  display: string;
  start: string | null;
  end: string | null;
  status: string | null;
}

export interface ObservationSeries {
  system: string | null;
  code: string;
  display: string;
  unit: string;
  points: { time: string; value: number }[];
}

export interface PatientRecord {
  patientKey: string;
  fhirPatientIds: string[];
  conditions: TimelineItem[];
  medications: TimelineItem[];
  encounters: TimelineItem[];
  observationSeries: ObservationSeries[];
}

export function conceptText(concept: CodeableConcept | undefined): string {
  return concept?.text ?? concept?.coding?.find((c) => c.display)?.display ?? concept?.coding?.[0]?.code ?? '(uncoded)';
}

function byStart(a: TimelineItem, b: TimelineItem): number {
  return (a.start ?? '').localeCompare(b.start ?? '');
}

export class PatientRecordReader {
  private readonly store: FhirResourceStore;
  constructor(
    private readonly db: StoreDatabase,
    private readonly audit: AuditLog,
    private readonly actor: string,
  ) {
    this.store = new FhirResourceStore(db);
  }

  read(patientKey: string): PatientRecord {
    const ids = (this.db.prepare('SELECT fhir_patient_id FROM fhir_patient_links WHERE patient_key = ? ORDER BY created_at').all(patientKey) as { fhir_patient_id: string }[]).map(
      (r) => r.fhir_patient_id,
    );
    const record: PatientRecord = { patientKey, fhirPatientIds: ids, conditions: [], medications: [], encounters: [], observationSeries: [] };
    const series = new Map<string, ObservationSeries>();
    const addPoint = (code: CodeableConcept, quantity: Quantity | undefined, time: string | undefined): void => {
      if (quantity?.value === undefined || !time) return;
      const coding = code.coding?.[0];
      const unit = quantity.unit ?? quantity.code ?? '';
      const key = `${coding?.system ?? ''}|${coding?.code ?? conceptText(code)}|${unit}`;
      let s = series.get(key);
      if (!s) {
        s = { system: coding?.system ?? null, code: coding?.code ?? conceptText(code), display: conceptText(code), unit, points: [] };
        series.set(key, s);
      }
      s.points.push({ time, value: quantity.value });
    };

    for (const id of ids) {
      for (const { resource } of this.store.forPatient(`Patient/${id}`, ['Condition', 'MedicationRequest', 'MedicationStatement', 'Encounter', 'Observation'])) {
        switch (resource.resourceType) {
          case 'Condition': {
            const c = resource as Condition;
            record.conditions.push({ id: c.id!, resourceType: 'Condition', display: conceptText(c.code), start: c.onsetDateTime ?? c.recordedDate ?? null, end: c.abatementDateTime ?? null, status: c.clinicalStatus?.coding?.[0]?.code ?? null });
            break;
          }
          case 'MedicationRequest': {
            const m = resource as MedicationRequest;
            record.medications.push({ id: m.id!, resourceType: 'MedicationRequest', display: conceptText(m.medicationCodeableConcept), start: m.authoredOn ?? null, end: null, status: m.status ?? null });
            break;
          }
          case 'MedicationStatement': {
            const m = resource as MedicationStatement;
            record.medications.push({ id: m.id!, resourceType: 'MedicationStatement', display: conceptText(m.medicationCodeableConcept), start: m.effectiveDateTime ?? m.effectivePeriod?.start ?? null, end: m.effectivePeriod?.end ?? null, status: m.status ?? null });
            break;
          }
          case 'Encounter': {
            const e = resource as Encounter;
            record.encounters.push({ id: e.id!, resourceType: 'Encounter', display: conceptText(e.type?.[0]), start: e.period?.start ?? null, end: e.period?.end ?? null, status: e.status ?? null });
            break;
          }
          case 'Observation': {
            const o = resource as Observation;
            const time = o.effectiveDateTime ?? o.effectivePeriod?.start ?? o.issued;
            addPoint(o.code, o.valueQuantity, time);
            for (const component of o.component ?? []) addPoint(component.code, component.valueQuantity, time);
            break;
          }
        }
      }
    }
    record.conditions.sort(byStart);
    record.medications.sort(byStart);
    record.encounters.sort(byStart);
    record.observationSeries = [...series.values()]
      .map((s) => ({ ...s, points: s.points.sort((a, b) => a.time.localeCompare(b.time)) }))
      .sort((a, b) => a.display.localeCompare(b.display));
    this.audit.record({ actor: this.actor, action: 'read', entityType: 'PatientRecord', entityId: ids.map((i) => `Patient/${i}`).join(',') || null, patientKey });
    return record;
  }
}
