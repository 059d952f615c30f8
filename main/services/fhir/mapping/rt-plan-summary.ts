/**
 * A radiotherapy plan summary as FHIR, after the HL7 CodeX Radiation Therapy IG (STU 2) and mCODE:
 * - a ServiceRequest "Radiotherapy Planned Course" (profile codexrt-radiotherapy-planned-course) with the modality and
 *   technique and a "dose planned to volume" extension (totalDose in cGy, fractions) per target volume;
 * - a BodyStructure "Radiotherapy Volume" per target (profile mcode-radiotherapy-volume);
 * - a DiagnosticReport grouping one Observation per DVH metric (D95%, V20Gy, Dmean …) of each structure.
 * DVH metrics have no LOINC/SNOMED codes, so they carry the workstation's own code system and the metric as text.
 */
import type { Patient, BodyStructure, DiagnosticReport, Extension, Observation, Reference, ServiceRequest } from '@medplum/fhirtypes';
import { reference, stableId } from './provenance';

const CODEXRT = 'http://hl7.org/fhir/us/codex-radiation-therapy/StructureDefinition';
const MCODE = 'http://hl7.org/fhir/us/mcode/StructureDefinition';
const SNOMED = 'http://snomed.info/sct';
const UCUM = 'http://unitsofmeasure.org';
export const DVH_METRIC_SYSTEM = 'urn:twin-workstation:fhir:dvh-metric';

/**
 * SNOMED CT codes from the CodeX RT IG examples and mCODE's photon-beam technique value set; only what the
 * workstation's dose engine plans (photons) is listed.
 */
const MODALITY_CODES = {
  photon: { code: '1156506007', display: 'External beam radiation therapy using photons (procedure)' },
} as const;
const TECHNIQUE_CODES = {
  IMRT: { code: '441799006', display: 'Intensity modulated radiation therapy (procedure)' },
  VMAT: { code: '1156530009', display: 'Volumetric Modulated Arc Therapy (procedure)' },
} as const;

export interface DvhMetric {
  structure: string;
  /** e.g. 'D95%', 'V20Gy', 'Dmean', 'Dmax' */
  metric: string;
  value: number;
  unit: 'Gy' | '%' | 'cm3';
}

export interface RtPlanSummary {
  planUid: string;
  planLabel: string;
  modality: keyof typeof MODALITY_CODES;
  technique: keyof typeof TECHNIQUE_CODES;
  intent?: 'curative' | 'palliative';
  targets: { name: string; totalDoseGy: number; fractions: number }[];
  dvh: DvhMetric[];
  /** When the plan was approved or computed (ISO dateTime). */
  issued: string;
}

export interface RtPlanResources {
  serviceRequest: ServiceRequest & { id: string };
  volumes: (BodyStructure & { id: string })[];
  observations: (Observation & { id: string })[];
  report: DiagnosticReport & { id: string };
}

const UCUM_CODES: Record<DvhMetric['unit'], string> = { Gy: 'Gy', '%': '%', cm3: 'cm3' };

export function rtPlanSummaryToFhir(plan: RtPlanSummary, subject: Reference<Patient>): RtPlanResources {
  const volumes = plan.targets.map(
    (t): BodyStructure & { id: string } => ({
      resourceType: 'BodyStructure',
      id: stableId('rt-volume', plan.planUid, t.name),
      meta: { profile: [`${MCODE}/mcode-radiotherapy-volume`] },
      identifier: [{ use: 'usual', value: t.name }],
      description: t.name,
      patient: subject,
    }),
  );
  const modality = MODALITY_CODES[plan.modality];
  const technique = TECHNIQUE_CODES[plan.technique];
  const dosePlanned: Extension[] = plan.targets.map((t, i) => ({
    url: `${CODEXRT}/codexrt-radiotherapy-dose-planned-to-volume`,
    extension: [
      { url: 'volume', valueReference: reference(volumes[i]!, t.name) },
      // The IG states doses in cGy.
      { url: 'totalDose', valueQuantity: { value: Math.round(t.totalDoseGy * 100 * 1000) / 1000, unit: 'cGy', system: UCUM, code: 'cGy' } },
      { url: 'fractions', valuePositiveInt: t.fractions },
    ],
  }));
  const serviceRequest: ServiceRequest & { id: string } = {
    resourceType: 'ServiceRequest',
    id: stableId('rt-planned-course', plan.planUid),
    meta: { profile: [`${CODEXRT}/codexrt-radiotherapy-planned-course`] },
    extension: [
      {
        url: `${MCODE}/mcode-radiotherapy-modality-and-technique`,
        extension: [
          { url: 'modality', valueCodeableConcept: { coding: [{ system: SNOMED, ...modality }] } },
          { url: 'technique', valueCodeableConcept: { coding: [{ system: SNOMED, ...technique }] } },
        ],
      },
      ...dosePlanned,
      ...(plan.intent
        ? [
            {
              url: `${MCODE}/mcode-procedure-intent`,
              valueCodeableConcept: {
                coding: [
                  plan.intent === 'curative'
                    ? { system: SNOMED, code: '373808002', display: 'Curative - procedure intent' }
                    : { system: SNOMED, code: '363676003', display: 'Palliative - procedure intent' },
                ],
              },
            },
          ]
        : []),
    ],
    identifier: [{ use: 'official', system: 'urn:dicom:uid', value: `urn:oid:${plan.planUid}` }, { use: 'usual', value: plan.planLabel }],
    status: 'draft',
    intent: 'plan',
    category: [{ coding: [{ system: SNOMED, code: '108290001', display: 'Radiation oncology AND/OR radiotherapy (procedure)' }] }],
    code: { coding: [{ system: SNOMED, code: '1217123003', display: 'Radiotherapy course of treatment (regime/therapy)' }] },
    subject,
    authoredOn: plan.issued,
  };
  const observations = plan.dvh.map(
    (m): Observation & { id: string } => ({
      resourceType: 'Observation',
      id: stableId('dvh', plan.planUid, m.structure, m.metric),
      status: 'final',
      category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'procedure' }] }],
      code: { coding: [{ system: DVH_METRIC_SYSTEM, code: m.metric }], text: `${m.metric} of ${m.structure}` },
      subject,
      bodySite: { text: m.structure },
      basedOn: [reference(serviceRequest)],
      effectiveDateTime: plan.issued,
      valueQuantity: { value: m.value, unit: m.unit, system: UCUM, code: UCUM_CODES[m.unit] },
    }),
  );
  const report: DiagnosticReport & { id: string } = {
    resourceType: 'DiagnosticReport',
    id: stableId('rt-plan-report', plan.planUid),
    status: 'final',
    category: [{ coding: [{ system: SNOMED, code: '108290001', display: 'Radiation oncology AND/OR radiotherapy (procedure)' }] }],
    code: { text: `Radiotherapy plan dose-volume summary: ${plan.planLabel}` },
    subject,
    basedOn: [reference(serviceRequest)],
    effectiveDateTime: plan.issued,
    issued: plan.issued,
    result: observations.map((o) => reference(o, o.code.text)),
  };
  return { serviceRequest, volumes, observations, report };
}
